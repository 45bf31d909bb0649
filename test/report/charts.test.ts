/** The HTML charts: ECharts options (axes, units, series), deterministic SVG, the charts of each report. */
import { describe, expect, it } from 'vitest';
import { chartNumber, chartOption, chartTexts, hasSeries } from '../../src/report/chart/option.js';
import { chartSvg } from '../../src/report/chart/svg.js';
import { monteCarloCharts } from '../../src/report/chart/mcCharts.js';
import { runCharts } from '../../src/report/chart/runCharts.js';
import { stressCharts } from '../../src/report/chart/sectionCharts.js';
import type { Chart, RenderOptions, Report } from '../../src/report/model.js';
import { render } from '../../src/report/render.js';
import { loadDeal } from '../../src/io/loadDeal.js';
import { runDeal } from '../../src/engine/run.js';
import type { McResult } from '../../src/stress/montecarlo.js';
import { Decimal } from '../../src/util/money.js';

const ZH: RenderOptions = { format: 'html', lang: 'zh', unit: 'wan' };
const EN: RenderOptions = { format: 'html', lang: 'en', unit: 'yuan' };

const chart: Chart = {
  id: 'flows',
  title: { zh: '回收', en: 'Collections' },
  kind: 'stack',
  valueKind: 'money',
  x: ['2024-03-31', '2024-06-30'],
  xTitle: { zh: '兑付日', en: 'Payment date' },
  yTitle: { zh: '金额', en: 'Amount' },
  series: [
    { name: { zh: '本金', en: 'principal' }, values: [new Decimal('1000000'), new Decimal('2500000.5')] },
    { name: { zh: '利息', en: 'interest' }, values: [new Decimal(0), undefined] },
  ],
};

describe('chart options', () => {
  it('draws money in the unit, percent ×100, and nothing for a value that is not a number', () => {
    expect(chartNumber(new Decimal('2500000.5'), 'money', 'wan')).toBe(250.00005);
    expect(chartNumber(new Decimal('2500000.5'), 'money', 'yuan')).toBe(2500000.5);
    expect(chartNumber(new Decimal('0.0345'), 'percent', 'wan')).toBe(3.45);
    expect(chartNumber('n/a', 'number', 'wan')).toBeUndefined();
    expect(chartNumber(undefined, 'number', 'wan')).toBeUndefined();
  });
  it('titles both axes in the language, the value axis with its unit, and leaves out an empty series', () => {
    expect(chartTexts(chart, ZH)).toEqual({ axes: ['兑付日', '金额（万元）'], series: ['本金'] });
    expect(chartTexts(chart, EN)).toEqual({ axes: ['Payment date', 'Amount (CNY)'], series: ['principal'] });
    const o = chartOption(chart, ZH) as { series: { name: string; stack?: string; data: unknown[] }[]; yAxis: { splitLine: { show: boolean } }; animation: boolean };
    expect(o.series.map((s) => [s.name, s.stack, s.data])).toEqual([['本金', 'total', [100, 250.00005]]]);
    expect(o.yAxis.splitLine.show).toBe(true);
    expect(o.animation).toBe(false);
  });
  it('has nothing to draw when every series is empty', () => {
    expect(hasSeries({ ...chart, series: [chart.series[1]!] }, ZH)).toBe(false);
    expect(hasSeries({ ...chart, x: [] }, ZH)).toBe(false);
    expect(hasSeries(chart, ZH)).toBe(true);
  });
});

describe('chart SVG', () => {
  it('is the same bytes however many charts were drawn before it in the process', () => {
    const first = chartSvg(chart, ZH);
    chartSvg({ ...chart, id: 'other', kind: 'line' }, ZH);
    chartSvg({ ...chart, id: 'heat', kind: 'heatmap', valueKind: 'percent' }, ZH);
    expect(chartSvg(chart, ZH)).toBe(first);
    expect(first).toMatch(/^<svg role="img" aria-label="回收" width="860" height="340"/);
    expect(first).not.toMatch(/zr\d+-|ecmeta_|<style/);
    const line = chartSvg({ ...chart, kind: 'line' }, ZH);
    expect(line).toContain('clip-path="url(#ipabs-flows-c0)"');
    expect(chartSvg({ ...chart, kind: 'line' }, ZH)).toBe(line);
  });
  it('escapes text from deal files, in the SVG and its label', () => {
    const hostile = { ...chart, id: 'x"><script>', title: { zh: '<script>alert(1)</script>', en: '' }, series: [{ name: { zh: '<img src=x onerror=alert(1)>', en: '' }, values: [1, 2] }] };
    const svg = chartSvg(hostile, ZH);
    expect(svg).not.toMatch(/<script|<img/);
    expect(svg).toContain('&lt;img src=x onerror=alert(1)&gt;');
    const html = render({ title: { zh: 't', en: 't' }, sections: [], charts: [hostile] }, ZH);
    expect(html).not.toMatch(/<script|<img/);
    expect(html).toContain('id="chart-x&quot;&gt;&lt;script&gt;"');
  });
  it('draws a heat map with its colour scale and a label per cell', () => {
    const heat: Chart = { ...chart, id: 'heat', kind: 'heatmap', valueKind: 'percent', x: ['A', 'B'], series: [{ name: { zh: '情景一', en: 's1' }, values: [new Decimal('0.125'), 0] }] };
    const svg = chartSvg(heat, ZH);
    for (const t of ['12.5%', '0%', '情景一', 'A', 'B']) expect(svg).toContain(`>${t}</text>`);
  });
});

