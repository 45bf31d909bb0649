/** Helpers shared by the asset modules: regular dates, level payments, equal splits. */
import { addMonths, compareDates, dateParts, type IsoDate } from '../dates/date.js';
import { allocate, Decimal, ONE, toFen, ZERO } from '../util/money.js';
import type { Flow } from './types.js';

/**
 * `count` dates, the k-th `k * everyMonths` months after `first` (k from 0), each computed from
 * `first` so month-end clamping never drifts.
 */
export function regularDates(first: IsoDate, everyMonths: number, count: number): IsoDate[] {
  const out: IsoDate[] = [];
  for (let k = 0; k < count; k++) out.push(addMonths(first, k * everyMonths));
  return out;
}

/**
 * Payment dates of a loan from its start: start + k·every months while before maturity, then
 * maturity (a short last period when maturity is off-cycle).
 */
export function loanDates(start: IsoDate, maturity: IsoDate, everyMonths: number): IsoDate[] {
  const out: IsoDate[] = [];
  // A date more months after the start than maturity's month is past maturity: stop before
  // computing it, so a maturity near the end of the calendar never steps out of its range.
  const s = dateParts(start);
  const m = dateParts(maturity);
  const monthsToMaturity = (m.year - s.year) * 12 + (m.month - s.month);
  for (let k = 1; k * everyMonths <= monthsToMaturity; k++) {
    const d = addMonths(start, k * everyMonths);
    if (compareDates(d, maturity) >= 0) break;
    out.push(d);
  }
  out.push(maturity);
  return out;
}

/**
 * Equal parts of `total`, the odd fen to the earliest parts; the parts sum to `total`. What
 * {@link allocate} gives for equal weights (every part has the same remainder, so the fen left
 * over go in order), in whole fen without a share per part: a pool of 100,000 loans splits
 * millions of times.
 */
export function equalSplit(total: Decimal, count: number): Decimal[] {
  const fen = total.times(100);
  if (count <= 0 || !fen.isInteger() || fen.isNegative()) return allocate(total, Array.from({ length: count }, () => ONE));
  const part = fen.divToInt(count);
  const odd = fen.minus(part.times(count)).toNumber();
  const low = part.div(100);
  const high = odd > 0 ? part.plus(1).div(100) : low;
  return Array.from({ length: count }, (_, i) => (i < odd ? high : low));
}

/**
 * Level payments (等额本息) of `balance` over `count` periods at `periodRate` per period: the
 * payment is rounded to the fen, each period's interest is the balance × rate rounded to the
 * fen, and the last payment clears what is left, so principal sums to `balance` exactly.
 * A zero rate gives equal principal.
 */
export function levelPayments(balance: Decimal, periodRate: Decimal, count: number): { principal: Decimal; interest: Decimal }[] {
  if (periodRate.isZero()) return equalSplit(balance, count).map((p) => ({ principal: p, interest: ZERO }));
  const factor = ONE.minus(ONE.plus(periodRate).pow(-count));
  const payment = toFen(balance.times(periodRate).div(factor));
  const out: { principal: Decimal; interest: Decimal }[] = [];
  let left = balance;
  for (let k = 0; k < count; k++) {
    const interest = toFen(left.times(periodRate));
    const principal = k === count - 1 ? left : Decimal.min(left, Decimal.max(ZERO, payment.minus(interest)));
    out.push({ principal, interest });
    left = left.minus(principal);
  }
  return out;
}

/** Equal principal (等额本金) with interest on the outstanding balance at `periodRate`. */
export function equalPrincipalPayments(balance: Decimal, periodRate: Decimal, count: number): { principal: Decimal; interest: Decimal }[] {
  let left = balance;
  return equalSplit(balance, count).map((principal) => {
    const interest = toFen(left.times(periodRate));
    left = left.minus(principal);
    return { principal, interest };
  });
}

/** Flows in date order (stable for equal dates), as a new array. */
export function byDate(flows: readonly Flow[]): Flow[] {
  return flows
    .map((f, i) => ({ f, i }))
    .sort((a, b) => compareDates(a.f.date, b.f.date) || a.i - b.i)
    .map(({ f }) => f);
}

/** Flows dated after the cutoff, in date order (stable for equal dates). */
export function afterCutoff(flows: readonly Flow[], cutoff: IsoDate): Flow[] {
  return byDate(flows.filter((f) => compareDates(f.date, cutoff) > 0));
}

/** The annual rate per period of `everyMonths` months (leases and level loans quote it so). */
export function periodRate(annualRate: Decimal, everyMonths: number): Decimal {
  return annualRate.times(everyMonths).div(12);
}
