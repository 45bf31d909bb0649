/**
 * The HTML format: one self-contained page (no scripts, no outside files) with the report's
 * tables and its charts drawn as inline SVG, for documents and browsers.
 */
import { Decimal } from '../util/money.js';
import type { Cell, Chart, KeyValueSection, Report, RenderOptions, TableSection } from './model.js';
import { formatValue, headerText, isNumericKind, MISSING, sectionTitle } from './format.js';
import { assertNever } from '../util/never.js';
import { printableCell } from '../util/printable.js';

const COLOURS = ['#1f5fa8', '#c0392b', '#2e8b57', '#d68910', '#7d3c98', '#17a589'];

/** Escapes text for HTML content and attribute values; control characters are shown as `\u001b` escapes. */
export function escapeHtml(s: string): string {
  return printableCell(s).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

const STYLE = `
body { font-family: -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; margin: 2em auto; max-width: 1200px; color: #222; }
h1 { font-size: 1.5em; } h2 { font-size: 1.15em; margin-top: 2em; }
p.subtitle { color: #555; margin: 0.2em 0; }
table { border-collapse: collapse; margin: 0.5em 0; font-size: 0.9em; }
th, td { border: 1px solid #ccc; padding: 0.25em 0.6em; }
th { background: #f2f4f7; text-align: left; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tfoot td { font-weight: bold; background: #fafafa; }
figure { margin: 1em 0; } figcaption { font-weight: bold; margin-bottom: 0.3em; }
ul.notes { color: #555; font-size: 0.85em; }
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
  for (const chart of report.charts ?? []) out.push(...chartSvg(chart, opts));
  for (const section of report.sections) {
    out.push(`<h2 id="${escapeHtml(section.id)}">${escapeHtml(sectionTitle(section, lang, opts.unit))}</h2>`);
    out.push(...(section.type === 'table' ? tableHtml(section, opts) : kvHtml(section, opts)));
  }
  if (report.notes && report.notes.length > 0) {
    out.push('<ul class="notes">', ...report.notes.map((n) => `<li>${escapeHtml(n[lang])}</li>`), '</ul>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}

function cellHtml(value: Cell, kind: TableSection['columns'][number]['kind'], decimals: number | undefined, opts: RenderOptions, tag = 'td'): string {
  const text = formatValue(value, kind, { unit: opts.unit, decimals, empty: MISSING });
  return `<${tag}${isNumericKind(kind) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
}

function tableHtml(section: TableSection, opts: RenderOptions): string[] {
  const out = ['<table>', '<thead><tr>'];
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

/** A numeric value of a chart point in the chosen unit, or undefined. */
function chartNumber(value: Cell, kind: Chart['valueKind'], opts: RenderOptions): number | undefined {
  if (value === null || value === undefined) return undefined;
  let d: Decimal;
  try {
    d = new Decimal(value instanceof Decimal ? value : String(value));
  } catch {
    return undefined;
  }
  if (kind === 'money' && opts.unit === 'wan') d = d.div(10_000);
  if (kind === 'percent' || kind === 'rate') d = d.times(100);
  return d.toNumber();
}

/** A line or bar chart as inline SVG: axes from zero to the largest value, a legend. */
function chartSvg(chart: Chart, opts: RenderOptions): string[] {
  const W = 900;
  const H = 300;
  const left = 90;
  const right = 45;
  const top = 20;
  const bottom = 50;
  const n = chart.x.length;
  const values = chart.series.map((s) => s.values.map((v) => chartNumber(v, chart.valueKind, opts)));
  const max = Math.max(0, ...values.flat().filter((v): v is number => v !== undefined));
  const scaleY = (v: number) => top + (H - top - bottom) * (1 - (max > 0 ? v / max : 0));
  const step = n > 1 ? (W - left - right) / (chart.kind === 'bar' ? n : n - 1) : 0;
  const xAt = (i: number) => left + (chart.kind === 'bar' ? step * (i + 0.5) : n > 1 ? step * i : (W - left - right) / 2);
  const label = (v: number) => escapeHtml(formatValue(new Decimal(v.toFixed(6)), chart.valueKind === 'money' ? 'number' : 'number', { decimals: 2 }));
  const unitNote = chart.valueKind === 'money' ? (opts.unit === 'wan' ? (opts.lang === 'zh' ? '（万元）' : ' (CNY 10k)') : opts.lang === 'zh' ? '（元）' : ' (CNY)') : chart.valueKind === 'percent' ? ' (%)' : '';
  const out = [
    `<figure id="chart-${escapeHtml(chart.id)}">`,
    `<figcaption>${escapeHtml(chart.title[opts.lang] + unitNote)}</figcaption>`,
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" role="img">`,
    `<line x1="${left}" y1="${H - bottom}" x2="${W - right}" y2="${H - bottom}" stroke="#888"/>`,
    `<line x1="${left}" y1="${top}" x2="${left}" y2="${H - bottom}" stroke="#888"/>`,
    `<text x="${left - 6}" y="${top + 4}" text-anchor="end" font-size="11">${label(max)}</text>`,
    `<text x="${left - 6}" y="${H - bottom + 4}" text-anchor="end" font-size="11">0</text>`,
  ];
  // A few x labels: the first, the last, and some between.
  const every = Math.max(1, Math.ceil(n / 8));
  chart.x.forEach((x, i) => {
    // Labelled: every `every`-th position, and the last unless it would run into the one before.
    const labelled = i === n - 1 || (i % every === 0 && n - 1 - i >= every / 2);
    if (labelled) out.push(`<text x="${xAt(i).toFixed(1)}" y="${H - bottom + 16}" text-anchor="middle" font-size="10">${escapeHtml(x)}</text>`);
  });
  values.forEach((series, j) => {
    const colour = COLOURS[j % COLOURS.length]!;
    const kind = chart.kind;
    switch (kind) {
      case 'line': {
        const points = series.map((v, i) => (v === undefined ? undefined : `${xAt(i).toFixed(1)},${scaleY(v).toFixed(1)}`)).filter((p): p is string => p !== undefined);
        out.push(`<polyline fill="none" stroke="${colour}" stroke-width="2" points="${points.join(' ')}"/>`);
        break;
      }
      case 'bar': {
        const width = (step * 0.8) / values.length;
        series.forEach((v, i) => {
          if (v === undefined) return;
          const x = xAt(i) - (step * 0.8) / 2 + j * width;
          out.push(`<rect x="${x.toFixed(1)}" y="${scaleY(v).toFixed(1)}" width="${width.toFixed(1)}" height="${(H - bottom - scaleY(v)).toFixed(1)}" fill="${colour}"/>`);
        });
        break;
      }
      default:
        assertNever(kind, 'chart kind');
    }
    out.push(`<rect x="${left + 10 + j * 160}" y="${H - 18}" width="12" height="12" fill="${colour}"/>`);
    out.push(`<text x="${left + 26 + j * 160}" y="${H - 8}" font-size="12">${escapeHtml(chart.series[j]!.name[opts.lang])}</text>`);
  });
  out.push('</svg>', '</figure>');
  return out;
}
