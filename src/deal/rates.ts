/**
 * A deal's own index paths (no scenario change), for what reads a pool's contractual flows
 * outside a run (pool statistics and reports): floating loans then show the flows a base-case
 * run collects, and a floating tranche's coupon is its first fixing.
 */
import { getCalendar } from '../dates/calendar.js';
import { rateEnv, type RateEnv } from '../rates/env.js';
import type { DealFile, TrancheSpec } from '../schema/deal.js';
import { floatingCoupon } from '../fields/floating.js';
import { MissingFixingError, periodRates } from '../rates/reset.js';
import type { Decimal } from '../util/money.js';

const envs = new WeakMap<DealFile, RateEnv>();

/** The deal's index paths on its holiday calendar; undefined when it defines no indices. */
export function dealRates(spec: DealFile): RateEnv | undefined {
  if (!spec.indices) return undefined;
  let env = envs.get(spec);
  if (!env) {
    const d = spec.dates;
    envs.set(spec, (env = rateEnv(spec.indices, getCalendar(d.calendar, { beyondData: d.calendarBeyondData, extraClosures: d.extraClosures }))));
  }
  return env;
}

/** A floating coupon's first fixing (at the closing date) on the deal's own paths; undefined when it cannot be fixed. */
export function firstFixing(spec: DealFile, coupon: TrancheSpec['coupon']): Decimal | undefined {
  const terms = floatingCoupon(coupon);
  const env = dealRates(spec);
  const path = terms && env?.paths.get(terms.index);
  if (!terms || !env || !path) return undefined;
  try {
    return periodRates(terms, [spec.dates.closing], path, { calendar: env.calendar, anchor: spec.dates.closing })[0]!.rate;
  } catch (err) {
    if (err instanceof MissingFixingError) return undefined;
    throw err;
  }
}
