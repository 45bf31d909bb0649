/**
 * Loading a deal: read the JSON, check its shape against the schemas, read its CSV tapes, then
 * run the cross-reference rules. Every problem comes back as a diagnostic naming the file and the
 * JSON path or CSV line and column; nothing here throws on bad input.
 */
import { closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Deal, type AssetSpec } from '../schema/deal.js';
import { Asset, ASSET_SCHEMAS } from '../pool/registry.js';
import { keysAt, leafFieldPaths, variantKeysAt } from '../schema/introspect.js';
import { formatDiagnostic, formatPath, hasErrors, type Diagnostic } from '../validate/diagnostics.js';
import { issuesToDiagnostics, valueAt } from '../validate/zodIssues.js';
import { HEADER_ALIASES, readTape as readTapeRows, RowErrors, shownText, VALUE_ALIASES, type TapeColumn, type TapeRow } from './tape.js';
import { DEFAULT_LIMITS, displayPath, MAX_JSON_TEXT_BYTES, mib, InputReadError, limitsOf, MAX_JSON_DEPTH, openInput, readChunks, readWhole, tapeRefusal, type LoadOptions } from './input.js';
import { runRules } from '../validate/rules.js';
import { applyPoolBasis, poolBasisProblems } from '../pool/poolBasis.js';
import { rowParser } from './rowParser.js';
import { Decimal } from '../util/money.js';
import { LineNumbers, loadedDeal, OriginTable, type LoadedDeal } from '../deal/loaded.js';

export { originOf, tapeFilesOf, type AssetOrigin, type LoadedDeal } from '../deal/loaded.js';

export interface LoadResult {
  deal?: LoadedDeal;
  diagnostics: Diagnostic[];
}

/** 1-based line and column of a character offset. */
function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/**
 * The offset of the first `[` or `{` nested deeper than `maxDepth`, or undefined. A linear scan
 * that skips text in quotes: run before JSON.parse and the syntax scanner, whose recursion a
 * file of 100,000 `[` would exhaust.
 */
export function jsonTooDeep(text: string, maxDepth = MAX_JSON_DEPTH): number | undefined {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return i;
    } else if (c === 93 || c === 125) depth--;
  }
  return undefined;
}

/** Parses JSON text; a syntax error becomes a diagnostic with its line and column. */
export function parseJsonText(text: string, file: string): { value?: unknown; diagnostics: Diagnostic[] } {
  const body = text.replace(/^\uFEFF/, '');
  const deep = jsonTooDeep(body);
  if (deep !== undefined) {
    const where = lineColumn(body, deep);
    return {
      diagnostics: [{ severity: 'error', file, line: where.line, column: where.column, message: `lists and objects are nested more than ${MAX_JSON_DEPTH} levels deep here; a deal or scenario file needs far fewer` }],
    };
  }
  try {
    return { value: JSON.parse(body) as unknown, diagnostics: [] };
  } catch (err) {
    const found = jsonSyntaxError(body);
    if (found) {
      const where = found.offset === undefined ? undefined : lineColumn(body, found.offset);
      return { diagnostics: [{ severity: 'error', file, line: where?.line, column: where?.column, message: `not valid JSON: ${found.message}` }] };
    }
    // The engine's own words, without the copy of the text some engines put in them.
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const where = pos ? lineColumn(body, Number(pos[1])) : undefined;
    const clean = message
      .replace(/ in JSON at position \d+.*$/s, '')
      .replace(/, ".*" is not valid JSON$/s, '')
      .replace(/^JSON\.parse: /, '');
    return { diagnostics: [{ severity: 'error', file, line: where?.line, column: where?.column, message: `not valid JSON: ${clean}` }] };
  }
}

class JsonSyntaxError {
  constructor(
    readonly offset: number | undefined,
    readonly message: string,
  ) {}
}

/**
 * Finds the first syntax error of text that `JSON.parse` rejected and says it in plain words,
 * pointing where the mistake is (a missing comma at the end of the value before it, an unclosed
 * brace where it opens). Undefined when it finds none, which would be a bug in this scanner.
 */
