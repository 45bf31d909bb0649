/**
 * The tape of a status's asset statuses, read through the pool tapes' pipeline (./tape.ts for
 * CSV in UTF-8 or GBK, ./sheetTape.ts for an .xlsx sheet): the same header forms (a unit in
 * brackets: 剩余本金（万元）), amounts (1,234.56), dates (2024/1/15, 2024年1月15日, Excel serials)
 * and messages that name file:line or tape.xlsx!Sheet!C5. Each row becomes an entry of the
 * status's `assets`, keyed by asset id. A column that is not a status field is an error here
 * (a pool tape only warns): a misspelt 逾期天数 would otherwise leave an overdue asset performing.
 */
import { StatusAsset, type StatusFile } from '../schema/status.js';
import type { TapeColumn } from '../deal/loaded.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import { issuesToDiagnostics } from '../validate/zodIssues.js';
import { sheetFile } from '../util/sheetRef.js';
import { readInput } from './loadDeal.js';
import type { LoadOptions } from './input.js';
import { readTape } from './tape.js';
import { readSheetTape } from './sheetTape.js';
import { isWorkbookPath, MAX_WORKBOOK_BYTES } from './workbookTape.js';
import { readSheetSync } from './xlsxBridge.js';
import type { TapeRow, TapeVisitor, TapeVocabulary } from './tapeRecords.js';

/** Header names of a status tape → fields. */
export const STATUS_HEADERS: Readonly<Record<string, string>> = {
  资产编号: 'id', 资产代码: 'id', 编号: 'id',
  资产状态: 'status', 状态: 'status',
  剩余本金: 'outstanding', 未偿本金余额: 'outstanding', 剩余金额: 'outstanding',
  逾期天数: 'overdueDays',
  违约日: 'defaultDate', 违约日期: 'defaultDate',
  违约金额: 'defaultBalance',
  已回收金额: 'recoveredToDate',
  预计回收金额: 'expectedRecovery',
};

/** Status words of a tape → statuses. */
const STATUS_WORDS: Readonly<Record<string, string>> = { 正常: 'performing', 正常还款: 'performing', 已结清: 'paidOff', 结清: 'paidOff', 提前还款: 'prepaid', 提前结清: 'prepaid', 逾期: 'overdue', 违约: 'defaulted', 核销: 'writtenOff', 已核销: 'writtenOff' };

const AMOUNTS = ['outstanding', 'defaultBalance', 'recoveredToDate', 'expectedRecovery'];
const FIELDS: ReadonlySet<string> = new Set(['id', 'status', 'overdueDays', 'defaultDate', ...AMOUNTS]);

/** What a status tape may write. */
export const STATUS_TAPE: TapeVocabulary = {
  aliases: STATUS_HEADERS,
  values: { status: STATUS_WORDS },
  units: { amount: new Set(AMOUNTS), rate: new Set(), int: new Set(['overdueDays']), date: new Set(['defaultDate']) },
  example: 'id, status, outstanding, or 资产编号, 资产状态, 剩余本金, 逾期天数, 违约日',
};

/** Where in a status asset each tape field goes (the path its problems are reported at). */
const ASSET_PATH: Readonly<Record<string, string>> = {
  id: 'id', status: 'status', outstanding: 'outstanding', overdueDays: 'overdueDays',
  defaultDate: 'defaults[0].date', defaultBalance: 'defaults[0].balance', recoveredToDate: 'defaults[0].recoveredToDate', expectedRecovery: 'defaults[0].expectedRecovery',
};

/** The Chinese header of an asset path a tape has no column for (`defaults[0].balance` → 违约金额 (no column)). */
function headerOf(path: string): string {
  const field = Object.keys(ASSET_PATH).find((f) => ASSET_PATH[f] === path);
  const header = field && Object.keys(STATUS_HEADERS).find((h) => STATUS_HEADERS[h] === field);
  return header ? `${header} (no column)` : path;
}

/** A status tape's reading settings (schema/status.ts StatusTape). */
export interface StatusTapeSettings {
  path: string;
  sheet?: string | number;
  headerRow?: number;
  encoding: 'auto' | 'utf8' | 'gbk';
}

/** A status tape read: its rows as status assets, the line (or sheet row) of each, and the column of each asset path. */
export interface StatusTapeRead {
  assets: StatusFile['assets'];
  lines: number[];
  /** The tape as messages name it (`tape.xlsx!Sheet1` for a sheet). */
  file: string;
  /** The tape's column of each asset path (`outstanding`, `defaults[0].date`). */
  columns: Record<string, { column: number; header: string }>;
  diagnostics: Diagnostic[];
}

