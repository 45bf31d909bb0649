/**
 * The report model: what a command produces before it is rendered. Commands build a `Report`
 * of sections from domain results; `render` turns it into a terminal table, CSV, Markdown or
 * JSON. Amounts stay exact Decimals in yuan until the renderer formats them.
 */
import type { Decimal } from '../util/money.js';

export type Lang = 'zh' | 'en';
export type Unit = 'yuan' | 'wan';
export type Format = 'table' | 'csv' | 'json' | 'md' | 'html';
/** Every format a report is written in: the text formats, and the .xlsx workbook (bytes, see report/xlsx). */
export type OutputFormat = Format | 'xlsx';

/** A label in both languages. */
export type { Label } from '../util/label.js';
import type { Label } from '../util/label.js';

/**
 * How a value is shown.
 * - `money`: an amount in yuan (Decimal); shown in the chosen unit with 2 decimals (or `decimals`).
 * - `percent`: a fraction (0.446 = 44.6%); shown ×100 with `decimals` (default 2) and a % sign.
 * - `rate`: an interest rate as a fraction, shown as a percent with `decimals` (default 4).
 * - `int`: a whole count. `number`: any decimal number, shown with `decimals` (default 2).
 * - `date`: an ISO date string. `text`: shown as is.
 */
export type ValueKind = 'text' | 'int' | 'number' | 'money' | 'percent' | 'rate' | 'date';

export type Cell = string | number | Decimal | null | undefined;

export interface Column {
  key: string;
  header: Label;
  kind: ValueKind;
  decimals?: number;
  /** A text picture for the terminal (`#####`): the HTML page draws a chart instead and leaves it out. */
  textOnly?: boolean;
}

/** A column from its key, its Chinese and English headers, its kind and (for numbers) its decimals. */
export function column(key: string, zh: string, en: string, kind: ValueKind, decimals?: number): Column {
  return { key, header: { zh, en }, kind, ...(decimals !== undefined ? { decimals } : {}) };
}

export interface TableSection {
  type: 'table';
  id: string;
  title: Label;
  columns: Column[];
  rows: Record<string, Cell>[];
  /** A totals row shown under a rule (same keys as rows). */
  total?: Record<string, Cell>;
}

export interface KeyValueItem {
  key: string;
  label: Label;
  value: Cell;
  kind: ValueKind;
  decimals?: number;
}

export interface KeyValueSection {
  type: 'kv';
  id: string;
  title: Label;
  items: KeyValueItem[];
}

export type Section = TableSection | KeyValueSection;

/**
 * A chart, drawn by the HTML renderer with ECharts (the text formats print the tables it is drawn
 * from). `line` and `bar` draw each series over the x categories; `stack` stacks the bars;
 * `heatmap` draws one row per series (its name on the vertical axis) and one column per x.
 */
export interface Chart {
  id: string;
  title: Label;
  kind: 'line' | 'bar' | 'stack' | 'heatmap';
  /** What the values are (money is drawn in the chosen unit, percent and rate ×100). */
  valueKind: ValueKind;
  /** The x positions, in order (dates, or bands). */
  x: string[];
  /** The axis titles; the value axis's title gets the unit (`（万元）`, `(%)`). */
  xTitle: Label;
  yTitle: Label;
  series: { name: Label; values: Cell[] }[];
  /** Horizontal reference lines (the rating scale's target default rates, coverage 1.00). */
  marks?: { name: Label; value: Cell }[];
  /** Bars across the page, categories down the vertical axis (long category names). */
  horizontal?: boolean;
}

/** A report in any language and format: title, sections (tables, key–value lists), notes and charts; {@link render} writes it. */
export interface Report {
  title: Label;
  /** Free lines under the title (deal name, cutoff date, notes). */
  subtitle?: Label[];
  sections: Section[];
  /** Lines printed at the end (assumptions, warnings). */
  notes?: Label[];
  /** Charts, for the HTML format. */
  charts?: Chart[];
}

/** How {@link render} writes a report. */
export interface RenderOptions {
  format: Format;
  lang: Lang;
  unit: Unit;
  /** For the terminal table: split tables wider than this many columns into blocks that fit. */
  width?: number;
}

/** The tranche classes in both languages, for every report. */
export const CLASS_LABEL: Record<string, Label> = {
  senior: { zh: '优先级', en: 'senior' },
  mezzanine: { zh: '中间级', en: 'mezzanine' },
  subordinate: { zh: '次级', en: 'subordinate' },
};
