import { describe, expect, it } from 'vitest';
import { adjustedDates, getCalendar, nominalDates, type ScheduleRule } from '../../src/dates/index.js';

const cn = getCalendar('cn-exchange');

describe('nominalDates', () => {
  it('quarterly on the 26th from 2019-11-26 to 2024-08-26 gives 20 dates', () => {
    const dates = nominalDates({ everyMonths: 3, day: 26, first: '2019-11-26', last: '2024-08-26' });
    expect(dates).toHaveLength(20);
    expect(dates.slice(0, 5)).toEqual(['2019-11-26', '2020-02-26', '2020-05-26', '2020-08-26', '2020-11-26']);
    expect(dates.at(-1)).toBe('2024-08-26');
    expect(dates.every((d) => d.endsWith('-26'))).toBe(true);
  });

  it('monthly on the 31st clamps to 28/29 February without drifting', () => {
    expect(nominalDates({ everyMonths: 1, day: 31, first: '2024-01-31', last: '2024-05-31' })).toEqual([
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
      '2024-04-30',
      '2024-05-31',
    ]);
    expect(nominalDates({ everyMonths: 1, day: 31, first: '2023-01-31', last: '2023-03-31' })).toEqual([
      '2023-01-31',
      '2023-02-28',
      '2023-03-31',
    ]);
  });

  it("'monthEnd' gives the last day of every month", () => {
    expect(nominalDates({ everyMonths: 1, day: 'monthEnd', first: '2023-11-30', last: '2024-03-31' })).toEqual([
      '2023-11-30',
      '2023-12-31',
      '2024-01-31',
      '2024-02-29',
      '2024-03-31',
    ]);
    expect(nominalDates({ everyMonths: 3, day: 'monthEnd', first: '2023-03-31', last: '2024-03-31' })).toEqual([
      '2023-03-31',
      '2023-06-30',
      '2023-09-30',
      '2023-12-31',
      '2024-03-31',
    ]);
  });

  it('keeps an off-cycle first date as given', () => {
    expect(nominalDates({ everyMonths: 3, day: 26, first: '2019-11-20', last: '2020-08-26' })).toEqual([
      '2019-11-20',
      '2020-02-26',
      '2020-05-26',
      '2020-08-26',
    ]);
  });

  it('always ends with last, also off-cycle (short stub)', () => {
    expect(nominalDates({ everyMonths: 3, day: 26, first: '2019-11-26', last: '2020-07-15' })).toEqual([
      '2019-11-26',
      '2020-02-26',
      '2020-05-26',
      '2020-07-15',
    ]);
    expect(nominalDates({ everyMonths: 12, day: 26, first: '2020-11-26', last: '2020-11-26' })).toEqual(['2020-11-26']);
    expect(nominalDates({ everyMonths: 12, day: 26, first: '2020-11-26', last: '2021-01-10' })).toEqual([
      '2020-11-26',
      '2021-01-10',
    ]);
  });

  it('validates its inputs with RangeError', () => {
    const base: ScheduleRule = { everyMonths: 3, day: 26, first: '2020-01-26', last: '2021-01-26' };
    expect(() => nominalDates({ ...base, everyMonths: 0 })).toThrow(/everyMonths/);
    expect(() => nominalDates({ ...base, everyMonths: 1.5 })).toThrow(RangeError);
    expect(() => nominalDates({ ...base, everyMonths: 121 })).toThrow(RangeError);
    expect(() => nominalDates({ ...base, day: 0 })).toThrow(/day/);
    expect(() => nominalDates({ ...base, day: 32 })).toThrow(RangeError);
    expect(() => nominalDates({ ...base, first: '2021-02-01' })).toThrow(/after last date/);
    expect(() => nominalDates({ ...base, first: '2020-02-30' })).toThrow(RangeError);
  });
});

describe('adjustedDates', () => {
  it('adjusts each nominal date on the exchange calendar', () => {
    const nominal = nominalDates({ everyMonths: 3, day: 26, first: '2023-02-26', last: '2024-02-26' });
    expect(nominal).toEqual(['2023-02-26', '2023-05-26', '2023-08-26', '2023-11-26', '2024-02-26']);
    expect(adjustedDates(nominal, 'following', cn)).toEqual([
      '2023-02-27', // Sunday
      '2023-05-26',
      '2023-08-28', // Saturday
      '2023-11-27', // Sunday
      '2024-02-26',
    ]);
    expect(adjustedDates(nominal, 'preceding', cn)[2]).toBe('2023-08-25');
  });

  it('month-end schedule with modified following stays within each month', () => {
    const nominal = nominalDates({ everyMonths: 3, day: 'monthEnd', first: '2023-09-30', last: '2024-08-31' });
    expect(adjustedDates(nominal, 'modifiedFollowing', cn)).toEqual([
      '2023-09-28', // Sat; October is closed until 10-09
      '2023-12-29', // Sun
      '2024-03-29', // Sun
      '2024-06-28', // Sun
      '2024-08-30', // the off-cycle last date 08-31 is a Saturday
    ]);
  });

  it('throws when two dates collapse onto one business day', () => {
    expect(() => adjustedDates(['2023-09-29', '2023-10-02'], 'following', cn)).toThrow(/not in increasing order/);
  });
});
