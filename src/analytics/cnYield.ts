/**
 * Yield to maturity by the China interbank bond market convention, applied here to exchange-listed
 * ABS too: 中国人民银行《关于完善银行间债券市场债券到期收益率计算标准有关事项的通知》(PBoC notice of 2007
 * on the yield-to-maturity standard of the interbank bond market):
 *
 * - a bond in its last coupon period (one payment left), and a single payment due within a year
 *   (到期一次还本付息 / zero), by simple interest: PV = FV / (1 + y × D / TY);
 * - a single payment due in more than a year, compounded annually: PV = FV / (1 + y)^(D / TY);
 * - a bond not in its last coupon period, compounded at the coupon frequency f with a fractional
 *   first period: PV = Σ CFᵢ / (1 + y / f)^(d / TS + i − 1), i = 1 … n (a coupon date paying
 *   nothing keeps its place in i; with one payment left the bond is treated as in its last period).
 *
 * PV is the full price (全价), d the days from settlement to the next coupon date, TS the days of
 * that coupon period, D the days to the payment, TY the days of the current interest year (算头不算尾).
 * An amortising tranche takes the same rule with CFᵢ its projected payments (interest and
 * principal), as the notice's case for bonds repaying principal early (提前还本).
 *
 * These are analytics, not cash: binary floating point (about 15 significant digits) is exact
 * enough for a price quoted to 0.0001 yuan per 100 and a yield to 0.0001%.
 */

/** How the remaining payments are discounted. */
export type YieldMethod = 'compound' | 'simple' | 'annual';

/** A bond's remaining payments as the convention sees them (per 100 yuan of face). */
export interface BondFlows {
  /** Payments per 100 yuan of face, in date order, none zero. */
  amounts: readonly number[];
  /** Each payment's coupon period counted from the next coupon date (0 for a payment on it). */
  offsets: readonly number[];
  /** Coupons a year (4 for quarterly). */
  frequency: number;
  /** Days from settlement to the next coupon date (d). */
  daysToNext: number;
  /** Days of the current coupon period (TS). */
  periodDays: number;
  /** Days from settlement to the (only) payment, for one payment left (D). */
  daysToPayment: number;
  /** Days of the current interest year (TY: 365 or 366). */
  yearDays: number;
}

/** The method the rules give for these flows. */
export function yieldMethod(b: BondFlows): YieldMethod {
  if (b.amounts.length > 1) return 'compound';
  return b.daysToPayment <= b.yearDays ? 'simple' : 'annual';
}

/**
 * Each payment's time: in coupon periods for `compound` (d/TS + i − 1), in years otherwise (D/TY).
 * Its years are periods / f for `compound`: the tenor a curve is read at.
 */
export function paymentTimes(b: BondFlows): { periods: number[]; years: number[] } {
  if (yieldMethod(b) === 'compound') {
    const first = b.daysToNext / b.periodDays;
    const periods = b.offsets.map((k) => first + k);
    return { periods, years: periods.map((t) => t / b.frequency) };
  }
  const t = b.daysToPayment / b.yearDays;
  return { periods: [t], years: [t] };
}

/** The discount factor of a payment at time `t` (as {@link paymentTimes}) at the annual yield `y`. */
function discount(method: YieldMethod, f: number, t: number, y: number): number {
  if (method === 'compound') return Math.pow(1 + y / f, -t);
  if (method === 'simple') return 1 / (1 + y * t);
  return Math.pow(1 + y, -t);
}

/** The lowest yield the method can take (where a discount factor would blow up). */
function lowestYield(method: YieldMethod, f: number, tMax: number): number {
  if (method === 'compound') return -f + 1e-9;
  if (method === 'simple') return -1 / tMax + 1e-9;
  return -1 + 1e-9;
}

/**
 * The full price per 100 yuan of face with each payment discounted at its own annual rate
 * `rates[i]` (one rate for a yield, a curve plus spread for a spread).
 */
export function priceAtRates(b: BondFlows, rates: readonly number[]): number {
  const method = yieldMethod(b);
  const { periods } = paymentTimes(b);
  let pv = 0;
  for (let i = 0; i < b.amounts.length; i++) pv += b.amounts[i]! * discount(method, b.frequency, periods[i]!, rates[i]!);
  return pv;
}

