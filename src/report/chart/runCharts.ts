/**
 * The charts of a run report: tranche balances from closing, the period's cash by waterfall use,
 * pool collections, coverage and the reserve accounts' balances.
 */
import type { RunResult } from '../../engine/types.js';
import { add, type Money } from '../../util/fen.js';
import { Decimal } from '../../util/money.js';
import { FenCell } from '../fenCell.js';
import type { Chart, Label } from '../model.js';
import { trancheName } from '../trancheName.js';

const PAYMENT_DATE: Label = { zh: '兑付日', en: 'Payment date' };
const AMOUNT: Label = { zh: '金额', en: 'Amount' };

/** Sums `pick` over items, per pool period (by period number). */
function perPeriod<T extends { period: number }>(r: RunResult, lists: readonly (readonly T[])[], pick: (x: T) => Money): FenCell[] {
  const index = new Map(r.pool.periods.map((p, k) => [p.period, k]));
  const sums = r.pool.periods.map(() => 0 as Money);
  for (const list of lists)
    for (const x of list) {
      const k = index.get(x.period);
      if (k !== undefined) sums[k] = add(sums[k]!, pick(x));
    }
  return sums.map((s) => new FenCell(s));
}

/** A chart over the payment dates, in money. */
function byPaymentDate(r: RunResult, c: Pick<Chart, 'id' | 'title' | 'kind' | 'yTitle' | 'series'>): Chart {
  return { ...c, valueKind: 'money', x: r.pool.periods.map((p) => p.date), xTitle: PAYMENT_DATE };
}

function balances(r: RunResult): Chart {
  return {
    id: 'balances',
    title: { zh: '证券本金余额（自设立日起）', en: 'Tranche balances from closing' },
    kind: 'line',
    valueKind: 'money',
    x: [r.deal.closing, ...r.pool.periods.map((p) => p.date)],
    xTitle: PAYMENT_DATE,
    yTitle: { zh: '本金余额', en: 'Balance' },
    // Period 0 is the closing: each tranche's balance at issue.
    series: r.tranches.map((t) => {
      const end = new Map(t.periods.map((p) => [p.period, new FenCell(p.endBalance)]));
      return { name: { zh: trancheName(t, 'zh'), en: t.id }, values: [new FenCell(t.balance), ...r.pool.periods.map((p) => end.get(p.period))] };
    }),
  };
}

function uses(r: RunResult): Chart {
  const tp = r.tranches.map((t) => t.periods);
  return byPaymentDate(r, {
    id: 'uses',
    title: { zh: '各期现金流分配（按用途）', en: 'Cash paid out each period, by use' },
    kind: 'stack',
    yTitle: AMOUNT,
    series: [
      { name: { zh: '税费', en: 'fees and taxes' }, values: perPeriod(r, r.fees.map((f) => f.periods), (p) => p.paid) },
      { name: { zh: '利息', en: 'interest' }, values: perPeriod(r, tp, (p) => p.interestPaid) },
      { name: { zh: '本金', en: 'principal' }, values: perPeriod(r, tp, (p) => p.principalPaid) },
      { name: { zh: '剩余收益', en: 'residual' }, values: perPeriod(r, tp, (p) => p.residualPaid) },
    ],
  });
}

function collections(r: RunResult): Chart {
  const ps = [r.pool.periods];
  return byPaymentDate(r, {
    id: 'collections',
    title: { zh: '资产池回收', en: 'Pool collections' },
    kind: 'stack',
    yTitle: AMOUNT,
    series: [
      { name: { zh: '本金', en: 'principal' }, values: perPeriod(r, ps, (p) => p.principal) },
      { name: { zh: '利息', en: 'interest' }, values: perPeriod(r, ps, (p) => p.interest) },
      { name: { zh: '违约回收', en: 'recoveries' }, values: perPeriod(r, ps, (p) => p.recoveries) },
      { name: { zh: '风险分担补偿', en: 'loss sharing' }, values: perPeriod(r, ps, (p) => p.compensation) },
      { name: { zh: '担保代偿', en: 'guarantee' }, values: perPeriod(r, ps, (p) => p.guaranteePayments) },
      { name: { zh: '清仓回购', en: 'clean-up call' }, values: perPeriod(r, ps, (p) => p.callProceeds) },
    ],
  });
}

function coverage(r: RunResult): Chart {
  return {
    id: 'coverage',
    title: { zh: '优先级当期覆盖倍数', en: 'Senior coverage each period' },
    kind: 'line',
    valueKind: 'number',
    x: r.coverage.periods.map((p) => p.date),
    xTitle: PAYMENT_DATE,
    yTitle: { zh: '覆盖倍数', en: 'Coverage (×)' },
    series: [{ name: { zh: '覆盖倍数', en: 'coverage' }, values: r.coverage.periods.map((p) => p.multiple) }],
    marks: [{ name: { zh: '1.00倍', en: '1.00×' }, value: new Decimal(1) }],
  };
}

function reserves(r: RunResult): Chart | undefined {
  const accounts = r.accounts.filter((a) => a.kind === 'reserve');
  if (accounts.length === 0) return undefined;
  return byPaymentDate(r, {
    id: 'reserve',
    title: { zh: '储备金账户余额', en: 'Reserve account balance' },
    kind: 'line',
    yTitle: { zh: '期末余额', en: 'Balance after the payment date' },
    series: accounts.map((a) => ({ name: { zh: a.name, en: a.id }, values: perPeriod(r, [a.periods], (p) => p.end) })),
  });
}

/** The charts of a run report; those with nothing to draw (no reserve, no coverage) are left out. */
export function runCharts(r: RunResult): Chart[] {
  const charts = [balances(r), uses(r), collections(r), reserves(r)];
  if (r.coverage.periods.some((p) => p.multiple !== undefined)) charts.push(coverage(r));
  return charts.filter((c): c is Chart => c !== undefined);
}
