/**
 * Business-day calendars and business-day adjustment.
 *
 * The Chinese exchange calendar comes from the `chinese-days` package's published data (State
 * Council holiday notices, 2004 onward) rather than a hand-typed list, so it is updated by
 * upgrading one dependency when a new year's notice appears.
 */
import { createRequire } from 'node:module';
import { dayOfWeekOfNumber, fromDayNumber, toDayNumber, type IsoDate } from './date.js';

/** The business-day calendars a deal may name (see {@link CalendarName}). */
export const CALENDAR_NAMES = ['cn-exchange', 'weekends', 'none'] as const;

/**
 * - `'cn-exchange'`: Shanghai/Shenzhen stock exchanges. Closed every Saturday and Sunday, even
 *   on the weekend make-up workdays (调休) that offices keep, and on the State Council public
 *   holidays.
 * - `'weekends'`: closed on Saturdays and Sundays only.
 * - `'none'`: every day is a business day.
 */
export type CalendarName = (typeof CALENDAR_NAMES)[number];

/** The business-day rules a deal may name (see {@link BusinessDayRule}). */
export const BUSINESS_DAY_RULES = ['following', 'modifiedFollowing', 'preceding', 'none'] as const;

/**
 * - `'following'`: the first business day on or after the date.
 * - `'modifiedFollowing'`: `'following'`, unless that lands in the next calendar month; then the
 *   last business day before the date (`'preceding'`), so a payment never leaves its month.
 * - `'preceding'`: the last business day on or before the date.
 * - `'none'`: the date unchanged.
 */
export type BusinessDayRule = (typeof BUSINESS_DAY_RULES)[number];

/** What `'cn-exchange'` does with a date outside the years covered by published holiday data. */
export type BeyondDataPolicy = 'error' | 'weekends';

/** How {@link getCalendar} answers for dates beyond its holiday data. */
export interface CalendarOptions {
  /**
   * `'error'` (default): throw {@link CalendarRangeError}. `'weekends'`: answer weekends-only
   * and record the date, see {@link Calendar.beyondDataDates}. Ignored by `'weekends'`/`'none'`.
   */
  beyondData?: BeyondDataPolicy;
  /**
   * Extra dates to treat as closed on top of the named calendar. This is the hook for one-off
   * closures missing from the holiday data. Known case: the exchanges were closed on
   * 2024-02-09 (除夕, SSE notice of 2023-12-26) although the State Council notice, and hence
   * the data, starts the Spring Festival holiday on 2024-02-10.
   */
  extraClosures?: readonly IsoDate[];
}

/** A business-day calendar: whether a date is a business day, and the years it has data for. */
export interface Calendar {
  readonly name: CalendarName;
  /**
   * First and last years for which the calendar has data. `'cn-exchange'`: the years of the
   * published holiday data. `'weekends'`/`'none'` need no data and cover the whole ISO range
   * 0–9999.
   */
  readonly firstYear: number;
  readonly lastYear: number;
  /** Whether the exchanges or banks are open on `d`. May throw {@link CalendarRangeError}. */
  isBusinessDay(d: IsoDate): boolean;
  /** {@link Calendar.isBusinessDay} for a day number from `toDayNumber`, for use in hot loops. */
  isBusinessDayNumber(dayNumber: number): boolean;
  /**
   * The dates (sorted and unique) that this calendar object answered on the weekends-only
   * assumption because they fall outside the holiday data (`beyondData: 'weekends'`). These
   * include every date probed while adjusting or counting. Empty for every other calendar.
   * Build one calendar per run and, after the run, emit one warning if this list is non-empty,
   * for example naming its first and last dates.
   */
  beyondDataDates(): IsoDate[];
}

/** A `'cn-exchange'` date outside the years of published holiday data, with `beyondData: 'error'`. */
export class CalendarRangeError extends Error {
  override readonly name = 'CalendarRangeError';
  readonly date: IsoDate;
  readonly firstYear: number;
  readonly lastYear: number;

  constructor(date: IsoDate, firstYear: number, lastYear: number) {
    const before = Number(date.slice(0, 4)) < firstYear;
    super(
      before
        ? `${date} is before the first year (${firstYear}) of published Chinese exchange holidays; ` +
            'set dates.calendarBeyondData to "weekends" to treat earlier years as weekends-only'
        : `${date} is past the last year (${lastYear}) of published Chinese exchange holidays; ` +
            'set dates.calendarBeyondData to "weekends" to treat later years as weekends-only',
    );
    this.date = date;
    this.firstYear = firstYear;
    this.lastYear = lastYear;
  }
}

