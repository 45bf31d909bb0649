/**
 * Timely payment (按时足额): whether a tranche received every interest payment in full on its
 * date, and when its principal was repaid against its expected maturity (预期到期日, the deal's
 * promise) and its legal maturity (法定到期日, the rating definition). Read from the tranche's
 * period rows, which even a lean run keeps.
 */
import type { IsoDate } from '../dates/date.js';
import { add, minMoney, NIL, sub, type Money } from '../util/fen.js';

/** What timeliness reads of a tranche's period rows (the engine's TranchePeriod). */
export interface TimelinessRow {
  date: IsoDate;
  nominalDate: IsoDate;
  interestDue: Money;
  endBalance: Money;
  interestShortfall: Money;
}

/** The date by which principal must be repaid in full for a tranche to pass. */
export type PrincipalBasis = 'expected' | 'legal';
export const PRINCIPAL_BASES: readonly PrincipalBasis[] = ['expected', 'legal'];

/** When a tranche's principal was repaid, and how many periods late against its expected or legal maturity. */
export interface Timeliness {
  /** The payment date (business-day adjusted) on which the balance reached zero; none if never. */
  repaidOn?: IsoDate;
  /**
   * Payment periods between the expected maturity's date and the date repaid: 0 when repaid on
   * or before it, undefined when never repaid within the run.
   */
  periodsLate?: number;
  /**
   * Interest not paid on the date it first fell due (paid late or never), summed over the dates,
   * in fen: of each date's interest due, the part that is this period's own accrual (not arrears
   * brought forward) and went unpaid.
   */
  interestMissed: Money;
}

/**
 * The index of the row of a maturity date: the first whose nominal date is on or after it; the
 * last row when the date lies beyond the run (or none is given: the deal's last payment date).
 */
export function maturityRow(rows: readonly TimelinessRow[], maturity: IsoDate | undefined): number {
  if (maturity === undefined) return rows.length - 1;
  const k = firstOnOrAfter(rows, maturity);
  return k < rows.length ? k : rows.length - 1;
}

/**
 * The index of the first row whose nominal date is on or after `date` (rows.length if none), by
 * bisection: the rows are in date order, and the engine's validated ISO dates order as strings
 * (compared as such: this runs once per tranche of every Monte Carlo pattern).
 */
function firstOnOrAfter(rows: readonly TimelinessRow[], date: IsoDate): number {
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.nominalDate >= date) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * The index of the row after which the balance is zero; -1 when issued at zero, undefined if
 * never. A balance only falls, so the first such row is found by bisection (this runs once per
 * tranche of every Monte Carlo pattern).
 */
export function repaidRow(rows: readonly TimelinessRow[], issued: Money): number | undefined {
  if (issued === 0) return -1;
  let lo = 0;
  let hi = rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (rows[mid]!.endBalance === 0) hi = mid;
    else lo = mid + 1;
  }
  return lo < rows.length ? lo : undefined;
}

/**
 * Payment periods between the expected maturity's date and the date the principal was repaid
 * in full: 0 when on or before it, undefined when never repaid within the rows. A run that stops
 * once everything is repaid may end before the expected maturity: on time.
 */
export function periodsLate(rows: readonly TimelinessRow[], issued: Money, expectedMaturity: IsoDate): number | undefined {
  const repaid = repaidRow(rows, issued);
  if (repaid === undefined) return undefined;
  return repaid < 0 ? 0 : Math.max(0, repaid - firstOnOrAfter(rows, expectedMaturity));
}

/**
 * A tranche's repayment against its expected maturity, and the interest it missed.
 *
 * @example timeliness(rows, 1_000_000_00, '2023-08-26') // { repaidOn: '2023-11-27', periodsLate: 1, interestMissed: 0 }
 */
export function timeliness(rows: readonly TimelinessRow[], issued: Money, expectedMaturity: IsoDate): Timeliness {
  let interestMissed = NIL;
  let arrears = NIL;
  for (const r of rows) {
    // Arrears are paid first within a date's interest due: the unpaid part is this date's own
    // accrual first (min of the two).
    interestMissed = add(interestMissed, minMoney(sub(r.interestDue, arrears), r.interestShortfall));
    arrears = r.interestShortfall;
  }
  const repaid = repaidRow(rows, issued);
  const late = periodsLate(rows, issued, expectedMaturity);
  return { repaidOn: repaid !== undefined && repaid >= 0 ? rows[repaid]!.date : undefined, periodsLate: late, interestMissed };
}

/**
 * Whether a tranche was paid timely on a basis: every interest payment in full on its date, and
 * its principal in full by the maturity of the basis (`maturity`: the expected or the legal
 * maturity date; undefined: the deal's last payment date).
 */
export function paidOnTime(rows: readonly TimelinessRow[], issued: Money, maturity: IsoDate | undefined): boolean {
  for (const r of rows) if (r.interestShortfall !== 0) return false;
  const repaid = repaidRow(rows, issued);
  return repaid !== undefined && repaid <= maturityRow(rows, maturity);
}
