import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  adjust,
  businessDaysBetween,
  CalendarRangeError,
  getCalendar,
  type BusinessDayRule,
  type CalendarName,
} from '../../src/dates/index.js';

const cn = getCalendar('cn-exchange');

describe('cn-exchange calendar', () => {
  it('covers the years of the chinese-days data', () => {
    expect(cn.firstYear).toBe(2004);
    expect(cn.lastYear).toBeGreaterThanOrEqual(2026);
  });

  it('is open on ordinary weekdays and closed on weekends', () => {
    expect(cn.isBusinessDay('2023-08-25')).toBe(true); // Friday
    expect(cn.isBusinessDay('2023-08-26')).toBe(false); // Saturday
    expect(cn.isBusinessDay('2023-08-27')).toBe(false); // Sunday
    expect(cn.isBusinessDay('2023-08-28')).toBe(true); // Monday
  });

  it('stays closed on weekend make-up workdays (调休) that offices keep', () => {
    expect(cn.isBusinessDay('2023-10-07')).toBe(false); // Saturday, office workday
    expect(cn.isBusinessDay('2023-10-08')).toBe(false); // Sunday, office workday
    expect(cn.isBusinessDay('2024-02-04')).toBe(false); // Sunday, office workday
    expect(cn.isBusinessDay('2024-02-18')).toBe(false); // Sunday, office workday
  });

  it('closes on Mid-Autumn and National Day 2023', () => {
    expect(cn.isBusinessDay('2023-09-28')).toBe(true);
    expect(cn.isBusinessDay('2023-09-29')).toBe(false); // Mid-Autumn, Friday
    for (const d of ['2023-10-02', '2023-10-03', '2023-10-04', '2023-10-05', '2023-10-06']) {
      expect(cn.isBusinessDay(d), d).toBe(false);
    }
    expect(cn.isBusinessDay('2023-10-09')).toBe(true);
  });

  it('closes on Spring Festival 2024 (2024-02-10..17) and reopens on 2024-02-19', () => {
    for (let day = 10; day <= 17; day++) {
      expect(cn.isBusinessDay(`2024-02-${day}`), `2024-02-${day}`).toBe(false);
    }
    expect(cn.isBusinessDay('2024-02-19')).toBe(true);
  });

  it('closes on other known holidays', () => {
    expect(cn.isBusinessDay('2024-01-01')).toBe(false); // New Year, Monday
    expect(cn.isBusinessDay('2024-06-10')).toBe(false); // Dragon Boat, Monday
    expect(cn.isBusinessDay('2015-09-03')).toBe(false); // Victory Day parade, one-off holiday
    expect(cn.isBusinessDay('2020-01-31')).toBe(false); // COVID-19 extension of Spring Festival
    expect(cn.isBusinessDay('2025-01-28')).toBe(false); // 除夕, a statutory holiday from 2025
  });

  it('extraClosures adds exchange-only closures missing from the data (2024-02-09, 除夕)', () => {
    // The State Council notice (and so the data) starts the 2024 holiday on 02-10, but the
    // exchanges closed on 02-09 too.
    expect(cn.isBusinessDay('2024-02-09')).toBe(true);
    const patched = getCalendar('cn-exchange', { extraClosures: ['2024-02-09'] });
    expect(patched.isBusinessDay('2024-02-09')).toBe(false);
    expect(adjust('2024-02-17', 'preceding', patched)).toBe('2024-02-08');
    expect(addBusinessDays('2024-02-19', -2, patched)).toBe('2024-02-07');
    expect(adjust('2024-02-17', 'preceding', cn)).toBe('2024-02-09'); // data alone
  });

  describe('beyond the data', () => {
    it("throws CalendarRangeError by default ('error')", () => {
      let caught: unknown;
      try {
        cn.isBusinessDay('2027-03-01');
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(CalendarRangeError);
      expect(caught).toBeInstanceOf(Error);
      const err = caught as CalendarRangeError;
      expect(err.date).toBe('2027-03-01');
      expect(err.lastYear).toBe(cn.lastYear);
      expect(err.message).toBe(
        `2027-03-01 is past the last year (${cn.lastYear}) of published Chinese exchange holidays; ` +
          'set dates.calendarBeyondData to "weekends" to treat later years as weekends-only',
      );
      // Weekends too: the outcome must not depend on the day of the week.
      expect(() => cn.isBusinessDay('2027-03-06')).toThrow(CalendarRangeError);
      expect(() => adjust('2027-01-01', 'following', cn)).toThrow(CalendarRangeError);
      expect(() => cn.isBusinessDay('2003-06-02')).toThrow(/before the first year \(2004\)/);
    });

    it("treats later years as weekends-only with 'weekends' and records the dates", () => {
      const lenient = getCalendar('cn-exchange', { beyondData: 'weekends' });
      expect(lenient.beyondDataDates()).toEqual([]);
      expect(lenient.isBusinessDay('2024-02-12')).toBe(false); // in range: still a holiday
      expect(lenient.beyondDataDates()).toEqual([]);
      expect(lenient.isBusinessDay('2027-03-01')).toBe(true); // Monday
      expect(lenient.isBusinessDay('2027-10-01')).toBe(true); // National Day, but no data
      expect(lenient.isBusinessDay('2027-03-06')).toBe(false); // Saturday
      expect(adjust('2027-03-06', 'following', lenient)).toBe('2027-03-08');
      expect(lenient.beyondDataDates()).toEqual(['2027-03-01', '2027-03-06', '2027-03-07', '2027-03-08', '2027-10-01']);
      // The record is per calendar object.
      expect(getCalendar('cn-exchange', { beyondData: 'weekends' }).beyondDataDates()).toEqual([]);
    });
  });
});

describe('weekends and none calendars', () => {
  it('weekends closes Saturdays and Sundays only, in any year', () => {
    const w = getCalendar('weekends');
    expect(w.isBusinessDay('2023-10-02')).toBe(true); // holiday, but not a weekend
    expect(w.isBusinessDay('2023-10-07')).toBe(false);
    expect(w.isBusinessDay('2099-01-05')).toBe(true);
    expect(w.beyondDataDates()).toEqual([]);
  });
  it('none is open every day', () => {
    const none = getCalendar('none');
    expect(none.isBusinessDay('2023-10-07')).toBe(true);
    expect(none.isBusinessDay('2024-02-12')).toBe(true);
    expect(adjust('2023-08-26', 'following', none)).toBe('2023-08-26');
  });
  it('rejects unknown names and policies', () => {
    expect(() => getCalendar('nyse' as CalendarName)).toThrow(RangeError);
    expect(() => getCalendar('cn-exchange', { beyondData: 'ignore' as 'error' })).toThrow(RangeError);
  });
});

describe('adjust', () => {
  it('following', () => {
    expect(adjust('2023-08-26', 'following', cn)).toBe('2023-08-28');
    expect(adjust('2023-08-28', 'following', cn)).toBe('2023-08-28');
    expect(adjust('2023-09-29', 'following', cn)).toBe('2023-10-09');
    expect(adjust('2023-10-07', 'following', cn)).toBe('2023-10-09');
    expect(adjust('2024-02-10', 'following', cn)).toBe('2024-02-19');
  });
  it('preceding', () => {
    expect(adjust('2023-08-26', 'preceding', cn)).toBe('2023-08-25');
    expect(adjust('2023-10-06', 'preceding', cn)).toBe('2023-09-28');
    // National Day 2024 (10-01..07); Sunday 09-29 was an office make-up day, exchange closed.
    expect(adjust('2024-10-07', 'preceding', cn)).toBe('2024-09-30');
  });
  it('modified following stays in the month at month end', () => {
    // 2023-09-30 (Sat): following is 2023-10-09, in October → preceding → 2023-09-28.
    expect(adjust('2023-09-30', 'modifiedFollowing', cn)).toBe('2023-09-28');
    // 2024-03-30 (Sat): following 2024-04-01 is April → 2024-03-29 (Fri).
    expect(adjust('2024-03-30', 'modifiedFollowing', cn)).toBe('2024-03-29');
    // 2024-08-31 (Sat) → 2024-08-30.
    expect(adjust('2024-08-31', 'modifiedFollowing', cn)).toBe('2024-08-30');
    // Mid-month it is plain following.
    expect(adjust('2023-08-26', 'modifiedFollowing', cn)).toBe('2023-08-28');
    expect(adjust('2024-02-10', 'modifiedFollowing', cn)).toBe('2024-02-19');
  });
  it("'none' returns the date unchanged", () => {
    expect(adjust('2023-08-26', 'none', cn)).toBe('2023-08-26');
  });
  it('rejects unknown rules', () => {
    expect(() => adjust('2023-08-26', 'nearest' as BusinessDayRule, cn)).toThrow(RangeError);
  });
});

describe('addBusinessDays', () => {
  it('counts backward across a holiday', () => {
    // Two business days before 2023-10-09: 09-29..10-08 closed → 09-28, 09-27.
    expect(addBusinessDays('2023-10-09', -2, cn)).toBe('2023-09-27');
    // Two business days before 2024-10-08: 10-01..07 holidays, 09-29 Sunday → 09-30, 09-27.
    expect(addBusinessDays('2024-10-08', -2, cn)).toBe('2024-09-27');
  });
  it('counts forward, from business and non-business days', () => {
    expect(addBusinessDays('2023-09-28', 1, cn)).toBe('2023-10-09');
    expect(addBusinessDays('2023-08-25', 1, cn)).toBe('2023-08-28');
    expect(addBusinessDays('2023-08-26', 1, cn)).toBe('2023-08-28');
    expect(addBusinessDays('2023-08-26', -1, cn)).toBe('2023-08-25');
    expect(addBusinessDays('2023-08-21', 5, cn)).toBe('2023-08-28');
  });
  it('n = 0 returns a business day unchanged, else the following one', () => {
    expect(addBusinessDays('2023-08-25', 0, cn)).toBe('2023-08-25');
    expect(addBusinessDays('2023-08-26', 0, cn)).toBe('2023-08-28');
  });
});

describe('businessDaysBetween', () => {
  it('counts business days in (a, b]', () => {
    expect(businessDaysBetween('2023-09-28', '2023-10-09', cn)).toBe(1);
    expect(businessDaysBetween('2023-10-09', '2023-09-28', cn)).toBe(-1);
    expect(businessDaysBetween('2023-08-21', '2023-08-28', cn)).toBe(5);
    expect(businessDaysBetween('2023-08-21', '2023-08-21', cn)).toBe(0);
    // October 2023 had 17 trading days.
    expect(businessDaysBetween('2023-09-30', '2023-10-31', cn)).toBe(17);
  });
});
