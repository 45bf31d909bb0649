/**
 * Loan tapes: CSV files of assets of one type, read through csv-parse. Headers are the schema's
 * field names (dotted for nested fields: `ip.types`, `royalties.total`) or their common Chinese
 * names (借款人, 贷款余额, 行业 …). UTF-8 with or without BOM, or GBK, which Chinese Excel saves.
 */
import { Parser } from 'csv-parse';
import { TAPE } from '../pool/registry.js';
import { isPlainUtf8, readPlainCsv } from './plainCsv.js';
import { quantityText } from '../fields/quantity.js';
import { readDateText } from '../dates/dateText.js';
import { MAX_ROW_ERRORS } from './rowErrors.js';
export { MAX_ROW_ERRORS, RowErrors } from './rowErrors.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import { suggest } from '../validate/zodIssues.js';
import type { TapeColumn } from '../deal/loaded.js';
export type { TapeColumn } from '../deal/loaded.js';

export type TapeEncoding = 'auto' | 'utf8' | 'gbk';

/** Decodes tape bytes; `auto` takes UTF-8 (BOM or valid UTF-8), otherwise GBK. */
export function decodeTape(bytes: Uint8Array, encoding: TapeEncoding): { text: string; encoding: 'utf8' | 'gbk' } {
  const hasBom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  if (encoding === 'gbk') return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  if (encoding === 'utf8' || hasBom) return { text: new TextDecoder('utf-8').decode(bytes), encoding: 'utf8' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf8' };
  } catch {
    return { text: new TextDecoder('gbk').decode(bytes), encoding: 'gbk' };
  }
}

/** Chinese (and a few English) header names → schema field paths, of every asset type (from the registry). */
export const HEADER_ALIASES: Readonly<Record<string, string>> = TAPE.aliases;

/** Chinese names a tape may use for the values of a field, by field: 发明专利 → invention. */
export const VALUE_ALIASES: Readonly<Record<string, Readonly<Record<string, string>>>> = TAPE.values;

const { int: INT_FIELDS, rate: RATE_FIELDS, amount: AMOUNT_FIELDS, date: DATE_FIELDS } = TAPE.units;
const CN_IP_TYPES = VALUE_ALIASES['ip.types']!;

export interface TapeRow {
  /** The asset object, ready for the asset schema. */
  value: Record<string, unknown>;
  /** The line the row starts on (a quoted cell may span lines). */
  line: number;
  /** The text of each non-empty cell, by field path, as written (before conversion). */
  cells: Record<string, string>;
}


