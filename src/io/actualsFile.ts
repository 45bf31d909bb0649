/**
 * Reading an actuals file (`ipabs track --actuals`): a long sheet, one figure a line —
 * 兑付日 (or 期数), 项目, 对象, 金额, 备注 — or a wide one, a line per payment date and a column per
 * figure ("A 利息", "风险金 期末余额", 本金回收, 托管费) — as CSV (UTF-8 or GBK, as tapes are) or as the first
 * sheet of an `.xlsx` workbook (read as workbook tapes are: ./xlsxSheet.ts, cells as
 * ./sheetTape.ts writes them). Amounts are yuan to the fen, parsed to whole fen from their text
 * (never through a float). What the figures mean against the deal is engine/actuals.ts's.
 */
import { parse } from 'csv-parse/sync';
import { readDateText } from '../dates/dateText.js';
import type { IsoDate } from '../dates/date.js';
import type { Money } from '../util/fen.js';
import { sheetFile } from '../util/sheetRef.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import { ACTUALS_HEADERS, actualItem, type ActualItemSpec } from './actualsItems.js';
import { readInput } from './loadDeal.js';
import { cellText } from './sheetTape.js';
import { decodeTape } from './tape.js';
import { isWorkbookPath, MAX_WORKBOOK_BYTES } from './workbookTape.js';

/** One line of an actuals file, read (not yet checked against the deal). */
export interface ActualRow {
  /** The file (`x.xlsx!Sheet1` for a sheet) and line (the sheet's row) it came from. */
  file: string;
  line: number;
  date?: IsoDate;
  period?: number;
  item: ActualItemSpec;
  /** The object named (empty for the pool's items; an asset's id for its 违约金额 or 回收金额), and its column. */
  object: string;
  objectColumn: number;
  amount: Money;
  /** A named asset's default date (违约日), when the file gives one. */
  defaultDate?: IsoDate;
}

/** The file's cells as text, a line at a time, with their line numbers. */
interface Grid {
  file: string;
  lines: { line: number; cells: string[] }[];
}

const AMOUNT = /^(-?)(\d+)(?:\.(\d{1,2}))?$/;

/** Yuan text ("1,234.56", "1234.5", "¥1234") as whole fen, or undefined; never a float. */
export function fenOfText(text: string): Money | undefined {
  const m = AMOUNT.exec(text.replace(/[,，\s¥￥元]/g, ''));
  if (!m || m[2]!.length > 13) return undefined;
  const fen = Number(m[2]) * 100 + Number((m[3] ?? '').padEnd(2, '0'));
  return (m[1] ? -fen : fen) as Money;
}

function csvGrid(bytes: Buffer, file: string): Grid | Diagnostic {
  const { text } = decodeTape(bytes, 'auto');
  try {
    const records = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, info: true }) as unknown as { record: string[]; info: { lines: number } }[];
    return { file, lines: records.map((r) => ({ line: r.info.lines, cells: r.record })) };
  } catch (e) {
    return { severity: 'error', file, message: `not a CSV file: ${(e as Error).message}` };
  }
}

async function sheetGrid(bytes: Buffer, file: string): Promise<Grid | Diagnostic> {
  if (bytes.length > MAX_WORKBOOK_BYTES) return { severity: 'error', file, message: `larger than ${MAX_WORKBOOK_BYTES / 1024 / 1024} MiB, the most read from a workbook: save it as CSV` };
  const { readSheet } = await import('./xlsxSheet.js');
  const got = await readSheet(bytes, undefined);
  if (!('data' in got)) return { severity: 'error', file, message: got.error };
  const { data } = got;
  const name = sheetFile(file, data.sheet);
  return { file: name, lines: data.rows.map((r) => ({ line: r.row, cells: r.cells.map((c) => cellText(c, undefined, data.date1904)) })) };
}

type Field = 'date' | 'period' | 'item' | 'object' | 'amount' | 'note' | 'asset' | 'defaultDate';

/** The field a header cell names, if any. */
const fieldOf = (h: string): Field | undefined => ACTUALS_HEADERS[h.trim()] ?? ACTUALS_HEADERS[h.trim().toLowerCase().replace(/[\s_（）()]/g, '')];

