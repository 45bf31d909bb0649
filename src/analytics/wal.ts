/**
 * Weighted average life: Σ principalᵢ × yearsᵢ / Σ principalᵢ, years from the closing date
 * (ACT/365F) as the float daysBetween / 365. The figure has always been the Decimal expression
 * (precision 40) of that, turned into a float; it is worked out here in exact integers (BigInt)
 * to the same float, falling back to Decimal when a sum passes 40 digits (Decimal would round).
 */
import { daysBetween, type IsoDate } from '../dates/date.js';
import { Decimal, ZERO } from '../util/money.js';

/** The years as the Decimal of the float, and that Decimal as integer digits over 10^scale. */
interface Years {
  decimal: Decimal;
  digits: bigint;
  scale: number;
  /** The digits over 10^SCALE (undefined when the scale is larger). */
  scaled: bigint | undefined;
}

/** Powers of ten as BigInts, made once. */
const POWERS: bigint[] = [];
const pow10 = (e: number): bigint => POWERS[e] ?? (POWERS[e] = 10n ** BigInt(e));

/** The common scale of the years' digits (a float's shortest decimal has at most 17 digits). */
const SCALE = 20;

/** Per closing date, per payment date: its years (a deal has few of either). */
const cache = new Map<IsoDate, Map<IsoDate, Years>>();

function yearsOf(from: IsoDate, to: IsoDate): Years {
  let byDate = cache.get(from);
  if (byDate === undefined) {
    if (cache.size > 1000) cache.clear();
    cache.set(from, (byDate = new Map()));
  }
  let y = byDate.get(to);
  if (y === undefined) {
    const decimal = new Decimal(daysBetween(from, to) / 365);
    const fixed = decimal.toFixed();
    const point = fixed.indexOf('.');
    const scale = point < 0 ? 0 : fixed.length - point - 1;
    const digits = BigInt(fixed.replace('.', ''));
    y = { decimal, digits, scale, scaled: scale <= SCALE ? digits * pow10(SCALE - scale) : undefined };
    if (byDate.size > 100_000) byDate.clear();
    byDate.set(to, y);
  }
  return y;
}

const PRECISION = 40;

/** Decimal's own way, for what does not fit in its precision exactly. */
function walDecimal(principal: readonly number[], years: readonly Years[], total: number): number {
  let weighted = ZERO;
  for (let i = 0; i < principal.length; i++) weighted = weighted.plus(new Decimal(principal[i]!).times(years[i]!.decimal));
  return weighted.div(total).toNumber();
}

/**
 * WAL in years of principal payments (whole units, e.g. fen) on dates, from `closing`: exactly
 * `Σ Decimal(pᵢ) × Decimal(yearsᵢ) / Σ pᵢ` to a float.
 */
export function weightedAverageLife(closing: IsoDate, dates: readonly IsoDate[], principal: readonly number[], total: number): number {
  const years = dates.map((d) => yearsOf(closing, d));
  let scale = 0;
  for (const y of years) if (y.scale > scale) scale = y.scale;
  // Σ pᵢ × yearsᵢ over 10^SCALE: the same quotient as over 10^scale, and `shift` digits longer.
  const common = years.every((y) => y.scaled !== undefined);
  const shift = common ? SCALE - scale : 0;
  let weighted = 0n;
  for (let i = 0; i < years.length; i++) {
    const y = years[i]!;
    weighted += BigInt(principal[i]!) * (common ? y.scaled! : y.digits * pow10(scale - y.scale));
  }
  if (weighted === 0n) return 0;
  const wDigits = digitCount(weighted);
  // Every product and partial sum must be exact in Decimal for the two to agree.
  if (wDigits - shift > PRECISION) return walDecimal(principal, years, total);
  const denominator = BigInt(total) * pow10(scale + shift);
  // The quotient to one digit more than the precision, then rounded half up to it, as Decimal.
  const k = Math.max(0, PRECISION + 1 + digitCount(denominator) - wDigits);
  const q = (weighted * pow10(k)) / denominator;
  const qDigits = digitCount(q);
  const dropped = Math.max(0, qDigits - PRECISION);
  let kept = q / pow10(dropped);
  if (dropped > 0 && (q / pow10(dropped - 1)) % 10n >= 5n) kept += 1n;
  // W / D = q × 10^-k: the kept digits stand for q's first 40.
  return Number(`${kept}e${dropped - k}`);
}

/** The number of decimal digits of a positive BigInt (without writing it out). */
function digitCount(n: bigint): number {
  let d = Math.max(1, Math.floor(Math.log10(Number(n))) + 1);
  // The float's logarithm can be one off either way near a power of ten.
  while (d > 1 && n < pow10(d - 1)) d--;
  while (n >= pow10(d)) d++;
  return d;
}