export function jsonSyntaxError(text: string): { offset: number | undefined; message: string } | undefined {
  let i = 0;
  const n = text.length;
  const fail = (offset: number | undefined, message: string): never => {
    throw new JsonSyntaxError(offset, message);
  };
  const ws = () => {
    while (i < n && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
    if (text.startsWith('//', i) || text.startsWith('/*', i)) fail(i, 'JSON allows no comments');
  };
  const show = (offset: number) => {
    const word = /^[A-Za-z_$][\w$.-]*/.exec(text.slice(offset, offset + 40))?.[0];
    if (word) return `the bare word ${word}`;
    const ch = String.fromCodePoint(text.codePointAt(offset)!);
    return JSON.stringify(ch);
  };
  const string = (): string => {
    const start = i;
    i++;
    for (;;) {
      if (i >= n) fail(start, 'the text in quotes that starts here is never closed');
      const c = text.charCodeAt(i);
      if (c === 34) {
        i++;
        return JSON.parse(text.slice(start, i)) as string;
      }
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i, 'a \\u escape needs four hex digits');
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(i, `invalid escape \\${e ?? ''} in text (a backslash is written \\\\)`);
        continue;
      }
      if (c === 10 || c === 13) fail(start, 'the text in quotes that starts here is not closed on its line (a line break inside text is written \\n)');
      if (c < 32) fail(i, 'a control character inside text in quotes');
      i++;
    }
  };
  const value = (what: string, closer?: string, afterComma?: number): void => {
    ws();
    if (i >= n) fail(i, `the file ends where ${what} should be`);
    const c = text[i]!;
    if (c === '{') return object();
    if (c === '[') return array();
    if (c === '"') return void string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const lit of ['true', 'false', 'null']) {
      if (text.startsWith(lit, i) && !/[\w$]/.test(text[i + lit.length] ?? '')) {
        i += lit.length;
        return;
      }
    }
    if (afterComma !== undefined && c === closer) fail(afterComma, `a comma before "${closer}": JSON allows no trailing comma`);
    if (c === "'") fail(i, 'text must be in double quotes ("), not single quotes');
    if (/[A-Za-z_$]/.test(c)) fail(i, `expected ${what}, found ${show(i)}: text must be in double quotes, and the only bare words are true, false and null`);
    fail(i, `expected ${what}, found ${show(i)}`);
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i, i + 400));
    if (!m || /[\w.]/.test(text[i + m[0].length] ?? '')) {
      const token = /^[-+\w.]+/.exec(text.slice(i, i + 40))?.[0] ?? text[i]!;
      fail(i, `${token} is not a JSON number (write numbers like 12, 0.05 or -3.5e2, without leading zeros)`);
    }
    i += m![0].length;
  };
  /** After a value in a list or object: a comma, the closer, or a missing comma. */
  const separator = (open: number, closer: string, valueEnd: number, what: string): 'more' | 'done' => {
    ws();
    if (i >= n) fail(open, `the ${closer === '}' ? '{' : '['} opened here is never closed with "${closer}"`);
    if (text[i] === ',') {
      i++;
      return 'more';
    }
    if (text[i] === closer) {
      i++;
      return 'done';
    }
    // A value on the next line: the comma is missing at the end of this one.
    if (/[\n\r]/.test(text.slice(valueEnd, i))) fail(valueEnd, `missing "," after ${what}`);
    return fail(i, `expected "," or "${closer}" after ${what}, found ${show(i)}`);
  };
  const object = () => {
    const open = i;
    i++;
    ws();
    if (text[i] === '}') {
      i++;
      return;
    }
    let comma: number | undefined;
    for (;;) {
      ws();
      if (i >= n) fail(open, 'the { opened here is never closed with "}"');
      const c = text[i]!;
      if (c === '}' && comma !== undefined) fail(comma, 'a comma before "}": JSON allows no trailing comma');
      if (c === "'") fail(i, 'field names must be in double quotes ("), not single quotes');
      if (c !== '"') {
        if (/[A-Za-z_$]/.test(c)) fail(i, `the field name ${show(i).replace(/^the bare word /, '')} must be in double quotes`);
        fail(i, `expected a field name in double quotes, found ${show(i)}`);
      }
      const key = string();
      ws();
      if (text[i] !== ':') fail(i, i >= n ? `the file ends after the field name "${key}"` : `expected ":" after the field name "${key}", found ${show(i)}`);
      i++;
      value(`the value of "${key}"`);
      const end = i;
      if (separator(open, '}', end, `the value of "${key}"`) === 'done') return;
      comma = i - 1;
    }
  };
  const array = () => {
    const open = i;
    i++;
    ws();
    if (text[i] === ']') {
      i++;
      return;
    }
    let comma: number | undefined;
    for (let k = 0; ; k++) {
      value('a value', ']', comma);
      if (separator(open, ']', i, `list item ${k + 1}`) === 'done') return;
      comma = i - 1;
    }
  };
  try {
    ws();
    if (i >= n) fail(undefined, 'the file is empty');
    value('a value');
    ws();
    if (i < n) fail(i, `found ${show(i)} after the end of the JSON document (a deal file holds one object)`);
    return undefined;
  } catch (err) {
    if (err instanceof JsonSyntaxError) return { offset: err.offset, message: err.message };
    return undefined;
  }
}

