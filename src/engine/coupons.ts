/**
 * What depends on the rate path: each tranche's coupon per period (fixed, or fixed from its index
 * at each reset), and the pool's contractual flows when it holds floating loans. Prepared once
 * per distinct rate path (a scenario's `rates`) and kept on the prepared deal; a deal without
 * floating rates has one path and keeps the pool it was prepared with.
 */
import type { IsoDate } from '../dates/date.js';
import { changesKey, type IndexChange } from '../rates/path.js';
import { pathOf, rateEnv } from '../rates/env.js';
import { periodRates } from '../rates/reset.js';
import { floatingCoupon } from '../fields/floating.js';
import { preparePool } from '../scenario/performance.js';
import { factor, type Factor } from '../util/fen.js';
import { Decimal, ZERO } from '../util/money.js';
import type { PreparedDeal, RatePathPrepared } from './prepare.js';

/** A scenario's changes to the indices, by index name. */
export type RateChanges = Readonly<Record<string, IndexChange>> | undefined;

/** Each period's accrual start: the closing date, then the previous nominal payment date. */
function accrualStarts(prepared: PreparedDeal): IsoDate[] {
  return prepared.periods.map((_, k) => (k === 0 ? prepared.deal.spec.dates.closing : prepared.periods[k - 1]!.nominalDate));
}

/** The rate path of a scenario's changes, prepared once. */
export function ratePath(prepared: PreparedDeal, changes: RateChanges): RatePathPrepared {
  const key = changesKey(changes);
  let r = prepared.ratePaths.get(key);
  if (!r) {
    const spec = prepared.deal.spec;
    const env = key === '' ? prepared.rates : rateEnv(spec.indices ?? {}, prepared.calendar, changes);
    const starts = accrualStarts(prepared);
    const fixings = spec.tranches.map((t) => {
      const f = floatingCoupon(t.coupon);
      return f ? periodRates(f, starts, pathOf(env, f.index), { calendar: env.calendar, anchor: spec.dates.closing }) : undefined;
    });
    const pool = key === '' || !prepared.floatingPool ? prepared.pool : preparePool(prepared.deal.assets, spec.dates.cutoff, prepared.periods, env);
    r = { env, fixings, pool };
    prepared.ratePaths.set(key, r);
  }
  return r;
}

/**
 * Per tranche and period, (coupon + spread) × the period's year fraction: the factor of its
 * interest. A floating tranche's coupon is its fixing for the period. Fixed once per spread and
 * rate path (stress grids and Monte Carlo reuse it).
 */
export function couponFactors(prepared: PreparedDeal, spread: Decimal, changes?: RateChanges): Factor[][] {
  const key = `${spread.toString()}|${changesKey(changes)}`;
  let factors = prepared.couponFactors.get(key);
  if (!factors) {
    const fixings = prepared.floatingTranches ? ratePath(prepared, changes).fixings : [];
    factors = prepared.deal.spec.tranches.map((t, i) => {
      const yfs = prepared.accrual[t.dayCount];
      const floating = fixings[i];
      if (floating) return yfs.map((yf, k) => factor(floating[k]!.rate.plus(spread), yf));
      const coupon = t.coupon === undefined ? ZERO : (t.coupon as Decimal).plus(spread);
      return yfs.map((yf) => factor(coupon, yf));
    });
    prepared.couponFactors.set(key, factors);
  }
  return factors;
}

/**
 * Each floating tranche's first fixing (what a fixed tranche states as its coupon) and its coupon
 * in force per period (the fixing plus any spread compression).
 */
export function floatingCoupons(prepared: PreparedDeal, spread: Decimal, changes: RateChanges): ({ first: Decimal; inForce: Decimal[] } | undefined)[] {
  if (!prepared.floatingTranches) return prepared.deal.spec.tranches.map(() => undefined);
  return ratePath(prepared, changes).fixings.map((f) => (f ? { first: f[0]?.rate ?? ZERO, inForce: f.map((x) => x.rate.plus(spread)) } : undefined));
}

/** An index path a run used: its values (projected ones shifted as the scenario says). */
export interface IndexPathUsed {
  name: string;
  shiftBp?: number;
  values: { date: IsoDate; value: Decimal; projected: boolean }[];
}

/** The paths of the indices the deal's floating rates read, under the scenario's changes; undefined when nothing floats. */
export function indexPathsUsed(prepared: PreparedDeal, changes: RateChanges): IndexPathUsed[] | undefined {
  if (!prepared.floatingTranches && !prepared.floatingPool) return undefined;
  const spec = prepared.deal.spec;
  const names = new Set<string>();
  for (const t of spec.tranches) {
    const f = floatingCoupon(t.coupon);
    if (f) names.add(f.index);
  }
  if (prepared.floatingPool) for (const a of prepared.deal.assets) if ('floating' in a && a.floating) names.add(a.floating.index);
  const env = ratePath(prepared, changes).env;
  return [...names].sort().flatMap((name) => {
    const path = env.paths.get(name);
    if (!path) return [];
    const shift = path.shift;
    return [
      {
        name,
        shiftBp: shift.isZero() ? undefined : shift.times(10_000).toNumber(),
        values: path.values.map((v, i) => ({ date: v.date, value: i >= path.published ? v.value.plus(shift) : v.value, projected: i >= path.published })),
      },
    ];
  });
}
