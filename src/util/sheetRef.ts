/**
 * Where a cell of a workbook tape is, as Excel writes it: the tape's name in messages is
 * `tape.xlsx!Sheet1` (the file, then the sheet), its rows are the sheet's row numbers and its
 * columns the sheet's columns, so a diagnostic reads `tape.xlsx!Sheet1!E7`, which Excel's Name
 * Box takes as it is.
 */

/** A sheet name as Excel quotes it in a reference: `'Loan tape'` when it holds more than letters, digits, _ and . */
function quotedSheet(sheet: string): string {
  return /^[\p{L}\p{N}_.]+$/u.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * The name in messages of a sheet of a workbook file.
 *
 * @example sheetFile('deals/x.xlsx', 'Sheet1')    // 'deals/x.xlsx!Sheet1'
 * @example sheetFile('deals/x.xlsx', 'Loan tape') // "deals/x.xlsx!'Loan tape'"
 */
export function sheetFile(file: string, sheet: string): string {
  return `${file}!${quotedSheet(sheet)}`;
}

/** True for a name made by {@link sheetFile}: its lines are rows of a sheet. */
export function isSheetFile(file: string): boolean {
  return /\.xlsx!/i.test(file);
}

/**
 * Excel's letters of a 1-based column number.
 *
 * @example columnLetters(1)  // 'A'
 * @example columnLetters(28) // 'AB'
 */
export function columnLetters(column: number): string {
  let n = column;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

/**
 * The place of a diagnostic in a sheet: `!E7` for a cell, `!7:7` for a whole row (Excel's
 * reference of a row), after the sheet's name.
 */
export function cellRef(row: number, column?: number): string {
  return column === undefined ? `!${row}:${row}` : `!${columnLetters(column)}${row}`;
}
