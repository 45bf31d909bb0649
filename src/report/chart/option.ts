/**
 * A report chart as an ECharts option: axes with ticks, gridlines and titles in the report's
 * language and unit, a legend of the series that have a value, reference lines, a heat map's
 * colour scale. Pure data (no ECharts import): svg.ts renders it.
 */
import { Decimal } from '../../util/money.js';
import type { Cell, Chart, RenderOptions } from '../model.js';

/** Fonts with Chinese glyphs first (macOS, Windows, Linux), then the generic family. */
export const FONT_STACK = "'PingFang SC', 'Microsoft YaHei', 'Noto Sans CJK SC', 'Source Han Sans SC', 'WenQuanYi Micro Hei', sans-serif";
const COLOURS = ['#1f5fa8', '#c0392b', '#2e8b57', '#d68910', '#7d3c98', '#17a589', '#5d6d7e', '#a04000'];
export const CHART_WIDTH = 860;

/** A chart value as a number in the unit drawn (wan for money with --unit wan, ×100 for percent), or undefined. */
export function chartNumber(value: Cell, kind: Chart['valueKind'], unit: RenderOptions['unit']): number | undefined {
  if (value === null || value === undefined) return undefined;
  let d: Decimal;
  try {
    d = new Decimal(value instanceof Decimal ? value : String(value));
  } catch {
    return undefined;
  }
  if (!d.isFinite()) return undefined;
  if (kind === 'money' && unit === 'wan') d = d.div(10_000);
  if (kind === 'percent' || kind === 'rate') d = d.times(100);
  return d.toNumber();
}

/** The value axis's unit: `（万元）`, ` (CNY)`, `（%）`. */
export function unitNote(kind: Chart['valueKind'], opts: Pick<RenderOptions, 'lang' | 'unit'>): string {
  const zh = opts.lang === 'zh';
  if (kind === 'money') return opts.unit === 'wan' ? (zh ? '（万元）' : ' (CNY 10k)') : zh ? '（元）' : ' (CNY)';
  if (kind === 'percent' || kind === 'rate') return zh ? '（%）' : ' (%)';
  return '';
}

/** Rounded for labels: two decimals, no float noise. */
const label2 = (v: number) => Number(v.toFixed(2)).toLocaleString('en-US', { maximumFractionDigits: 2 });

/** The chart's height: a heat map or a horizontal bar chart grows with its rows. */
export function chartHeight(chart: Chart): number {
  if (chart.kind === 'heatmap') return Math.max(260, 140 + 26 * chart.series.length);
  if (chart.horizontal) return Math.max(240, 120 + 24 * chart.x.length);
  return 340;
}

/** The series drawn: those with at least one value that is not zero (a royalty deal has no interest series). Heat maps keep all. */
function drawnSeries(chart: Chart, opts: RenderOptions): { name: string; values: (number | undefined)[] }[] {
  const all = chart.series.map((s) => ({ name: s.name[opts.lang], values: s.values.map((v) => chartNumber(v, chart.valueKind, opts.unit)) }));
  return chart.kind === 'heatmap' ? all : all.filter((s) => s.values.some((v) => v !== undefined && v !== 0));
}

function axisTitle(text: string, gap: number) {
  return { name: text, nameLocation: 'middle', nameGap: gap, nameTextStyle: { fontSize: 12, color: '#333' } };
}

function heatmapOption(chart: Chart, series: ReturnType<typeof drawnSeries>, opts: RenderOptions): Record<string, unknown> {
  const sign = chart.valueKind === 'percent' || chart.valueKind === 'rate' ? '%' : '';
  const text = (v: number) => `${label2(v)}${sign}`;
  const data: [number, number, number | '-'][] = [];
  series.forEach((s, j) => s.values.forEach((v, i) => data.push([i, j, v ?? '-'])));
  const values = data.map((d) => d[2]).filter((v): v is number => typeof v === 'number');
  const max = Math.max(0, ...values);
  return {
    grid: { left: 16, right: 24, top: 36, bottom: 64, containLabel: true },
    xAxis: { type: 'category', data: chart.x, ...axisTitle(chart.xTitle[opts.lang], 28), splitArea: { show: true } },
    yAxis: { type: 'category', data: series.map((s) => s.name), inverse: true, ...axisTitle(chart.yTitle[opts.lang], 8), nameLocation: 'start', splitArea: { show: true } },
    visualMap: { type: 'continuous', min: 0, max: max > 0 ? max : 1, calculable: false, orient: 'horizontal', left: 'center', bottom: 0, itemHeight: 160, inRange: { color: ['#f7fbff', '#fdae61', '#c0392b'] }, text: [text(max), text(0)] },
    series: [{ type: 'heatmap', data, label: { show: true, fontSize: 11, formatter: (p: { value: [number, number, number | '-'] }) => (typeof p.value[2] === 'number' ? text(p.value[2]) : '—') } }],
  };
}

