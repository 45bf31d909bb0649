/**
 * The charts of a track report: the pool's collections and each tranche's principal paid,
 * actual beside projected, and the cumulative default ratio both ways, over the actual periods.
 */
import type { TrackResult } from '../../engine/track.js';
import { add, NIL, type Money } from '../../util/fen.js';
import { FenCell } from '../fenCell.js';
import type { Chart, Label } from '../model.js';
import { trancheName } from '../trancheName.js';

const PAYMENT_DATE: Label = { zh: '兑付日', en: 'Payment date' };
const COLLECTED = new Set(['principalCollected', 'interestCollected', 'recoveries', 'compensation', 'guarantee', 'callProceeds', 'otherIncome']);

/** Per actual period, the sum of the lines `pick` chooses, actual and projected. */
function sums(t: TrackResult, pick: (item: string, object?: string) => boolean): { actual: FenCell[]; projected: FenCell[] } {
  const actual = t.defaults.map(() => NIL as Money);
  const projected = t.defaults.map(() => NIL as Money);
  for (const l of t.lines) {
    if (!pick(l.item, l.object)) continue;
    actual[l.period - 1] = add(actual[l.period - 1]!, l.actual);
    projected[l.period - 1] = add(projected[l.period - 1]!, l.projected);
  }
  return { actual: actual.map((m) => new FenCell(m)), projected: projected.map((m) => new FenCell(m)) };
}

/** The two series of a chart: actual and projected. */
const twoSeries = (actual: Chart['series'][number]['values'], projected: Chart['series'][number]['values']): Chart['series'] => [
  { name: { zh: '实际', en: 'actual' }, values: actual },
  { name: { zh: '预测', en: 'projected' }, values: projected },
];

/** A chart over the actual periods' payment dates. */
function overDates(t: TrackResult, c: Omit<Chart, 'x' | 'xTitle'>): Chart {
  return { ...c, x: t.defaults.map((d) => d.date), xTitle: PAYMENT_DATE };
}

function collections(t: TrackResult): Chart {
  const s = sums(t, (item) => COLLECTED.has(item));
  return overDates(t, {
    id: 'track-collections',
    title: { zh: '资产池回收：实际与预测', en: 'Pool collections: actual and projected' },
    kind: 'bar',
    valueKind: 'money',
    yTitle: { zh: '金额', en: 'Amount' },
    series: twoSeries(s.actual, s.projected),
  });
}

function principal(t: TrackResult): Chart {
  return overDates(t, {
    id: 'track-principal',
    title: { zh: '各档证券兑付本金：实际与预测', en: 'Principal paid to each tranche: actual and projected' },
    kind: 'line',
    valueKind: 'money',
    yTitle: { zh: '本金', en: 'Principal' },
    series: t.projected.tranches.flatMap((tr) => {
      const s = sums(t, (item, object) => item === 'principalPaid' && object === tr.id);
      return [
        { name: { zh: `${trancheName(tr, 'zh')} 实际`, en: `${tr.id} actual` }, values: s.actual },
        { name: { zh: `${trancheName(tr, 'zh')} 预测`, en: `${tr.id} projected` }, values: s.projected },
      ];
    }),
  });
}

function defaults(t: TrackResult): Chart {
  return overDates(t, {
    id: 'track-defaults',
    title: { zh: '累计违约率：实际与预测', en: 'Cumulative default ratio: actual and projected' },
    kind: 'line',
    valueKind: 'percent',
    yTitle: { zh: '累计违约率', en: 'Cumulative default ratio' },
    series: twoSeries(
      t.defaults.map((d) => d.actualRatio),
      t.defaults.map((d) => d.projectedRatio),
    ),
  });
}

/** The track report's charts. */
export function trackCharts(t: TrackResult): Chart[] {
  return [collections(t), principal(t), defaults(t)];
}
