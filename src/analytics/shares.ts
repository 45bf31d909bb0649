/** Shares of a whole that sum to 1 exactly: exact fractions, the last units by largest remainder. */
import { Decimal, sum, ZERO } from '../util/money.js';

/** Exact fractions of 1 at this many decimals; the last unit goes by largest remainder. */
const SHARE_DECIMALS = 12;

/**
 * Fractions `parts[i] / whole`, rounded to SHARE_DECIMALS with the last units allocated by
 * largest remainder so they sum to exactly 1 (or all zero when `whole` is zero).
 */
export function shares(parts: readonly Decimal[]): Decimal[] {
  const whole = sum(parts);
  if (whole.isZero()) return parts.map(() => ZERO);
  const scale = new Decimal(10).pow(SHARE_DECIMALS);
  const exact = parts.map((p) => p.div(whole).times(scale));
  const floors = exact.map((e) => e.floor());
  let left = scale.minus(sum(floors)).toNumber();
  const order = exact.map((e, i) => ({ i, r: e.minus(floors[i]!) })).sort((a, b) => b.r.comparedTo(a.r) || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) {
    const i = order[k % order.length]!.i;
    floors[i] = floors[i]!.plus(1);
  }
  return floors.map((f) => f.div(scale));
}
