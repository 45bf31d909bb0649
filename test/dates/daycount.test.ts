import { describe, expect, it } from 'vitest';
import { accrualDays, DAY_COUNTS, isDayCount, yearFraction, type DayCount } from '../../src/dates/index.js';
import { Decimal } from '../../src/util/money.js';

const q = (num: number, den: number) => new Decimal(num).div(den);

describe('DAY_COUNTS', () => {
  it('lists the four conventions', () => {
    expect([...DAY_COUNTS]).toEqual(['ACT/365F', 'ACT/360', 'ACT/ACT', '30/360']);
    expect(isDayCount('ACT/365F')).toBe(true);
    expect(isDayCount('ACT/365')).toBe(false);
    expect(isDayCount(365)).toBe(false);
  });
});

describe('yearFraction', () => {
  it('ACT/365F and ACT/360 divide actual days exactly', () => {
    const f = yearFraction('2024-01-01', '2024-07-01', 'ACT/365F');
    expect(f).toBeInstanceOf(Decimal);
    expect(f.eq(q(182, 365))).toBe(true);
    expect(f.toString()).toBe('0.4986301369863013698630136986301369863014');
    expect(yearFraction('2023-01-01', '2024-01-01', 'ACT/365F').toString()).toBe('1');
    expect(yearFraction('2024-01-01', '2025-01-01', 'ACT/365F').eq(q(366, 365))).toBe(true);
    expect(yearFraction('2024-01-01', '2024-04-01', 'ACT/360').eq(q(91, 360))).toBe(true);
    expect(yearFraction('2024-01-01', '2024-04-01', 'ACT/360').toString()).toBe('0.2527777777777777777777777777777777777778');
  });

  it('is zero for equal dates', () => {
    for (const dc of DAY_COUNTS) expect(yearFraction('2024-05-05', '2024-05-05', dc).isZero()).toBe(true);
  });

  it('is the negated forward fraction when end is before start', () => {
    for (const dc of DAY_COUNTS) {
      expect(yearFraction('2024-07-31', '2023-12-15', dc).eq(yearFraction('2023-12-15', '2024-07-31', dc).neg()), dc).toBe(true);
    }
  });

  describe('ACT/ACT ISDA', () => {
    it('splits across a leap-year boundary (hand-computed)', () => {
      // 2023-12-15 → 2024-01-01: 17 days of 2023 (/365); 2024-01-01 → 2024-01-15: 14 days of 2024 (/366).
      const f = yearFraction('2023-12-15', '2024-01-15', 'ACT/ACT');
      expect(f.eq(q(17 * 366 + 14 * 365, 365 * 366))).toBe(true); // 11332 / 133590
      expect(f.minus(q(17, 365).plus(q(14, 366))).abs().lt('1e-35')).toBe(true);
      // Leaving a leap year: 2024-12-01 → 2025-02-01: 31/366 + 31/365.
      expect(yearFraction('2024-12-01', '2025-02-01', 'ACT/ACT').eq(q(31 * 365 + 31 * 366, 365 * 366))).toBe(true);
    });
    it('counts whole calendar years as exactly 1, leap or not', () => {
      expect(yearFraction('2024-01-01', '2025-01-01', 'ACT/ACT').toString()).toBe('1');
      expect(yearFraction('2023-01-01', '2026-01-01', 'ACT/ACT').toString()).toBe('3');
      // 184/365 (2023) + 366/366 (2024) + 181/365 (2025) = 2 exactly.
      expect(yearFraction('2023-07-01', '2025-07-01', 'ACT/ACT').toString()).toBe('2');
    });
    it('within one year is days / year length', () => {
      expect(yearFraction('2024-02-01', '2024-03-01', 'ACT/ACT').eq(q(29, 366))).toBe(true);
      expect(yearFraction('2023-02-01', '2023-03-01', 'ACT/ACT').eq(q(28, 365))).toBe(true);
    });
  });

  describe('30/360 bond basis', () => {
    const cases: Array<[string, string, number]> = [
      ['2023-01-15', '2023-03-15', 60],
      ['2023-01-31', '2023-02-28', 28], // D1 31→30; D2 28 stays: 30 − 2
      ['2023-01-31', '2023-03-31', 60], // D1 31→30, D2 31→30
      ['2023-01-30', '2023-03-31', 60], // D1 = 30 so D2 31→30
      ['2023-01-29', '2023-03-31', 62], // D1 = 29 so D2 stays 31
      ['2023-02-28', '2023-03-31', 33], // February end gets no special treatment (unlike 30E/360)
      ['2024-02-29', '2024-03-31', 32],
      ['2023-03-31', '2023-04-30', 30],
      ['2023-12-31', '2024-12-31', 360],
      ['2023-01-31', '2023-07-31', 180],
    ];
    it.each(cases)('%s → %s = %i days', (start, end, days) => {
      expect(accrualDays(start, end, '30/360')).toBe(days);
      expect(yearFraction(start, end, '30/360').eq(q(days, 360))).toBe(true);
      expect(accrualDays(end, start, '30/360')).toBe(-days);
    });
    it('a half year is exactly 0.5', () => {
      expect(yearFraction('2023-01-31', '2023-07-31', '30/360').toString()).toBe('0.5');
    });
  });

  it('accrualDays is actual days for ACT conventions', () => {
    expect(accrualDays('2023-01-31', '2023-02-28', 'ACT/365F')).toBe(28);
    expect(accrualDays('2024-01-01', '2025-01-01', 'ACT/ACT')).toBe(366);
    expect(accrualDays('2024-03-01', '2024-02-01', 'ACT/360')).toBe(-29);
  });

  it('rejects unknown conventions and invalid dates', () => {
    expect(() => yearFraction('2024-01-01', '2024-02-01', 'ACT/365' as DayCount)).toThrow(RangeError);
    expect(() => yearFraction('2024-01-01', '2024-02-30', 'ACT/365F')).toThrow(RangeError);
  });
});
