/**
 * The charts of a Monte Carlo report: each tranche's loss histogram (share of paths per loss
 * band) and the exceedance curve of every tranche (share of paths losing more than x).
 */
import type { McResult } from '../../stress/montecarlo.js';
import type { Chart, Label } from '../model.js';

const LOSS: Label = { zh: '损失率（占证券初始本金）', en: 'Loss (share of the tranche’s balance)' };
const SHARE: Label = { zh: '路径占比', en: 'Share of paths' };
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** `name(id)`: the tranche's name in the report. */
export function monteCarloCharts(r: McResult, name: (id: string) => string): Chart[] {
  const share = (paths: number) => (r.paths ? paths / r.paths : 0);
  const charts: Chart[] = r.tranches.map((t) => ({
    id: `histogram-${t.id}`,
    title: { zh: `${name(t.id)} 损失率分布`, en: `${name(t.id)}: loss distribution` },
    kind: 'bar',
    valueKind: 'percent',
    x: t.histogram.map((b, i) => (i === 0 ? '0' : `${pct(b.from)}–${pct(b.to)}`)),
    xTitle: LOSS,
    yTitle: SHARE,
    series: [{ name: { zh: name(t.id), en: name(t.id) }, values: t.histogram.map((b) => share(b.paths)) }],
  }));
  // P(loss > x) at each band's lower edge: the paths of that band and above (bands are (from, to]).
  const first = r.tranches[0];
  if (first) {
    const edges = first.histogram.slice(1).map((b) => b.from);
    charts.push({
      id: 'exceedance',
      title: { zh: '损失超越概率曲线', en: 'Loss exceedance curve' },
      kind: 'line',
      valueKind: 'percent',
      x: edges.map(pct),
      xTitle: { zh: '损失率超过', en: 'Loss above' },
      yTitle: { zh: '超越概率', en: 'Probability' },
      series: r.tranches.map((t) => ({
        name: { zh: name(t.id), en: name(t.id) },
        values: edges.map((x) => share(t.histogram.slice(1).filter((b) => b.from >= x - 1e-12).reduce((n, b) => n + b.paths, 0))),
      })),
    });
  }
  return charts;
}
