/**
 * A fixed fee per period, as its contract says (跟踪评级费, 审计费, 资金保管费 …): a fee per payment
 * date, or an annual fee paid per period in equal shares (the default) or by day count.
 *
 * Equal shares: a regular period of m months pays the annual fee × m / 12, whatever its days, so
 * a 50,000-a-year fee on a quarterly deal pays 12,500.00 each quarter, 50,000.00 a year, leap
 * year or not. Shares are rounded on the running total (the fee paid through a period is the
 * annual fee × the months so far / 12, to the fen, half up, less what was paid before), so every
 * twelve months of regular periods pay exactly the annual fee. The first period runs from the
 * closing date to the first payment date; when it is shorter or longer than the regular period
 * ending on that date (a stub), it pays the regular share × its actual days / the regular
 * period's actual days (pro rata by days), unless the fee says `firstPeriod: "full"`.
 */
import { addMonths, dateParts, daysBetween, type IsoDate } from '../dates/date.js';
import { yearFraction } from '../dates/daycount.js';
import type { DealPeriod } from '../deal/periods.js';
import type { FeeSpec } from '../schema/deal.js';
import { Decimal, toFen, ZERO } from '../util/money.js';

type FixedFeeSpec = Extract<FeeSpec, { kind: 'fixed' }>;

/**
 * Whole months from `a` to `b`, rounded (a day difference counts as 1/30 of a month): the
 * months of a period of a date list; exact for dates a whole number of months apart.
 *
 * @example monthsBetween('2024-02-26', '2024-05-26') // 3
 * @example monthsBetween('2023-01-31', '2023-02-28') // 1
 */
export function monthsBetween(a: IsoDate, b: IsoDate): number {
  const x = dateParts(a);
  const y = dateParts(b);
  return Math.round((y.year - x.year) * 12 + (y.month - x.month) + (y.day - x.day) / 30);
}

/**
 * The fee of each period in yuan (whole fen). `closing` starts the first period; each later
 * period runs from the previous nominal payment date.
 *
 * @example
 * // 50,000 a year, quarterly from a closing on a regular date: 12,500.00 each quarter.
 * fixedFeeAmounts({ kind: 'fixed', amount: new Decimal(50000), per: 'year', accrual: 'equal', … }, periods, '2024-02-26')
 */
export function fixedFeeAmounts(spec: FixedFeeSpec, periods: readonly Pick<DealPeriod, 'nominalDate'>[], closing: IsoDate): Decimal[] {
  const starts = periods.map((_, k) => (k === 0 ? closing : periods[k - 1]!.nominalDate));
  if (spec.per === 'period') return periods.map(() => spec.amount);
  if (spec.accrual === 'dayCount') return periods.map((p, k) => toFen(spec.amount.times(yearFraction(starts[k]!, p.nominalDate, spec.dayCount))));
  if (periods.length === 0) return [];
  const months = periods.map((p, k) => (k === 0 ? 0 : monthsBetween(starts[k]!, p.nominalDate)));
  const first = periods[0]!.nominalDate;
  // The regular length of the first period: the second period's, or the first's own span.
  const regular = Math.max(1, periods.length > 1 ? months[1]! : monthsBetween(closing, first));
  const regularStart = addMonths(first, -regular);
  const stub = spec.firstPeriod === 'proRata' && regularStart !== closing;
  const out: Decimal[] = [];
  let monthsSoFar = 0;
  let paidSoFar = ZERO;
  if (stub) {
    const share = spec.amount.times(regular).div(12);
    out.push(toFen(share.times(daysBetween(closing, first)).div(daysBetween(regularStart, first))));
  } else months[0] = regular;
  for (let k = out.length; k < periods.length; k++) {
    monthsSoFar += months[k]!;
    const through = toFen(spec.amount.times(monthsSoFar).div(12));
    out.push(through.minus(paidSoFar));
    paidSoFar = through;
  }
  return out;
}