/** Reads a whole file of at most `maxBytes` (default: the JSON limit), or says why it cannot be read. */
export function readInput(path: string, display: string, maxBytes: number = limitsOf(undefined).jsonBytes): TapeRead & { bytes?: Buffer } {
  const read = readWhole(path, maxBytes);
  if ('bytes' in read) return { bytes: read.bytes, diagnostics: [], file: display };
  return { diagnostics: [{ severity: 'error', file: display, message: `cannot read the file: ${read.reason}` }], file: display, reason: read.reason };
}

/** What reading a tape gave: its bytes (whole, or chunk by chunk), or diagnostics saying why not. */
export interface TapeRead {
  bytes?: Uint8Array;
  /** The bytes chunk by chunk, from the start each time it is called (a tape streamed from disk). */
  chunks?: () => Iterable<Uint8Array>;
  /** Called once the tape has been read (closes the file). */
  close?: () => void;
  diagnostics: Diagnostic[];
  /** The tape's name in messages (e.g. relative to the working directory); default: the path as written. */
  file?: string;
  /** Why it could not be read, in a few words ("no such file"). */
  reason?: string;
}

/**
 * The tape reader of a deal file on disk: a tape path is relative to the deal file's folder and
 * must stay in it (or in a folder of `options.tapesFrom`), must be a regular file within the
 * tape size limit, and is streamed.
 */
export function tapeReader(dealFile: string, options: LoadOptions = {}): (path: string) => TapeRead {
  const limit = limitsOf(options).tapeBytes;
  return (path) => {
    const full = resolve(dirname(dealFile), path);
    const file = path.includes('\0') ? JSON.stringify(path) : displayPath(full);
    const refusal = tapeRefusal(dealFile, path, options.tapesFrom);
    if (refusal) return { diagnostics: [], file, reason: refusal };
    const opened = openInput(full, limit);
    if ('reason' in opened) return { diagnostics: [], file, reason: opened.reason };
    const { fd } = opened;
    return { diagnostics: [], file, chunks: () => readChunks(fd, limit), close: () => closeSync(fd) };
  };
}

/** The message of a JSON file (deal or scenario) that is not UTF-8 text, e.g. saved in GBK. */
export const NOT_UTF8 = 'not UTF-8 text (save it as UTF-8)';

/** True for the diagnostic {@link decodeUtf8} gives for bytes that are not UTF-8. */
export function isNotUtf8(d: Diagnostic): boolean {
  return d.message === NOT_UTF8;
}

/** Offset of the first byte that does not belong to a well-formed UTF-8 sequence, or -1. */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    const n = c >= 0xc2 && c <= 0xdf ? 1 : c >= 0xe0 && c <= 0xef ? 2 : c >= 0xf0 && c <= 0xf4 ? 3 : 0;
    if (n === 0 || i + n >= b.length) return i;
    for (let k = 1; k <= n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return i;
    const c1 = b[i + 1]!;
    if ((c === 0xe0 && c1 < 0xa0) || (c === 0xed && c1 > 0x9f) || (c === 0xf0 && c1 < 0x90) || (c === 0xf4 && c1 > 0x8f)) return i;
    i += n + 1;
  }
  return -1;
}

