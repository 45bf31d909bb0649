/**
 * The WAL worked out in integers is the float the Decimal expression (in yuan, as the engine
 * always computed it) gives, to the last bit: on random payments and dates, and on extremes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { weightedAverageLife } from '../../src/analytics/wal.js';
import { addDays, daysBetween } from '../../src/dates/date.js';
import { Decimal, sum } from '../../src/util/money.js';

const CLOSING = '2020-01-15';

/** The engine's WAL as it was: Σ yuan × years (float) / Σ yuan, in Decimal. */
function decimalWal(dates: readonly string[], fen: readonly number[]): number {
  const yuan = fen.map((f) => new Decimal(f).div(100));
  const weighted = sum(yuan.map((y, i) => y.times(daysBetween(CLOSING, dates[i]!) / 365)));
  return weighted.div(sum(yuan)).toNumber();
}

const payments = fc.array(
  fc.record({ days: fc.integer({ min: 0, max: 365 * 40 }), fen: fc.oneof(fc.integer({ min: 1, max: 1_000_000 }), fc.integer({ min: 1, max: 2 ** 43 })) }),
  { minLength: 1, maxLength: 60 },
);

describe('weightedAverageLife', () => {
  it('equals the Decimal expression to the last bit', () => {
    fc.assert(
      fc.property(payments, (list) => {
        const dates = list.map((p) => addDays(CLOSING, p.days));
        const fen = list.map((p) => p.fen);
        const total = fen.reduce((a, b) => a + b, 0);
        fc.pre(Number.isSafeInteger(total));
        expect(weightedAverageLife(CLOSING, dates, fen, total)).toBe(decimalWal(dates, fen));
      }),
      { numRuns: 3000 },
    );
  });

  it('on a single payment on the closing date, and on many of one fen', () => {
    expect(weightedAverageLife(CLOSING, [CLOSING], [100], 100)).toBe(0);
    const dates = Array.from({ length: 1200 }, (_, i) => addDays(CLOSING, i * 30 + 1));
    const fen = dates.map((_, i) => (i % 7) + 1);
    const total = fen.reduce((a, b) => a + b, 0);
    expect(weightedAverageLife(CLOSING, dates, fen, total)).toBe(decimalWal(dates, fen));
  });
});
