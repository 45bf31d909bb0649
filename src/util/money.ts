/**
 * Money and rates. One configured Decimal clone serves the whole project: 40 significant
 * digits so intermediate interest and share computations never lose a fen, ROUND_HALF_UP
 * (四舍五入, the rounding Chinese offering documents use) wherever a value is rounded.
 */
import { Decimal as DecimalBase } from 'decimal.js';

/** decimal.js with 40 significant digits, rounding half up: rates, year fractions and amounts in yuan (a run's amounts are {@link Money}, whole fen). */
export const Decimal = DecimalBase.clone({
  precision: 40,
  rounding: DecimalBase.ROUND_HALF_UP,
  toExpNeg: -30,
  toExpPos: 40,
});
/** A number of the {@link Decimal} class. */
export type Decimal = InstanceType<typeof Decimal>;

export const ZERO = new Decimal(0);
export const ONE = new Decimal(1);
export const HUNDRED = new Decimal(100);
/** 1 万元 = 10,000 yuan. */
export const WAN = new Decimal(10_000);

/** Parses a decimal string or number; throws on anything that is not a finite number. */
export function dec(value: DecimalBase.Value): Decimal {
  const d = new Decimal(value);
  if (!d.isFinite()) throw new RangeError(`not a finite number: ${String(value)}`);
  return d;
}

/** Rounds to the fen (0.01 yuan), half up. Cash moves only in whole fen. */
export function toFen(value: Decimal): Decimal {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
}

/** Sum of a list, exact. */
export function sum(values: Iterable<Decimal>): Decimal {
  let total = ZERO;
  for (const v of values) total = total.plus(v);
  return total;
}

export function min(a: Decimal, b: Decimal): Decimal {
  return a.lte(b) ? a : b;
}

export function max(a: Decimal, b: Decimal): Decimal {
  return a.gte(b) ? a : b;
}

/**
 * Splits `total` (a whole number of fen) in proportion to `weights`, like dinero.js's allocate:
 * each part gets the floor of its exact share in fen, then the fen left over go one at a time to
 * the parts with the largest remainders (ties to the earlier part). The parts always sum to
 * `total` exactly. Zero or empty weights give zero parts (and the total must then be zero).
 *
 * @example allocate(dec('100.00'), [dec(1), dec(1), dec(1)]) // → 33.34, 33.33, 33.33
 */
export function allocate(total: Decimal, weights: readonly Decimal[]): Decimal[] {
  const totalFen = total.times(100);
  if (!totalFen.isInteger()) throw new RangeError(`allocate: ${total.toString()} is not a whole number of fen`);
  const weightSum = sum(weights);
  if (weights.length === 0 || weightSum.isZero()) {
    if (!totalFen.isZero()) throw new RangeError('allocate: nothing to allocate a non-zero amount to');
    return weights.map(() => ZERO);
  }
  if (weights.some((w) => w.lt(0))) throw new RangeError('allocate: negative weight');
  const sign = totalFen.lt(0) ? -1 : 1;
  const absFen = totalFen.abs();
  const exact = weights.map((w) => absFen.times(w).div(weightSum));
  const floors = exact.map((e) => e.floor());
  let left = absFen.minus(sum(floors)).toNumber();
  const order = exact
    .map((e, i) => ({ i, rem: e.minus(floors[i]!) }))
    .sort((a, b) => b.rem.comparedTo(a.rem) || a.i - b.i);
  for (let k = 0; left > 0; k = (k + 1) % order.length, left--) {
    const i = order[k]!.i;
    floors[i] = floors[i]!.plus(1);
  }
  // Negate only non-zero parts: decimal.js keeps a signed zero, and a −0 part would report
  // isNegative() although it is nothing.
  return floors.map((f) => (sign < 0 && !f.isZero() ? f.neg() : f).div(100));
}

/** Formats a money amount with two decimals (no grouping): the JSON and CSV form. */
export function fmtMoney(value: Decimal): string {
  return toFen(value).toFixed(2);
}