/**
 * Decodes a JSON file's bytes as UTF-8 (a leading BOM dropped). Bytes that are not UTF-8 (a file
 * saved in GBK, or UTF-16) give one diagnostic, {@link NOT_UTF8}, at the line and column of the
 * first such byte, rather than a misleading JSON syntax error further on.
 */
export function decodeUtf8(bytes: Uint8Array, file: string, maxTextBytes: number = MAX_JSON_TEXT_BYTES): { text?: string; diagnostics: Diagnostic[] } {
  const tooLargeText = { diagnostics: [{ severity: 'error' as const, file, message: `is ${mib(bytes.length)}: too large to read as one text (a JSON file is read whole, at most ${mib(maxTextBytes)}; put the assets of a large pool in tapes)` }] };
  if (bytes.length > maxTextBytes) return tooLargeText;
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), diagnostics: [] };
  } catch (err) {
    // Invalid UTF-8 is a TypeError; anything else (a string longer than the engine allows) is size.
    if (!(err instanceof TypeError)) return tooLargeText;
    const offset = firstInvalidUtf8(bytes);
    if (offset < 0) return { diagnostics: [{ severity: 'error', file, message: NOT_UTF8 }] };
    const lineStart = offset === 0 ? 0 : bytes.lastIndexOf(10, offset - 1) + 1;
    let line = 1;
    for (let i = 0; i < lineStart; i++) if (bytes[i] === 10) line++;
    const before = new TextDecoder('utf-8', { ignoreBOM: line > 1 }).decode(bytes.subarray(lineStart, offset));
    return { diagnostics: [{ severity: 'error', file, line, column: [...before].length + 1, message: NOT_UTF8 }] };
  }
}

/** Reads a JSON file: its parsed value, or diagnostics saying why it cannot be read, decoded or parsed. */
export function readJsonFile(path: string, display: string = path, options: LoadOptions = {}): { value?: unknown; diagnostics: Diagnostic[] } {
  const read = readInput(path, display, limitsOf(options).jsonBytes);
  if (!read.bytes) return { diagnostics: read.diagnostics };
  const decoded = decodeUtf8(read.bytes, display);
  if (decoded.text === undefined) return { diagnostics: decoded.diagnostics };
  return parseJsonText(decoded.text, display);
}

/**
 * Loads and validates a deal file and its tapes. By default tapes are read only from the deal
 * file's folder and files are held to {@link DEFAULT_LIMITS}; `options` widens either.
 */
export function loadDeal(file: string, options: LoadOptions = {}): LoadResult {
  const json = readJsonFile(file, file, options);
  if (json.value === undefined) return { diagnostics: json.diagnostics };
  return validateDeal(json.value, file, tapeReader(file, options));
}

/**
 * Validates a parsed deal document. `readTape` reads a tape path as written in the deal (so
 * tests and programs can supply tapes without a file system); by default tapes are read from
 * disk as {@link loadDeal} does, relative to `file`, with `options`.
 */