/** One tape row (its converted cells) as a status asset, before validation. */
function rowAsset(row: Record<string, unknown>): Record<string, unknown> {
  const { id, status: given, outstanding, overdueDays: days, defaultDate, defaultBalance, recoveredToDate, expectedRecovery } = row;
  const zero = typeof outstanding === 'string' && /^[+-]?0*(\.0*)?$/.test(outstanding);
  const status = given ?? (defaultDate !== undefined ? 'defaulted' : days ? 'overdue' : zero ? 'paidOff' : 'performing');
  const defaults = defaultDate !== undefined ? [{ date: defaultDate, balance: defaultBalance, ...(recoveredToDate !== undefined ? { recoveredToDate } : {}), ...(expectedRecovery !== undefined ? { expectedRecovery } : {}) }] : [];
  return { id, status, ...(outstanding !== undefined ? { outstanding } : {}), ...(days !== undefined ? { overdueDays: days } : {}), defaults };
}

/** The tape's visitor: each row parsed as a status asset, its problems at its cells. */
function statusVisitor(out: StatusTapeRead): TapeVisitor {
  return {
    onHeader(cols: TapeColumn[]) {
      for (const c of cols) if (c.field !== undefined) out.columns[ASSET_PATH[c.field]!] = { column: c.index + 1, header: c.header };
    },
    onRowError: (d) => out.diagnostics.push(d),
    onRow(row: TapeRow) {
      const value = rowAsset(row.value);
      const parsed = StatusAsset.safeParse(value);
      if (parsed.success) {
        out.assets.push(parsed.data);
        out.lines.push(row.line);
        return;
      }
      for (const d of issuesToDiagnostics(parsed.error.issues, out.file, value)) {
        const at = d.path !== undefined ? out.columns[d.path] : undefined;
        const col = at ?? (d.path?.startsWith('defaults') ? out.columns['defaults[0].date'] : undefined);
        out.diagnostics.push({ severity: 'error', file: out.file, line: row.line, ...(col ? { column: col.column, columnName: col.header } : {}), message: at ? d.message : `${d.path ? `${headerOf(d.path)}: ` : ''}${d.message}` });
      }
    },
  };
}

/**
 * Reads a status tape (`path` on disk, `display` in messages): CSV or an .xlsx sheet, as pool
 * tapes are read.
 */
export function readStatusTape(path: string, display: string, settings: StatusTapeSettings, options: LoadOptions = {}): StatusTapeRead {
  const out: StatusTapeRead = { assets: [], lines: [], file: display, columns: {}, diagnostics: [] };
  const fail = (message: string): StatusTapeRead => ({ ...out, assets: [], lines: [], diagnostics: [{ severity: 'error', file: out.file, message }] });
  const workbook = isWorkbookPath(path);
  if (!workbook && (settings.sheet !== undefined || settings.headerRow !== undefined)) return fail(`sheet and headerRow are for .xlsx tapes; ${display} is read as CSV`);
  const read = readInput(path, display, workbook ? MAX_WORKBOOK_BYTES : options.limits?.tapeBytes);
  if (!read.bytes) return { ...out, diagnostics: read.diagnostics };
  const visit = statusVisitor(out);
  let summary: { diagnostics: Diagnostic[]; failed: boolean };
  if (workbook) {
    const got = readSheetSync(read.bytes, settings.sheet);
    if (!('data' in got)) return fail(got.error);
    out.file = sheetFile(display, got.data.sheet);
    summary = readSheetTape(got.data, out.file, 'status', FIELDS, {}, visit, settings.headerRow, STATUS_TAPE);
  } else summary = readTape(() => [read.bytes!], settings.encoding, display, 'status', FIELDS, {}, visit, STATUS_TAPE);
  // A column that is no status field: an error (see above).
  const header = summary.diagnostics.map((d) => (d.severity === 'warning' && d.columnName !== undefined ? { ...d, severity: 'error' as const, message: d.message.replace('not a field of status assets', 'not a column of a status tape').replace('; the column is ignored', `; known: ${Object.keys(STATUS_HEADERS).join(', ')}`) } : d));
  const diagnostics = [...header, ...out.diagnostics];
  if (!summary.failed && !header.some((d) => d.severity === 'error') && out.columns['id'] === undefined) diagnostics.push({ severity: 'error', file: out.file, message: 'the tape needs an asset id column (资产编号)' });
  return diagnostics.some((d) => d.severity === 'error') ? { ...out, assets: [], lines: [], diagnostics } : { ...out, diagnostics };
}
