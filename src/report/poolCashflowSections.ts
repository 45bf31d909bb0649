/** The pool report's contractual cash flows: by collection period, and asset by asset. */
import type { LoadedDeal } from '../io/loadDeal.js';
import { dealSchedule, periodOfDate, type DealPeriod } from '../deal/periods.js';
import type { IsoDate } from '../dates/date.js';
import type { PoolStats } from '../analytics/poolStats.js';
import { contractualCashflowsOnce } from '../pool/index.js';
import { dealRates } from '../deal/rates.js';
import { sum, ZERO } from '../util/money.js';
import type { Cell, TableSection } from './model.js';

/**
 * The pool's contractual principal and interest by collection period, and what falls after the
 * last one. One asset's flows at a time: a large pool's flows are not all kept.
 */
function flowsByPeriod(deal: LoadedDeal, periods: readonly DealPeriod[], cutoff: IsoDate) {
  const principal = periods.map(() => ZERO);
  const interest = periods.map(() => ZERO);
  let latePrincipal = ZERO;
  let lateInterest = ZERO;
  for (const a of deal.assets) {
    for (const f of contractualCashflowsOnce(a, cutoff, dealRates(deal.spec)).flows) {
      const k = periodOfDate(periods, f.date);
      if (k < 0) {
        latePrincipal = latePrincipal.plus(f.principal);
        lateInterest = lateInterest.plus(f.interest);
      } else {
        principal[k] = principal[k]!.plus(f.principal);
        interest[k] = interest[k]!.plus(f.interest);
      }
    }
  }
  return { principal, interest, latePrincipal, lateInterest };
}

/** The pool's contractual flows by collection period; flows after the last one in a row of their own. */
export function periodCashflowSection(deal: LoadedDeal, s: PoolStats): TableSection {
  const { periods } = dealSchedule(deal.spec.dates);
  const { principal, interest, latePrincipal, lateInterest } = flowsByPeriod(deal, periods, s.cutoff);
  let balance = s.balance;
  const rows: Record<string, Cell>[] = periods.map((p, k) => {
    const begin = balance;
    balance = balance.minus(principal[k]!);
    return {
      period: p.index,
      collectionStart: p.collectionStart,
      collectionEnd: p.collectionEnd,
      paymentDate: p.date,
      beginBalance: begin,
      principal: principal[k]!,
      interest: interest[k]!,
      total: principal[k]!.plus(interest[k]!),
      endBalance: balance,
    };
  });
  if (!latePrincipal.isZero() || !lateInterest.isZero()) {
    rows.push({ period: null, collectionStart: periods[periods.length - 1]?.collectionEnd, collectionEnd: '—', paymentDate: null, beginBalance: balance, principal: latePrincipal, interest: lateInterest, total: latePrincipal.plus(lateInterest), endBalance: balance.minus(latePrincipal) });
  }
  return {
    type: 'table',
    id: 'cashflows',
    title: { zh: '资产池合同现金流（按收款期间）', en: 'Contractual pool cash flows by collection period' },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'collectionStart', header: { zh: '收款期间起', en: 'Collection from' }, kind: 'date' },
      { key: 'collectionEnd', header: { zh: '收款期间止', en: 'Collection to' }, kind: 'date' },
      { key: 'paymentDate', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
      { key: 'beginBalance', header: { zh: '期初余额', en: 'Opening balance' }, kind: 'money' },
      { key: 'principal', header: { zh: '应收本金', en: 'Principal' }, kind: 'money' },
      { key: 'interest', header: { zh: '应收利息', en: 'Interest' }, kind: 'money' },
      { key: 'total', header: { zh: '合计', en: 'Total' }, kind: 'money' },
      { key: 'endBalance', header: { zh: '期末余额', en: 'Closing balance' }, kind: 'money' },
    ],
    rows,
    total: {
      period: null,
      principal: sum(principal).plus(latePrincipal),
      interest: sum(interest).plus(lateInterest),
      total: sum(principal).plus(sum(interest)).plus(latePrincipal).plus(lateInterest),
    },
  };
}

/** Every asset's contractual payments, with its balance after each. */
export function assetFlowSection(deal: LoadedDeal, s: PoolStats): TableSection {
  const rows: Record<string, Cell>[] = [];
  deal.assets.forEach((a) => {
    const cf = contractualCashflowsOnce(a, s.cutoff, dealRates(deal.spec));
    let balance = cf.balance;
    for (const f of cf.flows) {
      balance = balance.minus(f.principal);
      rows.push({ asset: a.id, obligor: a.obligor, date: f.date, principal: f.principal, interest: f.interest, total: f.principal.plus(f.interest), endBalance: balance });
    }
  });
  return {
    type: 'table',
    id: 'assetFlows',
    title: { zh: '逐笔资产合同现金流', en: 'Contractual cash flows by asset' },
    columns: [
      { key: 'asset', header: { zh: '资产', en: 'Asset' }, kind: 'text' },
      { key: 'obligor', header: { zh: '债务人', en: 'Obligor' }, kind: 'text' },
      { key: 'date', header: { zh: '应收日', en: 'Due date' }, kind: 'date' },
      { key: 'principal', header: { zh: '本金', en: 'Principal' }, kind: 'money' },
      { key: 'interest', header: { zh: '利息', en: 'Interest' }, kind: 'money' },
      { key: 'total', header: { zh: '合计', en: 'Total' }, kind: 'money' },
      { key: 'endBalance', header: { zh: '剩余余额', en: 'Balance after' }, kind: 'money' },
    ],
    rows,
  };
}