export function validateDeal(
  input: unknown,
  file: string,
  readTape?: (path: string) => TapeRead,
  options: LoadOptions = {},
): LoadResult {
  const reader = readTape ?? tapeReader(file, options);
  const parsed = Deal.safeParse(input);
  if (!parsed.success) {
    return {
      diagnostics: issuesToDiagnostics(parsed.error.issues, file, input, {
        keysAt: (p) => keysAt(Deal, p, input),
        variantKeysAt: (p) => variantKeysAt(Deal, p, input),
      }),
    };
  }
  const spec = parsed.data;
  const diagnostics: Diagnostic[] = [];
  const assets: AssetSpec[] = [...spec.pool.assets];
  const origins = new OriginTable();
  origins.addInline(spec.pool.assets.length);

  spec.pool.tapes.forEach((tape, tapeIndex) => {
    const tapePath = ['pool', 'tapes', tapeIndex] as const;
    const read = reader(tape.path);
    const tapeFile = read.file ?? read.diagnostics[0]?.file ?? tape.path;
    const cannotRead = (reason: string) =>
      diagnostics.push({
        severity: 'error',
        file,
        path: formatPath([...tapePath, 'path']),
        message: reason === 'no such file' ? `no tape file at ${tapeFile} (the path is relative to the deal file)` : `cannot read the tape ${tapeFile}: ${reason}`,
      });
    const chunks = read.chunks ?? (read.bytes ? () => [read.bytes!] : undefined);
    if (!chunks) {
      if (read.reason !== undefined) cannotRead(read.reason);
      else diagnostics.push(...read.diagnostics.map((d) => ({ ...d, path: formatPath([...tapePath, 'path']), file, message: `tape ${tape.path}: ${d.message}` })));
      return;
    }
    const schema = ASSET_SCHEMAS[tape.type];
    const fields = new Set(leafFieldPaths(schema).filter((f) => f !== 'type' && f !== 'assumed'));
    const defaults = tape.defaults ?? {};
    const rowErrors = new RowErrors(tapeFile);
    const reported = new Set<string>();
    const once = (d: Diagnostic) => {
      const key = formatDiagnostic(d);
      if (!reported.has(key)) {
        reported.add(key);
        rowErrors.addOnce(d);
      }
    };
    // Rows are checked as they are read, and only the assets are kept; after the first error
    // they are no longer kept, as the deal will not load.
    const tapeAssets: AssetSpec[] = [];
    const tapeLines = new LineNumbers();
    let columns: TapeColumn[] = [];
    let anyError = false;
    const shared = new SharedValues();
    const parse = rowParser(schema, Asset);
    const onRow = (row: TapeRow) => {
      const result = parse(row.value);
      if (result.success) {
        if (!anyError) {
          shared.share(result.data as Record<string, unknown>, row.cells);
          tapeAssets.push(result.data as AssetSpec);
          tapeLines.push(row.line);
        }
        return;
      }
      anyError = true;
      const rowDiagnostics: Diagnostic[] = [];
      const issues = issuesToDiagnostics(result.error.issues, tapeFile, row.value, {
        keysAt: (p) => keysAt(Asset, p, row.value),
        variantKeysAt: (p) => variantKeysAt(Asset, p, row.value),
        receivedAt: (p) => cellAt(row.cells, p),
      });
      for (const d of issues) {
        const keys = parsePath(d.path ?? '');
        const field = fieldOfPath(d.path ?? '');
        const column = columns.find((c) => c.field === field);
        const cell = column ? row.cells[field] : undefined;
        if (cell === undefined && valueAt(defaults, keys) !== undefined) {
          // The value came from the tape's defaults: say so once, in the deal file.
          once({ severity: 'error', file, path: formatPath([...tapePath, 'defaults', ...keys]), message: d.message });
        } else if (column) {
          let message = d.message.replace(/^is required/, 'is empty');
          const aliases = VALUE_ALIASES[field];
          if (aliases && message.startsWith('must be one of ')) {
            // One Chinese name for each value, the first the tape accepts.
            const names = [...new Map(Object.entries(aliases).map(([cn, en]) => [en, cn] as const).reverse()).values()].reverse();
            message = message.replace(' (got ', `, or in Chinese ${names.join(', ')} (got `);
          }
          rowDiagnostics.push({ severity: 'error', file: tapeFile, line: row.line, column: column.index + 1, columnName: column.header, message });
        } else if (d.message.startsWith('is required')) {
          const aliases = Object.entries(HEADER_ALIASES).filter(([, f]) => f === field).map(([h]) => h);
          once({
            severity: 'error',
            file: tapeFile,
            line: 1,
            message: `no column for ${field}${aliases.length ? ` (or ${aliases.join(', ')})` : ''}, which ${tape.type} assets require; add the column, or set ${field} in ${formatPath([...tapePath, 'defaults'])}`,
          });
        } else {
          rowDiagnostics.push({ severity: 'error', file: tapeFile, line: row.line, message: `${d.path}: ${d.message}` });
        }
      }
      // Left to right along the row, as the reader sees it.
      rowDiagnostics.sort((a, b) => (a.column ?? Infinity) - (b.column ?? Infinity));
      for (const d of rowDiagnostics) rowErrors.add(d);
    };
    let summary;
    try {
      summary = readTapeRows(chunks, tape.encoding, tapeFile, tape.type, fields, defaults, {
        onHeader: (c) => (columns = c),
        onRow,
        onRowError: (d) => {
          anyError = true;
          rowErrors.add(d);
        },
      });
    } catch (err) {
      if (!(err instanceof InputReadError)) throw err;
      cannotRead(err.reason);
      return;
    } finally {
      read.close?.();
    }
    diagnostics.push(...summary.diagnostics);
    if (summary.failed) return;
    diagnostics.push(...rowErrors.diagnostics());
    if (!anyError) {
      for (const a of tapeAssets) assets.push(a);
      origins.addTape(tapeIndex, tapeFile, columns, tapeLines.done());
    }
  });

  if (hasErrors(diagnostics)) return { diagnostics };
  const basis = spec.pool.basis;
  if (basis) {
    const problems = poolBasisProblems(basis, assets, spec.pool.purchasePrice);
    if (problems.length > 0) return { diagnostics: [...diagnostics, ...problems.map((message) => ({ severity: 'error' as const, file, path: 'pool.basis', message }))] };
  }
  const deal = loadedDeal(file, spec, basis ? applyPoolBasis(basis, assets, spec.pool.purchasePrice, spec.dates.cutoff) : assets, origins);
  diagnostics.push(...runRules(deal));
  return hasErrors(diagnostics) ? { diagnostics } : { deal, diagnostics };
}

