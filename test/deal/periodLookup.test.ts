/** periodLookup (a table by day number) answers as periodOfDate (a scan) for every day. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays } from '../../src/dates/date.js';
import { periodLookup, periodOfDate, type DealPeriod } from '../../src/deal/periods.js';

/** Periods with the given collection ends (in days after 2021-01-01), in any order. */
const periodsOf = (ends: readonly number[]): DealPeriod[] =>
  ends.map((e, i) => {
    const d = addDays('2021-01-01', e);
    return { index: i + 1, nominalDate: d, date: d, collectionStart: d, collectionEnd: d };
  });

describe('periodLookup', () => {
  it('finds the period of every day as periodOfDate does, ends rising, repeated or not', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 400 }), { maxLength: 12 }), fc.boolean(), (raw, sorted) => {
        const periods = periodsOf(sorted ? [...raw].sort((a, b) => a - b) : raw);
        const lookup = periodLookup(periods);
        for (let day = -3; day <= 405; day++) {
          const date = addDays('2021-01-01', day);
          expect(lookup(date)).toBe(periodOfDate(periods, date));
        }
      }),
      { numRuns: 60 },
    );
  });
});