/**
 * The texts a reader must find in the drawn chart: the axis titles (the value axis's with its
 * unit) and the legend's series names (a heat map's rows are axis labels, which ECharts may thin).
 */
export function chartTexts(chart: Chart, opts: RenderOptions): { axes: string[]; series: string[] } {
  if (chart.kind === 'heatmap') return { axes: [chart.xTitle[opts.lang], chart.yTitle[opts.lang]], series: [] };
  return { axes: [chart.xTitle[opts.lang], chart.yTitle[opts.lang] + unitNote(chart.valueKind, opts)], series: drawnSeries(chart, opts).map((s) => s.name) };
}

/** At most 8 reference lines: a long rating scale keeps its whole grades (AAA, AA, A …, no AA+ / AA-). */
function readableMarks(marks: NonNullable<Chart['marks']>): NonNullable<Chart['marks']> {
  return marks.length <= 8 ? marks : marks.filter((m) => !/[+-]$/.test(m.name.en)).slice(0, 8);
}

/**
 * The reference lines with a label where it has room: a line closer than 1/25 of the value range
 * to the one labelled above it is drawn unlabelled (its value is in the table beside the chart).
 */
function labelledMarks(marks: { name: string; v: number }[], series: { values: (number | undefined)[] }[]) {
  const top = Math.max(0, ...marks.map((m) => m.v), ...series.flatMap((s) => s.values.filter((v): v is number => v !== undefined)));
  let last = Infinity;
  return [...marks]
    .sort((a, b) => b.v - a.v)
    .map((m) => {
      const room = last - m.v >= top / 25;
      if (room) last = m.v;
      return { name: m.name, yAxis: m.v, label: { show: room } };
    });
}

/** Whether the chart has anything to draw (a series with a value that is not zero; a heat map with a row). */
export function hasSeries(chart: Chart, opts: RenderOptions): boolean {
  return chart.x.length > 0 && drawnSeries(chart, opts).length > 0;
}

/** The ECharts option of a report chart (animation off: one static frame). */
export function chartOption(chart: Chart, opts: RenderOptions): Record<string, unknown> {
  const series = drawnSeries(chart, opts);
  const valueName = chart.yTitle[opts.lang] + unitNote(chart.valueKind, opts);
  const base = { animation: false, color: COLOURS, textStyle: { fontFamily: 'inherit', fontSize: 12 }, backgroundColor: '#ffffff' };
  if (chart.kind === 'heatmap') return { ...base, ...heatmapOption(chart, series, opts) };
  const category = { type: 'category', data: chart.x, boundaryGap: chart.kind !== 'line', axisTick: { alignWithLabel: true }, axisLabel: { hideOverlap: true }, ...axisTitle(chart.xTitle[opts.lang], chart.horizontal ? 0 : 30) };
  const value = { type: 'value', splitLine: { show: true, lineStyle: { color: '#e3e6ea' } }, axisLine: { show: true }, axisTick: { show: true }, ...axisTitle(valueName, chart.horizontal ? 28 : 0) };
  const marks = readableMarks(chart.marks ?? [])
    .map((m) => ({ name: m.name[opts.lang], v: chartNumber(m.value, chart.valueKind, opts.unit) }))
    .filter((m): m is { name: string; v: number } => m.v !== undefined);
  return {
    ...base,
    legend: { top: 0, data: series.map((s) => s.name) },
    grid: { left: 16, right: marks.length ? 72 : 40, top: 48, bottom: 30, containLabel: true },
    xAxis: chart.horizontal ? value : category,
    yAxis: chart.horizontal ? { ...category, inverse: true, nameLocation: 'start', nameGap: 12 } : { ...value, nameLocation: 'end', nameGap: 14, nameTextStyle: { ...value.nameTextStyle, align: 'left' } },
    series: series.map((s, j) => ({
      name: s.name,
      type: chart.kind === 'line' ? 'line' : 'bar',
      ...(chart.kind === 'stack' ? { stack: 'total' } : {}),
      ...(chart.kind === 'line' ? { symbolSize: 4, showSymbol: chart.x.length <= 40, connectNulls: false } : { barMaxWidth: 36 }),
      data: s.values.map((v) => v ?? '-'),
      ...(j === 0 && marks.length
        ? { markLine: { silent: true, symbol: 'none', lineStyle: { type: 'dashed', color: '#555' }, label: { position: 'end', formatter: '{b}' }, data: labelledMarks(marks, series) } }
        : {}),
    })),
  };
}
