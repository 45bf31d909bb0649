/**
 * Fixing a floating rate for each accrual period. The reset date of a period is its start
 * (`eachPeriod`) or the last anniversary of the anchor on or before its start (`anniversary`,
 * 重定价日); the fixing date is `lagDays` business days (on the deal's holiday calendar) or
 * calendar days before the reset date; the rate is the index value in force on the fixing date
 * (the last dated on or before it) plus the spread, then held within the floor and the cap, and
 * never below zero. The rate so fixed applies to the whole period: a reset inside a period takes
 * effect from the next period that starts on or after it.
 */
import { addBusinessDays, type Calendar } from '../dates/calendar.js';
import { addDays, addMonths, compareDates, dateParts, type IsoDate } from '../dates/date.js';
import type { FloatingRateSpec } from '../fields/floating.js';
import { InputError } from '../util/errors.js';
import { Decimal, ZERO } from '../util/money.js';
import { valueOn, type IndexPath } from './path.js';

/** One period's rate and how it was fixed. */
export interface PeriodFixing {
  /** The reset date whose fixing the period uses. */
  reset: IsoDate;
  /** The fixing date and the index value read on it; absent when the rate in force was kept. */
  fixing?: IsoDate;
  index?: Decimal;
  rate: Decimal;
}

/** What a reset rule needs besides the rate's terms: the holiday calendar and the anniversary anchor. */
export interface ResetContext {
  calendar: Calendar;
  /** The date whose anniversaries are the reset dates when the terms name none. */
  anchor: IsoDate;
  /** A loan's rate in force at the cutoff (执行利率): a period whose reset date is on or before `through` keeps it. */
  inForce?: { rate: Decimal; through: IsoDate };
}

/** A fixing date before the index's first value. */
export class MissingFixingError extends InputError {
  constructor(
    readonly index: string,
    readonly date: IsoDate,
  ) {
    super(`index ${index} has no value on or before ${date}, the fixing date of a floating rate: give its fixings from that date back`);
    this.name = 'MissingFixingError';
  }
}

/** The last anniversary of `anchor` on or before `date` (the anchor itself when `date` is before it). */
export function lastAnniversary(anchor: IsoDate, date: IsoDate): IsoDate {
  if (compareDates(date, anchor) <= 0) return anchor;
  let years = dateParts(date).year - dateParts(anchor).year;
  // Each anniversary from the anchor itself (29 February falls on the 28th in other years).
  while (years > 0 && compareDates(addMonths(anchor, 12 * years), date) > 0) years--;
  return addMonths(anchor, 12 * years);
}

/** The fixing date of a reset date. */
export function fixingDate(terms: FloatingRateSpec, reset: IsoDate, calendar: Calendar): IsoDate {
  if (terms.lagDays === 0) return reset;
  return terms.lagDayType === 'business' ? addBusinessDays(reset, -terms.lagDays, calendar) : addDays(reset, -terms.lagDays);
}

/** index + spread, within the floor and the cap, and never below zero. */
export function boundRate(terms: FloatingRateSpec, index: Decimal): Decimal {
  let r = index.plus(terms.spread);
  if (terms.floor !== undefined && r.lt(terms.floor)) r = terms.floor;
  if (terms.cap !== undefined && r.gt(terms.cap)) r = terms.cap;
  return r.lt(0) ? ZERO : r;
}

/**
 * The rate of each accrual period, given the periods' start dates (in order).
 *
 * @example periodRates({ index: 'LPR1Y', spread: 0.01, reset: 'eachPeriod', lagDays: 0, … }, ['2024-01-01', '2024-04-01'], path, ctx)
 */
export function periodRates(terms: FloatingRateSpec, starts: readonly IsoDate[], path: IndexPath, ctx: ResetContext): PeriodFixing[] {
  const anchor = terms.anchor ?? ctx.anchor;
  const byReset = new Map<IsoDate, PeriodFixing>();
  return starts.map((start) => {
    const reset = terms.reset === 'eachPeriod' ? start : lastAnniversary(anchor, start);
    let fixed = byReset.get(reset);
    if (!fixed) {
      if (ctx.inForce && compareDates(reset, ctx.inForce.through) <= 0) fixed = { reset, rate: ctx.inForce.rate };
      else {
        const fixing = fixingDate(terms, reset, ctx.calendar);
        const index = valueOn(path, fixing);
        if (index === undefined) throw new MissingFixingError(path.name, fixing);
        fixed = { reset, fixing, index, rate: boundRate(terms, index) };
      }
      byReset.set(reset, fixed);
    }
    return fixed;
  });
}
