/**
 * Reading one sheet of an `.xlsx` workbook with exceljs into plain data a tape can be read
 * from: each row's cells as typed values (text, number, date, …), formulas as their cached
 * values, merged cells resolved. exceljs is imported here, on first use only: `ipabs run` on a
 * CSV deal never loads it. Asynchronous (exceljs unzips with promises); loading a deal runs it
 * in a worker thread (./xlsxBridge.ts).
 */
import type { Cell, CellValue, Workbook, Worksheet } from 'exceljs';

/**
 * A cell as the tape reader needs it: text; a number (`pct` when its format shows a
 * percentage); a date cell (`d`: milliseconds since 1970, UTC, as exceljs gives it); a boolean; an
 * error value (`#N/A`); or a formula saved without its value (`f`: the formula).
 */
export type SheetCell = string | { n: number; pct?: true } | { d: number } | { b: boolean } | { e: string } | { f: string };

/** One sheet: its name, its date system and its rows that hold a cell (index 0 is column A). */
export interface SheetData {
  sheet: string;
  sheets: string[];
  date1904: boolean;
  rows: { row: number; cells: (SheetCell | null)[] }[];
}

/** A sheet, or why there is none. */
export type SheetResult = { data: SheetData } | { error: string; sheets?: string[] };

/** The sheet a deal file names: by name, or by number (1 is the first); default the first. */
export type SheetChoice = string | number | undefined;

/** The sheet chosen, or why not (no such name or number, listing the sheets). */
function chooseSheet(wb: Workbook, choice: SheetChoice): Worksheet | { error: string; sheets: string[] } {
  const sheets = wb.worksheets;
  const names = sheets.map((s) => s.name);
  if (sheets.length === 0) return { error: 'the workbook has no sheets', sheets: names };
  if (choice === undefined) return sheets[0]!;
  const found = typeof choice === 'number' ? sheets[choice - 1] : sheets.find((s) => s.name === choice);
  if (found) return found;
  const list = names.map((n, i) => `${i + 1}: ${n}`).join(', ');
  return {
    error: typeof choice === 'number' ? `the workbook has no sheet ${choice} (it has ${sheets.length}: ${list})` : `the workbook has no sheet named ${JSON.stringify(choice)} (its sheets: ${list})`,
    sheets: names,
  };
}

/** True when a number format shows a percentage: a % outside quoted text. */
function isPercentFormat(numFmt: string | undefined): boolean {
  return numFmt !== undefined && numFmt.replace(/"[^"]*"|\\./g, '').includes('%');
}

/** A plain value (no formula) as a {@link SheetCell}. */
function plainCell(v: Exclude<CellValue, null | undefined>, numFmt: string | undefined): SheetCell | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return isPercentFormat(numFmt) ? { n: v, pct: true } : { n: v };
  if (typeof v === 'boolean') return { b: v };
  if (v instanceof Date) return { d: v.getTime() };
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('error' in v) return { e: String(v.error) };
  if ('hyperlink' in v) {
    const text: unknown = v.text;
    return typeof text === 'string' ? text : ((text as { richText?: { text: string }[] })?.richText ?? []).map((r) => r.text).join('');
  }
  return null;
}

/**
 * A cell's value: a formula's cached result (a formula saved without one, by a program that
 * does not compute, is `f`); a merged cell's value in the master's column only, so a header
 * merged across columns names one column, and a value merged down rows fills each row.
 */
function sheetCell(cell: Cell): SheetCell | null {
  let c = cell;
  if (c.isMerged && c.master !== c) {
    if (c.master.col !== c.col) return null;
    c = c.master;
  }
  const v = c.value;
  if (v === null || v === undefined) return null;
  if (typeof v === 'object' && !(v instanceof Date) && ('formula' in v || 'sharedFormula' in v)) {
    const result = v.result;
    if (result === undefined || result === null) return { f: ('formula' in v ? v.formula : v.sharedFormula) ?? '' };
    return plainCell(result as Exclude<CellValue, null | undefined>, c.numFmt);
  }
  return plainCell(v, c.numFmt);
}

/**
 * Reads the chosen sheet of a workbook's bytes. exceljs is loaded here, at the first call.
 * Date cells come as exceljs reads them (the workbook's 1900 or 1904 date system applied).
 */
export async function readSheet(bytes: Uint8Array, choice: SheetChoice): Promise<SheetResult> {
  const ExcelJS = (await import('exceljs')).default;
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer);
  } catch (err) {
    return { error: `not an .xlsx workbook exceljs can read (${String((err as Error)?.message ?? err).slice(0, 120)})` };
  }
  const ws = chooseSheet(wb, choice);
  if ('error' in ws) return ws;
  const rows: SheetData['rows'] = [];
  ws.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: (SheetCell | null)[] = [];
    for (let col = 1; col <= row.cellCount; col++) cells.push(sheetCell(row.getCell(col)));
    while (cells.length > 0 && cells[cells.length - 1] === null) cells.pop();
    if (cells.length > 0) rows.push({ row: rowNumber, cells });
  });
  const date1904 = (wb.properties as { date1904?: boolean }).date1904 === true;
  return { data: { sheet: ws.name, sheets: wb.worksheets.map((s) => s.name), date1904, rows } };
}
