/**
 * Payment-date schedules: nominal (unadjusted) dates from a periodic rule, then business-day
 * adjustment as a separate step, because interest periods in Chinese ABS documents are usually
 * defined on one of the two and the engine needs both.
 */
import { adjust, type BusinessDayRule, type Calendar } from './calendar.js';
import { dateParts, makeDate, lastDayOfMonth, toDayNumber, type IsoDate } from './date.js';

/** At most ten years between payments; anything larger is almost certainly a unit mistake. */
const MAX_EVERY_MONTHS = 12 * 10;

/** A regular schedule of nominal payment dates: every so many months on a day of the month. */
export interface ScheduleRule {
  /** Months between nominal dates: 1 monthly, 3 quarterly, 6 semi-annual, 12 annual. */
  everyMonths: number;
  /** Day of month of each date (clamped to shorter months), or `'monthEnd'` for the last day. */
  day: number | 'monthEnd';
  /** First date, kept exactly as given. */
  first: IsoDate;
  /** Final date, always included even when off-cycle. */
  last: IsoDate;
}

function validate(rule: ScheduleRule): void {
  const { everyMonths, day, first, last } = rule;
  if (!Number.isInteger(everyMonths) || everyMonths < 1 || everyMonths > MAX_EVERY_MONTHS) {
    throw new RangeError(`schedule: everyMonths must be an integer from 1 to ${MAX_EVERY_MONTHS}, got ${String(everyMonths)}`);
  }
  if (day !== 'monthEnd' && (!Number.isInteger(day) || day < 1 || day > 31)) {
    throw new RangeError(`schedule: day must be an integer from 1 to 31 or "monthEnd", got ${JSON.stringify(day)}`);
  }
  // toDayNumber throws its own RangeError naming a malformed date.
  if (toDayNumber(first) > toDayNumber(last)) {
    throw new RangeError(`schedule: first date ${first} is after last date ${last}`);
  }
}

/**
 * Nominal (unadjusted) payment dates of a periodic rule: `first`, then for k = 1, 2, … the
 * month `k * everyMonths` after `first`'s month on day `day` (clamped to the month's last day
 * when the month is shorter, so day 31 gives 30 April and 28/29 February; `'monthEnd'` gives
 * the last day of every month), for as long as those dates are before `last`; then `last`.
 *
 * Each date is computed from `first` rather than from the previous date, so clamping in a short
 * month never drifts the later dates (31 Jan → 28 Feb → 31 Mar, not → 28 Mar).
 *
 * `first` is kept exactly as given even when it is not on `day` (for example a first payment
 * date fixed in the offering document before the regular cycle starts); the cycle still counts
 * months from `first`'s month. `last` always ends the list, also when it is off-cycle (a short
 * final stub, e.g. a legal final maturity that is not a regular payment date). The result is
 * strictly increasing; `first === last` gives a single date.
 *
 * Throws RangeError unless `everyMonths` is an integer 1–120, `day` is 1–31 or `'monthEnd'`,
 * both dates are valid ISO dates and `first` ≤ `last`.
 *
 * @example
 * nominalDates({ everyMonths: 3, day: 26, first: '2019-11-26', last: '2020-08-26' });
 * // ['2019-11-26', '2020-02-26', '2020-05-26', '2020-08-26']
 * nominalDates({ everyMonths: 1, day: 31, first: '2024-01-31', last: '2024-04-15' });
 * // ['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-15']
 */
export function nominalDates(rule: ScheduleRule): IsoDate[] {
  validate(rule);
  const { everyMonths, day, first, last } = rule;
  const lastN = toDayNumber(last);
  const start = dateParts(first);
  const dates: IsoDate[] = [first];
  for (let k = 1; ; k++) {
    const total = start.year * 12 + (start.month - 1) + k * everyMonths;
    const y = Math.floor(total / 12);
    const m = total - y * 12 + 1;
    // Any date in a year past `last`'s is past `last`; stopping here also keeps y ≤ 9999.
    if (y > Number(last.slice(0, 4))) break;
    const d = makeDate(y, m, day === 'monthEnd' ? lastDayOfMonth(y, m) : day);
    if (toDayNumber(d) >= lastN) break;
    dates.push(d);
  }
  if (last !== first) dates.push(last);
  return dates;
}

/**
 * Applies {@link adjust} to every nominal date. Two nominal dates a few days apart (an off-cycle
 * `last` just after a regular date) can adjust to the same business day; that would create a
 * zero-length period, so it throws RangeError instead of returning a duplicate. The result is
 * otherwise strictly increasing when the input is (every rule preserves order).
 *
 * @example
 * adjustedDates(['2023-08-26', '2023-11-26'], 'following', getCalendar('cn-exchange'));
 * // ['2023-08-28', '2023-11-27']
 */
export function adjustedDates(nominal: readonly IsoDate[], rule: BusinessDayRule, cal: Calendar): IsoDate[] {
  const out: IsoDate[] = [];
  for (let i = 0; i < nominal.length; i++) {
    const d = adjust(nominal[i] as IsoDate, rule, cal);
    const prev = out[i - 1];
    if (prev !== undefined && d <= prev) {
      throw new RangeError(
        `schedule: nominal dates ${nominal[i - 1] as string} and ${nominal[i] as string} adjust (${rule}) to ` +
          `${prev} and ${d}, which are not in increasing order; the schedule would have a period of zero or negative length`,
      );
    }
    out.push(d);
  }
  return out;
}
