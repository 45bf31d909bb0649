/**
 * A workbook tape: the rows of one sheet (./xlsxSheet.ts) read as a CSV tape is, through the
 * same {@link TapeRecords}, so the header names, units, value names and every check are the
 * CSV tape's. What is particular to a sheet is said here: which row is the header, and how a
 * typed cell (a number, a date, a percentage) becomes the text a CSV cell would hold.
 */
import { Decimal } from '../util/money.js';
import { dateOfMoment, excelSerialDate, readDateText } from '../dates/dateText.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import { ASSET_TAPE, isDateField, tapeColumns, TapeRecords, type TapeVisitor, type TapeVocabulary } from './tapeRecords.js';
import type { SheetCell, SheetData } from './xlsxSheet.js';
import type { TapeColumn } from '../deal/loaded.js';

/** How far down a sheet the header row is looked for (title and note rows above it). */
const HEADER_SEARCH_ROWS = 30;

/**
 * The text of a number as Excel shows it: at most 15 significant digits (all a double holds
 * exactly; `=0.1*3` is 0.3, not 0.30000000000000004), in plain notation, exact (Decimal).
 */
export function numberText(n: number): string {
  return new Decimal(n.toPrecision(15)).toFixed();
}

/**
 * The text of a cell as a CSV tape would hold it, for a column of `field`: a number in a date
 * column is an Excel serial (or, 8 digits, a date written 20240115), a date cell its ISO date, a
 * number formatted as a percentage its percentage ("4.9%"), an error value as Excel shows it.
 */
export function cellText(cell: SheetCell | null, field: string | undefined, date1904: boolean, vocab: TapeVocabulary = ASSET_TAPE): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if ('n' in cell) {
    if (field !== undefined && isDateField(field, vocab)) {
      const date = cell.n >= 1e7 ? readDateText(String(cell.n)) : excelSerialDate(cell.n, date1904);
      if (date !== undefined) return date;
    }
    return cell.pct ? `${new Decimal(cell.n.toPrecision(15)).times(100).toFixed()}%` : numberText(cell.n);
  }
  if ('d' in cell) return dateOfMoment(cell.d) ?? '';
  if ('b' in cell) return cell.b ? 'true' : 'false';
  if ('e' in cell) return cell.e;
  return '';
}

/** The header row: the one given, or of the first rows the one naming the most fields (the first of equals). */
function headerIndex(data: SheetData, knownFields: ReadonlySet<string>, given: number | undefined, vocab: TapeVocabulary): number {
  if (given !== undefined) return data.rows.findIndex((r) => r.row === given);
  let best = 0;
  let bestCount = 0;
  data.rows.slice(0, HEADER_SEARCH_ROWS).forEach((r, i) => {
    const names = r.cells.map((c) => cellText(c, undefined, data.date1904).trim());
    const count = tapeColumns(names, knownFields, vocab).filter((c) => c.field !== undefined).length;
    if (count > bestCount) {
      best = i;
      bestCount = count;
    }
  });
  return best;
}

/** What reading a sheet gave besides its rows (as a CSV tape's summary). */
export interface SheetSummary {
  columns: TapeColumn[];
  diagnostics: Diagnostic[];
  rows: number;
  failed: boolean;
}

/**
 * Reads a sheet as a tape: its header row (`headerRow`, 1-based as Excel numbers rows, or
 * found), then each row below with a value, cell by cell in the header's columns, each given to
 * `visit` as a CSV tape's row is. `file` is the sheet's name in messages (`x.xlsx!Sheet1`);
 * rows are the sheet's row numbers. A formula saved without its value is an error of its cell.
 */
export function readSheetTape(
  data: SheetData,
  file: string,
  type: string,
  knownFields: ReadonlySet<string>,
  defaults: Record<string, unknown>,
  visit: TapeVisitor,
  headerRow?: number,
  vocab: TapeVocabulary = ASSET_TAPE,
): SheetSummary {
  const records = new TapeRecords(file, type, knownFields, defaults, visit, vocab);
  const at = headerIndex(data, knownFields, headerRow, vocab);
  if (data.rows.length === 0 || at < 0) {
    const message = headerRow !== undefined && data.rows.length > 0 ? `the header row ${headerRow} (headerRow in the deal file) is empty` : 'the sheet has no header row and no data rows (no cell holds a value)';
    return { columns: [], diagnostics: [{ severity: 'error', file, ...(headerRow !== undefined ? { line: headerRow } : {}), message }], rows: 0, failed: true };
  }
  const header = data.rows[at]!;
  const names = header.cells.map((c) => cellText(c, undefined, data.date1904));
  records.push(names, header.row);
  if (records.stop) return { columns: [], diagnostics: [records.stop], rows: 0, failed: true };
  const fields = (records.columns ?? []).map((c) => c.field);
  const width = names.length;
  let outside: Diagnostic | undefined;
  for (const { row, cells } of data.rows.slice(at + 1)) {
    const texts: string[] = [];
    let any = false;
    let unsaved = false;
    for (let col = 0; col < width; col++) {
      const cell = cells[col] ?? null;
      if (cell !== null && typeof cell === 'object' && 'f' in cell && fields[col] !== undefined) {
        unsaved = true;
        visit.onRowError({ severity: 'error', file, line: row, column: col + 1, columnName: records.columns![col]!.header, message: `a formula (=${cell.f}) saved without its value: open the workbook in Excel (or LibreOffice) and save it, so the values are saved with the formulas` });
      }
      const text = cellText(cell, fields[col], data.date1904, vocab);
      if (text.trim() !== '') any = true;
      texts.push(text);
    }
    const beyond = cells.findIndex((c, i) => i >= width && c !== null);
    if (beyond >= 0 && !outside) {
      outside = { severity: 'warning', file, line: row, column: beyond + 1, message: "a value right of the header's last column (the first of them): columns without a header are ignored" };
    }
    // Rows of empty cells (formatting left below a table) are not assets.
    // A row with an unsaved formula has its error already: its other cells are not checked.
    if (unsaved) records.rows++;
    else if (any) records.push(texts, row);
  }
  return { columns: records.columns ?? [], diagnostics: [...records.finish(false), ...(outside ? [outside] : [])], rows: records.rows, failed: false };
}
