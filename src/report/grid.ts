/**
 * A table section's cells as display strings, shared by the text renderers (table, Markdown):
 * headers with their unit, values through the one formatter, numbers right-aligned.
 */
import type { Cell, RenderOptions, TableSection } from './model.js';
import { type Align, displayWidth } from './width.js';
import { formatValue, headerText, isNumericKind, type FormatValueOptions } from './format.js';

/** A table section as display strings: headers, alignments, rows and the total row. */
export interface Grid {
  headers: string[];
  aligns: Align[];
  rows: string[][];
  total?: string[];
}

/** The display strings of a table section, each value formatted as its column says. */
export function tableGrid(section: TableSection, opts: RenderOptions, fmt: FormatValueOptions): Grid {
  const cols = section.columns;
  const colFormats = cols.map((c) => ({ ...fmt, unit: opts.unit, decimals: c.decimals }));
  const cells = (row: Record<string, Cell>): string[] => cols.map((c, i) => formatValue(ownCell(row, c.key), c.kind, colFormats[i]));
  const grid: Grid = {
    headers: cols.map((c) => headerText(c.header, c.kind, opts.lang, opts.unit)),
    aligns: cols.map((c) => (isNumericKind(c.kind) ? 'right' : 'left')),
    rows: section.rows.map(cells),
  };
  if (section.total) grid.total = cells(section.total);
  return grid;
}

/** A row's own value for `key` (never an inherited property such as `constructor`). */
export function ownCell(row: Record<string, Cell>, key: string): Cell {
  return Object.prototype.hasOwnProperty.call(row, key) ? row[key] : undefined;
}

/** The widest display width in column `i` of `rows`, at least `min` (no spread: tables may be long). */
export function maxWidth(rows: string[][], i: number, min: number): number {
  let w = min;
  for (const r of rows) w = Math.max(w, displayWidth(r[i] ?? ''));
  return w;
}

/** For single-line text outputs: line breaks and tabs become spaces, other controls are dropped. */
export function oneLine(s: string): string {
  // [\u0000-\u001f\u007f-\u009f] is exactly \p{Cc}, and much faster to test on every cell.
  if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s)) return s;
  return s.replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}
