/** A guarantor that pays after a delay pays the interest the loan missed until then. */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateDeal } from '../../src/io/loadDeal.js';
import { runDeal } from './inYuan.js';
import { Scenario } from '../../src/scenario/schema.js';
import { ZERO } from '../../src/util/money.js';

describe('loan guarantee with a delay', () => {
  it('pays L01’s principal and the interest of the default quarter and the next', () => {
    const input = JSON.parse(readFileSync('deals/gaoxintou-ip-2.json', 'utf8'));
    input.supports[0].delayPeriods = 1;
    const readTape = (p: string) => ({ bytes: readFileSync(`deals/${p}`), diagnostics: [] });
    const { deal } = validateDeal(input, 'deal.json', readTape);
    const r = runDeal(deal!, Scenario.parse({ defaults: [{ obligor: '借款人01', period: 2 }] }));
    // L01: 40,000,000 at 5% ACT/365F, quarterly from 2021-01-18. It defaults in period 2:
    //   interest 04-18 → 07-18, 91 days: 40,000,000 × 5% × 91/365 = 498,630.14 (missed)
    //   interest 07-18 → 10-18, 92 days: 40,000,000 × 5% × 92/365 = 504,109.589… → 504,109.59
    // The guarantor pays a period later, on the 3rd date: 40,000,000 + 498,630.14 + 504,109.59.
    const g = r.supports.find((s) => s.id === 'guarantee')!;
    expect(g.draws.map((d) => [d.period, d.amount.toFixed(2)])).toEqual([[3, '41002739.73']]);
    expect(r.tranches.every((t) => t.summary.loss.isZero())).toBe(true);
    expect(r.checks.conservation).toBe(true);
    // The closing and 4 payment dates proven; in: what the pool paid and what the supports paid
    // (the guarantor's 41,002,739.73 and the undertaking's draws).
    expect([r.checks.periodsChecked, r.checks.largestDifference.toFixed(2)]).toEqual([5, '0.00']);
    const pool = r.pool.periods.reduce((a, p) => a.plus(p.principal).plus(p.interest).plus(p.recoveries).plus(p.compensation).plus(p.callProceeds), r.checks.fundedAtClosing);
    const supports = r.supports.reduce((a, s) => a.plus(s.totalDrawn), ZERO);
    expect(r.checks.cashIn.toFixed(2)).toBe(pool.plus(supports).toFixed(2));
    expect(r.checks.cashIn.eq(r.checks.cashOut.plus(r.checks.held))).toBe(true);
  });
});
