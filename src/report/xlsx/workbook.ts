/**
 * A {@link Report} as an .xlsx workbook, written with exceljs's streaming writer (rows go to the
 * zip as they are made, so a pool report of 600,000 asset flows stays within memory): a cover
 * sheet (the report's title, its subtitle lines — the deal, the scenario — the unit and the list
 * of sheets), one sheet per section, and the assumptions and notes last. One builder for every
 * command: it reads only the report model.
 *
 * A table section's sheet has its header in row 1 (money headers carry the unit, as a CSV of
 * one section does), a row per row, the total in bold under a rule; the header row and the first
 * column are frozen and the rows filterable. A key-value section is an Item/Value table.
 */
import { PassThrough } from 'node:stream';
import type { stream as ExcelStream, Worksheet } from 'exceljs';
import { sectionTitle } from '../format.js';
import type { Cell, KeyValueSection, Lang, Report, Section, TableSection, Unit } from '../model.js';
import { labelText, textCell, xlsxCell, type XlsxCell } from './cells.js';
import { SheetNames } from './sheetNames.js';
import { InputError } from '../../util/errors.js';

/** What the writer needs of exceljs (loaded on first use by the caller). */
export type WorkbookWriterClass = typeof ExcelStream.xlsx.WorkbookWriter;
type WorkbookWriter = InstanceType<WorkbookWriterClass>;

export interface XlsxOptions {
  lang: Lang;
  unit: Unit;
}

/**
 * The time written as the workbook's created and modified dates: fixed, so the same report gives
 * the same bytes (the zip entries' times are fixed likewise: see zipTimes.ts).
 */
export const FIXED_TIME = new Date(Date.UTC(1980, 0, 1));

/** Column widths in Excel's units (about one Latin character; a CJK character counts two). */
const MIN_WIDTH = 6;
const MAX_WIDTH = 60;
const MARGIN = 2;
const NOTES_WIDTH = 100;

const WORDS = {
  zh: { cover: '封面', notes: '假设与说明', unit: '金额单位', yuan: '元', wan: '万元', sheet: '工作表', contents: '内容', item: '项目', value: '数值', sheetN: '表' },
  en: { cover: 'Cover', notes: 'Assumptions and notes', unit: 'Amounts in', yuan: 'CNY', wan: 'CNY 10,000', sheet: 'Sheet', contents: 'Contents', item: 'Item', value: 'Value', sheetN: 'Sheet ' },
} as const;

/** What the notes sheet says of the cells, after the report's own notes. */
const PRECISION_NOTE = {
  zh: '单元格保存数值本身：金额精确到分，比率与倍数保留10位小数；显示格式按报告的小数位四舍五入。',
  en: 'Cells hold the figures themselves: amounts to the fen, rates and multiples to 10 decimal places; the number formats round them for display as the report does.',
} as const;

/** Printed on A4 (Excel's paper size 9) across, as wide as the page, as many pages down as it takes. */
const PRINT = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } as const;

/** exceljs's default font (Calibri 11), bold: a font without its name is drawn in the reader's fallback, often a serif. */
const FONT = { name: 'Calibri', family: 2, size: 11 } as const;
const BOLD = { ...FONT, bold: true } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;
const RULE = { top: { style: 'thin' } } as const;

/** Adds `cells` as the next row of `ws` (values and number formats), styled by `style`, and commits it. */
function putRow(ws: Worksheet, cells: readonly XlsxCell[], style: 'header' | 'total' | 'plain' = 'plain'): void {
  const row = ws.addRow(cells.map((c) => c.value));
  cells.forEach((c, i) => {
    const cell = row.getCell(i + 1);
    if (c.numFmt !== undefined) cell.numFmt = c.numFmt;
    if (style === 'header') cell.fill = HEADER_FILL;
    if (style === 'total') cell.border = RULE;
  });
  if (style !== 'plain') row.font = BOLD;
  row.commit();
}

/** Sets each column's width to its widest cell (display widths), within bounds; a wider one wraps. */
function setWidths(ws: Worksheet, widths: readonly number[]): void {
  ws.columns = widths.map((w) => ({
    width: Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + MARGIN)),
    ...(w + MARGIN > MAX_WIDTH ? { style: { alignment: { wrapText: true, vertical: 'top' } } } : {}),
  }));
}

/** A row's own value for `key` (never an inherited property such as `constructor`). */
const own = (row: Record<string, Cell>, key: string): Cell => (Object.prototype.hasOwnProperty.call(row, key) ? row[key] : undefined);

function tableSheet(ws: Worksheet, section: TableSection, o: XlsxOptions): void {
  const cols = section.columns;
  const headers = cols.map((c) => textCell(labelText(c.header, c.kind, o.lang, o.unit)));
  const body = section.total ? [...section.rows, section.total] : section.rows;
  const cellsOf = (row: Record<string, Cell>) => cols.map((c) => xlsxCell(own(row, c.key), c.kind, c.decimals, o.unit));
  // Widths first (the streaming writer writes the columns before the first row), then the rows.
  const widths = headers.map((h) => h.width);
  for (const r of body) cellsOf(r).forEach((c, i) => (widths[i] = Math.max(widths[i]!, c.width)));
  setWidths(ws, widths);
  if (section.rows.length > 0 && cols.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: section.rows.length + 1, column: cols.length } };
  putRow(ws, headers, 'header');
  for (const r of section.rows) putRow(ws, cellsOf(r));
  if (section.total) putRow(ws, cellsOf(section.total), 'total');
}

