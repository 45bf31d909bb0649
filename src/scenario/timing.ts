/**
 * When cumulative defaults fall: the timing weights of a cumulative default rate over the
 * periods in which the pool has a balance, as exact decimals (no float touches the amounts
 * they weigh).
 */
import { Decimal, ONE, sum } from '../util/money.js';
import { assertNever } from '../util/never.js';
import type { ScenarioSpec } from './schema.js';

export type DefaultTiming = NonNullable<ScenarioSpec['defaultRate']>['timing'];

/**
 * Timing weights of cumulative defaults over `m` active periods. Front-loaded by x: the first
 * half of the time carries 50% + x of the defaults, the second half 50% − x, evenly within each
 * half (a period straddling the middle takes its share of each).
 *
 * Each weight is a rational of the period count, divided once: counted in halves of a period
 * (units of 1/(2m)), period k spans [2k, 2k + 2] and the middle falls at m, so its parts in each
 * half are whole numbers of units. Exact whenever 2m divides a power of ten; else to 40 digits.
 *
 * @example timingWeights({ frontLoaded: new Decimal(0.2) }, 5) // → 0.28, 0.28, 0.2, 0.12, 0.12
 */
export function timingWeights(timing: DefaultTiming, m: number): Decimal[] {
  if (m <= 0) return [];
  if (timing === 'even') {
    const w = ONE.div(m);
    return Array.from({ length: m }, () => w);
  }
  if ('explicit' in timing) {
    // A weight of the scenario file is the decimal it was written as.
    const w = Array.from({ length: m }, (_, k) => new Decimal(timing.explicit[k] ?? 0));
    const total = sum(w);
    return total.gt(0) ? w.map((x) => x.div(total)) : w;
  }
  let loaded: Decimal;
  if ('frontLoaded' in timing) loaded = timing.frontLoaded;
  else if ('backLoaded' in timing) loaded = timing.backLoaded.neg();
  else return assertNever(timing, 'default timing');
  const x = Decimal.min(0.5, loaded);
  const first = ONE.plus(x.times(2));
  const second = ONE.minus(x.times(2));
  return Array.from({ length: m }, (_, k) => {
    const inFirst = Math.max(0, Math.min(2 * k + 2, m) - 2 * k);
    const inSecond = Math.max(0, 2 * k + 2 - Math.max(2 * k, m));
    return first.times(inFirst).plus(second.times(inSecond)).div(2 * m);
  });
}
