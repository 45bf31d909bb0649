/**
 * Price ↔ yield of a tranche on a settlement date, per 100 yuan of its outstanding face, by the
 * PBoC 2007 convention (./cnYield.ts) on its projected payments: full price (全价), accrued
 * interest (应计利息), clean price (净价), yield, durations, convexity; a spread over a curve.
 */
import { daysBetween, type IsoDate } from '../dates/date.js';
import { yearFraction, type DayCount } from '../dates/daycount.js';
import type { Decimal } from '../util/money.js';
import type { Money } from '../util/fen.js';
import { conventionName, fullPriceAtYield, HIGHEST_YIELD, paymentTimes, priceAtRates, riskMeasures, solveDecreasing, yieldFromFullPrice, yieldMethod, type RiskMeasures, type YieldMethod } from './cnYield.js';
import { curveRate, type Curve } from './curve.js';
import { settledFlows, type FlowPer100, type TrancheFlowRow } from './trancheFlows.js';

export interface PricedTranche {
  periods: readonly TrancheFlowRow[];
  /** The face issued. */
  balance: Money;
  coupon?: Decimal;
  /** A floating tranche's coupon in force each period (the run's fixings). */
  coupons?: readonly Decimal[];
  dayCount: DayCount;
  expectedMaturity: IsoDate;
  legalMaturity?: IsoDate;
}

/** What is given: a yield (0.04), a clean or full price per 100, or a spread over the curve in basis points. */
export type Quote = { kind: 'yield'; value: number } | { kind: 'clean'; value: number } | { kind: 'full'; value: number } | { kind: 'spread'; bp: number };

export interface PriceRequest {
  closing: IsoDate;
  settlement: IsoDate;
  to: 'expected' | 'legal';
  quote: Quote;
  /** With a spread quote, the curve it is over; with any other, the spread is solved against it. */
  curve?: Curve;
}

export interface PriceResult extends RiskMeasures {
  settlement: IsoDate;
  to: 'expected' | 'legal';
  /** The maturity the flows run to (none: the last projected payment). */
  maturity?: IsoDate;
  face: Money;
  periodStart: IsoDate;
  accrued: number;
  fullPrice: number;
  cleanPrice: number;
  yield: number;
  method: YieldMethod;
  frequency: number;
  convention: { zh: string; en: string };
  /** The spread over the curve in basis points, when a curve is given. */
  spreadBp?: number;
  flows: (FlowPer100 & { years: number; discounted: number })[];
}

/** Accrued interest per 100 of face: the coupon over the days since the period began, by the tranche's day count. */
function accruedPer100(t: PricedTranche, period: number, from: IsoDate, to: IsoDate): number {
  const coupon = t.coupons?.[period] ?? t.coupon;
  if (!coupon) return 0;
  return yearFraction(from, to, t.dayCount).times(coupon).times(100).toNumber();
}

/** The spread (a fraction) at which the flows over the curve are worth `full`. */
function spreadFor(bond: Parameters<typeof priceAtRates>[0], curve: Curve, full: number): number | undefined {
  const { years } = paymentTimes(bond);
  const base = years.map((t) => curveRate(curve, t));
  const lo = Math.max(...base.map((r) => -r)) - (yieldMethod(bond) === 'compound' ? bond.frequency : 1) + 1e-6;
  return solveDecreasing((s) => priceAtRates(bond, base.map((r) => r + s)) - full, Math.max(lo, -1), HIGHEST_YIELD);
}

/**
 * Prices a tranche on `settlement`. Returns an error in words when it cannot: a date before the
 * closing or on or after the maturity, nothing outstanding, a price no yield gives.
 */
export function priceTranche(t: PricedTranche, req: PriceRequest): { result: PriceResult } | { error: string } {
  const { closing, settlement, to } = req;
  if (daysBetween(closing, settlement) < 0) return { error: `--date ${settlement} is before the closing date ${closing}` };
  const maturity = to === 'expected' ? t.expectedMaturity : t.legalMaturity;
  if (maturity !== undefined && daysBetween(settlement, maturity) <= 0) {
    return { error: `--date ${settlement} is on or after the ${to} maturity ${maturity}: nothing is left to price${to === 'expected' ? ' to it (--to legal prices to the legal maturity)' : ''}` };
  }
  const horizon = to === 'expected' ? { to, maturity: t.expectedMaturity } : { to, maturity: t.legalMaturity };
  const settled = settledFlows(t.periods, t.balance, closing, settlement, horizon);
  if (!settled) return { error: `nothing is outstanding or paid after ${settlement} (the last projected payment is ${t.periods[t.periods.length - 1]?.nominalDate ?? 'none'})` };
  const { bond } = settled;
  const accrued = accruedPer100(t, settled.current, settled.periodStart, settlement);
  const q = req.quote;
  let full: number;
  if (q.kind === 'spread') {
    if (!req.curve) return { error: '--spread needs --curve FILE' };
    const curve = req.curve;
    full = priceAtRates(bond, paymentTimes(bond).years.map((yr) => curveRate(curve, yr) + q.bp / 10000));
  } else if (q.kind === 'yield') full = fullPriceAtYield(bond, q.value);
  else full = q.kind === 'full' ? q.value : q.value + accrued;
  if (!(full > 0)) return { error: `the full price ${full.toFixed(4)} is not positive` };
  const y = q.kind === 'yield' ? q.value : yieldFromFullPrice(bond, full);
  if (y === undefined) return { error: `no yield between the lowest the convention allows and ${HIGHEST_YIELD * 100}% gives a full price of ${full.toFixed(4)}` };
  const risk = riskMeasures(bond, y);
  if (!risk) return { error: `the flows have no positive value at ${(y * 100).toFixed(4)}%` };
  const spread = q.kind === 'spread' ? q.bp / 10000 : req.curve ? spreadFor(bond, req.curve, full) : undefined;
  const method = yieldMethod(bond);
  const { years } = paymentTimes(bond);
  const rate = (t: number) => (q.kind === 'spread' && req.curve ? curveRate(req.curve, t) + q.bp / 10000 : y);
  // A flow's place k among the coupon dates after settlement: d/TS + k periods when compounding.
  const first = bond.daysToNext / bond.periodDays;
  const flows = settled.flows.map((f, k) => {
    if (method !== 'compound') return { ...f, years: years[0]!, discounted: f.total > 0 ? priceAtRates(bond, [rate(years[0]!)]) : 0 };
    const t = first + k;
    return { ...f, years: t / bond.frequency, discounted: f.total * Math.pow(1 + rate(t / bond.frequency) / bond.frequency, -t) };
  });
  return {
    result: {
      settlement,
      to,
      maturity,
      face: settled.face,
      periodStart: settled.periodStart,
      accrued,
      fullPrice: full,
      cleanPrice: full - accrued,
      yield: y,
      method,
      frequency: bond.frequency,
      convention: { zh: conventionName(method, bond.frequency, 'zh'), en: conventionName(method, bond.frequency, 'en') },
      spreadBp: spread === undefined ? undefined : spread * 10000,
      ...risk,
      flows,
    },
  };
}
