/**
 * Money inside the engine: whole fen (0.01 yuan) held as safe integers in a `number`, behind the
 * branded `Money` type. Adding, subtracting and comparing are exact integer operations; every
 * operation that can leave the safe-integer range throws an InternalError rather than lose a fen.
 *
 * Multiplying an amount by a rate, a year fraction or a share (`mulRound`) rounds half up to the
 * fen (四舍五入) exactly as the Decimal expression `toFen(yuan × p₁ × p₂ …)` does: the product is
 * worked out in floating point with a rigorous error bound, and only when it falls so close to a
 * half fen that the bound cannot decide the rounding is it redone in decimal (about one product
 * in a million, and every exact tie). The result is therefore always the Decimal one, at integer
 * speed.
 */
import { Decimal, toFen } from './money.js';
import { InputError, InternalError } from './errors.js';

declare const FEN: unique symbol;
/** An amount of money in whole fen. */
export type Money = number & { readonly [FEN]: true };

export const NIL = 0 as Money;

/**
 * An amount beyond the safe range of whole fen in a `number`: it can only come from a deal's
 * (or a scenario's) amounts, so it is the user's to fix (exit 2), not a bug.
 */
export class MoneyRangeError extends InputError {
  constructor(what: string) {
    super(`amounts beyond ±90,071,992,547,409.91 yuan (about 90 trillion) leave the safe range of exact whole-fen arithmetic (${what}): the deal's amounts are too large to compute exactly`);
    this.name = 'MoneyRangeError';
  }
}

function overflow(what: string): never {
  throw new MoneyRangeError(`money: ${what}`);
}

/** A whole number of fen as Money; throws on a fraction (a bug) or an unsafe integer (amounts too large). */
export function fen(n: number): Money {
  if (!Number.isInteger(n)) throw new InternalError(`money: ${n} is not a whole number of fen (outside the safe range of whole fen)`);
  if (!Number.isSafeInteger(n)) overflow(String(n));
  return (n === 0 ? 0 : n) as Money;
}

/** An exact yuan amount (whole fen) as Money; throws if it holds a fraction of a fen. */
export function fromYuan(yuan: Decimal): Money {
  const quick = wholeFen(yuan);
  if (quick !== undefined) return quick;
  const f = yuan.times(100);
  if (!f.isInteger()) throw new InternalError(`money: ${yuan.toString()} yuan is not a whole number of fen`);
  return fen(f.toNumber());
}

/** Powers of ten that are safe integers. */
const TEN = Array.from({ length: 16 }, (_, i) => 10 ** i);

/**
 * The fen of a yuan amount read from decimal.js's digits (base-10⁷ words `d`, exponent `e` of the
 * leading digit, sign `s`) with integer arithmetic only, or undefined when it is not a whole
 * number of fen of at most 15 digits (the caller then takes the Decimal way). Converting a pool's
 * flows is a million of these.
 */
function wholeFen(yuan: Decimal): Money | undefined {
  const { d, e, s } = yuan as unknown as { d: number[]; e: number; s: number };
  if (!d || d.length > 3 || e > 12) return undefined;
  let mantissa = 0;
  for (const w of d) mantissa = mantissa * 1e7 + w;
  if (mantissa === 0) return NIL;
  // The value is mantissa × 10^shift yuan, shift = e − (digits of the mantissa − 1); in fen, shift + 2.
  const lead = d[0]!;
  const leadDigits = lead >= 1e6 ? 7 : lead >= 1e5 ? 6 : lead >= 1e4 ? 5 : lead >= 1e3 ? 4 : lead >= 100 ? 3 : lead >= 10 ? 2 : 1;
  const shift = e - (leadDigits - 1 + 7 * (d.length - 1)) + 2;
  let f: number;
  if (shift >= 0) f = mantissa * TEN[shift]!;
  else if (-shift < TEN.length && mantissa % TEN[-shift]! === 0) f = mantissa / TEN[-shift]!;
  else return undefined;
  if (!Number.isSafeInteger(f) || !Number.isSafeInteger(mantissa)) return undefined;
  return (s < 0 ? -f : f) as Money;
}

/** A yuan amount rounded half up to the fen, as Money. */
export function fromYuanRounded(yuan: Decimal): Money {
  return fromYuan(toFen(yuan));
}

/** Money as an exact Decimal amount in yuan. */
export function toYuan(m: Money): Decimal {
  return new Decimal(m).div(100);
}

export function add(a: Money, b: Money): Money {
  const r = a + b;
  if (!Number.isSafeInteger(r)) overflow(`${a} + ${b} fen`);
  return r as Money;
}

export function sub(a: Money, b: Money): Money {
  const r = a - b;
  if (!Number.isSafeInteger(r)) overflow(`${a} − ${b} fen`);
  return (r === 0 ? 0 : r) as Money;
}

export function minMoney(a: Money, b: Money): Money {
  return a <= b ? a : b;
}

export function maxMoney(a: Money, b: Money): Money {
  return a >= b ? a : b;
}

/** max(0, a). */
export function atLeastNil(a: Money): Money {
  return a > 0 ? a : NIL;
}

export function sumMoney(values: Iterable<Money>): Money {
  let total = 0;
  for (const v of values) total += v;
  if (!Number.isSafeInteger(total)) overflow('a sum');
  return total as Money;
}

/** Formats with two decimals and no grouping ("-1234.50"): the JSON and CSV form, as Decimal's toFixed(2). */
export function fmtFen(m: Money): string {
  const abs = Math.abs(m);
  const cents = abs % 100;
  return `${m < 0 ? '-' : ''}${(abs - cents) / 100}.${cents < 10 ? '0' : ''}${cents}`;
}