/**
 * The item and object a column of a wide sheet names: an item of the pool (本金回收), an object
 * and an item either way round (`A 利息`, `风险金 期末余额`, `利息 A`), or a fee alone (托管费: its 税费).
 */
function wideColumn(h: string): { item: string; object: string } | undefined {
  const t = h.trim();
  if (actualItem(t)?.of === 'pool') return { item: t, object: '' };
  const parts = t.split(/[\s·:：|/]+/).filter((x) => x !== '');
  if (parts.length === 1) return { item: '税费', object: t };
  const last = parts[parts.length - 1]!;
  if (actualItem(last)) return { item: last, object: parts.slice(0, -1).join(' ') };
  if (actualItem(parts[0]!)) return { item: parts[0]!, object: parts.slice(1).join(' ') };
  return undefined;
}

/** Where each field of a figure is: its text and its column (1-based; 0 when the file has none). */
type Figure = Partial<Record<Field, { text: string; column: number }>>;

/**
 * The figures of each data line: a long sheet (a 项目 column) gives one a line; a wide sheet
 * (a line per payment date, a column per figure) one a filled cell. Or the header's diagnostics.
 */
function figuresOf(grid: Grid): { figures: { line: number; figure: Figure }[]; diagnostics: Diagnostic[] } {
  const first = grid.lines[0];
  if (!first) return { figures: [], diagnostics: [{ severity: 'error', file: grid.file, message: 'the file is empty: give a header 兑付日,项目,对象,金额 and a line per figure' }] };
  const fields = first.cells.map(fieldOf);
  const wide = !fields.includes('item') && !fields.includes('amount');
  const columns = first.cells.map((h, i) => (wide && fields[i] === undefined && h.trim() !== '' ? wideColumn(h) : undefined));
  const diagnostics: Diagnostic[] = [];
  first.cells.forEach((h, i) => {
    if (fields[i] !== undefined || h.trim() === '' || columns[i]) return;
    const known = wide ? 'a wide sheet names its figures "对象 项目" (A 利息, 风险金 期末余额), a pool item (本金回收) or a fee (托管费)' : 'known: 兑付日 or 期数, 项目, 对象, 金额, 备注; or date, period, item, object, amount, note';
    diagnostics.push({ severity: 'error', file: grid.file, line: first.line, column: i + 1, message: `unknown column "${h}" (${known})` });
  });
  if (!wide) for (const need of ['item', 'amount'] as const) if (!fields.includes(need)) diagnostics.push({ severity: 'error', file: grid.file, line: first.line, message: `no ${need === 'item' ? '项目 (item)' : '金额 (amount)'} column` });
  if (!fields.includes('date') && !fields.includes('period')) diagnostics.push({ severity: 'error', file: grid.file, line: first.line, message: 'no 兑付日 (date) or 期数 (period) column: say which payment date each figure is of' });
  if (diagnostics.length) return { figures: [], diagnostics };
  const at = (cells: string[], f: Field) => (fields.includes(f) ? { text: (cells[fields.indexOf(f)] ?? '').trim(), column: fields.indexOf(f) + 1 } : undefined);
  const figures: { line: number; figure: Figure }[] = [];
  for (const { line, cells } of grid.lines.slice(1)) {
    if (cells.every((c) => c.trim() === '')) continue;
    const when = { date: at(cells, 'date'), period: at(cells, 'period'), asset: at(cells, 'asset') };
    if (!wide) figures.push({ line, figure: { ...when, item: at(cells, 'item'), object: at(cells, 'object'), amount: at(cells, 'amount'), defaultDate: at(cells, 'defaultDate') } });
    else
      columns.forEach((c, i) => {
        const text = (cells[i] ?? '').trim();
        // A wide line's 违约日 is the date of its 违约金额.
        const defaultDate = actualItem(c?.item ?? '')?.key === 'defaulted' ? at(cells, 'defaultDate') : undefined;
        if (c && text !== '') figures.push({ line, figure: { ...when, item: { text: c.item, column: i + 1 }, object: { text: c.object, column: i + 1 }, amount: { text, column: i + 1 }, defaultDate } });
      });
  }
  return { figures, diagnostics };
}

/**
 * The object of a figure: its 对象, or for 违约金额 and 回收金额 the asset its 资产编号 names (a
 * figure of another item on a line naming an asset is an error, as are two different names).
 */
