import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, Decimal, toFen } from '../../src/util/money.js';
import { allocateFen, decimalOfFen, factor, fen, fmtFen, fromYuan, mulRound, product, toYuan, type Money } from '../../src/util/fen.js';

const amount = fc.oneof(fc.integer({ min: -1e12, max: 1e12 }), fc.integer({ min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }), fc.integer({ min: 0, max: 1000 }));
const rate = fc.oneof(
  fc.integer({ min: 0, max: 2_000_000 }).map((n) => new Decimal(n).div(1_000_000)),
  fc.tuple(fc.integer({ min: 0, max: 400 }), fc.constantFrom(365, 360, 366)).map(([d, y]) => new Decimal(d).div(y)),
  fc.constantFrom(new Decimal(0.5), new Decimal('0.25'), new Decimal(1), new Decimal(0)),
);

describe('Money in fen', () => {
  it('mulRound is exactly the Decimal toFen(yuan × p₁ × p₂ …), ties and huge amounts included', () => {
    fc.assert(
      fc.property(amount, fc.array(rate, { minLength: 0, maxLength: 4 }), (m, parts) => {
        let d = toYuan(m as Money);
        for (const p of parts) d = d.times(p);
        if (toFen(d).times(100).abs().gt(Number.MAX_SAFE_INTEGER)) {
          expect(() => mulRound(m as Money, factor(...parts))).toThrow(/safe range/);
          return;
        }
        expect(fmtFen(mulRound(m as Money, factor(...parts)))).toBe(toFen(d).toFixed(2));
      }),
      { numRuns: 20_000 },
    );
    // Exact half fen, both signs: away from zero as ROUND_HALF_UP.
    expect(mulRound(fen(1), factor(new Decimal('0.5')))).toBe(1);
    expect(mulRound(fen(-1), factor(new Decimal('0.5')))).toBe(-1);
    expect(mulRound(fen(3), factor(new Decimal('0.5')))).toBe(2);
  });

  it('allocateFen is exactly the Decimal allocate, and the parts sum to the total', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -1e9, max: 1e9 }), fc.integer({ min: 0, max: 1e15 })), fc.array(fc.oneof(fc.integer({ min: 0, max: 1e6 }), fc.integer({ min: 0, max: 1e14 })), { minLength: 1, maxLength: 7 }), (t, ws) => {
        if (ws.every((w) => w === 0)) return;
        const parts = allocateFen(t as Money, ws as Money[]);
        const ref = allocate(toYuan(t as Money), ws.map((w) => new Decimal(w)));
        expect(parts.map((p) => fmtFen(p))).toEqual(ref.map((r) => r.toFixed(2)));
        expect(parts.reduce((a, b) => a + b, 0)).toBe(t);
      }),
      { numRuns: 5_000 },
    );
  });

  it('formats and converts as Decimal does', () => {
    fc.assert(
      fc.property(amount, (m) => {
        expect(fmtFen(m as Money)).toBe(toYuan(m as Money).toFixed(2));
        expect(fromYuan(toYuan(m as Money))).toBe(m === 0 ? 0 : m);
      }),
    );
    expect(() => fen(0.5)).toThrow(/safe range/);
    expect(() => fromYuan(new Decimal('0.001'))).toThrow(/whole number of fen/);
  });

  it('fromYuan reads any decimal as the Decimal way does: whole fen, or an error', () => {
    const digits = fc.tuple(fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }), fc.integer({ min: -6, max: 20 }));
    fc.assert(
      fc.property(digits, ([m, exp]) => {
        const yuan = new Decimal(`${m}e${exp - 4}`);
        const f = yuan.times(100);
        if (f.isInteger() && f.abs().lte(Number.MAX_SAFE_INTEGER)) expect(fromYuan(yuan)).toBe(f.isZero() ? 0 : f.toNumber());
        else expect(() => fromYuan(yuan)).toThrow(/whole number of fen|safe range/);
      }),
      { numRuns: 5000 },
    );
    for (const y of ['0', '-0', '0.01', '-0.01', '1234567.89', '90071992547409.91', '-90071992547409.91', '1e-2', '1.5e3', '12000000000000'])
      expect(fromYuan(new Decimal(y))).toBe(new Decimal(y).times(100).toNumber() || 0);
    expect(() => fromYuan(new Decimal('90071992547409.92'))).toThrow(/safe range/);
  });
});

describe('decimalOfFen', () => {
  it('is new Decimal(fmtFen(m)) field by field, and equal in value', () => {
    const check = (m: number) => {
      const got = decimalOfFen(m as Money);
      const want = new Decimal(fmtFen(m as Money));
      expect({ s: got.s, e: got.e, d: got.d }).toEqual({ s: want.s, e: want.e, d: want.d });
      expect(got.toFixed(2)).toBe(fmtFen(m as Money));
    };
    for (const m of [0, 1, -1, 5, 10, 99, 100, 101, 1000, 1e9, 1e9 + 1, 1e9 + 10, 1e9 * 1000, 12345678900, Number.MAX_SAFE_INTEGER, -Number.MAX_SAFE_INTEGER, 100e7, 9e15, 1e15]) check(m);
    fc.assert(fc.property(amount, check), { numRuns: 20_000 });
  });
  it('product multiplies two factors exactly as one', () => {
    fc.assert(
      fc.property(amount, rate, rate, (m, a, b) => {
        if (Math.abs(m) > 1e12) return;
        expect(mulRound(m as Money, product(factor(a), factor(b)))).toBe(mulRound(m as Money, factor(a, b)));
      }),
      { numRuns: 5_000 },
    );
  });
});
