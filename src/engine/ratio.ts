/**
 * Ratios of amounts (a coverage multiple, a cumulative default ratio) compared without dividing
 * in Decimal on the hot path, yet exactly as the Decimal quotient (rounded to Decimal's
 * precision) compares: a float decides when it is far from the line, Decimal otherwise.
 */
import type { Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';

/** Relative distance beyond which a float quotient and Decimal's rounded one cannot disagree. */
const FAR = 1e-12;

const floats = new WeakMap<Decimal, number>();

/** The sign of `num / den − level` (den > 0), as `new Decimal(num).div(den).cmp(level)` gives it. */
export function compareRatio(num: Money, den: Money, level: Decimal): number {
  const q = num / den;
  let l = floats.get(level);
  if (l === undefined) {
    l = level.toNumber();
    floats.set(level, l);
  }
  if (Math.abs(q - l) > FAR * Math.max(Math.abs(q), Math.abs(l))) return q < l ? -1 : 1;
  return new Decimal(num).div(den).cmp(level);
}

/** Whether a/b < c/d exactly (b, d > 0). */
export function ratioLess(a: Money, b: Money, c: Money, d: Money): boolean {
  const left = a * d;
  const right = c * b;
  if (left < Number.MAX_SAFE_INTEGER && right < Number.MAX_SAFE_INTEGER) return left < right;
  return BigInt(a) * BigInt(d) < BigInt(c) * BigInt(b);
}