/** The full price (全价) per 100 yuan of face at the yield `y` (0.04 for 4%). */
export function fullPriceAtYield(b: BondFlows, y: number): number {
  return priceAtRates(
    b,
    b.amounts.map(() => y),
  );
}

/** The tolerance of every solved yield or spread: the bracket is narrowed below this width. */
export const SOLVE_TOLERANCE = 1e-12;

/**
 * The root of a decreasing function `f` on [lo, hi] by bisection: deterministic, always
 * converges, to {@link SOLVE_TOLERANCE}; undefined when [lo, hi] does not bracket a root.
 */
export function solveDecreasing(f: (x: number) => number, lo: number, hi: number): number | undefined {
  let flo = f(lo);
  const fhi = f(hi);
  if (!(flo >= 0 && fhi <= 0)) return undefined;
  for (let i = 0; i < 200 && hi - lo > SOLVE_TOLERANCE; i++) {
    const mid = (lo + hi) / 2;
    const fm = f(mid);
    if (fm > 0) {
      lo = mid;
      flo = fm;
    } else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The highest yield solved for (1000%). */
export const HIGHEST_YIELD = 10;

/**
 * The yield at which the flows are worth the full price `price` per 100 (the price falls as the
 * yield rises, so bisection between the lowest meaningful yield and 1000% finds the one root);
 * undefined when none lies there.
 */
export function yieldFromFullPrice(b: BondFlows, price: number): number | undefined {
  if (!(price > 0) || b.amounts.length === 0) return undefined;
  const method = yieldMethod(b);
  const { periods } = paymentTimes(b);
  const lo = lowestYield(method, b.frequency, periods[periods.length - 1]!);
  return solveDecreasing((y) => fullPriceAtYield(b, y) - price, lo, HIGHEST_YIELD);
}

export interface RiskMeasures {
  /** Macaulay duration in years. */
  macaulay: number;
  /** Modified duration: −(dP/dy) / P, in years. */
  modified: number;
  /** Convexity: (d²P/dy²) / P, in years². */
  convexity: number;
}

/**
 * Macaulay and modified duration and convexity at the yield `y`, by the same discounting as
 * the price (so modified duration is exactly −P′/P of {@link fullPriceAtYield}). Times in years:
 * periods / f when compounding, D / TY otherwise.
 */
export function riskMeasures(b: BondFlows, y: number): RiskMeasures | undefined {
  const method = yieldMethod(b);
  const { periods, years } = paymentTimes(b);
  const f = b.frequency;
  let pv = 0;
  let weighted = 0;
  let first = 0;
  let second = 0;
  for (let i = 0; i < b.amounts.length; i++) {
    const t = periods[i]!;
    const v = b.amounts[i]! * discount(method, f, t, y);
    pv += v;
    weighted += years[i]! * v;
    if (method === 'compound') {
      first += (v * t) / f / (1 + y / f);
      second += (v * t * (t + 1)) / (f * f) / ((1 + y / f) * (1 + y / f));
    } else if (method === 'simple') {
      first += (v * t) / (1 + y * t);
      second += (2 * v * t * t) / ((1 + y * t) * (1 + y * t));
    } else {
      first += (v * t) / (1 + y);
      second += (v * t * (t + 1)) / ((1 + y) * (1 + y));
    }
  }
  if (!(pv > 0)) return undefined;
  return { macaulay: weighted / pv, modified: first / pv, convexity: second / pv };
}

/** The convention's name, as reports print it beside a yield. */
export function conventionName(method: YieldMethod, frequency: number, lang: 'zh' | 'en'): string {
  if (lang === 'zh') {
    const how = method === 'compound' ? `按付息频率复利（每年${frequency}次，首期d/TS）` : method === 'simple' ? '单利（剩余一次兑付，不超过一年）' : '按年复利（剩余一次兑付，超过一年）';
    return `银行间2007标准：${how}`;
  }
  const how = method === 'compound' ? `compounded ${frequency}×/yr, first period d/TS` : method === 'simple' ? 'simple interest (one payment left, within a year)' : 'compounded annually (one payment left, beyond a year)';
  return `PBoC 2007: ${how}`;
}
