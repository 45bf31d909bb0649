/** 每百元本息: hand-computed figures and the rounding rule (src/analytics/perHundred.ts). */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { perHundred, type PerHundredInput } from '../../src/analytics/perHundred.js';
import type { Money } from '../../src/util/fen.js';

const row = (period: number, interest: number, principal: number, begin: number, residual = 0): PerHundredInput => ({
  period,
  date: `2024-0${period}-01`,
  interestPaid: interest as Money,
  principalPaid: principal as Money,
  residualPaid: residual as Money,
  beginBalance: begin as Money,
});

describe('payments per 100 yuan of face', () => {
  it('a face of 300 yuan repaid in thirds: 33.3333, 33.3334, 33.3333 by cumulative rounding, summing to 100', () => {
    // 30000 fen face; 10000 fen principal a date; interest 1.00 yuan = 0.3333… per 100.
    const rows = perHundred([row(1, 100, 10000, 30000), row(2, 100, 10000, 20000), row(3, 100, 10000, 10000)], 30000 as Money);
    expect(rows.map((r) => r.principal.toFixed(4))).toEqual(['33.3333', '33.3334', '33.3333']);
    expect(rows.map((r) => r.remainingFace.toFixed(4))).toEqual(['66.6667', '33.3333', '0.0000']);
    expect(rows.map((r) => r.interest.toFixed(4))).toEqual(['0.3333', '0.3333', '0.3333']);
    expect(rows[1]!.total.toFixed(4)).toBe('33.6667');
  });

  it('rounds half up: 1 fen on a face of 2,000 yuan is 0.0005; on 20,000 yuan 0.00005 → 0.0001; a fen more of face → 0.0000', () => {
    expect(perHundred([row(1, 1, 0, 200_000)], 200_000 as Money)[0]!.interest.toFixed(4)).toBe('0.0005');
    expect(perHundred([row(1, 1, 0, 2_000_000)], 2_000_000 as Money)[0]!.interest.toFixed(4)).toBe('0.0001');
    expect(perHundred([row(1, 1, 0, 2_000_001)], 2_000_001 as Money)[0]!.interest.toFixed(4)).toBe('0.0000');
  });

  it('skips dates after the tranche is retired and nothing is paid', () => {
    const rows = perHundred([row(1, 0, 10000, 10000), row(2, 0, 0, 0)], 10000 as Money);
    expect(rows).toHaveLength(1);
  });

  it('principal always sums to 100.0000 when the face is repaid, whatever the split', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1e9 }), { minLength: 1, maxLength: 40 }), (parts) => {
        const face = parts.reduce((a, b) => a + b, 0);
        fc.pre(face > 0);
        let left = face;
        const rows = perHundred(
          parts.map((p, i) => {
            const r = row(i + 1, 0, p, left);
            left -= p;
            return r;
          }),
          face as Money,
        );
        const total = rows.reduce((a, r) => a + Number(r.principal.toFixed(4).replace('.', '')), 0);
        expect(total).toBe(1_000_000);
        expect(rows[rows.length - 1]!.remainingFace.toFixed(4)).toBe('0.0000');
      }),
    );
  });
});
