/**
 * A {@link Report} as an exceljs workbook: a cover sheet (the report's title, its subtitle lines
 * — the deal, the scenario — the unit and the list of sheets), one sheet per section, and the
 * assumptions and notes last. One builder for every command: it reads only the report model.
 *
 * A table section's sheet has its header in row 1 (money headers carry the unit, as a CSV of
 * one section does), a row per row, the total in bold under a rule; the header row and the first
 * column are frozen and the rows filterable. A key-value section is an Item/Value table.
 */
import type { Workbook, Worksheet } from 'exceljs';
import { sectionTitle } from '../format.js';
import type { KeyValueSection, Lang, Report, Section, TableSection, Unit } from '../model.js';
import { displayWidth } from '../width.js';
import { labelText, xlsxCell, type XlsxCell } from './cells.js';
import { SheetNames } from './sheetNames.js';
import { printableCell } from '../../util/printable.js';

/** What the builder needs of exceljs: its Workbook class (loaded on first use by the caller). */
export type WorkbookClass = new () => Workbook;

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

const BOLD = { bold: true } as const;
const HEADER_FILL = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE7E6E6' } } as const;
const RULE = { top: { style: 'thin' } } as const;

/** Writes `cells` as row `r` of `ws` (values and number formats); returns the row. */
function putRow(ws: Worksheet, cells: readonly XlsxCell[]) {
  const row = ws.addRow(cells.map((c) => c.value));
  cells.forEach((c, i) => {
    if (c.numFmt !== undefined) row.getCell(i + 1).numFmt = c.numFmt;
  });
  return row;
}

function styleHeader(ws: Worksheet): void {
  const header = ws.getRow(1);
  header.font = BOLD;
  header.eachCell((c) => {
    c.fill = HEADER_FILL;
  });
}

/** Sets each column's width to its widest shown text (headers included), within bounds. */
function fitWidths(ws: Worksheet, rows: readonly (readonly string[])[]): void {
  const widths: number[] = [];
  for (const r of rows) r.forEach((s, i) => (widths[i] = Math.max(widths[i] ?? 0, displayWidth(s))));
  widths.forEach((w, i) => {
    const column = ws.getColumn(i + 1);
    column.width = Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, w + 2));
    if (w + 2 > MAX_WIDTH) column.alignment = { wrapText: true, vertical: 'top' };
  });
}

function tableSheet(ws: Worksheet, section: TableSection, o: XlsxOptions): void {
  const cols = section.columns;
  const headers = cols.map((c) => labelText(c.header, c.kind, o.lang, o.unit));
  ws.addRow(headers);
  const cellsOf = (row: Record<string, unknown>) =>
    cols.map((c) => xlsxCell(Object.prototype.hasOwnProperty.call(row, c.key) ? (row[c.key] as never) : undefined, c.kind, c.decimals, o.unit));
  const shown: string[][] = [headers];
  for (const r of section.rows) {
    const cells = cellsOf(r);
    putRow(ws, cells);
    shown.push(cells.map((c) => c.shown));
  }
  if (section.total) {
    const cells = cellsOf(section.total);
    const row = putRow(ws, cells);
    row.font = BOLD;
    for (let i = 1; i <= cols.length; i++) row.getCell(i).border = RULE;
    shown.push(cells.map((c) => c.shown));
  }
  styleHeader(ws);
  fitWidths(ws, shown);
  ws.views = [{ state: 'frozen', xSplit: cols.length > 1 ? 1 : 0, ySplit: 1 }];
  if (section.rows.length > 0 && cols.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: section.rows.length + 1, column: cols.length } };
}

function kvSheet(ws: Worksheet, section: KeyValueSection, o: XlsxOptions): void {
  const words = WORDS[o.lang];
  ws.addRow([words.item, words.value]);
  const shown: string[][] = [[words.item, words.value]];
  for (const item of section.items) {
    const label = labelText(item.label, item.kind, o.lang, o.unit);
    const cell = xlsxCell(item.value, item.kind, item.decimals, o.unit);
    putRow(ws, [{ value: label, shown: label }, cell]);
    shown.push([label, cell.shown]);
  }
  styleHeader(ws);
  fitWidths(ws, shown);
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The cover: title, subtitle lines (deal, scenario), the unit, and each sheet with what it holds. */
function coverSheet(ws: Worksheet, report: Report, sheets: readonly { name: string; section: Section }[], notesName: string, o: XlsxOptions): void {
  const words = WORDS[o.lang];
  const title = ws.addRow([printableCell(report.title[o.lang])]);
  title.font = { bold: true, size: 14 };
  for (const line of report.subtitle ?? []) ws.addRow([printableCell(line[o.lang])]);
  ws.addRow([]);
  ws.addRow([words.unit, words[o.unit]]);
  ws.addRow([]);
  ws.addRow([words.sheet, words.contents]).font = BOLD;
  for (const { name, section } of sheets) ws.addRow([name, printableCell(sectionTitle(section, o.lang, o.unit))]);
  ws.addRow([notesName, words.notes]);
  // The title and subtitle lines run across the empty cells to their right: not counted.
  fitWidths(ws, [[words.unit, words[o.unit]], [words.sheet, words.contents], ...sheets.map((s) => [s.name, sectionTitle(s.section, o.lang, o.unit)])]);
}

/** The last sheet: the report's notes (assumptions, conventions), then how the cells hold figures. */
function notesSheet(ws: Worksheet, report: Report, o: XlsxOptions): void {
  ws.addRow([WORDS[o.lang].notes]).font = BOLD;
  for (const note of report.notes ?? []) ws.addRow([printableCell(note[o.lang])]);
  ws.addRow([PRECISION_NOTE[o.lang]]);
  const column = ws.getColumn(1);
  column.width = NOTES_WIDTH;
  column.alignment = { wrapText: true, vertical: 'top' };
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/**
 * Builds the workbook of `report` in `o.lang` with amounts in `o.unit`. Sheet names are the
 * section titles made valid and unique (see sheetNames.ts); the cover and the notes sheet come
 * first and last. Charts are not drawn (the tables they are drawn from are sheets).
 */
export function buildWorkbook(WorkbookOf: WorkbookClass, report: Report, o: XlsxOptions): Workbook {
  const wb = new WorkbookOf();
  wb.creator = 'ipabs';
  wb.lastModifiedBy = 'ipabs';
  wb.title = printableCell(report.title[o.lang]);
  wb.created = FIXED_TIME;
  wb.modified = FIXED_TIME;
  const words = WORDS[o.lang];
  const names = new SheetNames();
  const coverName = names.name(words.cover, words.cover);
  const notesName = names.name(words.notes, words.notes);
  const sheets = report.sections.map((section, i) => ({ name: names.name(section.title[o.lang], `${words.sheetN}${i + 1}`), section }));
  coverSheet(wb.addWorksheet(coverName), report, sheets, notesName, o);
  for (const { name, section } of sheets) {
    const ws = wb.addWorksheet(name);
    if (section.type === 'table') tableSheet(ws, section, o);
    else kvSheet(ws, section, o);
  }
  notesSheet(wb.addWorksheet(notesName), report, o);
  return wb;
}