function assetOf(figure: Figure, item: ActualItemSpec | undefined, bad: (f: Field, message: string) => void): { object: string; objectColumn: number } {
  const object = { object: figure.object?.text ?? '', objectColumn: figure.object?.column ?? 0 };
  const asset = figure.asset?.text ?? '';
  if (asset === '' || !item) return object;
  if (!item.perAsset) {
    bad('asset', `资产编号 ${asset}: a line naming an asset gives only its 违约金额 and 回收金额 (not ${item.words[0]})`);
    return object;
  }
  if (object.object !== '' && object.object !== asset) bad('asset', `资产编号 ${asset} and 对象 ${object.object} name different assets`);
  return { object: asset, objectColumn: figure.asset!.column };
}

/** One figure as a row, or its diagnostics. */
function rowOf(file: string, line: number, figure: Figure, out: Diagnostic[]): ActualRow | undefined {
  const cell = (f: Field) => figure[f]?.text ?? '';
  const bad = (f: Field, message: string) => void out.push({ severity: 'error', file, line, ...(figure[f] ? { column: figure[f].column } : {}), message });
  const before = out.length;
  const item = actualItem(cell('item'));
  if (!item) bad('item', cell('item') === '' ? 'no item (项目)' : `unknown item "${cell('item')}" (README, "Tracking actuals", lists the items)`);
  const amount = fenOfText(cell('amount'));
  if (amount === undefined) bad('amount', `"${cell('amount')}" is not an amount in yuan to the fen (like 12534.79)`);
  else if (amount < 0) bad('amount', `${cell('amount')}: an amount is not negative (a draw and a top-up are separate items)`);
  const date = cell('date') === '' ? undefined : readDateText(cell('date'));
  if (cell('date') !== '' && date === undefined) bad('date', `"${cell('date')}" is not a date (like 2021-08-26)`);
  const period = cell('period') === '' ? undefined : Number(cell('period'));
  if (period !== undefined && !(Number.isInteger(period) && period >= 1)) bad('period', `"${cell('period')}" is not a period number (1 is the first payment date)`);
  if (date === undefined && period === undefined && out.length === before) bad(figure.date ? 'date' : 'period', 'no payment date (兑付日) or period (期数)');
  const named = assetOf(figure, item, bad);
  const defaultDate = cell('defaultDate') === '' ? undefined : readDateText(cell('defaultDate'));
  if (cell('defaultDate') !== '' && defaultDate === undefined) bad('defaultDate', `"${cell('defaultDate')}" is not a date (like 2021-02-26)`);
  else if (defaultDate !== undefined && (item?.key !== 'defaulted' || named.object === '')) bad('defaultDate', '违约日 is the date of a named asset’s 违约金额');
  if (out.length > before || !item) return undefined;
  return { file, line, ...(date ? { date } : {}), ...(period !== undefined ? { period } : {}), item, ...named, amount: amount!, ...(defaultDate ? { defaultDate } : {}) };
}

/**
 * Reads an actuals file: its lines as rows, or the diagnostics of every line that is wrong
 * (each naming the file, or `file!sheet`, its line and column).
 */
export async function readActuals(path: string, display: string, maxBytes?: number): Promise<{ rows: ActualRow[]; diagnostics: Diagnostic[] }> {
  const read = readInput(path, display, maxBytes);
  if (!read.bytes) return { rows: [], diagnostics: read.diagnostics };
  if (/\.xls$/i.test(path)) return { rows: [], diagnostics: [{ severity: 'error', file: display, message: 'an Excel 97–2003 workbook (.xls), which ipabs does not read: save it as .xlsx or CSV' }] };
  const grid = isWorkbookPath(path) ? await sheetGrid(read.bytes, display) : csvGrid(read.bytes, display);
  if ('severity' in grid) return { rows: [], diagnostics: [grid] };
  const { figures, diagnostics } = figuresOf(grid);
  if (diagnostics.length) return { rows: [], diagnostics };
  const rows: ActualRow[] = [];
  for (const { line, figure } of figures) {
    const row = rowOf(grid.file, line, figure, diagnostics);
    if (row) rows.push(row);
  }
  if (!diagnostics.length && !rows.length) diagnostics.push({ severity: 'error', file: grid.file, message: 'no figures under the header' });
  return { rows, diagnostics };
}