/**
 * One value for each text a column repeats (an industry, a date, a rate): a tape of a million
 * rows holds a few hundred distinct industries and dates, and a parsed asset's fields are never
 * changed, so rows can share them (strings, decimals, lists of IP types). A column with more
 * than {@link SharedValues.MAX} distinct texts (ids, names, balances) stops being tabled.
 */
class SharedValues {
  static readonly MAX = 4096;
  private readonly byField = new Map<string, { keys: string[]; values: Map<string, unknown> }>();

  /** Replaces each field of `asset` read from a cell by the value first parsed from the same text. */
  share(asset: Record<string, unknown>, cells: Record<string, string>): void {
    for (const field in cells) {
      let table = this.byField.get(field);
      if (!table) this.byField.set(field, (table = { keys: field.split('.'), values: new Map() }));
      let holder: Record<string, unknown> | undefined = asset;
      for (let k = 0; k < table.keys.length - 1 && holder; k++) holder = holder[table.keys[k]!] as Record<string, unknown> | undefined;
      const key = table.keys[table.keys.length - 1]!;
      const value = holder?.[key];
      if (value === undefined || value === null || typeof value !== 'object' && typeof value !== 'string') continue;
      const text = cells[field]!;
      const seen = table.values.get(text);
      if (seen !== undefined) {
        holder![key] = seen;
        continue;
      }
      // A parsed decimal's digit array has room for 16 digits more than it holds (it grew by
      // push); a copy holds just its digits, a fifth of the memory of a kept balance.
      const kept = value instanceof Decimal ? new Decimal(value) : value;
      if (kept !== value) holder![key] = kept;
      if (table.values.size < SharedValues.MAX) table.values.set(text, kept);
    }
  }
}

/** The text a tape row's cell had at a path of the asset (`ip.types[0]` → the ip.types cell). */
function cellAt(cells: Record<string, string>, path: readonly PropertyKey[]): string | undefined {
  for (let k = path.length; k > 0; k--) {
    const keys = path.slice(0, k);
    if (keys.some((x) => typeof x !== 'string')) continue;
    const cell = cells[keys.join('.')];
    // Cut: the cell of a file that is not a tape must not be echoed whole.
    if (cell !== undefined) return shownText(cell);
  }
  return undefined;
}

/** `a.b[2].c` → ['a', 'b', 2, 'c']: the inverse of formatPath for field names. */
function parsePath(path: string): PropertyKey[] {
  const out: PropertyKey[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/** `ip.types[0]` → `ip.types`: the tape column a JSON path belongs to. */
function fieldOfPath(path: string): string {
  return path.replace(/\[\d+\].*$/, '');
}
