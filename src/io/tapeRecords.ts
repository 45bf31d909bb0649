/**
 * From a tape's records (lists of cell texts, a CSV line or a sheet's row alike) to asset
 * objects: the header's names mapped to fields with their units, each data row converted cell by
 * cell, and what is wrong with the header said once. CSV (./tape.ts) and workbook
 * (./sheetTape.ts) tapes both feed a {@link TapeRecords}, so every check is the same for both.
 */
import { ASSET_TAPE, type TapeVocabulary } from './tapeVocabulary.js';
import { quantityText } from '../fields/quantity.js';
import { readDateText } from '../dates/dateText.js';
import { MAX_ROW_ERRORS } from './rowErrors.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import { suggest } from '../validate/zodIssues.js';
import type { TapeColumn } from '../deal/loaded.js';
import { isSheetFile } from '../util/sheetRef.js';

/** Chinese (and a few English) header names → schema field paths, of every asset type (from the registry). */
export const HEADER_ALIASES: Readonly<Record<string, string>> = ASSET_TAPE.aliases;

/** Chinese names a tape may use for the values of a field, by field: 发明专利 → invention. */
export const VALUE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = ASSET_TAPE.values;

const CN_IP_TYPES = VALUE_ALIASES['ip.types']!;

export { ASSET_TAPE, type TapeVocabulary } from './tapeVocabulary.js';


export interface TapeRow {
  /** The asset object, ready for the asset schema. */
  value: Record<string, unknown>;
  /** The line the row starts on (a quoted cell may span lines). */
  line: number;
  /** The text of each non-empty cell, by field path, as written (before conversion). */
  cells: Record<string, string>;
}



/** Sets `value` at a field path already split at its dots, making the objects on the way. */
function setPath(target: Record<string, unknown>, keys: readonly string[], value: unknown): void {
  let obj = target;
  for (let k = 0; k < keys.length - 1; k++) {
    const key = keys[k]!;
    const next = obj[key];
    if (next === undefined || next === null || typeof next !== 'object') obj[key] = {};
    obj = obj[key] as Record<string, unknown>;
  }
  obj[keys[keys.length - 1]!] = value;
}


/**
 * Converts one cell's text to the value its field takes; undefined for an empty cell. Amounts
 * and rates are read by the deal file's own reader ({@link quantityText}), in the column's unit
 * when its header states one, to exact decimal text; a cell it cannot read is passed on as
 * written, for the field's schema to report with the forms it accepts.
 */
export function convertCell(field: string, raw: string, scale?: 'wan' | 'percent', vocab: TapeVocabulary = ASSET_TAPE): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  const { amount, rate, int, date } = vocab.units;
  if (amount.has(field)) return quantityText('amount', text, scale === 'wan' ? 'wan' : 'plain') ?? text;
  if (rate.has(field)) return quantityText('rate', text, scale === 'percent' ? 'percent' : 'plain') ?? text;
  if (int.has(field)) return /^[+-]?\d+$/.test(text) ? Number(text) : text;
  if (field === 'ip.types' && vocab === ASSET_TAPE) {
    return text
      .split(/\s*[+＋、,，/;；]\s*/)
      .filter((t) => t !== '')
      .map((t) => CN_IP_TYPES[t] ?? t);
  }
  const names = vocab.values[field];
  if (names) return names[text] ?? text;
  if (date.has(field)) return readDateText(text) ?? text;
  return text;
}

/** The most distinct texts of a column whose conversion is kept for the rows that repeat them. */
const MAX_CONVERTED = 512;


/** What reading a tape calls as it reads. */
export interface TapeVisitor {
  /** Once, after the header line: the columns, and the line (or a sheet's row) of the header. */
  onHeader?(columns: TapeColumn[], line: number): void;
  /** Each data row, in order. */
  onRow(row: TapeRow): void;
  /** An error of one data row (a wrong number of cells). */
  onRowError(d: Diagnostic): void;
}


/** A header name as messages show it: long names are cut, so a file that is not a tape is not echoed. */
const MAX_SHOWN = 40;
export function shownText(text: string, max = MAX_SHOWN): string {
  const chars = [...text];
  return chars.length > max ? `${chars.slice(0, max - 1).join('')}…` : text;
}


/** A copy of a tape's defaults (plain JSON) for one row, which the row's cells then fill. */
function cloneJson(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(cloneJson);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = cloneJson(v);
    return out;
  }
  return value;
}