/**
 * A product of decimal factors (a rate, a year fraction, a share …), fixed once and applied to
 * many amounts by `mulRound`. The factors are kept in the order the Decimal expression multiplies
 * them, for the rare product the float cannot decide.
 */
export interface Factor {
  readonly parts: readonly Decimal[];
  /** The product as a double (within 2k ulp for k parts). */
  readonly approx: number;
  /** Exactly zero: every product is zero. */
  readonly zero: boolean;
}

export function factor(...parts: Decimal[]): Factor {
  if (parts.length > 8) throw new InternalError('money: a factor of more than 8 parts');
  let approx = 1;
  let zero = false;
  for (const p of parts) {
    approx *= p.toNumber();
    if (p.isZero()) zero = true;
  }
  return { parts, approx, zero };
}

const factors = new WeakMap<Decimal, Factor>();

/** A rate or share of the deal or scenario as a Factor, made once. */
export function factorOf(d: Decimal): Factor {
  let f = factors.get(d);
  if (!f) {
    f = factor(d);
    factors.set(d, f);
  }
  return f;
}

/** Relative error bound of a double product of up to 8 decimal parts and an integer: 2⁻⁴⁸ ≫ 18 ulp. */
const REL = 2 ** -48;
const LIMIT = 2 ** 52;

/**
 * `amount × factor`, rounded half up (away from zero) to the fen: exactly
 * `toFen(toYuan(amount).times(p₁).times(p₂)…)`.
 */
export function mulRound(amount: Money, f: Factor): Money {
  if (f.zero || amount === 0) return NIL;
  const x = amount * f.approx;
  const ax = Math.abs(x);
  if (ax < LIMIT) {
    const frac = ax - Math.floor(ax);
    // Far enough from a half fen that the float's error cannot move the rounding.
    if (Math.abs(frac - 0.5) > ax * REL + 1e-300) {
      const r = Math.floor(ax + 0.5);
      return (x < 0 && r !== 0 ? -r : r) as Money;
    }
  }
  let d = toYuan(amount);
  for (const p of f.parts) d = d.times(p);
  return fromYuanRounded(d);
}

/**
 * Splits `total` fen in proportion to integer `weights` (fen), like dinero.js's allocate: each
 * part gets the floor of its exact share, then the fen left over go one at a time to the parts
 * with the largest remainders (ties to the earlier part). The parts always sum to `total`. Zero or
 * empty weights give zero parts (the total must then be zero). Exact, as the Decimal `allocate`.
 */
export function allocateFen(total: Money, weights: readonly Money[]): Money[] {
  let weightSum = 0;
  for (const w of weights) {
    if (w < 0) throw new RangeError('allocate: negative weight');
    weightSum += w;
  }
  if (!Number.isSafeInteger(weightSum)) overflow('a sum of weights');
  if (weights.length === 0 || weightSum === 0) {
    if (total !== 0) throw new RangeError('allocate: nothing to allocate a non-zero amount to');
    return weights.map(() => NIL);
  }
  const sign = total < 0 ? -1 : 1;
  const abs = Math.abs(total);
  const floors: number[] = [];
  const rems: number[] = [];
  let big: bigint[] | undefined;
  if (abs * weightSum >= Number.MAX_SAFE_INTEGER) {
    // Exact in bigint when a product can pass 2^53.
    const A = BigInt(abs);
    const W = BigInt(weightSum);
    big = [];
    for (const w of weights) {
      const p = A * BigInt(w);
      floors.push(Number(p / W));
      big.push(p % W);
    }
  } else {
    for (const w of weights) {
      const p = abs * w;
      const q = Math.floor(p / weightSum);
      floors.push(q);
      rems.push(p - q * weightSum);
    }
  }
  let left = abs;
  for (const q of floors) left -= q;
  if (left > 0) {
    const order = weights.map((_, i) => i);
    order.sort(big ? (a, b) => (big![b]! > big![a]! ? 1 : big![b]! < big![a]! ? -1 : a - b) : (a, b) => rems[b]! - rems[a]! || a - b);
    for (let k = 0; left > 0; k = (k + 1) % order.length, left--) floors[order[k]!]!++;
  }
  return floors.map((q) => (sign < 0 && q !== 0 ? -q : q) as Money);
}

/** The product of two factors: `mulRound(a, product(f, g))` is `toFen(yuan × f's parts × g's parts)`. */
export function product(f: Factor, g: Factor): Factor {
  if (f.parts.length + g.parts.length > 8) throw new InternalError('money: a factor of more than 8 parts');
  return { parts: [...f.parts, ...g.parts], approx: f.approx * g.approx, zero: f.zero || g.zero };
}

/**
 * Money as an exact Decimal amount in yuan, as {@link toYuan} gives it, built directly in
 * decimal.js's canonical form (base-10⁷ words aligned on the decimal point, no trailing zero
 * words) rather than by a division: a pool's contractual flows convert millions of amounts.
 * A test checks it against `new Decimal(fmtFen(m))` field by field.
 */
export function decimalOfFen(m: Money): Decimal {
  const x = new Decimal(0);
  if (m === 0) return x;
  const abs = Math.abs(m);
  const cents = abs % 100;
  const int = (abs - cents) / 100;
  const d: number[] = [];
  let e: number;
  if (int === 0) {
    e = cents >= 10 ? -1 : -2;
  } else {
    const high = Math.floor(int / 1e7);
    const low = int - high * 1e7;
    if (high > 0) d.push(high, low);
    else d.push(low);
    e = String(int).length - 1;
  }
  if (cents > 0) d.push(cents * 1e5);
  else while (d[d.length - 1] === 0) d.pop();
  const raw = x as unknown as { s: number; e: number; d: number[] };
  raw.s = m < 0 ? -1 : 1;
  raw.e = e;
  raw.d = d;
  return x;
}
