/**
 * Calendar dates without time zones. The public currency is the ISO string `YYYY-MM-DD`
 * (readable in deal files, reports and test expectations, and it sorts correctly as a string);
 * internally dates become integer day numbers so that engine loops do integer arithmetic and
 * never touch `Date` objects, local time zones or DST.
 *
 * Day numbers count days since 1970-01-01 in the proleptic Gregorian calendar, i.e. exactly
 * `Date.UTC(y, m - 1, d) / 86_400_000`. They are computed with Howard Hinnant's integer
 * `days_from_civil` / `civil_from_days` algorithms rather than `Date.UTC` itself because those
 * are allocation-free and also correct for years 0–99, which `Date.UTC` silently maps to
 * 1900–1999. Years are limited to 0000–9999, the range a four-digit ISO year can express.
 */

/** A calendar date as `YYYY-MM-DD` (validated by {@link isIsoDate}). */
export type IsoDate = string;

const MIN_YEAR = 0;
const MAX_YEAR = 9999;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31] as const;

/**
 * Proleptic Gregorian leap year rule.
 *
 * @example isLeapYear(2024) // true
 * @example isLeapYear(1900) // false (divisible by 100 but not 400)
 */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/**
 * Last day (28–31) of a month; `month` is 1–12.
 *
 * @example lastDayOfMonth(2024, 2) // 29
 * @example lastDayOfMonth(2023, 2) // 28
 */
export function lastDayOfMonth(year: number, month: number): number {
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12) {
    throw new RangeError(`lastDayOfMonth: invalid year/month ${String(year)}-${String(month)}`);
  }
  return monthLength(year, month);
}

function monthLength(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : (DAYS_IN_MONTH[month - 1] as number);
}

/**
 * Parses `YYYY-MM-DD` into `y * 10000 + m * 100 + d`, or -1 when the string is not a real date.
 * Packing into one integer avoids allocating a tuple on every call in hot loops.
 */
function parsePacked(s: string): number {
  if (typeof s !== 'string' || s.length !== 10 || s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return -1;
  let y = 0;
  for (let i = 0; i < 4; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    y = y * 10 + c;
  }
  const m1 = s.charCodeAt(5) - 48;
  const m2 = s.charCodeAt(6) - 48;
  const d1 = s.charCodeAt(8) - 48;
  const d2 = s.charCodeAt(9) - 48;
  if (m1 < 0 || m1 > 9 || m2 < 0 || m2 > 9 || d1 < 0 || d1 > 9 || d2 < 0 || d2 > 9) return -1;
  const m = m1 * 10 + m2;
  const d = d1 * 10 + d2;
  if (m < 1 || m > 12 || d < 1 || d > monthLength(y, m)) return -1;
  return y * 10000 + m * 100 + d;
}

function parseOrThrow(s: IsoDate): number {
  const p = parsePacked(s);
  if (p < 0) throw new RangeError(`not a valid ISO date (YYYY-MM-DD): ${JSON.stringify(s)}`);
  return p;
}

function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

const TWO_DIGITS: readonly string[] = Array.from({ length: 32 }, (_, i) => String(i).padStart(2, '0'));

function format(y: number, m: number, d: number): IsoDate {
  if (y < MIN_YEAR || y > MAX_YEAR) {
    throw new RangeError(`date out of range: year ${y} is not representable as YYYY`);
  }
  return `${String(y).padStart(4, '0')}-${TWO_DIGITS[m] as string}-${TWO_DIGITS[d] as string}`;
}

/**
 * True when `s` is exactly `YYYY-MM-DD` and names a real calendar date.
 *
 * @example isIsoDate('2024-02-29') // true
 * @example isIsoDate('2023-02-29') // false
 * @example isIsoDate('2023-2-1')   // false (not zero-padded)
 */
export function isIsoDate(s: string): boolean {
  return parsePacked(s) >= 0;
}

/**
 * Days since 1970-01-01 (negative before). Throws RangeError on an invalid date string, so a
 * typo in a deal file cannot silently roll over into another month.
 *
 * @example toDayNumber('1970-01-02') // 1
 * @example toDayNumber('2024-01-01') // 19723
 */
export function toDayNumber(d: IsoDate): number {
  const p = parseOrThrow(d);
  return daysFromCivil(Math.floor(p / 10000), Math.floor(p / 100) % 100, p % 100);
}

/**
 * Inverse of {@link toDayNumber}.
 *
 * @example fromDayNumber(19723) // '2024-01-01'
 */
export function fromDayNumber(n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`fromDayNumber: not an integer day number: ${String(n)}`);
  const z = n + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return format(y, m, d);
}

/**
 * `d` plus `n` calendar days (`n` may be negative).
 *
 * @example addDays('2024-02-28', 2) // '2024-03-01'
 */
