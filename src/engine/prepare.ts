/**
 * Preparing a deal for many runs: its periods, its pool's contractual flows in whole fen, and
 * every rate and year fraction fixed once as a `Factor` (a coupon times the period's year
 * fraction, a fee rate times its day count's) so the period loop only multiplies integers.
 */
import { addBusinessDays } from '../dates/calendar.js';
import { compareDates, type IsoDate } from '../dates/date.js';
import { DAY_COUNTS, yearFraction, type DayCount } from '../dates/daycount.js';
import { dealSchedule, type DealPeriod } from '../deal/periods.js';
import type { LoadedDeal } from '../deal/loaded.js';
import type { FeeSpec } from '../schema/deal.js';
import type { MoneyPreparedPool } from '../scenario/poolTypes.js';
import { factor, fromYuan, NIL, add, type Factor, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';
import { assertNever } from '../util/never.js';
import { preparePool } from '../scenario/performance.js';
import { rateEnv, type RateEnv } from '../rates/env.js';
import { floats } from '../pool/index.js';
import { floatingCoupon } from '../fields/floating.js';
import type { PeriodFixing } from '../rates/reset.js';
import { fixedFeeAmounts } from './fixedFee.js';

/** A fee's accrual per period, fixed at preparation: a factor of its base, or an amount. */
export type FeeAccrual = { base: 'pool' | 'tranches' | 'issue' | 'issueOutstanding'; factors: Factor[] } | { amounts: Money[] } | undefined;

/** What one rate path fixes: its environment, each floating tranche's fixings, the pool (when it floats). */
export interface RatePathPrepared {
  env: RateEnv;
  /** Per tranche: its fixing per period when its coupon floats. */
  fixings: (PeriodFixing[] | undefined)[];
  pool: MoneyPreparedPool;
}

/** The parts of a deal that do not depend on the scenario, computed once. */
export interface PreparedDeal {
  deal: LoadedDeal;
  periods: DealPeriod[];
  pool: MoneyPreparedPool;
  initialPoolBalance: Money;
  /** Per day count, the year fraction of each accrual period (closing or last nominal date to this one). */
  accrual: Record<DayCount, Decimal[]>;
  calendar: ReturnType<typeof dealSchedule>['calendar'];
  trancheIndex: Map<string, number>;
  feeIndex: Map<string, number>;
  supportIndex: Map<string, number>;
  /** Per tranche: its balance at issue; per period, whether the expected maturity is reached. */
  issued: Money[];
  matured: boolean[][];
  /** Per tranche with a schedule: the principal scheduled up to each period's nominal date. */
  scheduled: (Money[] | undefined)[];
  /** Per fee, its accrual per period (VAT and percent-of-payment fees are charged later). */
  feeAccruals: FeeAccrual[];
  /** Per support, the date it pays on in each period (an undertaking's is days before). */
  supportDates: IsoDate[][];
  /** Coupon factors (coupon + spread) × year fraction per tranche and period, by spread and rate path. */
  couponFactors: Map<string, Factor[][]>;
  /** The deal's own index paths (no scenario change), and what each rate path fixes, by its key. */
  rates: RateEnv;
  ratePaths: Map<string, RatePathPrepared>;
  /** Whether a pool asset or a tranche coupon floats (else every rate path gives the same pool or coupons). */
  floatingPool: boolean;
  floatingTranches: boolean;
  /** The pool balance below which the clean-up call may be exercised: balance < this (fen). */
  cleanUpBelow: Money;
  /** Per tranche, the ledger's names for it and its payments (made once, not per payment). */
  trancheLabels: { to: string; interest: string; principal: string; residual: string }[];
}

const amounts = new WeakMap<Decimal, Money>();

/** An amount of the deal or scenario (whole fen) as Money, converted once. */
export function amountOf(yuan: Decimal): Money {
  let m = amounts.get(yuan);
  if (m === undefined) {
    m = fromYuan(yuan);
    amounts.set(yuan, m);
  }
  return m;
}

export { factorOf } from '../util/fen.js';

const stepIndexes = new WeakMap<object, number[]>();

/** The indexes of the ids a step names (tranches, fees), resolved once per step. */
export function indexesOf(step: object, ids: readonly string[], index: ReadonlyMap<string, number>): number[] {
  let list = stepIndexes.get(step);
  if (!list) {
    list = ids.map((id) => index.get(id)!);
    stepIndexes.set(step, list);
  }
  return list;
}

/** Builds the periods and buckets every asset's contractual cash flows (once per deal). */
export function prepareDeal(deal: LoadedDeal): PreparedDeal {
  const spec = deal.spec;
  const { periods, calendar } = dealSchedule(spec.dates);
  const rates = rateEnv(spec.indices ?? {}, calendar);
  // Floating loans read the deal's index paths; a deal without indices has none to read.
  const pool = preparePool(deal.assets, spec.dates.cutoff, periods, spec.indices ? rates : undefined);
  const accrual = Object.fromEntries(
    DAY_COUNTS.map((dc) => [dc, periods.map((p, k) => yearFraction(k === 0 ? spec.dates.closing : periods[k - 1]!.nominalDate, p.nominalDate, dc))]),
  ) as Record<DayCount, Decimal[]>;
  const call = spec.cleanUpCall;
  return {
    deal,
    periods,
    pool,
    initialPoolBalance: pool.initialBalance,
    calendar,
    accrual,
    trancheIndex: new Map(spec.tranches.map((t, i) => [t.id, i])),
    feeIndex: new Map(spec.fees.map((f, i) => [f.id, i])),
    supportIndex: new Map(spec.supports.map((s, i) => [s.id, i])),
    issued: spec.tranches.map((t) => fromYuan(t.balance)),
    matured: spec.tranches.map((t) => periods.map((p) => compareDates(p.nominalDate, t.expectedMaturity) >= 0)),
    scheduled: spec.tranches.map((t) => (t.principal.type === 'schedule' ? scheduledUpTo(t.principal.payments, periods) : undefined)),
    feeAccruals: spec.fees.map((f) => feeAccrualOf(f, accrual, periods, spec.dates.closing)),
    supportDates: spec.supports.map((s) => periods.map((p) => (s.kind === 'shortfallUndertaking' ? addBusinessDays(p.date, -s.businessDaysBefore, calendar) : p.date))),
    couponFactors: new Map(),
    rates,
    ratePaths: new Map(),
    floatingPool: spec.indices !== undefined && deal.assets.some(floats),
    floatingTranches: spec.tranches.some((t) => floatingCoupon(t.coupon) !== undefined),
    // An integer n is below a real x exactly when it is below ⌈x⌉.
    cleanUpBelow: call ? (new Decimal(pool.initialBalance).times(call.poolBalanceBelow).ceil().toNumber() as Money) : NIL,
    trancheLabels: spec.tranches.map((t) => ({ to: `tranche:${t.id}`, interest: `${t.name} interest`, principal: `${t.name} principal`, residual: `${t.name} residual (超额收益)` })),
  };
}

function scheduledUpTo(payments: readonly { date: IsoDate; amount: Decimal }[], periods: readonly DealPeriod[]): Money[] {
  return periods.map((p) => {
    let total = NIL;
    for (const x of payments) if (compareDates(x.date, p.nominalDate) <= 0) total = add(total, fromYuan(x.amount));
    return total;
  });
}

function feeAccrualOf(spec: FeeSpec, accrual: Record<DayCount, Decimal[]>, periods: readonly DealPeriod[], closing: IsoDate): FeeAccrual {
  switch (spec.kind) {
    case 'rateOnBalance':
      return { base: spec.base, factors: accrual[spec.dayCount].map((yf) => factor(spec.rate, yf)) };
    case 'fixed':
      return { amounts: fixedFeeAmounts(spec, periods, closing).map((a) => fromYuan(a)) };
    case 'percentOfPayment':
    case 'vat':
      return undefined;
    default:
      return assertNever(spec, 'fee kind');
  }
}
