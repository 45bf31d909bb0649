/** equalSplit in whole fen gives exactly what allocate gives for equal weights. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { equalSplit } from '../../src/pool/common.js';
import { allocate, Decimal, ONE } from '../../src/util/money.js';

describe('equalSplit', () => {
  it('property: the same parts as allocate with equal weights, the odd fen to the earliest', () => {
    fc.assert(
      fc.property(fc.bigInt({ min: 0n, max: 10n ** 17n }), fc.integer({ min: 1, max: 1200 }), (fen, n) => {
        const total = new Decimal(fen.toString()).div(100);
        const parts = equalSplit(total, n).map((p) => p.toFixed(2));
        expect(parts).toEqual(allocate(total, Array.from({ length: n }, () => ONE)).map((p) => p.toFixed(2)));
      }),
      { numRuns: 300 },
    );
    expect(equalSplit(new Decimal('100.00'), 3).map(String)).toEqual(['33.34', '33.33', '33.33']);
  });
});
