import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, dec, Decimal, fmtMoney, sum, toFen, ZERO } from '../../src/util/money.js';

const d = (xs: (string | number)[]) => xs.map((x) => dec(x));
const str = (xs: Decimal[]) => xs.map((x) => x.toFixed(2));

describe('allocate', () => {
  it('splits evenly with the odd fen to the earliest parts', () => {
    // 100.00 / 3 = 33.333…: floors 33.33 ×3 = 99.99, the one fen left goes to the first part.
    expect(str(allocate(dec('100.00'), d([1, 1, 1])))).toEqual(['33.34', '33.33', '33.33']);
    // 0.05 / 3: floors 0.01 ×3, two fen left → the first two parts.
    expect(str(allocate(dec('0.05'), d([1, 1, 1])))).toEqual(['0.02', '0.02', '0.01']);
    // Fewer fen than parts: one fen each to the earliest.
    expect(str(allocate(dec('0.02'), d([1, 1, 1, 1])))).toEqual(['0.01', '0.01', '0.00', '0.00']);
  });

  it('gives the left-over fen by largest remainder, not by position', () => {
    // 1.00 by 1:2:3:4 → exact 10, 20, 30, 40 fen: no remainder.
    expect(str(allocate(dec('1.00'), d([1, 2, 3, 4])))).toEqual(['0.10', '0.20', '0.30', '0.40']);
    // 0.10 by 1:1:3 → exact 2, 2, 6 fen: no remainder.
    expect(str(allocate(dec('0.10'), d([1, 1, 3])))).toEqual(['0.02', '0.02', '0.06']);
    // 0.10 by 3:3:1 → exact 10·3/7 = 4.2857, 4.2857, 10/7 = 1.4286 fen; floors 4+4+1 = 9, the
    // one fen left goes to the largest remainder, the third part (0.4286 > 0.2857).
    expect(str(allocate(dec('0.10'), d([3, 3, 1])))).toEqual(['0.04', '0.04', '0.02']);
    // 1.00 by 1:1:1:1:1:1:1 (7 parts) with a heavier last one 1:1:1:1:1:1:4 (sum 10): exact 10 ×6
    // and 40 fen: no remainder.
    expect(str(allocate(dec('1.00'), d([1, 1, 1, 1, 1, 1, 4])))).toEqual(['0.10', '0.10', '0.10', '0.10', '0.10', '0.10', '0.40']);
  });

  it('breaks ties between equal remainders in favour of the earlier part', () => {
    // 0.03 by 2:1:2:1 (sum 6) → exact 1, 0.5, 1, 0.5 fen; floors 1+0+1+0 = 2; one fen left, the
    // remainders of parts 2 and 4 tie at 0.5: the earlier (part 2) gets it.
    expect(str(allocate(dec('0.03'), d([2, 1, 2, 1])))).toEqual(['0.01', '0.01', '0.01', '0.00']);
  });

  it('gives zero-weight parts nothing', () => {
    expect(str(allocate(dec('0.05'), d([0, 1, 0, 1, 1])))).toEqual(['0.00', '0.02', '0.00', '0.02', '0.01']);
  });

  it('accepts fractional weights (balances as weights)', () => {
    // 1,000.00 by balances 0.01 and 0.02 → 333.33… and 666.66…; floors 33,333 + 66,666 = 99,999
    // fen, the fen left to the larger remainder (0.67 of the second beats 0.33 of the first).
    expect(str(allocate(dec('1000.00'), d(['0.01', '0.02'])))).toEqual(['333.33', '666.67']);
  });

  it('splits a negative total symmetrically, the extra fen (more negative) to the earliest part', () => {
    expect(str(allocate(dec('-100.00'), d([1, 1, 1])))).toEqual(['-33.34', '-33.33', '-33.33']);
    expect(str(allocate(dec('-0.03'), d([2, 1, 2, 1])))).toEqual(['-0.01', '-0.01', '-0.01', '0.00']);
  });

  it('never returns a negative zero (−0 would read as negative)', () => {
    const parts = allocate(dec('-0.01'), d([1, 1, 1]));
    expect(str(parts)).toEqual(['-0.01', '0.00', '0.00']);
    expect(parts.map((p) => p.isNegative())).toEqual([true, false, false]);
    expect(allocate(dec('-5'), d([0, 1])).map((p) => p.isNegative())).toEqual([false, true]);
  });

  it('handles zero totals and zero or empty weights', () => {
    expect(str(allocate(ZERO, d([1, 2])))).toEqual(['0.00', '0.00']);
    expect(allocate(ZERO, [])).toEqual([]);
    expect(str(allocate(ZERO, d([0, 0])))).toEqual(['0.00', '0.00']);
  });

  it('rejects what cannot be split', () => {
    expect(() => allocate(dec('1.00'), [])).toThrow(RangeError);
    expect(() => allocate(dec('1.00'), d([0, 0]))).toThrow(RangeError);
    expect(() => allocate(dec('0.001'), d([1]))).toThrow(/whole number of fen/);
    expect(() => allocate(dec('1.00'), d([1, -1, 2]))).toThrow(/negative weight/);
  });

  const fen = fc.oneof(fc.integer({ min: -1_000_000, max: 1_000_000 }), fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }));
  const weight = fc.oneof(
    { weight: 1, arbitrary: fc.constant('0') },
    { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000 }).map(String) },
    { weight: 3, arbitrary: fc.integer({ min: 1, max: 1_000_000_000_000 }).map((f) => new Decimal(f).div(100).toString()) },
    { weight: 1, arbitrary: fc.integer({ min: 1, max: 999 }).map((n) => new Decimal(n).div(7).toString()) },
  );
  const weights = fc.array(weight, { minLength: 1, maxLength: 25 }).filter((ws) => ws.some((w) => !dec(w).isZero()));

  it('property: parts are whole fen, sum to the total, and are within one fen of the exact share', () => {
    fc.assert(
      fc.property(fen, weights, (totalFen, ws) => {
        const total = new Decimal(totalFen).div(100);
        const w = ws.map((x) => dec(x));
        const parts = allocate(total, w);
        expect(parts.length).toBe(w.length);
        expect(sum(parts).eq(total)).toBe(true);
        const weightSum = sum(w);
        parts.forEach((p, i) => {
          expect(p.decimalPlaces()).toBeLessThanOrEqual(2);
          // Same sign as the total (a zero part is +0, never −0).
          if (total.isNegative()) expect(p.lte(0)).toBe(true);
          else expect(p.gte(0)).toBe(true);
          if (p.isZero()) expect(p.isNegative()).toBe(false);
          if (w[i]!.isZero()) expect(p.isZero()).toBe(true);
          const exact = total.times(w[i]!).div(weightSum);
          expect(p.minus(exact).abs().lt('0.01')).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });

  it('property: a negative total splits as the mirror image of the positive one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000_000 }), weights, (totalFen, ws) => {
        const w = ws.map((x) => dec(x));
        const pos = allocate(new Decimal(totalFen).div(100), w);
        const neg = allocate(new Decimal(-totalFen).div(100), w);
        expect(str(neg)).toEqual(str(pos.map((p) => (p.isZero() ? p : p.neg()))));
      }),
      { numRuns: 300 },
    );
  });

  it('property: equal weights give parts that differ by at most one fen, larger first', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1_000_000_000_000 }), fc.integer({ min: 1, max: 400 }), (totalFen, n) => {
        const parts = allocate(new Decimal(totalFen).div(100), Array.from({ length: n }, () => dec(1)));
        for (let i = 1; i < n; i++) {
          const diff = parts[i - 1]!.minus(parts[i]!);
          expect(diff.eq(0) || diff.eq('0.01')).toBe(true);
        }
      }),
      { numRuns: 300 },
    );
  });
});

describe('toFen and fmtMoney', () => {
  it('round half up (四舍五入), away from zero for negatives', () => {
    expect(toFen(dec('1.005')).toFixed(2)).toBe('1.01');
    expect(toFen(dec('1.00499999')).toFixed(2)).toBe('1.00');
    expect(toFen(dec('-1.005')).toFixed(2)).toBe('-1.01');
    expect(fmtMoney(dec('8246.875'))).toBe('8246.88');
    expect(fmtMoney(dec('1234567.8'))).toBe('1234567.80');
  });
  it('dec rejects what is not a finite number', () => {
    expect(() => dec('abc')).toThrow();
    expect(() => dec(Infinity)).toThrow(RangeError);
    expect(() => dec(NaN)).toThrow(RangeError);
  });
});
