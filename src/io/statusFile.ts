/**
 * Reading a status file (schema/status.ts) and the tape of asset statuses it may name: a CSV
 * keyed by asset id, with Chinese or English headers, UTF-8 or GBK as pool tapes are. Each tape
 * row becomes an entry of `assets`; `lineOf` says which CSV line each came from, so that
 * problems found against the deal name the line.
 */
import { dirname, resolve } from 'node:path';
import { parse } from 'csv-parse/sync';
import { Status, StatusAsset, type StatusFile } from '../schema/status.js';
import { keysAt } from '../schema/introspect.js';
import { formatPath, type Diagnostic } from '../validate/diagnostics.js';
import { issuesToDiagnostics } from '../validate/zodIssues.js';
import { readJsonFile, readInput } from './loadDeal.js';
import { decodeTape } from './tape.js';
import type { LoadOptions } from './input.js';

/** Header names of a status tape → fields. */
export const STATUS_HEADERS: Readonly<Record<string, string>> = {
  资产编号: 'id', 资产代码: 'id', id: 'id',
  资产状态: 'status', 状态: 'status', status: 'status',
  剩余本金: 'outstanding', 未偿本金余额: 'outstanding', 剩余金额: 'outstanding', outstanding: 'outstanding',
  逾期天数: 'overdueDays', overdueDays: 'overdueDays',
  违约日: 'defaultDate', 违约日期: 'defaultDate', defaultDate: 'defaultDate',
  违约金额: 'defaultBalance', defaultBalance: 'defaultBalance',
  已回收金额: 'recoveredToDate', recoveredToDate: 'recoveredToDate',
  预计回收金额: 'expectedRecovery', expectedRecovery: 'expectedRecovery',
};

/** Status words of a tape → statuses. */
const STATUS_WORDS: Readonly<Record<string, string>> = { 正常: 'performing', 正常还款: 'performing', 已结清: 'paidOff', 结清: 'paidOff', 提前还款: 'prepaid', 提前结清: 'prepaid', 逾期: 'overdue', 违约: 'defaulted', 核销: 'writtenOff', 已核销: 'writtenOff' };

const DATE = /^(\d{4})[/.\-年](\d{1,2})[/.\-月](\d{1,2})日?$/;

function dateText(raw: string): string {
  const m = DATE.exec(raw);
  return m ? `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}` : raw;
}

/** One tape row as a status asset (before validation). */
function rowAsset(row: Record<string, string>): Record<string, unknown> {
  const amount = (s: string | undefined) => (s === undefined || s === '' ? undefined : s.replace(/[,，]/g, ''));
  const days = row['overdueDays'] ? Number(row['overdueDays']) : undefined;
  const defaultDate = row['defaultDate'] ? dateText(row['defaultDate']) : undefined;
  const outstanding = amount(row['outstanding']);
  const given = row['status'] ? (STATUS_WORDS[row['status']] ?? row['status']) : undefined;
  const status = given ?? (defaultDate ? 'defaulted' : days ? 'overdue' : outstanding !== undefined && Number(outstanding) === 0 ? 'paidOff' : 'performing');
  const defaults = defaultDate
    ? [{ date: defaultDate, balance: amount(row['defaultBalance']), ...(row['recoveredToDate'] ? { recoveredToDate: amount(row['recoveredToDate']) } : {}), ...(row['expectedRecovery'] ? { expectedRecovery: amount(row['expectedRecovery']) } : {}) }]
    : [];
  return { id: row['id'], status, ...(outstanding !== undefined ? { outstanding } : {}), ...(days !== undefined ? { overdueDays: days } : {}), defaults };
}

/** Reads a status tape: its rows as status assets, each with its CSV line. */
export function readStatusTape(path: string, display: string, options: LoadOptions = {}): { assets: StatusFile['assets']; lines: number[]; diagnostics: Diagnostic[] } {
  const read = readInput(path, display, options.limits?.tapeBytes);
  if (!read.bytes) return { assets: [], lines: [], diagnostics: read.diagnostics };
  const { text } = decodeTape(read.bytes, 'auto');
  const diagnostics: Diagnostic[] = [];
  let records: string[][];
  try {
    records = parse(text, { bom: true, skip_empty_lines: true, relax_column_count: true, trim: true }) as string[][];
  } catch (e) {
    return { assets: [], lines: [], diagnostics: [{ severity: 'error', file: display, message: `not a CSV file: ${(e as Error).message}` }] };
  }
  const header = (records[0] ?? []).map((h) => STATUS_HEADERS[h] ?? STATUS_HEADERS[h.toLowerCase()]);
  (records[0] ?? []).forEach((h, i) => {
    if (header[i] === undefined) diagnostics.push({ severity: 'error', file: display, line: 1, column: i + 1, message: `unknown column "${h}" (known: ${Object.keys(STATUS_HEADERS).join(', ')})` });
  });
  if (!header.includes('id')) diagnostics.push({ severity: 'error', file: display, line: 1, message: 'the tape needs an asset id column (资产编号)' });
  if (diagnostics.length) return { assets: [], lines: [], diagnostics };
  const assets: StatusFile['assets'] = [];
  const lines: number[] = [];
  records.slice(1).forEach((cells, r) => {
    const row: Record<string, string> = {};
    header.forEach((field, i) => (row[field!] = cells[i] ?? ''));
    const line = r + 2;
    const parsed = StatusAsset.safeParse(rowAsset(row));
    if (!parsed.success) {
      for (const d of issuesToDiagnostics(parsed.error.issues, display, row)) diagnostics.push({ ...d, line, path: undefined, message: `${d.path ? `${d.path}: ` : ''}${d.message}` });
      return;
    }
    assets.push(parsed.data);
    lines.push(line);
  });
  return { assets, lines, diagnostics };
}

/**
 * Reads a status file and its tape. `assets` holds the file's entries, then the tape's;
 * `tapeRows` maps the index of a tape entry in it to its file and line.
 */
export function loadStatusFile(file: string, options: LoadOptions = {}): { status?: StatusFile; diagnostics: Diagnostic[]; tape?: { file: string; first: number; lines: number[] } } {
  const json = readJsonFile(file, file, options);
  if (json.value === undefined) return { diagnostics: json.diagnostics };
  const parsed = Status.safeParse(json.value);
  if (!parsed.success) return { diagnostics: issuesToDiagnostics(parsed.error.issues, file, json.value, { keysAt: (p) => keysAt(Status, p, json.value) }) };
  const status = parsed.data;
  if (status.assetTape === undefined) return { status, diagnostics: [] };
  const tapePath = resolve(dirname(file), status.assetTape);
  const tape = readStatusTape(tapePath, status.assetTape, options);
  if (tape.diagnostics.length) return { diagnostics: tape.diagnostics.map((d) => (d.line === undefined && !d.path ? { ...d, path: formatPath(['assetTape']) } : d)) };
  return { status: { ...status, assets: [...status.assets, ...tape.assets] }, diagnostics: [], tape: { file: status.assetTape, first: status.assets.length, lines: tape.lines } };
}

/**
 * The asset tape a status file names, as a path (relative to the working folder), or undefined
 * when it names none or cannot be read (reading it properly says why). What a shard's part
 * records besides the status file itself.
 */
export function statusTapePath(file: string, options: LoadOptions = {}): string | undefined {
  const json = readJsonFile(file, file, options);
  const v = json.value as { assetTape?: unknown } | undefined;
  return v && typeof v === 'object' && typeof v.assetTape === 'string' ? resolve(dirname(file), v.assetTape) : undefined;
}
