/** periodFinder (a walk along the collection ends) answers as periodOfDate (a scan) for every date. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates/date.js';
import { periodFinder, periodOfDate, type DealPeriod } from '../../src/deal/periods.js';

/** Periods with the given collection ends (in days after 2021-01-01), in any order. */
const periodsOf = (ends: readonly number[]): DealPeriod[] =>
  ends.map((e, i) => {
    const d = addDays('2021-01-01', e);
    return { index: i + 1, nominalDate: d, date: d, collectionStart: d, collectionEnd: d };
  });

describe('periodFinder', () => {
  it('finds the period of each date as periodOfDate does, dates and ends in order or not', () => {
    const day = fc.integer({ min: -3, max: 405 });
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 12 }), fc.boolean(), fc.array(day, { maxLength: 40 }), fc.boolean(), (raw, sortedEnds, days, sortedDates) => {
        const periods = periodsOf(sortedEnds ? [...raw].sort((a, b) => a - b) : raw);
        const dates = (sortedDates ? [...days].sort((a, b) => a - b) : days).map((d) => addDays('2021-01-01', d));
        expect([...periodFinder(periods)(dates)]).toEqual(dates.map((d) => periodOfDate(periods, d)));
      }),
      { numRuns: 60 },
    );
  });
});
