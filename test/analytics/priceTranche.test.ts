/** Price ↔ yield of a tranche on a date, hand-computed (src/analytics/priceTranche.ts). */
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/util/money.js';
import type { Money } from '../../src/util/fen.js';
import { addMonths } from '../../src/dates/date.js';
import { priceTranche, type PricedTranche, type PriceRequest } from '../../src/analytics/priceTranche.js';
import { curveRate } from '../../src/analytics/curve.js';

const CLOSING = '2024-01-15';
const FACE = 1_000_000; // fen: 10,000 yuan

/** A 2-year bond paying 1% of face each quarter (4% a year, quarterly) and its face at the end. */
function bond(): PricedTranche {
  const periods = Array.from({ length: 8 }, (_, k) => {
    const last = k === 7;
    return {
      nominalDate: addMonths(CLOSING, 3 * (k + 1)),
      date: addMonths(CLOSING, 3 * (k + 1)),
      interestPaid: (FACE / 100) as Money,
      principalPaid: (last ? FACE : 0) as Money,
      residualPaid: 0 as Money,
      beginBalance: FACE as Money,
      endBalance: (last ? 0 : FACE) as Money,
    };
  });
  return { periods, balance: FACE as Money, coupon: new Decimal('0.04'), dayCount: 'ACT/365F', expectedMaturity: addMonths(CLOSING, 24) };
}

const price = (req: Partial<PriceRequest> & Pick<PriceRequest, 'quote'>, t = bond()) => {
  const out = priceTranche(t, { closing: CLOSING, settlement: CLOSING, to: 'expected', ...req });
  if ('error' in out) throw new Error(out.error);
  return out.result;
};

describe('a 2-year quarterly 4% bond', () => {
  it('is priced at par to the cent at 4% on its issue date, and par gives back 4%', () => {
    const r = price({ quote: { kind: 'yield', value: 0.04 } });
    expect(r.method).toBe('compound');
    expect(r.frequency).toBe(4);
    expect(r.fullPrice.toFixed(2)).toBe('100.00');
    expect(r.accrued).toBe(0);
    expect(r.cleanPrice.toFixed(2)).toBe('100.00');
    expect(price({ quote: { kind: 'clean', value: 100 } }).yield).toBeCloseTo(0.04, 10);
  });

  it('on a coupon date a year on it is still par at 4%, with 4 payments per 100 of face left', () => {
    const r = price({ settlement: addMonths(CLOSING, 12), quote: { kind: 'yield', value: 0.04 } });
    expect(r.flows).toHaveLength(4);
    expect(r.fullPrice.toFixed(2)).toBe('100.00');
  });

  it('between coupon dates: full = Σ CF/(1.01)^(d/TS + i − 1), accrued = 4% × days/365, clean = full − accrued', () => {
    // 2024-05-15: 31 days after the coupon of 2024-04-15; the period to 2024-07-15 has 91 days.
    const r = price({ settlement: '2024-05-15', quote: { kind: 'yield', value: 0.04 } });
    let hand = 0;
    for (let i = 0; i < 7; i++) hand += (i === 6 ? 101 : 1) / Math.pow(1.01, 61 / 91 + i);
    expect(r.fullPrice).toBeCloseTo(hand, 10);
    expect(r.accrued).toBeCloseTo((4 * 30) / 365, 12);
    expect(r.cleanPrice).toBeCloseTo(hand - (4 * 30) / 365, 10);
  });

  it('in its last period is priced with simple interest: 101 / (1 + y × D/365)', () => {
    // 2025-11-30: 46 days before the last payment on 2026-01-15; the interest year from 2025-01-15 has 365 days.
    const r = price({ settlement: '2025-11-30', quote: { kind: 'yield', value: 0.05 } });
    expect(r.method).toBe('simple');
    expect(r.fullPrice).toBeCloseTo(101 / (1 + (0.05 * 46) / 365), 10);
    expect(r.fullPrice.toFixed(4)).toBe('100.3675');
    expect(r.macaulay).toBeCloseTo(46 / 365, 12);
    const back = price({ settlement: '2025-11-30', quote: { kind: 'full', value: 101 / (1 + (0.05 * 46) / 365) } });
    expect(back.yield).toBeCloseTo(0.05, 10);
  });

  it('over a flat 3% curve plus 100 bp it is priced as at a 4% yield, and the spread solved back is 100 bp', () => {
    const curve = [{ tenor: 1, rate: 0.03 }];
    const r = price({ settlement: '2024-05-15', quote: { kind: 'spread', bp: 100 }, curve });
    expect(r.fullPrice).toBeCloseTo(price({ settlement: '2024-05-15', quote: { kind: 'yield', value: 0.04 } }).fullPrice, 10);
    expect(r.yield).toBeCloseTo(0.04, 10);
    expect(price({ settlement: '2024-05-15', quote: { kind: 'full', value: r.fullPrice }, curve }).spreadBp).toBeCloseTo(100, 6);
  });

  it('refuses a date before the closing, on or after the maturity, and names it', () => {
    const t = bond();
    const at = (settlement: string, to: 'expected' | 'legal' = 'expected') => priceTranche(t, { closing: CLOSING, settlement, to, quote: { kind: 'yield', value: 0.04 } });
    expect(at('2024-01-14')).toEqual({ error: '--date 2024-01-14 is before the closing date 2024-01-15' });
    expect(at('2026-01-15')).toMatchObject({ error: expect.stringContaining('on or after the expected maturity 2026-01-15') });
    expect(at('2026-02-01', 'legal')).toMatchObject({ error: expect.stringContaining('nothing is outstanding or paid after 2026-02-01') });
  });
});

describe('to the expected maturity', () => {
  it('takes what is still owed at the expected maturity as repaid then', () => {
    const t = bond();
    t.expectedMaturity = addMonths(CLOSING, 12);
    const r = price({ quote: { kind: 'yield', value: 0.04 } }, t);
    expect(r.flows).toHaveLength(4);
    expect(r.flows[3]!.principal).toBe(100);
    expect(r.fullPrice.toFixed(2)).toBe('100.00');
    expect(price({ to: 'legal', quote: { kind: 'yield', value: 0.04 } }, t).flows).toHaveLength(8);
  });
});

describe('a curve', () => {
  it('is linear on tenor and flat beyond its ends', () => {
    const c = [
      { tenor: 1, rate: 0.02 },
      { tenor: 3, rate: 0.03 },
    ];
    expect(curveRate(c, 0.5)).toBe(0.02);
    expect(curveRate(c, 2)).toBeCloseTo(0.025, 15);
    expect(curveRate(c, 10)).toBe(0.03);
  });
});