function kvSheet(ws: Worksheet, section: KeyValueSection, o: XlsxOptions): void {
  const words = WORDS[o.lang];
  const header = [textCell(words.item), textCell(words.value)];
  const rows = section.items.map((item) => [textCell(labelText(item.label, item.kind, o.lang, o.unit)), xlsxCell(item.value, item.kind, item.decimals, o.unit)]);
  setWidths(ws, [0, 1].map((i) => Math.max(...[header, ...rows].map((r) => r[i]!.width))));
  putRow(ws, header, 'header');
  for (const r of rows) putRow(ws, r);
}

/** The cover: title, subtitle lines (deal, scenario), the unit, and each sheet with what it holds. */
function coverSheet(ws: Worksheet, report: Report, sheets: readonly { name: string; section: Section }[], notesName: string, o: XlsxOptions): void {
  const words = WORDS[o.lang];
  const lines = (report.subtitle ?? []).map((l) => [textCell(l[o.lang])]);
  const list = [
    [textCell(words.unit), textCell(words[o.unit])],
    [],
    [textCell(words.sheet), textCell(words.contents)],
    ...sheets.map((s) => [textCell(s.name), textCell(sectionTitle(s.section, o.lang, o.unit))]),
    [textCell(notesName), textCell(words.notes)],
  ];
  // The title and subtitle lines run on across the empty cells to their right: not counted.
  setWidths(ws, [0, 1].map((i) => Math.max(0, ...list.map((r) => r[i]?.width ?? 0))));
  const title = ws.addRow([textCell(report.title[o.lang]).value]);
  title.font = { ...BOLD, size: 14 };
  title.commit();
  for (const l of [...lines, [], ...list.slice(0, 2)]) putRow(ws, l);
  putRow(ws, list[2]!, 'header');
  for (const l of list.slice(3)) putRow(ws, l);
}

/** The last sheet: the report's notes (assumptions, conventions), then how the cells hold figures. */
function notesSheet(ws: Worksheet, report: Report, o: XlsxOptions): void {
  ws.columns = [{ width: NOTES_WIDTH, style: { alignment: { wrapText: true, vertical: 'top' } } }];
  putRow(ws, [textCell(WORDS[o.lang].notes)], 'header');
  for (const note of report.notes ?? []) putRow(ws, [textCell(note[o.lang])]);
  putRow(ws, [textCell(PRECISION_NOTE[o.lang])]);
}

/** The most rows an Excel sheet holds (2^20), the header included. */
export const MAX_SHEET_ROWS = 1_048_576;

/** Refuses, before anything is written, a table longer than a sheet holds: Excel would not open the file. */
function checkRows(report: Report): void {
  for (const s of report.sections) {
    const rows = s.type === 'table' ? 1 + s.rows.length + (s.total ? 1 : 0) : 1 + s.items.length;
    if (rows > MAX_SHEET_ROWS) {
      throw new InputError(`the section ${s.id} has ${rows - 1} rows, more than an Excel sheet holds (${MAX_SHEET_ROWS - 1} under the header): write it with --format csv, or leave it out`);
    }
  }
}

/** Each sheet in order, written and committed by `fill`. */
function addSheets(wb: WorkbookWriter, report: Report, o: XlsxOptions): void {
  const words = WORDS[o.lang];
  const names = new SheetNames();
  const coverName = names.name(words.cover, words.cover);
  const notesName = names.name(words.notes, words.notes);
  const sheets = report.sections.map((section, i) => ({ name: names.name(section.title[o.lang], `${words.sheetN}${i + 1}`), section }));
  // The header row frozen (and a table's first column, which says what each row is).
  const frozen = (columns: number) => ({ views: [{ state: 'frozen' as const, xSplit: columns, ySplit: 1 }] });
  const add = (name: string, options: { views?: ReturnType<typeof frozen>['views'] }, fill: (ws: Worksheet) => void) => {
    const ws = wb.addWorksheet(name, { ...options, pageSetup: PRINT });
    fill(ws);
    ws.commit();
  };
  add(coverName, {}, (ws) => coverSheet(ws, report, sheets, notesName, o));
  for (const { name, section } of sheets) {
    if (section.type === 'table') add(name, frozen(section.columns.length > 1 ? 1 : 0), (ws) => tableSheet(ws, section, o));
    else add(name, frozen(0), (ws) => kvSheet(ws, section, o));
  }
  add(notesName, frozen(0), (ws) => notesSheet(ws, report, o));
}

/**
 * The bytes of the workbook of `report` in `o.lang` with amounts in `o.unit` (zip times not yet
 * fixed: see zipTimes.ts). Sheet names are the section titles made valid and unique (see
 * sheetNames.ts); the cover and the notes come first and last. Charts are not drawn (the tables
 * they are drawn from are sheets).
 */
export async function writeWorkbook(WorkbookWriterOf: WorkbookWriterClass, report: Report, o: XlsxOptions): Promise<Buffer> {
  checkRows(report);
  const chunks: Buffer[] = [];
  const stream = new PassThrough();
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  const wb = new WorkbookWriterOf({ stream, useStyles: true, useSharedStrings: true });
  wb.creator = 'ipabs';
  wb.lastModifiedBy = 'ipabs';
  wb.title = String(textCell(report.title[o.lang]).value);
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  addSheets(wb, report, o);
  await wb.commit();
  return Buffer.concat(chunks);
}
