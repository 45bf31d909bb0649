/**
 * Loading a deal: read the JSON, check its shape against the schemas, read its CSV tapes, then
 * run the cross-reference rules. Every problem comes back as a diagnostic naming the file and the
 * JSON path or CSV line and column; nothing here throws on bad input.
 */
import { closeSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { Deal, type AssetSpec, type DealFile, type TapeSpec } from '../schema/deal.js';
import { Tape } from '../schema/pool.js';
import { keysAt, variantKeysAt } from '../schema/introspect.js';
import { hasErrors, type Diagnostic } from '../validate/diagnostics.js';
import { issuesToDiagnostics, valueAt } from '../validate/zodIssues.js';
import { DEFAULT_LIMITS, displayPath, MAX_JSON_TEXT_BYTES, mib, limitsOf, MAX_JSON_DEPTH, openInput, readChunks, readWhole, tapeRefusal, type LoadOptions } from './input.js';
import { runRules } from '../validate/rules.js';
import { partialReferences } from '../validate/partial.js';
import { loadedDeal, OriginTable, type LoadedDeal } from '../deal/loaded.js';
import { readDealTape, type GoodTape, type TapeRead } from './dealTapes.js';
import { applyPoolBasis, poolBasisProblems } from '../pool/poolBasis.js';

export type { TapeRead } from './dealTapes.js';
export { originOf, tapeFilesOf, type AssetOrigin, type LoadedDeal } from '../deal/loaded.js';

/** A deal, when it loaded without an error, and every diagnostic (errors and warnings). */
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
  const diagnostics: Diagnostic[] = parsed.success
    ? []
    : issuesToDiagnostics(parsed.error.issues, file, input, {
        keysAt: (p) => keysAt(Deal, p, input),
        variantKeysAt: (p) => variantKeysAt(Deal, p, input),
      });
  // The tapes are read even when the deal file has shape errors, each tape whose own entry in
  // pool.tapes is valid: one run reports the mistakes of both.
  const good: GoodTape[] = [];
  let tapesGood = true;
  tapeEntries(parsed.success ? parsed.data : undefined, input).forEach(({ tape, index }) => {
    const r = readDealTape(tape, index, file, reader);
    diagnostics.push(...r.diagnostics);
    if (r.read) good.push(r.read);
    else tapesGood = false;
  });
  if (!parsed.success || hasErrors(diagnostics)) {
    const from = parsed.success ? { spec: parsed.data } : { input, issues: parsed.error.issues };
    diagnostics.push(...partialReferences(file, from, good, tapesGood));
    return { diagnostics };
  }
  const spec = parsed.data;
  const origins = new OriginTable();
  origins.addInline(spec.pool.assets.length);
  const assets: AssetSpec[] = [...spec.pool.assets];
  for (const t of good) {
    for (const a of t.assets) assets.push(a);
    origins.addTape(t.index, t.file, t.columns, t.lines);
  }
  const basis = spec.pool.basis;
  if (basis) {
    const problems = poolBasisProblems(basis, assets, spec.pool.purchasePrice);
    if (problems.length > 0) return { diagnostics: [...diagnostics, ...problems.map((message) => ({ severity: 'error' as const, file, path: 'pool.basis', message }))] };
  }
  const deal = loadedDeal(file, spec, basis ? applyPoolBasis(basis, assets, spec.pool.purchasePrice, spec.dates.cutoff) : assets, origins);
  diagnostics.push(...runRules(deal));
  return hasErrors(diagnostics) ? { diagnostics } : { deal, diagnostics };
}

/** The tapes to read: all of a valid deal's, or each entry of pool.tapes that is valid by itself. */
function tapeEntries(spec: DealFile | undefined, input: unknown): { tape: TapeSpec; index: number }[] {
  if (spec) return spec.pool.tapes.map((tape, index) => ({ tape, index }));
  const raw = valueAt(input, ['pool', 'tapes']);
  if (!Array.isArray(raw)) return [];
  return raw.flatMap((entry, index) => {
    const r = Tape.safeParse(entry);
    return r.success ? [{ tape: r.data, index }] : [];
  });
}