interface HolidayData {
  readonly firstYear: number;
  readonly lastYear: number;
  /** Day numbers of Jan 1 of firstYear and Dec 31 of lastYear. */
  readonly firstDay: number;
  readonly lastDay: number;
  readonly days: ReadonlySet<number>;
}

let holidayData: HolidayData | undefined;

/** Loaded on first use only, so that runs that never use 'cn-exchange' never read the file. */
function loadHolidays(): HolidayData {
  if (holidayData !== undefined) return holidayData;
  const require = createRequire(import.meta.url);
  const raw = require('chinese-days/dist/chinese-days.json') as { holidays?: unknown };
  const holidays = raw.holidays;
  if (holidays === null || typeof holidays !== 'object') {
    throw new Error('chinese-days data has no "holidays" object; has the package format changed?');
  }
  const days = new Set<number>();
  let firstYear = Infinity;
  let lastYear = -Infinity;
  for (const key of Object.keys(holidays)) {
    // toDayNumber validates, so a malformed key fails loudly instead of being skipped.
    days.add(toDayNumber(key));
    const y = Number(key.slice(0, 4));
    if (y < firstYear) firstYear = y;
    if (y > lastYear) lastYear = y;
  }
  if (days.size === 0) throw new Error('chinese-days data lists no holidays');
  holidayData = {
    firstYear,
    lastYear,
    firstDay: toDayNumber(`${firstYear}-01-01`),
    lastDay: toDayNumber(`${lastYear}-12-31`),
    days,
  };
  return holidayData;
}

function isWeekendNumber(n: number): boolean {
  const w = dayOfWeekOfNumber(n);
  return w === 0 || w === 6;
}

/**
 * Returns a business-day calendar. Each call returns a fresh object (the holiday data itself is
 * loaded once and shared), so the record kept by {@link Calendar.beyondDataDates} is per call.
 *
 * @example
 * const cal = getCalendar('cn-exchange');
 * cal.isBusinessDay('2023-10-07'); // false: a Saturday, although offices worked that day (调休)
 * getCalendar('cn-exchange').isBusinessDay('2027-03-01'); // throws CalendarRangeError
 * const lenient = getCalendar('cn-exchange', { beyondData: 'weekends' });
 * lenient.isBusinessDay('2027-03-01'); // true (a Monday)
 * lenient.beyondDataDates();           // ['2027-03-01']
 */
export function getCalendar(name: CalendarName, opts?: CalendarOptions): Calendar {
  const beyondData = opts?.beyondData ?? 'error';
  if (beyondData !== 'error' && beyondData !== 'weekends') {
    throw new RangeError(`unknown beyondData policy ${JSON.stringify(beyondData)}; expected "error" or "weekends"`);
  }
  const extra = new Set<number>((opts?.extraClosures ?? []).map(toDayNumber));
  const noBeyond = (): IsoDate[] => [];

  switch (name) {
    case 'none':
      return {
        name,
        firstYear: 0,
        lastYear: 9999,
        isBusinessDayNumber: (n) => !extra.has(n),
        isBusinessDay: (d) => !extra.has(toDayNumber(d)),
        beyondDataDates: noBeyond,
      };
    case 'weekends': {
      const isOpen = (n: number): boolean => !isWeekendNumber(n) && !extra.has(n);
      return {
        name,
        firstYear: 0,
        lastYear: 9999,
        isBusinessDayNumber: isOpen,
        isBusinessDay: (d) => isOpen(toDayNumber(d)),
        beyondDataDates: noBeyond,
      };
    }
    case 'cn-exchange': {
      const data = loadHolidays();
      const beyond = new Set<number>();
      const isOpen = (n: number): boolean => {
        // The range check comes first so that 'error' fails on any out-of-range date, not only
        // on weekdays: the outcome must not depend on which day of the week a loop probes first.
        if (n < data.firstDay || n > data.lastDay) {
          if (beyondData === 'error') throw new CalendarRangeError(fromDayNumber(n), data.firstYear, data.lastYear);
          beyond.add(n);
          return !isWeekendNumber(n) && !extra.has(n);
        }
        return !isWeekendNumber(n) && !data.days.has(n) && !extra.has(n);
      };
      return {
        name,
        firstYear: data.firstYear,
        lastYear: data.lastYear,
        isBusinessDayNumber: isOpen,
        isBusinessDay: (d) => isOpen(toDayNumber(d)),
        beyondDataDates: () => [...beyond].sort((a, b) => a - b).map(fromDayNumber),
      };
    }
    default:
      throw new RangeError(`unknown calendar ${JSON.stringify(name)}; expected one of ${CALENDAR_NAMES.join(', ')}`);
  }
}