/** The columns of a header line: each name mapped to a field path, with any unit it states. */
export function tapeColumns(header: string[], knownFields: ReadonlySet<string>, vocab: TapeVocabulary = ASSET_TAPE): TapeColumn[] {
  const aliases = vocab.aliases;
  return header.map((h, index) => {
    const name = h.trim();
    const shown = shownText(name);
    const direct = knownFields.has(name) ? name : aliases[name];
    if (direct && knownFields.has(direct)) return { header: shown, field: direct, index };
    // A unit in brackets after the name, as Chinese spreadsheets write it: 贷款余额（万元）, 年利率(%).
    const unit = /^(.*?)\s*[(（]\s*(元|万元|%|％|月)\s*[)）]$/.exec(name);
    const base = unit ? (knownFields.has(unit[1]!) ? unit[1]! : aliases[unit[1]!]) : undefined;
    if (!unit || !base || !knownFields.has(base)) return { header: shown, field: undefined, index };
    const scale = unit[2] === '万元' ? 'wan' : unit[2] === '%' || unit[2] === '％' ? 'percent' : undefined;
    return { header: shown, field: base, index, ...(scale ? { scale } : {}) };
  });
}

/** Warnings for columns that are ignored, errors for two columns of one field. */
function headerDiagnostics(columns: TapeColumn[], file: string, type: string, knownFields: ReadonlySet<string>, line: number): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, TapeColumn>();
  // A sheet's blank header cells are spacer columns (or beyond the table), not mistakes.
  const blankIgnored = isSheetFile(file);
  for (const col of columns) {
    if (col.field === undefined && blankIgnored && col.header === '') continue;
    if (col.field === undefined) {
      const hint = suggest(col.header, [...knownFields]);
      diagnostics.push({
        severity: 'warning',
        file,
        line,
        column: col.index + 1,
        columnName: col.header,
        message: `not a field of ${type} assets${hint ? ` (did you mean ${hint}?)` : ''}; the column is ignored`,
      });
      continue;
    }
    const first = seen.get(col.field);
    if (first) {
      diagnostics.push({ severity: 'error', file, line, column: col.index + 1, columnName: col.header, message: `a second column for field ${col.field} (column ${first.index + 1} is ${first.header})` });
    } else seen.set(col.field, col);
  }
  return capHeaderDiagnostics(diagnostics, file, line);
}

/**
 * At most {@link MAX_ROW_ERRORS} errors and as many warnings about the header, then one line
 * each saying how many more: a file of 100,000 columns gets a screen of messages, not 100,000.
 */
function capHeaderDiagnostics(diagnostics: Diagnostic[], file: string, line: number): Diagnostic[] {
  const shown = { error: 0, warning: 0 };
  const out = diagnostics.filter((d) => ++shown[d.severity] <= MAX_ROW_ERRORS);
  for (const severity of ['error', 'warning'] as const) {
    const more = shown[severity] - MAX_ROW_ERRORS;
    if (more > 0) {
      const what = severity === 'error' ? 'columns repeat a field' : 'columns are not fields and are ignored';
      out.push({ severity, file, line, message: `and ${more.toLocaleString('en-US')} more ${more === 1 ? what.replace('columns repeat', 'column repeats').replace('columns are', 'column is').replace('fields and are', 'a field and is') : what}` });
    }
  }
  return out;
}


/** True for a field that holds a date (a sheet's number cells there are Excel serials). */
export function isDateField(field: string, vocab: TapeVocabulary = ASSET_TAPE): boolean {
  return vocab.units.date.has(field);
}

/** A column that names a field, with the field's path split once and the texts it converted. */
type FieldColumn = TapeColumn & { field: string; keys: string[]; converted: Map<string, unknown> | undefined };

/**
 * The records of one tape, given one by one: the first is the header, the others data rows,
 * each converted to an asset object and given to the visitor without being kept. Rows of empty
 * cells are not given (spreadsheets leave them below a table).
 */
export class TapeRecords {
  columns: TapeColumn[] | undefined;
  /** Data rows given, good or bad. */
  rows = 0;
  /** The error that stops the reading (a header that names no field). */
  stop: Diagnostic | undefined;
  /** The header's diagnostics. */
  readonly diagnostics: Diagnostic[] = [];
  headerLine = 1;
  private fieldColumns: FieldColumn[] = [];
  private headerLength = 0;

