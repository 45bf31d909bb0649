import { describe, expect, it } from 'vitest';
import {
  addDays,
  addMonths,
  compareDates,
  dateParts,
  dayOfWeek,
  daysBetween,
  fromDayNumber,
  isIsoDate,
  isLeapYear,
  isWeekend,
  lastDayOfMonth,
  makeDate,
  toDayNumber,
} from '../../src/dates/index.js';

describe('isIsoDate', () => {
  it('accepts real dates', () => {
    for (const d of ['2024-02-29', '2000-02-29', '1970-01-01', '0000-01-01', '9999-12-31', '2023-12-31']) {
      expect(isIsoDate(d), d).toBe(true);
    }
  });
  it('rejects impossible or malformed dates', () => {
    for (const d of [
      '2023-02-29',
      '1900-02-29',
      '2023-04-31',
      '2023-13-01',
      '2023-00-10',
      '2023-01-00',
      '2023-1-01',
      '2023-01-1',
      '20230101',
      '2023/01/01',
      '2023-01-01T00:00:00Z',
      ' 2023-01-01',
      '+2023-01-01',
      '2023-0a-01',
      '',
    ]) {
      expect(isIsoDate(d), d).toBe(false);
    }
  });
});

describe('day numbers', () => {
  it('matches Date.UTC', () => {
    expect(toDayNumber('1970-01-01')).toBe(0);
    expect(toDayNumber('1969-12-31')).toBe(-1);
    expect(toDayNumber('2024-01-01')).toBe(Date.UTC(2024, 0, 1) / 86_400_000);
    expect(toDayNumber('2000-02-29')).toBe(Date.UTC(2000, 1, 29) / 86_400_000);
    expect(toDayNumber('1600-03-01')).toBe(Date.UTC(1600, 2, 1) / 86_400_000);
  });
  it('round-trips, including years below 100 that Date.UTC maps to 19xx', () => {
    for (const d of ['0000-01-01', '0004-02-29', '0099-12-31', '1899-12-31', '2024-02-29', '9999-12-31']) {
      expect(fromDayNumber(toDayNumber(d))).toBe(d);
    }
  });
  it('throws on invalid input instead of rolling over', () => {
    expect(() => toDayNumber('2023-02-30')).toThrow(RangeError);
    expect(() => fromDayNumber(1.5)).toThrow(RangeError);
    expect(() => fromDayNumber(toDayNumber('9999-12-31') + 1)).toThrow(RangeError);
  });
});

describe('arithmetic and comparison', () => {
  it('addDays / daysBetween', () => {
    expect(addDays('2024-02-28', 1)).toBe('2024-02-29');
    expect(addDays('2023-02-28', 1)).toBe('2023-03-01');
    expect(addDays('2024-01-01', -1)).toBe('2023-12-31');
    expect(daysBetween('2024-01-01', '2025-01-01')).toBe(366);
    expect(daysBetween('2025-01-01', '2024-01-01')).toBe(-366);
  });
  it('compareDates sorts', () => {
    expect(compareDates('2024-01-02', '2024-01-10')).toBe(-1);
    expect(compareDates('2024-01-10', '2024-01-10')).toBe(0);
    expect(compareDates('2025-01-01', '2024-12-31')).toBe(1);
    expect(['2024-03-01', '2023-12-31', '2024-02-29'].sort(compareDates)).toEqual(['2023-12-31', '2024-02-29', '2024-03-01']);
    expect(() => compareDates('2024-1-1', '2024-01-01')).toThrow(RangeError);
  });
  it('day of week and weekends (known dates)', () => {
    expect(dayOfWeek('1970-01-01')).toBe(4); // Thursday
    expect(dayOfWeek('2023-08-26')).toBe(6); // Saturday
    expect(dayOfWeek('2023-08-27')).toBe(0); // Sunday
    expect(dayOfWeek('2024-02-19')).toBe(1); // Monday
    expect(dayOfWeek('1969-12-28')).toBe(0); // Sunday, negative day number
    expect(isWeekend('2023-08-26')).toBe(true);
    expect(isWeekend('2023-10-07')).toBe(true);
    expect(isWeekend('2023-08-28')).toBe(false);
  });
  it('leap years and month lengths', () => {
    expect([1900, 2000, 2023, 2024].map(isLeapYear)).toEqual([false, true, false, true]);
    expect(lastDayOfMonth(2024, 2)).toBe(29);
    expect(lastDayOfMonth(2023, 2)).toBe(28);
    expect(lastDayOfMonth(2023, 4)).toBe(30);
    expect(lastDayOfMonth(2023, 12)).toBe(31);
    expect(() => lastDayOfMonth(2023, 13)).toThrow(RangeError);
  });
  it('dateParts / makeDate', () => {
    expect(dateParts('2024-02-29')).toEqual({ year: 2024, month: 2, day: 29 });
    expect(makeDate(2023, 2, 31)).toBe('2023-02-28');
    expect(makeDate(2024, 4, 5)).toBe('2024-04-05');
    expect(() => makeDate(2024, 4, 0)).toThrow(RangeError);
  });
});

describe('addMonths', () => {
  it('clamps to the last day of shorter months', () => {
    expect(addMonths('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonths('2023-01-31', 1)).toBe('2023-02-28');
    expect(addMonths('2023-03-31', 1)).toBe('2023-04-30');
    expect(addMonths('2024-02-29', 12)).toBe('2025-02-28');
  });
  it('keeps the day when possible and crosses years both ways', () => {
    expect(addMonths('2023-11-26', 3)).toBe('2024-02-26');
    expect(addMonths('2024-03-15', -3)).toBe('2023-12-15');
    expect(addMonths('2024-01-15', -13)).toBe('2022-12-15');
    expect(addMonths('2024-05-31', 0)).toBe('2024-05-31');
    expect(addMonths('2023-02-28', 1)).toBe('2023-03-28');
  });
  it('endOfMonth: true returns the last day of the target month', () => {
    expect(addMonths('2023-02-28', 1, { endOfMonth: true })).toBe('2023-03-31');
    expect(addMonths('2023-02-10', 1, { endOfMonth: true })).toBe('2023-03-31');
    expect(addMonths('2023-12-31', 2, { endOfMonth: true })).toBe('2024-02-29');
    expect(addMonths('2024-03-31', -1, { endOfMonth: true })).toBe('2024-02-29');
  });
  it('rejects non-integer months and out-of-range results', () => {
    expect(() => addMonths('2024-01-31', 1.5)).toThrow(RangeError);
    expect(() => addMonths('9999-12-01', 1)).toThrow(RangeError);
  });
});
