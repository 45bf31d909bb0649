/**
 * A tranche's projected payments after a settlement date, per 100 yuan of its outstanding face,
 * laid out for the PBoC 2007 yield convention (./cnYield.ts). Coupon periods are the nominal
 * payment dates (the engine accrues interest between them), so d, TS and D count days to the
 * nominal dates; the cash may move a business day later, which the convention ignores.
 */
import { addMonths, daysBetween, type IsoDate } from '../dates/date.js';
import type { Money } from '../util/fen.js';
import type { BondFlows } from './cnYield.js';

/** What the flows read of a tranche's period rows (the engine's TranchePeriod). */
export interface TrancheFlowRow {
  nominalDate: IsoDate;
  date: IsoDate;
  interestPaid: Money;
  principalPaid: Money;
  residualPaid: Money;
  beginBalance: Money;
  endBalance: Money;
}

/** One remaining payment per 100 yuan of face. */
export interface FlowPer100 {
  period: number;
  nominalDate: IsoDate;
  date: IsoDate;
  interest: number;
  principal: number;
  total: number;
}

export interface SettledFlows {
  /** Outstanding face at settlement (after any payment on that date). */
  face: Money;
  /** The coupon date the current period started on (the closing date in the first period). */
  periodStart: IsoDate;
  /** The current period's index (0: the first). */
  current: number;
  flows: FlowPer100[];
  bond: BondFlows;
}

/**
 * Coupons a year of a schedule of nominal dates: 12 ÷ the median gap in whole months (4 for
 * quarterly); from the closing to the one date when there is only one.
 */
export function couponFrequency(closing: IsoDate, nominalDates: readonly IsoDate[]): number {
  const dates = [closing, ...nominalDates];
  const gaps = dates.slice(1).map((d, i) => daysBetween(dates[i]!, d)).sort((a, b) => a - b);
  if (gaps.length === 0) return 1;
  const months = Math.max(1, Math.round(gaps[Math.floor((gaps.length - 1) / 2)]! / (365.25 / 12)));
  return Math.max(1, Math.round(12 / months));
}

/**
 * Days of the interest year (TY) holding `date`: the years run from the closing date (起息日) on
 * its anniversaries, counted 算头不算尾.
 */
export function interestYearDays(closing: IsoDate, date: IsoDate): number {
  let start = closing;
  for (let k = 1; daysBetween(addMonths(closing, 12 * k), date) >= 0; k++) start = addMonths(closing, 12 * k);
  return daysBetween(start, addMonths(start, 12));
}

/** Where the flows stop: the expected maturity (what is left then is paid then), the legal one, or every projected date. */
export type FlowHorizon = { to: 'expected'; maturity: IsoDate } | { to: 'legal'; maturity?: IsoDate } | { to: 'all' };

/**
 * The payments after `settlement` per 100 yuan of the face then outstanding, and the bond the
 * convention prices. Periods paying nothing keep their place in the exponent (it counts coupon
 * periods) but are no payment: a subordinate paid once, at the end, is priced as a single payment.
 * Trailing periods paying nothing are dropped from `flows`. Undefined when nothing is outstanding or paid after
 * `settlement`. `issued`: the face before the first payment.
 */
export function settledFlows(rows: readonly TrancheFlowRow[], issued: Money, closing: IsoDate, settlement: IsoDate, horizon: FlowHorizon): SettledFlows | undefined {
  const frequency = couponFrequency(
    closing,
    rows.map((r) => r.nominalDate),
  );
  let k = 0;
  while (k < rows.length && daysBetween(rows[k]!.nominalDate, settlement) >= 0) k++;
  const face = k === 0 ? issued : rows[k - 1]!.endBalance;
  if (face <= 0) return undefined;
  const kept = rows.slice(k).filter((r) => horizon.to === 'all' || horizon.maturity === undefined || daysBetween(r.nominalDate, horizon.maturity) >= 0);
  const per100 = (m: number) => (m * 100) / face;
  const flows: FlowPer100[] = kept.map((r, i) => {
    const interest = per100(r.interestPaid + r.residualPaid);
    let principal = per100(r.principalPaid);
    // To the expected maturity: what is still owed then is taken as repaid then (the promise).
    if (horizon.to === 'expected' && i === kept.length - 1) principal += per100(r.endBalance);
    return { period: k + i + 1, nominalDate: r.nominalDate, date: r.date, interest, principal, total: interest + principal };
  });
  while (flows.length > 0 && !(flows[flows.length - 1]!.total > 0)) flows.pop();
  const paying = flows.map((f, i) => ({ f, i })).filter(({ f }) => f.total > 0);
  if (paying.length === 0) return undefined;
  const next = flows[0]!.nominalDate;
  const periodStart = k === 0 ? closing : rows[k - 1]!.nominalDate;
  // The first period may be a stub: its TS is the regular period ending on its date.
  const quasiStart = k === 0 ? addMonths(next, -Math.round(12 / frequency)) : periodStart;
  const last = paying[paying.length - 1]!.f.nominalDate;
  const bond: BondFlows = {
    amounts: paying.map(({ f }) => f.total),
    offsets: paying.map(({ i }) => i),
    frequency,
    daysToNext: daysBetween(settlement, next),
    periodDays: Math.max(1, daysBetween(quasiStart, next)),
    daysToPayment: daysBetween(settlement, last),
    yearDays: interestYearDays(closing, settlement),
  };
  return { face, periodStart, current: k, flows, bond };
}