describe('the charts of each report', () => {
  const { deal } = loadDeal('deals/guangkai-patent-license.json');
  const run = runDeal(deal!);
  it('run: tranche balances start at the closing balance, on the closing date', () => {
    const balances = runCharts(run).find((c) => c.id === 'balances')!;
    expect(balances.x[0]).toBe(run.deal.closing);
    expect(balances.x).toHaveLength(run.pool.periods.length + 1);
    run.tranches.forEach((t, j) => expect(Number(balances.series[j]!.values[0])).toBe(t.balance / 100));
  });
  it('run: the cash paid by use adds up to what the tranches and fees were paid', () => {
    const uses = runCharts(run).find((c) => c.id === 'uses')!;
    const total = (k: number) => uses.series[k]!.values.reduce((a: number, v) => a + Number(v), 0);
    const paid = (f: (p: (typeof run.tranches)[number]['periods'][number]) => number) => run.tranches.reduce((a, t) => a + t.periods.reduce((b, p) => b + f(p), 0), 0) / 100;
    expect(total(1)).toBeCloseTo(paid((p) => p.interestPaid), 2);
    expect(total(2)).toBeCloseTo(paid((p) => p.principalPaid), 2);
    expect(total(3)).toBeCloseTo(paid((p) => p.residualPaid), 2);
  });
  it('run: a royalty deal (no pool interest) has no interest among its collections', () => {
    const collections = runCharts(run).find((c) => c.id === 'collections')!;
    expect(chartTexts(collections, ZH).series).not.toContain('利息');
  });
  it('stress: one heat map row per scenario, one column per tranche; periods late only when some are late', () => {
    const columns = ['A', 'B'].flatMap((id) => [`${id}:lossRate`, `${id}:late`].map((key) => ({ key, header: { zh: key, en: key }, kind: 'percent' as const })));
    const rows = [{ scenario: 's1', 'A:lossRate': 0, 'B:lossRate': 0.5, 'A:late': 0, 'B:late': 0 }];
    const charts = stressCharts([{ type: 'table', id: 'stress', title: { zh: '', en: '' }, columns, rows }]);
    expect(charts.map((c) => c.id)).toEqual(['stress-loss']);
    expect(charts[0]!.x).toEqual(['A', 'B']);
    expect(charts[0]!.series.map((s) => s.values)).toEqual([[0, 0.5]]);
    const late = stressCharts([{ type: 'table', id: 'stress', title: { zh: '', en: '' }, columns, rows: [{ ...rows[0]!, 'B:late': 2 }] }]);
    expect(late.map((c) => c.id)).toEqual(['stress-loss', 'stress-late']);
  });
  it('montecarlo: the exceedance curve is the share of paths losing more than each band edge', () => {
    const histogram = [
      { from: 0, to: 0, paths: 60 },
      { from: 0, to: 0.05, paths: 30 },
      { from: 0.05, to: 0.1, paths: 10 },
    ];
    const r = { paths: 100, tranches: [{ id: 'A', histogram }] } as unknown as McResult;
    const charts = monteCarloCharts(r, (id) => `证券${id}`);
    expect(charts.map((c) => c.id)).toEqual(['histogram-A', 'exceedance']);
    expect(charts[0]!.x).toEqual(['0', '0%–5%', '5%–10%']);
    expect(charts[0]!.series[0]!.values).toEqual([0.6, 0.3, 0.1]);
    expect(charts[1]!.x).toEqual(['0%', '5%']);
    expect(charts[1]!.series[0]!.values).toEqual([0.4, 0.1]);
  });
  it('montecarlo: the HTML page draws the histogram instead of the terminal bars', () => {
    const report: Report = {
      title: { zh: 't', en: 't' },
      sections: [{ type: 'table', id: 'h', title: { zh: 'h', en: 'h' }, columns: [{ key: 'band', header: { zh: '区间', en: 'band' }, kind: 'text' }, { key: 'bar', header: { zh: '', en: '' }, kind: 'text', textOnly: true }], rows: [{ band: '0', bar: '#####' }] }],
    };
    expect(render(report, ZH)).not.toContain('#####');
    expect(render(report, { ...ZH, format: 'table' })).toContain('#####');
  });
});
