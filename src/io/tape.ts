/**
 * Loan tapes: CSV files of assets of one type, read through csv-parse. Headers are the schema's
 * field names (dotted for nested fields: `ip.types`, `royalties.total`) or their common Chinese
 * names (借款人, 贷款余额, 行业 …). UTF-8 with or without BOM, or GBK, which Chinese Excel saves.
 */
import { Parser } from 'csv-parse';
import { isPlainUtf8, readPlainCsv } from './plainCsv.js';
export { MAX_ROW_ERRORS, RowErrors } from './rowErrors.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import type { TapeColumn } from '../deal/loaded.js';
import { ASSET_TAPE, shownText, TapeRecords, type TapeRow, type TapeVisitor, type TapeVocabulary } from './tapeRecords.js';
export { convertCell, HEADER_ALIASES, shownText, VALUE_ALIASES, type TapeRow, type TapeVisitor } from './tapeRecords.js';
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

export interface ParsedTape {
  columns: TapeColumn[];
  rows: TapeRow[];
  encoding: 'utf8' | 'gbk';
  diagnostics: Diagnostic[];
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
 * ignored), `vocab` the names and units it may write (an asset tape's by default). Line
 * numbers count the header as line 1. Reading errors of the source
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
  vocab: TapeVocabulary = ASSET_TAPE,
): TapeSummary {
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
  const records = new TapeRecords(file, type, knownFields, defaults, visit, vocab);
  let stop: Diagnostic | undefined;
  let sawBytes = false;
  const push = (r: unknown) => {
    const record = r as string[];
    // Plain text has no line break inside a cell: the record is on the line counted.
    const line = plain || records.columns === undefined ? lineCount.lines : startLine(lineCount.lines, record);
    if (!records.push(record, records.columns === undefined ? 1 : line)) stop ??= records.stop;
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
  return { columns: records.columns ?? [], encoding, diagnostics: records.finish(!sawBytes), rows: records.rows, failed: false };
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