  constructor(
    private readonly file: string,
    private readonly type: string,
    private readonly knownFields: ReadonlySet<string>,
    private readonly defaults: Record<string, unknown>,
    private readonly visit: TapeVisitor,
    private readonly vocab: TapeVocabulary = ASSET_TAPE,
  ) {}

  /** Gives one record read on `line`; false once the reading is to stop. */
  push(record: string[], line: number): boolean {
    if (this.stop) return false;
    if (this.columns === undefined) this.header(record, line);
    else this.row(record, line);
    return this.stop === undefined;
  }

  private header(record: string[], line: number): void {
    const { file, type } = this;
    this.headerLine = line;
    this.headerLength = record.length;
    const columns = (this.columns = tapeColumns(record, this.knownFields, this.vocab));
    this.diagnostics.push(...headerDiagnostics(columns, file, type, this.knownFields, line));
    if (!columns.some((c) => c.field !== undefined)) {
      // Not a tape of this type (or not a tape at all): say so without echoing what it holds.
      const sheet = isSheetFile(file);
      const names = sheet ? columns.filter((c) => c.header !== '').length : columns.length;
      this.stop = {
        severity: 'error',
        file,
        line,
        message: `${names === 1 ? `the header ${sheet ? 'row' : 'line'} names no` : `none of the ${names} header names is a`} field of ${type} assets: is this a ${type} tape? (${sheet ? 'the header row' : 'the first line'} must name the columns, e.g. ${this.vocab.example ?? 'id, obligor, principal, or 编号, 借款人, 贷款余额'})`,
      };
      return;
    }
    this.fieldColumns = columns.filter((c) => c.field !== undefined).map((c) => ({ ...c, field: c.field!, keys: c.field!.split('.'), converted: new Map() }));
    this.visit.onHeader?.(columns, line);
  }

  private row(record: string[], line: number): void {
    this.rows++;
    if (record.length !== this.headerLength) {
      this.visit.onRowError({
        severity: 'error',
        file: this.file,
        line,
        message: `the row has ${record.length} cell${record.length === 1 ? '' : 's'} but the header has ${this.headerLength} (a cell with a comma must be in double quotes)`,
      });
      return;
    }
    const value = cloneJson(this.defaults) as Record<string, unknown>;
    value['type'] = this.type;
    const cells: Record<string, string> = {};
    for (const col of this.fieldColumns) {
      const rawCell = record[col.index] ?? '';
      // A column that repeats its texts (rates, dates, kinds) converts each once (a value is
      // never changed after, so rows share it); past MAX_CONVERTED distinct texts (ids, names)
      // it stops looking.
      let cell = col.converted?.get(rawCell);
      if (cell === undefined) {
        cell = convertCell(col.field, rawCell, col.scale, this.vocab);
        if (cell !== undefined && col.converted) {
          if (col.converted.size < MAX_CONVERTED) col.converted.set(rawCell, cell);
          else col.converted = undefined;
        }
      }
      if (cell !== undefined) {
        setPath(value, col.keys, cell);
        cells[col.field] = rawCell.trim();
      }
    }
    this.visit.onRow({ value, line, cells });
  }

  /**
   * The diagnostics of a tape read to its end: the header's, or that there was no header
   * (`empty`: the tape had no bytes or no cells at all) or no data row.
   */
  finish(empty: boolean): Diagnostic[] {
    const { file } = this;
    const sheet = isSheetFile(file);
    if (this.columns === undefined) {
      const message = sheet
        ? 'the sheet has no header row and no data rows (no cell holds a value)'
        : empty
          ? 'the tape is empty (0 bytes): no header line and no data rows'
          : 'the tape has no header line and no data rows (only blank lines)';
      return [...this.diagnostics, { severity: 'error', file, line: sheet ? undefined : 1, message }];
    }
    if (this.rows === 0 && !this.diagnostics.some((d) => d.severity === 'error')) {
      const message = sheet
        ? 'the sheet has no data rows: only the header row (each asset is a row below it; rows of empty cells do not count)'
        : 'the tape has no data rows: only the header line (each asset is a row below it; rows of empty cells do not count)';
      return [...this.diagnostics, { severity: 'error', file, line: this.headerLine, message }];
    }
    return this.diagnostics;
  }
}