/**
 * A real calendar never has more than a couple of weeks closed in a row; this bound only turns
 * a broken custom calendar (or extraClosures covering a year) into an error instead of a hang.
 */
const MAX_SCAN_DAYS = 366;

function nextOpen(n: number, step: 1 | -1, cal: Calendar, from: IsoDate): number {
  for (let i = 0; i <= MAX_SCAN_DAYS; i++, n += step) {
    if (cal.isBusinessDayNumber(n)) return n;
  }
  throw new Error(`calendar ${cal.name}: no business day within ${MAX_SCAN_DAYS} days of ${from}`);
}

/**
 * Moves `d` to a business day by `rule` (see {@link BusinessDayRule}). A business day is
 * returned unchanged by every rule.
 *
 * @example
 * const cal = getCalendar('cn-exchange');
 * adjust('2023-08-26', 'following', cal);         // '2023-08-28' (Sat → Mon)
 * adjust('2023-09-29', 'following', cal);         // '2023-10-09' (Mid-Autumn + National Day)
 * adjust('2023-09-30', 'modifiedFollowing', cal); // '2023-09-28' (following would be October)
 * adjust('2023-10-01', 'preceding', cal);         // '2023-09-28'
 */
export function adjust(d: IsoDate, rule: BusinessDayRule, cal: Calendar): IsoDate {
  const n = toDayNumber(d);
  switch (rule) {
    case 'none':
      return d;
    case 'following':
      return fromDayNumber(nextOpen(n, 1, cal, d));
    case 'preceding':
      return fromDayNumber(nextOpen(n, -1, cal, d));
    case 'modifiedFollowing': {
      const f = fromDayNumber(nextOpen(n, 1, cal, d));
      // Same 'YYYY-MM' prefix means same month.
      return f.slice(0, 7) === d.slice(0, 7) ? f : fromDayNumber(nextOpen(n, -1, cal, d));
    }
    default:
      throw new RangeError(
        `unknown business day rule ${JSON.stringify(rule)}; expected one of ${BUSINESS_DAY_RULES.join(', ')}`,
      );
  }
}

/**
 * Moves `n` business days from `d`, counting only business days strictly after (n > 0) or
 * strictly before (n < 0) `d`, whether or not `d` itself is a business day. So
 * `addBusinessDays(paymentDate, -2, cal)` is "two business days before the payment date", and
 * from a Saturday +1 is the Monday and −1 the Friday. `n = 0` returns `d` if it is a business
 * day, else the following business day, so the result is always a business day.
 *
 * @example
 * const cal = getCalendar('cn-exchange');
 * addBusinessDays('2023-10-09', -2, cal); // '2023-09-27' (skips the 2023-09-29..10-08 closure)
 * addBusinessDays('2023-08-25', 1, cal);  // '2023-08-28'
 * addBusinessDays('2023-08-26', 0, cal);  // '2023-08-28'
 */
export function addBusinessDays(d: IsoDate, n: number, cal: Calendar): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addBusinessDays: n must be an integer, got ${String(n)}`);
  let x = toDayNumber(d);
  if (n === 0) return fromDayNumber(nextOpen(x, 1, cal, d));
  const step = n > 0 ? 1 : -1;
  for (let left = Math.abs(n); left > 0; left--) x = nextOpen(x + step, step, cal, d);
  return fromDayNumber(x);
}

/**
 * Number of business days in the half-open interval (a, b], i.e. after `a` up to and including
 * `b`; negative (the count in (b, a]) when `b` is before `a`. The interval matches
 * {@link addBusinessDays}: for n > 0, `businessDaysBetween(a, addBusinessDays(a, n, cal), cal)`
 * is `n`, and the same holds for n < 0 when `a` is a business day.
 *
 * @example
 * const cal = getCalendar('cn-exchange');
 * businessDaysBetween('2023-09-28', '2023-10-09', cal); // 1 (only 10-09 is open)
 * businessDaysBetween('2023-10-09', '2023-09-28', cal); // -1
 */
export function businessDaysBetween(a: IsoDate, b: IsoDate, cal: Calendar): number {
  const na = toDayNumber(a);
  const nb = toDayNumber(b);
  const lo = Math.min(na, nb);
  const hi = Math.max(na, nb);
  let count = 0;
  for (let x = lo + 1; x <= hi; x++) if (cal.isBusinessDayNumber(x)) count++;
  return nb >= na ? count : -count;
}