export interface ParsedTape {
  columns: TapeColumn[];
  rows: TapeRow[];
  encoding: 'utf8' | 'gbk';
  diagnostics: Diagnostic[];
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
export function convertCell(field: string, raw: string, scale?: 'wan' | 'percent'): unknown {
  const text = raw.trim();
  if (text === '') return undefined;
  if (AMOUNT_FIELDS.has(field)) return quantityText('amount', text, scale === 'wan' ? 'wan' : 'plain') ?? text;
  if (RATE_FIELDS.has(field)) return quantityText('rate', text, scale === 'percent' ? 'percent' : 'plain') ?? text;
  if (INT_FIELDS.has(field)) return /^[+-]?\d+$/.test(text) ? Number(text) : text;
  if (field === 'ip.types') {
    return text
      .split(/\s*[+＋、,，/;；]\s*/)
      .filter((t) => t !== '')
      .map((t) => CN_IP_TYPES[t] ?? t);
  }
  const names = VALUE_ALIASES[field];
  if (names) return names[text] ?? text;
  if (DATE_FIELDS.has(field)) return readDateText(text) ?? text;
  return text;
}

/** The most distinct texts of a column whose conversion is kept for the rows that repeat them. */
const MAX_CONVERTED = 512;

/** What {@link readTape} calls as it reads. */
export interface TapeVisitor {
  /** Once, after the header line: the columns. */
  onHeader?(columns: TapeColumn[]): void;
  /** Each data row, in order. */
  onRow(row: TapeRow): void;
  /** An error of one data row (a wrong number of cells). */
  onRowError(d: Diagnostic): void;
}

/** What reading a tape gave besides its rows. */
export interface TapeSummary {
  columns: TapeColumn[];
  encoding: 'utf8' | 'gbk';
  /** Header diagnostics, or the one error that stopped the reading (CSV syntax, binary file). */
  diagnostics: Diagnostic[];
  /** Data rows read, good or bad (rows of empty cells and blank lines are not rows). */
  rows: number;
  /** The tape could not be read to the end: what the visitor was given is to be dropped. */
  failed: boolean;
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

/** The csv-parse engine behind its stream class, fed chunk by chunk, synchronously. */
interface CsvEngine {
  info: { lines: number };
  parse(buf: Buffer | undefined, end: boolean, push: (r: unknown) => void, close: () => void): Error | undefined;
}

/**
 * Decides the encoding of `auto`: UTF-8 when the tape starts with a BOM or is valid UTF-8
 * throughout (checked in a first pass that keeps nothing), else GBK.
 */
function detectEncoding(chunks: () => Iterable<Uint8Array>, encoding: TapeEncoding): 'utf8' | 'gbk' {
  if (encoding !== 'auto') return encoding;
  const check = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  try {
    for (const chunk of chunks()) {
      if (first && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) return 'utf8';
      first = false;
      check.decode(chunk, { stream: true });
    }
    check.decode();
    return 'utf8';
  } catch {
    return 'gbk';
  }
}

/**
 * Reads a tape as a stream: bytes chunk by chunk from `chunks` (called again from the start
 * when the encoding must be found first), decoded, parsed by csv-parse's streaming engine, and
 * each data row converted to an asset object and given to `visit.onRow` without keeping it.
 * `knownFields` are the field paths the asset type takes (to warn about columns that are
 * ignored). Line numbers count the header as line 1. Reading errors of the source
 * ({@link InputReadError}) are not caught here.
 */
export function readTape(
  chunks: () => Iterable<Uint8Array>,
  encodingOption: TapeEncoding,
  file: string,
  type: string,
  knownFields: ReadonlySet<string>,
  defaults: Record<string, unknown>,
  visit: TapeVisitor,
): TapeSummary {
  const diagnostics: Diagnostic[] = [];
  const plain = encodingOption !== 'gbk' && isPlainUtf8(chunks);
  const encoding = plain ? 'utf8' : detectEncoding(chunks, encodingOption);
  const engine = (new Parser({
    bom: true,
    // Neither `raw` nor `info`: the raw text costs a copy of every character, and `info` an
    // object per record that the young generation promotes; the line count is read live instead.
    relax_column_count: true,
    skip_empty_lines: true,
    // Rows of empty cells (",,,,", which spreadsheets leave below a table) are not assets.
    skip_records_with_empty_values: true,
  }) as unknown as { api: CsvEngine }).api;
  // csv-parse's running count of lines, up to the end of the record being pushed (for plain
  // text, the line of the record).
  const lineCount: { lines: number } = plain ? { lines: 0 } : engine.info;
  const gbk = encoding === 'gbk' ? new TextDecoder('gbk') : undefined;
  let columns: TapeColumn[] | undefined;
  // The columns that name a field, with the field's path split once.
  let fieldColumns: (TapeColumn & { field: string; keys: string[]; converted: Map<string, unknown> | undefined })[] = [];
  let headerLength = 0;
  let rows = 0;
  let stop: Diagnostic | undefined;
  let sawBytes = false;
  const push = (r: unknown) => {
    if (stop) return;
    const record = r as string[];
    if (columns === undefined) {
      headerLength = record.length;
      columns = tapeColumns(record, knownFields);
      diagnostics.push(...headerDiagnostics(columns, file, type, knownFields));
      if (!columns.some((c) => c.field !== undefined)) {
        // Not a tape of this type (or not a tape at all): say so without echoing what it holds.
        stop = {
          severity: 'error',
          file,
          line: 1,
          message: `${columns.length === 1 ? 'the header line names no' : `none of the ${columns.length} header names is a`} field of ${type} assets: is this a ${type} tape? (the first line must name the columns, e.g. id, obligor, principal, or 编号, 借款人, 贷款余额)`,
        };
        return;
      }
      fieldColumns = columns.filter((c) => c.field !== undefined).map((c) => ({ ...c, field: c.field!, keys: c.field!.split('.'), converted: new Map() }));
      visit.onHeader?.(columns);
      return;
    }
    // Plain text has no line break inside a cell: the record is on the line counted.
    const line = plain ? lineCount.lines : startLine(lineCount.lines, record);
    rows++;
    if (record.length !== headerLength) {
      visit.onRowError({
        severity: 'error',
        file,
        line,
        message: `the row has ${record.length} cell${record.length === 1 ? '' : 's'} but the header has ${headerLength} (a cell with a comma must be in double quotes)`,
      });
      return;
    }
    const value = cloneJson(defaults) as Record<string, unknown>;
    value['type'] = type;
    const cells: Record<string, string> = {};
    for (const col of fieldColumns) {
      const rawCell = record[col.index] ?? '';
      // A column that repeats its texts (rates, dates, kinds) converts each once (a value is
      // never changed after, so rows share it); past MAX_CONVERTED distinct texts (ids, names)
      // it stops looking.
      let cell = col.converted?.get(rawCell);
      if (cell === undefined) {
        cell = convertCell(col.field, rawCell, col.scale);
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
    visit.onRow({ value, line, cells });
  };
  const close = () => {};
  const feed = (buf: Buffer | undefined, end: boolean): boolean => {
    const err = engine.parse(buf, end, push, close);
    if (err) {
      stop = csvSyntaxDiagnostic(err, () => decodedText(chunks, encoding), file);
      return false;
    }
    return stop === undefined;
  };
  let going = !plain;
  if (plain) {
    const read = readPlainCsv(chunks, (record, line) => {
      lineCount.lines = line;
      push(record);
      return stop === undefined;
    });
    sawBytes = read > 0;
  }
  for (const chunk of going ? chunks() : []) {
    if (chunk.length > 0) sawBytes = true;
    if (chunk.includes(0)) {
      stop = { severity: 'error', file, message: 'not a CSV text file: it holds NUL bytes (a binary file, or text saved as UTF-16?); save the tape as CSV (UTF-8 or GBK)' };
      going = false;
      break;
    }
    const text = gbk ? gbk.decode(chunk, { stream: true }) : undefined;
    if (!feed(text !== undefined ? Buffer.from(text, 'utf8') : Buffer.from(chunk), false)) {
      going = false;
      break;
    }
  }
  if (going) {
    const tail = gbk?.decode();
    if (tail) feed(Buffer.from(tail, 'utf8'), false);
    if (!stop) feed(undefined, true);
  }
  if (stop) return { columns: [], encoding, diagnostics: [stop], rows: 0, failed: true };
  if (columns === undefined) {
    diagnostics.push({
      severity: 'error',
      file,
      line: 1,
      message: sawBytes ? 'the tape has no header line and no data rows (only blank lines)' : 'the tape is empty (0 bytes): no header line and no data rows',
    });
    return { columns: [], encoding, diagnostics, rows: 0, failed: false };
  }
  if (rows === 0 && !diagnostics.some((d) => d.severity === 'error')) {
    diagnostics.push({ severity: 'error', file, line: 1, message: 'the tape has no data rows: only the header line (each asset is a row below it; rows of empty cells do not count)' });
  }
  return { columns, encoding, diagnostics, rows, failed: false };
}

/** The columns of a header line: each name mapped to a field path, with any unit it states. */
function tapeColumns(header: string[], knownFields: ReadonlySet<string>): TapeColumn[] {
  return header.map((h, index) => {
    const name = h.trim();
    const shown = shownText(name);
    const direct = knownFields.has(name) ? name : HEADER_ALIASES[name];
    if (direct && knownFields.has(direct)) return { header: shown, field: direct, index };
    // A unit in brackets after the name, as Chinese spreadsheets write it: 贷款余额（万元）, 年利率(%).
    const unit = /^(.*?)\s*[(（]\s*(元|万元|%|％|月)\s*[)）]$/.exec(name);
    const base = unit ? (knownFields.has(unit[1]!) ? unit[1]! : HEADER_ALIASES[unit[1]!]) : undefined;
    if (!unit || !base || !knownFields.has(base)) return { header: shown, field: undefined, index };
    const scale = unit[2] === '万元' ? 'wan' : unit[2] === '%' || unit[2] === '％' ? 'percent' : undefined;
    return { header: shown, field: base, index, ...(scale ? { scale } : {}) };
  });
}

/** Warnings for columns that are ignored, errors for two columns of one field. */
function headerDiagnostics(columns: TapeColumn[], file: string, type: string, knownFields: ReadonlySet<string>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const seen = new Map<string, TapeColumn>();
  for (const col of columns) {
    if (col.field === undefined) {
      const hint = suggest(col.header, [...knownFields]);
      diagnostics.push({
        severity: 'warning',
        file,
        line: 1,
        column: col.index + 1,
        columnName: col.header,
        message: `not a field of ${type} assets${hint ? ` (did you mean ${hint}?)` : ''}; the column is ignored`,
      });
      continue;
    }
    const first = seen.get(col.field);
    if (first) {
      diagnostics.push({ severity: 'error', file, line: 1, column: col.index + 1, columnName: col.header, message: `a second column for field ${col.field} (column ${first.index + 1} is ${first.header})` });
    } else seen.set(col.field, col);
  }
  return capHeaderDiagnostics(diagnostics, file);
}

/**
 * At most {@link MAX_ROW_ERRORS} errors and as many warnings about the header, then one line
 * each saying how many more: a file of 100,000 columns gets a screen of messages, not 100,000.
 */
function capHeaderDiagnostics(diagnostics: Diagnostic[], file: string): Diagnostic[] {
  const shown = { error: 0, warning: 0 };
  const out = diagnostics.filter((d) => ++shown[d.severity] <= MAX_ROW_ERRORS);
  for (const severity of ['error', 'warning'] as const) {
    const more = shown[severity] - MAX_ROW_ERRORS;
    if (more > 0) {
      const what = severity === 'error' ? 'columns repeat a field' : 'columns are not fields and are ignored';
      out.push({ severity, file, line: 1, message: `and ${more.toLocaleString('en-US')} more ${more === 1 ? what.replace('columns repeat', 'column repeats').replace('columns are', 'column is').replace('fields and are', 'a field and is') : what}` });
    }
  }
  return out;
}

/** The whole decoded text of a tape: only to point at an unclosed quote, after the parse failed. */
function* decodedText(chunks: () => Iterable<Uint8Array>, encoding: 'utf8' | 'gbk'): Generator<string> {
  const decoder = new TextDecoder(encoding === 'gbk' ? 'gbk' : 'utf-8');
  for (const chunk of chunks()) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

/**
 * Parses tape text into asset objects, all rows at once (for tests and small tapes; loading
 * uses {@link readTape}). Row errors are among the diagnostics, uncapped.
 */
export function parseTape(
  text: string,
  file: string,
  type: string,
  knownFields: ReadonlySet<string>,
  defaults: Record<string, unknown> = {},
): Omit<ParsedTape, 'encoding'> {
  const rows: TapeRow[] = [];
  const rowErrors: Diagnostic[] = [];
  const summary = readTape(() => [Buffer.from(text, 'utf8')], 'utf8', file, type, knownFields, defaults, {
    onRow: (row) => rows.push(row),
    onRowError: (d) => rowErrors.push(d),
  });
  if (summary.failed) return { columns: [], rows: [], diagnostics: summary.diagnostics };
  return { columns: summary.columns, rows, diagnostics: [...summary.diagnostics, ...rowErrors] };
}

/**
 * The line a record starts on: csv-parse counts lines up to the record's end, and a record
 * spans more than one line only by line breaks inside its cells (quoted).
 */
function startLine(endLine: number, record: readonly string[]): number {
  let breaks = 0;
  for (const cell of record) {
    if (cell.includes('\n') || cell.includes('\r')) breaks += cell.match(/\r?\n|\r/g)!.length;
  }
  return endLine - breaks;
}

/**
 * Where the quoted cell that never closes opens: 1-based line and column, or undefined. Read
 * piece by piece (a tape at the size limit is never one string); columns count UTF-16 units.
 */
function unclosedQuote(pieces: Iterable<string>): { line: number; column: number } | undefined {
  let line = 1;
  let column = 0;
  let open: { line: number; column: number } | undefined;
  let fieldStart = true;
  let first = true;
  // A " inside a quoted cell: closing, unless the next character is another " (an escaped one).
  let quoteInOpen = false;
  for (const text of pieces) {
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoteInOpen) {
        quoteInOpen = false;
        if (c === '"') {
          column++;
          continue;
        }
        open = undefined;
      }
      if (open) {
        if (c === '"') quoteInOpen = true;
        if (c === '\n') {
          line++;
          column = 0;
        } else column++;
        continue;
      }
      if (c === '"' && fieldStart) open = { line, column: column + 1 };
      if (c === '\n') {
        line++;
        column = 0;
      } else column++;
      fieldStart = c === ',' || c === '\n' || c === '\r' || (c === '\uFEFF' && first);
      first = false;
    }
  }
  return quoteInOpen ? undefined : open;
}

/** A CSV syntax error from csv-parse, said plainly, with its line (and column when known). */
function csvSyntaxDiagnostic(err: unknown, text: () => Iterable<string>, file: string): Diagnostic {
  const e = err as { code?: string; message?: string; lines?: number; index?: number };
  const column = typeof e.index === 'number' ? e.index + 1 : undefined;
  switch (e.code) {
    case 'CSV_QUOTE_NOT_CLOSED': {
      const at = unclosedQuote(text());
      return { severity: 'error', file, line: at?.line ?? e.lines, column: at?.column, message: 'a quoted cell is never closed: its opening " has no closing "' };
    }
    case 'INVALID_OPENING_QUOTE':
      return { severity: 'error', file, line: e.lines, column, message: 'a " inside an unquoted cell: put the whole cell in double quotes and double the " inside it ("")' };
    case 'CSV_INVALID_CLOSING_QUOTE':
      return { severity: 'error', file, line: e.lines, column, message: 'text after the closing " of a quoted cell: put the whole cell in double quotes and double the " inside it ("")' };
    default:
      // csv-parse's own words may quote the file: cut like any text shown from it.
      return { severity: 'error', file, line: e.lines, message: `cannot read the CSV: ${shownText(String(e.message ?? err), 120)}` };
  }
}
