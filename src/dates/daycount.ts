/**
 * Day-count conventions: how many years of interest accrue between two dates.
 * Results are Decimals from one division of integers, so an accrual factor carries the
 * project's 40 significant digits and no binary floating-point error.
 */
import { Decimal } from '../util/money.js';
import { dateParts, isLeapYear, toDayNumber, type IsoDate } from './date.js';

/** Supported conventions, e.g. for `z.enum(DAY_COUNTS)` in schemas. */
export const DAY_COUNTS = ['ACT/365F', 'ACT/360', 'ACT/ACT', '30/360'] as const;

/**
 * - `'ACT/365F'`: actual days / 365 (the usual convention for CNY bonds and ABS).
 * - `'ACT/360'`: actual days / 360.
 * - `'ACT/ACT'`: ACT/ACT ISDA: days falling in leap years / 366 + days in other years / 365.
 * - `'30/360'`: 30/360 bond basis (ISDA 2006 §4.16(f)).
 */
export type DayCount = (typeof DAY_COUNTS)[number];

/**
 * Type guard for untrusted input.
 *
 * @example isDayCount('ACT/365F') // true
 * @example isDayCount('ACT/365')  // false
 */
export function isDayCount(s: unknown): s is DayCount {
  return typeof s === 'string' && (DAY_COUNTS as readonly string[]).includes(s);
}

function checkDayCount(dc: DayCount): void {
  if (!isDayCount(dc)) {
    throw new RangeError(`unknown day count ${JSON.stringify(dc)}; expected one of ${DAY_COUNTS.join(', ')}`);
  }
}

/**
 * 30/360 bond basis day count for start ≤ end: D1 = 31 becomes 30; D2 = 31 becomes 30 when D1
 * (after that change) is 30. February month ends get no special treatment, unlike 30E/360 ISDA.
 */
function days30360(start: IsoDate, end: IsoDate): number {
  const s = dateParts(start);
  const e = dateParts(end);
  const d1 = s.day === 31 ? 30 : s.day;
  const d2 = e.day === 31 && d1 === 30 ? 30 : e.day;
  return 360 * (e.year - s.year) + 30 * (e.month - s.month) + (d2 - d1);
}

/**
 * Accrual days between two dates under `dc`: the actual number of days, except for `'30/360'`
 * where it is the 30/360 count. When `end` is before `start` the result is the negated count
 * from `end` to `start` (30/360 is applied with the earlier date as D1).
 *
 * @example accrualDays('2023-01-31', '2023-02-28', '30/360')   // 28
 * @example accrualDays('2023-01-31', '2023-02-28', 'ACT/365F') // 28
 * @example accrualDays('2023-01-15', '2023-03-15', '30/360')   // 60
 */
export function accrualDays(start: IsoDate, end: IsoDate, dc: DayCount): number {
  checkDayCount(dc);
  if (dc !== '30/360') return toDayNumber(end) - toDayNumber(start);
  if (toDayNumber(end) < toDayNumber(start)) return -days30360(end, start);
  return days30360(start, end);
}

/**
 * Year fraction from `start` to `end` under `dc`, as an exact Decimal (one integer division
 * at the project's 40-digit precision). Zero when the dates are equal. When `end` is before
 * `start` the result is `-yearFraction(end, start, dc)`: negative rather than an error, so that
 * callers computing signed differences need no special case; callers that require ordered
 * periods should check the order themselves.
 *
 * ACT/ACT is ACT/ACT ISDA: the period is split at 1 January boundaries; days in leap years count
 * 1/366 and days in other years 1/365. Computed as one division
 * (leapDays·365 + otherDays·366) / (366·365) so nothing is rounded twice.
 *
 * @example yearFraction('2024-01-01', '2024-07-01', 'ACT/365F').toString() // '0.4986301369863013698630136986301369863014'
 * @example yearFraction('2024-01-01', '2024-04-01', 'ACT/360').toString()  // '0.2527777777777777777777777777777777777778'
 * @example yearFraction('2023-07-01', '2025-07-01', 'ACT/ACT').toString()  // '2'
 * @example yearFraction('2023-01-31', '2023-07-31', '30/360').toString()   // '0.5'
 */
export function yearFraction(start: IsoDate, end: IsoDate, dc: DayCount): Decimal {
  checkDayCount(dc);
  const a = toDayNumber(start);
  const b = toDayNumber(end);
  if (b < a) return yearFraction(end, start, dc).neg();
  switch (dc) {
    case 'ACT/365F':
      return new Decimal(b - a).div(365);
    case 'ACT/360':
      return new Decimal(b - a).div(360);
    case '30/360':
      return new Decimal(days30360(start, end)).div(360);
    case 'ACT/ACT': {
      let leapDays = 0;
      let otherDays = 0;
      const endYear = dateParts(end).year;
      let cursor = a;
      for (let y = dateParts(start).year; y <= endYear; y++) {
        const segmentEnd = y === endYear ? b : toDayNumber(`${String(y + 1).padStart(4, '0')}-01-01`);
        if (isLeapYear(y)) leapDays += segmentEnd - cursor;
        else otherDays += segmentEnd - cursor;
        cursor = segmentEnd;
      }
      return new Decimal(leapDays * 365 + otherDays * 366).div(366 * 365);
    }
  }
}
