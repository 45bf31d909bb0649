/**
 * A `Date` whose calendar fields are UTC fields, so date-fns (which reads and writes a Date's
 * local fields) works in UTC whatever the machine's time zone: `2024-01-15` parsed on a machine
 * in UTC−3 stays the 15th, and no day is skipped or doubled where local midnight does not exist
 * (a DST change at midnight). The same idea as date-fns' own `@date-fns/utc` package, kept to
 * the fields dates use (year, month, day; times are always midnight).
 */
export class UtcDate extends Date {
  /** From epoch milliseconds, another Date, or UTC calendar fields (`month` 0-based, as Date's). */
  constructor(value: number | Date, month?: number, day?: number) {
    if (month === undefined) super(typeof value === 'number' ? value : value.getTime());
    else super(Date.UTC(value as number, month, day ?? 1));
  }

  /** How date-fns (`constructFrom`) makes a new date of the same kind. */
  [Symbol.for('constructDateFrom')](value: number | Date | string): UtcDate {
    return new UtcDate(typeof value === 'string' ? Date.parse(value) : value);
  }

  override getFullYear(): number {
    return this.getUTCFullYear();
  }
  override getMonth(): number {
    return this.getUTCMonth();
  }
  override getDate(): number {
    return this.getUTCDate();
  }
  override getDay(): number {
    return this.getUTCDay();
  }
  override getHours(): number {
    return this.getUTCHours();
  }
  override getMinutes(): number {
    return this.getUTCMinutes();
  }
  override getSeconds(): number {
    return this.getUTCSeconds();
  }
  override getMilliseconds(): number {
    return this.getUTCMilliseconds();
  }
  override getTimezoneOffset(): number {
    return 0;
  }
  override setFullYear(year: number, month?: number, date?: number): number {
    return this.setUTCFullYear(year, month ?? this.getUTCMonth(), date ?? this.getUTCDate());
  }
  override setMonth(month: number, date?: number): number {
    return this.setUTCMonth(month, date ?? this.getUTCDate());
  }
  override setDate(date: number): number {
    return this.setUTCDate(date);
  }
  override setHours(hours: number, min?: number, sec?: number, ms?: number): number {
    return this.setUTCHours(hours, min ?? this.getUTCMinutes(), sec ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds());
  }
  override setMinutes(min: number, sec?: number, ms?: number): number {
    return this.setUTCMinutes(min, sec ?? this.getUTCSeconds(), ms ?? this.getUTCMilliseconds());
  }
  override setSeconds(sec: number, ms?: number): number {
    return this.setUTCSeconds(sec, ms ?? this.getUTCMilliseconds());
  }
  override setMilliseconds(ms: number): number {
    return this.setUTCMilliseconds(ms);
  }
}
