/**
 * Loading a deal: read the JSON, check its shape against the schemas, read its CSV tapes, then
 * run the cross-reference rules. Every problem comes back as a diagnostic naming the file and the
 * JSON path or CSV line and column; nothing here throws on bad input.
 */
import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { Deal, type AssetSpec, type DealFile } from '../schema/deal.js';
import { Asset } from '../schema/pool.js';
import { keysAt, leafFieldPaths } from '../schema/introspect.js';
import { PledgeLoan, Royalty, Lease, Receivable, ScheduledFlow } from '../schema/pool.js';
import { formatPath, hasErrors, type Diagnostic } from '../validate/diagnostics.js';
import { issuesToDiagnostics } from '../validate/zodIssues.js';
import { decodeTape, parseTape, type TapeColumn } from './tape.js';
import { runRules } from '../validate/rules.js';

/** Where an asset was written: inline in the deal file or on a line of a tape. */
export type AssetOrigin =
  | { kind: 'inline'; index: number }
  | { kind: 'tape'; tape: number; file: string; line: number; columns: TapeColumn[] };

export interface LoadedDeal {
  /** The deal file's path as given. */
  file: string;
  spec: DealFile;
  /** Every asset, inline ones first, then each tape's rows in order. */
  assets: AssetSpec[];
  origins: AssetOrigin[];
}

export interface LoadResult {
  deal?: LoadedDeal;
  diagnostics: Diagnostic[];
}

const ASSET_SCHEMAS = { pledgeLoan: PledgeLoan, royalty: Royalty, lease: Lease, receivable: Receivable, scheduledFlow: ScheduledFlow };

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

/** Parses JSON text; a syntax error becomes a diagnostic with its line and column. */
export function parseJsonText(text: string, file: string): { value?: unknown; diagnostics: Diagnostic[] } {
  try {
    return { value: JSON.parse(text.replace(/^\uFEFF/, '')) as unknown, diagnostics: [] };
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const where = pos ? lineColumn(text, Number(pos[1])) : undefined;
    const clean = message.replace(/ in JSON at position \d+.*$/, '').replace(/^JSON\.parse: /, '');
    return {
      diagnostics: [{ severity: 'error', file, line: where?.line, column: where?.column, message: `not valid JSON: ${clean}` }],
    };
  }
}

/** Reads a file, or says why it cannot be read. */
export function readInput(path: string, display: string): { bytes?: Buffer; diagnostics: Diagnostic[] } {
  try {
    return { bytes: readFileSync(path), diagnostics: [] };
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'is a directory' : code === 'EACCES' ? 'permission denied' : String((err as Error).message);
    return { diagnostics: [{ severity: 'error', file: display, message: `cannot read the file: ${why}` }] };
  }
}

/** Loads and validates a deal file and its tapes. */
export function loadDeal(file: string): LoadResult {
  const read = readInput(file, file);
  if (!read.bytes) return { diagnostics: read.diagnostics };
  const json = parseJsonText(read.bytes.toString('utf8'), file);
  if (json.value === undefined) return { diagnostics: json.diagnostics };
  return validateDeal(json.value, file, (p) => readInput(resolve(dirname(file), p), displayPath(file, p)));
}

function displayPath(dealFile: string, tapePath: string): string {
  const full = resolve(dirname(dealFile), tapePath);
  const rel = relative(process.cwd(), full);
  return rel.startsWith('..') ? full : rel;
}

/**
 * Validates a parsed deal document. `readTape` reads a tape path as written in the deal (so
 * tests and programs can supply tapes without a file system).
 */
export function validateDeal(
  input: unknown,
  file: string,
  readTape: (path: string) => { bytes?: Uint8Array; diagnostics: Diagnostic[] },
): LoadResult {
  const parsed = Deal.safeParse(input);
  if (!parsed.success) {
    return { diagnostics: issuesToDiagnostics(parsed.error.issues, file, input, { keysAt: (p) => keysAt(Deal, p, input) }) };
  }
  const spec = parsed.data;
  const diagnostics: Diagnostic[] = [];
  const assets: AssetSpec[] = [...spec.pool.assets];
  const origins: AssetOrigin[] = spec.pool.assets.map((_, index) => ({ kind: 'inline', index }));

  spec.pool.tapes.forEach((tape, tapeIndex) => {
    const read = readTape(tape.path);
    const tapeFile = read.diagnostics[0]?.file ?? tape.path;
    if (!read.bytes) {
      diagnostics.push(...read.diagnostics.map((d) => ({ ...d, path: formatPath(['pool', 'tapes', tapeIndex, 'path']), file, message: `tape ${tape.path}: ${d.message}` })));
      return;
    }
    const { text } = decodeTape(read.bytes, tape.encoding);
    const schema = ASSET_SCHEMAS[tape.type];
    const fields = new Set(leafFieldPaths(schema).filter((f) => f !== 'type' && f !== 'assumed'));
    const parsedTape = parseTape(text, tapeFile, tape.type, fields, tape.defaults ?? {});
    diagnostics.push(...parsedTape.diagnostics);
    const reportedMissing = new Set<string>();
    for (const row of parsedTape.rows) {
      const result = Asset.safeParse(row.value);
      if (result.success) {
        assets.push(result.data);
        origins.push({ kind: 'tape', tape: tapeIndex, file: tapeFile, line: row.line, columns: parsedTape.columns });
        continue;
      }
      for (const d of issuesToDiagnostics(result.error.issues, tapeFile, row.value)) {
        const field = fieldOfPath(d.path ?? '');
        const column = parsedTape.columns.find((c) => c.field === field);
        if (column) {
          diagnostics.push({ severity: 'error', file: tapeFile, line: row.line, column: column.index + 1, columnName: column.header, message: d.message.replace(/^is required$/, 'is empty') });
        } else if (d.message.startsWith('is required')) {
          if (!reportedMissing.has(field)) {
            reportedMissing.add(field);
            diagnostics.push({ severity: 'error', file: tapeFile, line: 1, message: `column ${field} is missing (required for ${tape.type} assets; or set it in pool.tapes[${tapeIndex}].defaults)` });
          }
        } else {
          diagnostics.push({ severity: 'error', file: tapeFile, line: row.line, message: `${d.path}: ${d.message}` });
        }
      }
    }
  });

  if (hasErrors(diagnostics)) return { diagnostics };
  const deal: LoadedDeal = { file, spec, assets, origins };
  diagnostics.push(...runRules(deal));
  return hasErrors(diagnostics) ? { diagnostics } : { deal, diagnostics };
}

/** `ip.types[0]` → `ip.types`: the tape column a JSON path belongs to. */
function fieldOfPath(path: string): string {
  return path.replace(/\[\d+\].*$/, '');
}
