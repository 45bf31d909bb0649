/**
 * Reading a status file (schema/status.ts) and the tape of asset statuses it may name (read as
 * pool tapes are: ./statusTape.ts). Each tape row becomes an entry of `assets`; the tape's
 * lines and columns say where each came from, so that problems found against the deal name
 * the tape's line or cell.
 */
import { dirname, resolve } from 'node:path';
import { Status, type StatusFile } from '../schema/status.js';
import { keysAt } from '../schema/introspect.js';
import { formatPath, type Diagnostic } from '../validate/diagnostics.js';
import { issuesToDiagnostics } from '../validate/zodIssues.js';
import { readJsonFile } from './loadDeal.js';
import { readStatusTape, type StatusTapeSettings } from './statusTape.js';
import type { LoadOptions } from './input.js';

export { readStatusTape, STATUS_HEADERS } from './statusTape.js';

/** Where the entries of a status's tape came from: its name in messages, the index of its first entry in `assets`, each entry's line and the column of each field. */
export interface StatusTapeOrigin {
  file: string;
  first: number;
  lines: number[];
  columns: Record<string, { column: number; header: string }>;
}

/** A status file's `assetTape` as reading settings. */
function tapeSettings(tape: NonNullable<StatusFile['assetTape']>): StatusTapeSettings {
  return typeof tape === 'string' ? { path: tape, encoding: 'auto' } : tape;
}

/**
 * Reads a status file and its tape. `assets` holds the file's entries, then the tape's;
 * `tape` says where each tape entry came from.
 */
export function loadStatusFile(file: string, options: LoadOptions = {}): { status?: StatusFile; diagnostics: Diagnostic[]; tape?: StatusTapeOrigin } {
  const json = readJsonFile(file, file, options);
  if (json.value === undefined) return { diagnostics: json.diagnostics };
  const parsed = Status.safeParse(json.value);
  if (!parsed.success) return { diagnostics: issuesToDiagnostics(parsed.error.issues, file, json.value, { keysAt: (p) => keysAt(Status, p, json.value) }) };
  const status = parsed.data;
  if (status.assetTape === undefined) return { status, diagnostics: [] };
  const settings = tapeSettings(status.assetTape);
  const tape = readStatusTape(resolve(dirname(file), settings.path), settings.path, settings, options);
  if (tape.diagnostics.some((d) => d.severity === 'error')) return { diagnostics: tape.diagnostics.map((d) => (d.line === undefined && !d.path ? { ...d, path: formatPath(['assetTape']) } : d)) };
  return { status: { ...status, assets: [...status.assets, ...tape.assets] }, diagnostics: [], tape: { file: tape.file, first: status.assets.length, lines: tape.lines, columns: tape.columns } };
}

/**
 * The asset tape a status file names, as a path (relative to the working folder), or undefined
 * when it names none or cannot be read (reading it properly says why). What a shard's part
 * records besides the status file itself.
 */
export function statusTapePath(file: string, options: LoadOptions = {}): string | undefined {
  const json = readJsonFile(file, file, options);
  const v = json.value as { assetTape?: unknown } | undefined;
  const tape = v && typeof v === 'object' ? v.assetTape : undefined;
  const path = typeof tape === 'string' ? tape : tape && typeof tape === 'object' ? (tape as { path?: unknown }).path : undefined;
  return typeof path === 'string' ? resolve(dirname(file), path) : undefined;
}
