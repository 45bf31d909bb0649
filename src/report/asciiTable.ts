/**
 * The `table` format: ASCII-ruled (`+---+`, `|`) so alignment survives terminals that draw
 * box-drawing characters double-width; a table too wide for the terminal is cut into blocks of
 * columns. See render.ts for the contract.
 */
import type { KeyValueSection, RenderOptions, Report } from './model.js';
import { type Align, padDisplay } from './width.js';
import { formatValue, headerText, isNumericKind, MISSING, sectionTitle } from './format.js';
import { type Grid, maxWidth, oneLine, tableGrid } from './grid.js';
import { pushAll } from '../util/pushAll.js';

/** A report as ruled text tables, blocks apart by one blank line, ending with one `\n`. */
export function renderTable(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const blocks: string[][] = [];
  blocks.push([report.title[lang], ...(report.subtitle ?? []).map((l) => l[lang])].map(oneLine));
  for (const section of report.sections) {
    const lines = [oneLine(sectionTitle(section, lang, opts.unit))];
    if (section.type === 'table') {
      const grid = tableGrid(section, opts, { empty: MISSING });
      splitGrid(grid, opts.width).forEach((part, i) => {
        if (i > 0) lines.push('');
        pushAll(lines, boxTable(part));
      });
    } else pushAll(lines, kvBox(section, opts));
    blocks.push(lines);
  }
  if (report.notes && report.notes.length > 0) blocks.push(report.notes.map((n) => oneLine(n[lang])));
  return blocks.map((b) => b.join('\n')).join('\n\n') + '\n';
}

function boxLines(widths: number[]): { rule: string; line: (cells: string[], aligns: Align[]) => string } {
  return {
    rule: '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+',
    line: (cells, aligns) =>
      '| ' + cells.map((c, i) => padDisplay(c, widths[i]!, aligns[i] ?? 'left')).join(' | ') + ' |',
  };
}

/**
 * A table too wide for the terminal, cut into blocks of columns that fit, each repeating the
 * first column so every row can still be read. Without a width, or when it fits, one block.
 */
function splitGrid(grid: Grid, width: number | undefined): Grid[] {
  if (!width || grid.headers.length <= 2) return [grid];
  const all = [grid.headers, ...grid.rows, ...(grid.total ? [grid.total] : [])].map((r) => r.map(oneLine));
  const widths = grid.headers.map((_, i) => maxWidth(all, i, 1));
  // Each column takes its width plus 3 (the "| " before it and the space after); the row ends with "|".
  const cost = (cols: number[]) => cols.reduce((a, i) => a + widths[i]! + 3, 1);
  if (cost(widths.map((_, i) => i)) <= width) return [grid];
  const blocks: number[][] = [];
  let current = [0];
  for (let i = 1; i < widths.length; i++) {
    if (current.length > 1 && cost([...current, i]) > width) {
      blocks.push(current);
      current = [0];
    }
    current.push(i);
  }
  blocks.push(current);
  const pick = (row: string[], cols: number[]) => cols.map((i) => row[i]!);
  return blocks.map((cols) => ({
    headers: pick(grid.headers, cols),
    aligns: cols.map((i) => grid.aligns[i]!),
    rows: grid.rows.map((r) => pick(r, cols)),
    total: grid.total ? pick(grid.total, cols) : undefined,
  }));
}

/** An ASCII-ruled table: rule, header, rule, rows, [rule, total], rule. */
function boxTable(grid: Grid): string[] {
  if (grid.headers.length === 0) return [];
  const clean = (row: string[]): string[] => row.map(oneLine);
  const headers = clean(grid.headers);
  const rows = grid.rows.map(clean);
  const total = grid.total ? clean(grid.total) : undefined;
  const all = [headers, ...rows, ...(total ? [total] : [])];
  const widths = headers.map((_, i) => maxWidth(all, i, 1));
  const { rule, line } = boxLines(widths);
  const out = [rule, line(headers, grid.aligns), rule, ...rows.map((r) => line(r, grid.aligns))];
  if (total) out.push(rule, line(total, grid.aligns));
  out.push(rule);
  return out;
}

/** kv items as two aligned columns: label left, value right for numbers and left for text. */
function kvBox(section: KeyValueSection, opts: RenderOptions): string[] {
  if (section.items.length === 0) return [];
  const pairs = section.items.map((item) => ({
    label: oneLine(headerText(item.label, item.kind, opts.lang, opts.unit)),
    value: oneLine(formatValue(item.value, item.kind, { unit: opts.unit, decimals: item.decimals })),
    align: (isNumericKind(item.kind) ? 'right' : 'left') as Align,
  }));
  const widths = [maxWidth(pairs.map((p) => [p.label]), 0, 1), maxWidth(pairs.map((p) => [p.value]), 0, 1)];
  const { rule, line } = boxLines(widths);
  return [rule, ...pairs.map((p) => line([p.label, p.value], ['left', p.align])), rule];
}