export function addDays(d: IsoDate, n: number): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addDays: n must be an integer, got ${String(n)}`);
  return fromDayNumber(toDayNumber(d) + n);
}

/**
 * `b − a` in calendar days (negative when `b` is before `a`).
 *
 * @example daysBetween('2024-01-01', '2024-03-01') // 60
 */
export function daysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * -1, 0 or 1 as `a` is before, equal to or after `b`; usable as an `Array.prototype.sort`
 * comparator. Both arguments are validated.
 *
 * @example ['2024-03-01', '2023-12-31'].sort(compareDates) // ['2023-12-31', '2024-03-01']
 */
export function compareDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  // Validated ISO strings with four-digit years order like the dates they name.
  parseOrThrow(a);
  parseOrThrow(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Day of the week with JavaScript's numbering: 0 = Sunday, 1 = Monday … 6 = Saturday.
 *
 * @example dayOfWeek('2023-08-26') // 6 (Saturday)
 */
export function dayOfWeek(d: IsoDate): number {
  return dayOfWeekOfNumber(toDayNumber(d));
}

/** {@link dayOfWeek} for a day number (1970-01-01 was a Thursday). */
export function dayOfWeekOfNumber(n: number): number {
  return (((n + 4) % 7) + 7) % 7;
}

/**
 * True on Saturdays and Sundays.
 *
 * @example isWeekend('2023-08-26') // true
 */
export function isWeekend(d: IsoDate): boolean {
  const w = dayOfWeek(d);
  return w === 0 || w === 6;
}

/**
 * Adds `n` calendar months (`n` may be negative).
 *
 * Month-end rule: the day of month is kept when the target month has it, and otherwise clamped
 * to the target month's last day, so 2024-01-31 + 1 month = 2024-02-29 and 2023-01-31 + 1 month
 * = 2023-02-28. Clamping (rather than spilling over into the following month as `Date` does)
 * is what deal documents mean by "the 31st of each month": a payment must stay in its own
 * month, and one period must never be skipped or doubled. Clamping loses information, though:
 * 2023-02-28 + 1 month is 2023-03-28, not the 31st. So chained additions drift; compute each
 * date from a fixed anchor (`addMonths(first, k)`), as the schedule module does, or pass
 * `endOfMonth: true` when the dates are defined as month ends, which always returns the last
 * day of the target month (2023-02-28 + 1 month = 2023-03-31). The end-of-month rule is never
 * applied implicitly, because whether a date on the 28th of February means "the 28th" or "the
 * month end" depends on the deal, not on the date.
 *
 * @example addMonths('2024-01-31', 1)                        // '2024-02-29'
 * @example addMonths('2023-02-28', 1)                        // '2023-03-28'
 * @example addMonths('2023-02-28', 1, { endOfMonth: true })  // '2023-03-31'
 * @example addMonths('2024-03-15', -3)                       // '2023-12-15'
 */
export function addMonths(d: IsoDate, n: number, opts?: { endOfMonth?: boolean }): IsoDate {
  if (!Number.isSafeInteger(n)) throw new RangeError(`addMonths: n must be an integer, got ${String(n)}`);
  const p = parseOrThrow(d);
  const total = Math.floor(p / 10000) * 12 + (Math.floor(p / 100) % 100) - 1 + n;
  const y = Math.floor(total / 12);
  const m = total - y * 12 + 1;
  if (y < MIN_YEAR || y > MAX_YEAR) throw new RangeError(`addMonths: ${d} + ${n} months is out of range`);
  const last = monthLength(y, m);
  const day = opts?.endOfMonth === true ? last : Math.min(p % 100, last);
  return format(y, m, day);
}

/**
 * Splits a valid ISO date into numbers (month and day 1-based).
 *
 * @example dateParts('2024-02-29') // { year: 2024, month: 2, day: 29 }
 */
export function dateParts(d: IsoDate): { year: number; month: number; day: number } {
  const p = parseOrThrow(d);
  return { year: Math.floor(p / 10000), month: Math.floor(p / 100) % 100, day: p % 100 };
}

/**
 * Builds an ISO date from numbers, clamping `day` to the month's last day (the same month-end
 * rule as {@link addMonths}); `day` must be 1–31.
 *
 * @example makeDate(2023, 2, 31) // '2023-02-28'
 */
export function makeDate(year: number, month: number, day: number): IsoDate {
  if (!Number.isInteger(day) || day < 1 || day > 31) throw new RangeError(`makeDate: day must be 1..31, got ${String(day)}`);
  if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
    throw new RangeError(`makeDate: year must be ${MIN_YEAR}..${MAX_YEAR}, got ${String(year)}`);
  }
  return format(year, month, Math.min(day, lastDayOfMonth(year, month)));
}
