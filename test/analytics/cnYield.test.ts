/** Hand-computed checks of the PBoC 2007 yield convention (src/analytics/cnYield.ts). */
import { describe, expect, it } from 'vitest';
import { fullPriceAtYield, riskMeasures, solveDecreasing, yieldFromFullPrice, yieldMethod, type BondFlows } from '../../src/analytics/cnYield.js';

/** A bullet bond paying coupon/f each quarter: n payments left, d days to the next of a TS-day period. */
function quarterly(coupon: number, n: number, d: number, ts: number): BondFlows {
  const c = (100 * coupon) / 4;
  const amounts = Array.from({ length: n }, (_, i) => (i === n - 1 ? 100 + c : c));
  return { amounts, offsets: amounts.map((_, i) => i), frequency: 4, daysToNext: d, periodDays: ts, daysToPayment: 0, yearDays: 365 };
}

describe('PBoC 2007: more than one payment left, compounded at the coupon frequency', () => {
  it('a 2-year quarterly 4% bond settled on a coupon date is priced at par to the cent at 4%, and 100 gives back 4%', () => {
    const bond = quarterly(0.04, 8, 91, 91);
    expect(yieldMethod(bond)).toBe('compound');
    // Σ 1/1.01^i (i = 1…8) + 100/1.01^8 = 100 exactly: a par bond.
    expect(Math.round(fullPriceAtYield(bond, 0.04) * 100) / 100).toBe(100);
    expect(fullPriceAtYield(bond, 0.04)).toBeCloseTo(100, 10);
    expect(yieldFromFullPrice(bond, 100)).toBeCloseTo(0.04, 10);
  });

  it('its Macaulay duration is (1 + r)/r × (1 − (1 + r)^−n) periods, modified = Macaulay/(1 + y/f)', () => {
    const r = 0.01;
    const periods = ((1 + r) / r) * (1 - Math.pow(1 + r, -8));
    const m = riskMeasures(quarterly(0.04, 8, 91, 91), 0.04)!;
    expect(m.macaulay).toBeCloseTo(periods / 4, 10); // 1.93205 years
    expect(m.macaulay).toBeCloseTo(1.932049, 6);
    expect(m.modified).toBeCloseTo(m.macaulay / 1.01, 10);
  });

  it('convexity is P″/P: it matches a central second difference of the price', () => {
    const bond = quarterly(0.05, 8, 40, 92);
    const h = 1e-4;
    const p = fullPriceAtYield(bond, 0.04);
    const second = (fullPriceAtYield(bond, 0.04 + h) - 2 * p + fullPriceAtYield(bond, 0.04 - h)) / (h * h) / p;
    const first = -(fullPriceAtYield(bond, 0.04 + h) - fullPriceAtYield(bond, 0.04 - h)) / (2 * h) / p;
    const m = riskMeasures(bond, 0.04)!;
    expect(m.convexity).toBeCloseTo(second, 3);
    expect(m.modified).toBeCloseTo(first, 6);
  });

  it('between coupon dates the first period is d/TS: 61 of 91 days left', () => {
    const bond = quarterly(0.04, 8, 61, 91);
    let hand = 0;
    for (let i = 0; i < 8; i++) hand += (i === 7 ? 101 : 1) / Math.pow(1.01, 61 / 91 + i);
    expect(fullPriceAtYield(bond, 0.04)).toBeCloseTo(hand, 10);
    // The full price then is par grown by 30 of 91 days at 1% a quarter: 100 × 1.01^(30/91).
    expect(hand).toBeCloseTo(100 * Math.pow(1.01, 30 / 91), 10);
    expect(hand).toBeCloseTo(100.3286, 4);
  });
});

describe('PBoC 2007: one payment left', () => {
  it('a bond in its last period is priced with simple interest: 101 / (1 + 4% × 45/365)', () => {
    const bond: BondFlows = { amounts: [101], offsets: [0], frequency: 4, daysToNext: 45, periodDays: 91, daysToPayment: 45, yearDays: 365 };
    expect(yieldMethod(bond)).toBe('simple');
    const hand = 101 / (1 + (0.04 * 45) / 365); // 100.50437…
    expect(fullPriceAtYield(bond, 0.04)).toBeCloseTo(hand, 10);
    expect(Math.round(hand * 10000) / 10000).toBe(100.5044);
    // y = (FV − PV)/PV ÷ (D/TY)
    expect(yieldFromFullPrice(bond, 100)).toBeCloseTo((1 / 100) / (45 / 365), 10);
    const m = riskMeasures(bond, 0.04)!;
    expect(m.macaulay).toBeCloseTo(45 / 365, 12);
    expect(m.modified).toBeCloseTo(45 / 365 / (1 + (0.04 * 45) / 365), 12);
  });

  it('a single payment more than a year away compounds annually: FV / (1 + y)^(D/TY)', () => {
    const bond: BondFlows = { amounts: [120], offsets: [7], frequency: 4, daysToNext: 30, periodDays: 91, daysToPayment: 700, yearDays: 366 };
    expect(yieldMethod(bond)).toBe('annual');
    expect(fullPriceAtYield(bond, 0.05)).toBeCloseTo(120 / Math.pow(1.05, 700 / 366), 10);
    expect(yieldFromFullPrice(bond, 100)).toBeCloseTo(Math.pow(1.2, 366 / 700) - 1, 10);
  });
});

describe('the solver', () => {
  it('is deterministic and exact to its tolerance; no root in range gives undefined', () => {
    const bond = quarterly(0.04, 8, 61, 91);
    const a = yieldFromFullPrice(bond, 98.5)!;
    expect(yieldFromFullPrice(bond, 98.5)).toBe(a);
    expect(fullPriceAtYield(bond, a)).toBeCloseTo(98.5, 8);
    expect(yieldFromFullPrice(bond, 0)).toBeUndefined();
    expect(yieldFromFullPrice(bond, 1e100)).toBeUndefined();
    expect(solveDecreasing((x) => 1 - x, 2, 3)).toBeUndefined();
  });
});
