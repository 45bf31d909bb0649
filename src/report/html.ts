/**
 * The HTML format: one self-contained page (no scripts, no outside files) with the report's
 * tables and its charts drawn as inline SVG by ECharts (chart/svg.ts), for documents, browsers
 * and print (A4).
 */
import type { Cell, Chart, KeyValueSection, Report, RenderOptions, TableSection } from './model.js';
import { formatValue, headerText, isNumericKind, MISSING, sectionTitle } from './format.js';
import { chartSvg } from './chart/svg.js';
import { chartTexts, FONT_STACK, hasSeries } from './chart/option.js';
import { printableCell } from '../util/printable.js';
import { pushAll } from '../util/pushAll.js';

/** Tables with more columns than this print on A4 landscape pages. */
const WIDE = 8;

/** Escapes text for HTML content and attribute values; control characters are shown as `\u001b` escapes. */
export function escapeHtml(s: string): string {
  return printableCell(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body { font-family: -apple-system, ${FONT_STACK}; margin: 2em auto; max-width: 1200px; padding: 0 1em; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
p.subtitle { color: #555; margin: 0.2em 0; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
th { background: #f2f4f7; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
td.num, td.date { white-space: nowrap; }
tfoot td { font-weight: bold; background: #fafafa; }
figure.chart { margin: 1.5em 0; max-width: 860px; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
figure.chart svg { display: block; width: 100%; height: auto; }
ul.notes { color: #555; font-size: 0.85em; }
@page { size: A4; margin: 15mm 12mm; }
@page wide { size: A4 landscape; margin: 12mm; }
@media print {
  body { margin: 0; max-width: none; padding: 0; font-size: 10pt; }
  figure.chart { break-inside: avoid; page-break-inside: avoid; max-width: 100%; }
  h2 { break-after: avoid; page-break-after: avoid; }
  table { font-size: 7.5pt; } th, td { padding: 0.15em 0.3em; } thead { display: table-header-group; } tr { break-inside: avoid; }
  table.wide { page: wide; font-size: 6.5pt; }
}
`;

/** Renders a report as an HTML page. */
export function renderHtml(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const out: string[] = [
    '<!doctype html>',
    `<html lang="${lang === 'zh' ? 'zh-CN' : 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<title>${escapeHtml(report.title[lang])}</title>`,
    `<style>${STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(report.title[lang])}</h1>`,
  ];
  for (const l of report.subtitle ?? []) out.push(`<p class="subtitle">${escapeHtml(l[lang])}</p>`);
  for (const chart of report.charts ?? []) pushAll(out, chartFigure(chart, opts));
  for (const section of report.sections) {
    out.push(`<h2 id="${escapeHtml(section.id)}">${escapeHtml(sectionTitle(section, lang, opts.unit))}</h2>`);
    pushAll(out, section.type === 'table' ? tableHtml(section, opts) : kvHtml(section, opts));
  }
  if (report.notes && report.notes.length > 0) {
    out.push('<ul class="notes">', ...report.notes.map((n) => `<li>${escapeHtml(n[lang])}</li>`), '</ul>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

function cellHtml(value: Cell, kind: TableSection['columns'][number]['kind'], decimals: number | undefined, opts: RenderOptions, tag = 'td'): string {
  const text = formatValue(value, kind, { unit: opts.unit, decimals, empty: MISSING });
  const cls = isNumericKind(kind) ? ' class="num"' : kind === 'date' ? ' class="date"' : '';
  return `<${tag}${cls}>${escapeHtml(text)}</${tag}>`;
}

function tableHtml(whole: TableSection, opts: RenderOptions): string[] {
  // A column that is a text picture (`#####`) is drawn as a chart instead.
  const section = { ...whole, columns: whole.columns.filter((c) => !c.textOnly) };
  // Printed on landscape pages when it has many columns.
  const out = [section.columns.length > WIDE ? '<table class="wide">' : '<table>', '<thead><tr>'];
  for (const c of section.columns) out.push(`<th${isNumericKind(c.kind) ? ' class="num"' : ''}>${escapeHtml(headerText(c.header, c.kind, opts.lang, opts.unit))}</th>`);
  out.push('</tr></thead>', '<tbody>');
  for (const row of section.rows) out.push(`<tr>${section.columns.map((c) => cellHtml(row[c.key], c.kind, c.decimals, opts)).join('')}</tr>`);
  out.push('</tbody>');
  if (section.total) out.push(`<tfoot><tr>${section.columns.map((c) => cellHtml(section.total![c.key], c.kind, c.decimals, opts)).join('')}</tr></tfoot>`);
  out.push('</table>');
  return out;
}

function kvHtml(section: KeyValueSection, opts: RenderOptions): string[] {
  return [
    '<table>',
    ...section.items.map((i) => `<tr><th>${escapeHtml(headerText(i.label, i.kind, opts.lang, opts.unit))}</th>${cellHtml(i.value, i.kind, i.decimals, opts)}</tr>`),
    '</table>',
  ];
}

/** A chart as a figure: its title as the caption, the SVG ECharts drew; nothing when it has nothing to draw. */
function chartFigure(chart: Chart, opts: RenderOptions): string[] {
  if (!hasSeries(chart, opts)) return [];
  // What the chart must show, for tests in a browser (test/browser): its axis titles and series.
  const texts = chartTexts(chart, opts);
  const data = `data-axes="${escapeHtml(JSON.stringify(texts.axes))}" data-series="${escapeHtml(JSON.stringify(texts.series))}"`;
  return [`<figure id="chart-${escapeHtml(chart.id)}" class="chart" ${data}>`, `<figcaption>${escapeHtml(chart.title[opts.lang])}</figcaption>`, chartSvg(chart, opts), '</figure>'];
}
