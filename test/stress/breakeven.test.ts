/**
 * Break-even default rates (临界违约率): at the rate reported the tranche is repaid in full, one
 * basis point above it is not (unless the rate is 100%), and the rate lies on the 0.01 bp grid.
 * The implied rating compares the lowest break-even with multiplier × base rate.
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atDefaultRate, breakeven, BREAKEVEN_TOLERANCE, DEFAULT_MULTIPLIERS, impliedRating, parseMultipliers, repaidInFull } from '../../src/stress/breakeven.js';
import { baseScenario, presetScenarios } from '../../src/stress/scenarios.js';
import { runCli, sampleDeals } from '../helpers.js';
import { sample } from './fixtures.js';

/** On the 0.01 bp grid: a whole number of millionths, written with at most six decimals. */
function onGrid(rate: number): boolean {
  const millionths = rate / BREAKEVEN_TOLERANCE;
  return Math.abs(millionths - Math.round(millionths)) < 1e-6 && Number(rate.toFixed(6)) === rate;
}

describe('breakeven', () => {
  for (const file of sampleDeals()) {
    describe(basename(file), () => {
      const { deal, prepared } = sample(file);
      // The base case, and the harshest cn-standard stress (recovery zero, front-loaded 20%,
      // spread compression 50bp, 30% of recoveries delayed 6 months).
      const base = baseScenario(deal);
      const preset = presetScenarios('cn-standard', deal, base);
      const scenarios = [
        { name: 'base', scenario: base },
        { name: 'harshest cn-standard', scenario: preset[preset.length - 1]!.scenario },
      ];
      for (const t of deal.spec.tranches) {
        for (const support of [true, false]) {
          for (const s of scenarios) {
            it(`${t.id}, ${support ? 'with' : 'without'} external support, ${s.name}: repaid at the rate, not 1 bp above`, () => {
              const scenario = { ...s.scenario, externalSupport: support };
              const be = breakeven(prepared, t.id, scenario);
              expect(be.rate).toBeGreaterThanOrEqual(0);
              expect(be.rate).toBeLessThanOrEqual(1);
              expect(onGrid(be.rate), `${be.rate} on the 0.01 bp grid`).toBe(true);
              expect(repaidInFull(prepared, t.id, atDefaultRate(scenario, be.rate)), `repaid at ${be.rate}`).toBe(true);
              if (be.rate < 1) {
                expect(repaidInFull(prepared, t.id, atDefaultRate(scenario, be.rate + 0.0001)), `not repaid at ${be.rate} + 1 bp`).toBe(false);
                // The bisection bracket: it failed at failsAt, within 0.01 bp of the rate.
                expect(be.failsAt).toBeDefined();
                expect(be.failsAt! - be.rate).toBeGreaterThan(0);
                expect(be.failsAt! - be.rate).toBeLessThanOrEqual(2 * BREAKEVEN_TOLERANCE);
                expect(repaidInFull(prepared, t.id, atDefaultRate(scenario, be.failsAt!))).toBe(false);
              } else {
                expect(be.failsAt).toBeUndefined();
              }
            });
          }
        }
      }
    });
  }

  it('reports a tranche that loses even without defaults as 0, failing at 0', () => {
    // 广开专利 A without support, its coupon raised by 10000bp (to 104%): the pool cannot pay
    // that interest whatever the defaults, so the first run (at 0%) fails and the search stops.
    const { deal, prepared } = sample('deals/guangkai-patent-license.json');
    const scenario = { ...baseScenario(deal), externalSupport: false, spreadCompressionBp: 10000 };
    expect(repaidInFull(prepared, 'A', atDefaultRate(scenario, 0))).toBe(false);
    expect(breakeven(prepared, 'A', scenario)).toEqual({ rate: 0, failsAt: 0, realized: 0, runs: 1 });
  });

  it('pins the break-even rates of 广开专利 (base case, 5% cumulative, 20% recovery, lag 4)', () => {
    const { deal, prepared } = sample('deals/guangkai-patent-license.json');
    const base = baseScenario(deal);
    // With the undertaking the senior survives even a 100% rate (bisection stops after 2 runs, a
    // third measures what that rate really defaults: spread evenly over an amortising pool, the
    // later shares find too little balance left, so about 64.8% of the pool defaults).
    const all = breakeven(prepared, 'A', base);
    expect(all).toMatchObject({ rate: 1, runs: 3 });
    expect(all.realized).toBeGreaterThan(0.64);
    expect(all.realized).toBeLessThan(0.65);
    // Without it: 28.1579%; the subordinate 39.1862% with support, 23.6284% without.
    expect(breakeven(prepared, 'A', { ...base, externalSupport: false }).rate).toBe(0.281579);
    expect(breakeven(prepared, 'B', base).rate).toBe(0.391862);
    expect(breakeven(prepared, 'B', { ...base, externalSupport: false }).rate).toBe(0.236284);
  });
});

describe('impliedRating', () => {
  it('takes the highest grade whose TDR = multiplier × base rate does not exceed the break-even', () => {
    // Base rate 5% (广开专利): TDRs AAA 25%, AA 20.5%, A 15%, BBB 11.5%, BB 6%.
    // 28.1579% ≥ 25% → AAA.
    expect(impliedRating(0.281579, 0.05)).toEqual({ grade: 'AAA', tdr: 5.0 * 0.05 });
    // 23.6284%: below 25%, at least 20.5% → AA, TDR 4.1 × 5% = 20.5%.
    const aa = impliedRating(0.236284, 0.05)!;
    expect(aa.grade).toBe('AA');
    expect(aa.tdr).toBeCloseTo(0.205, 12);
    // Base rate 3% (高新投): TDRs 15%, 12.3%, 9%, 6.9%, 3.6%. 2.1726% is below 3.6% → no grade.
    expect(impliedRating(0.021726, 0.03)).toBeUndefined();
    // 7% ≥ 6.9% (2.3 × 3%) but < 9% → BBB.
    expect(impliedRating(0.07, 0.03)?.grade).toBe('BBB');
    // 4% ≥ 3.6% (1.2 × 3%) → BB.
    expect(impliedRating(0.04, 0.03)?.grade).toBe('BB');
  });

  it('counts a break-even exactly at a TDR as meeting it (3 × 0.05 is 0.15000000000000002 in floating point)', () => {
    expect(3 * 0.05).not.toBe(0.15);
    expect(impliedRating(0.15, 0.05)?.grade).toBe('A');
    expect(impliedRating(0.25, 0.05)?.grade).toBe('AAA');
    expect(impliedRating(0.0599999, 0.05)).toBeUndefined();
  });

  it('has the default multipliers AAA 5.0, AA 4.1, A 3.0, BBB 2.3, BB 1.2, and accepts others in any order', () => {
    expect(DEFAULT_MULTIPLIERS.map((m) => [m.grade, m.multiplier])).toEqual([
      ['AAA', 5.0],
      ['AA', 4.1],
      ['A', 3.0],
      ['BBB', 2.3],
      ['BB', 1.2],
    ]);
    const custom = parseMultipliers('BB=1, AAA = 4, A=2');
    expect(custom).toEqual([
      { grade: 'BB', multiplier: 1 },
      { grade: 'AAA', multiplier: 4 },
      { grade: 'A', multiplier: 2 },
    ]);
    // 10% base: TDRs AAA 40%, A 20%, BB 10%.
    expect(impliedRating(0.3, 0.1, custom)).toEqual({ grade: 'A', tdr: 0.2 });
    expect(() => parseMultipliers('AAA:5')).toThrow(/GRADE=MULTIPLIER/);
  });

  it('is what `ipabs breakeven --format json` prints for the lowest break-even of each tranche', async () => {
    const { code, out } = await runCli(['breakeven', 'deals/guangkai-patent-license.json', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { sections: Record<string, { rows: Record<string, string>[] }> };
    // A: 100% with support → AAA; 28.1579% without → AAA (≥ 25%).
    // B: 39.1862% with support → AAA; 23.6284% without → AA (≥ 20.5%, < 25%).
    expect(json.sections['ratings']!.rows).toEqual([
      { tranche: '优先级资产支持证券', minWith: '1', gradeWith: 'AAA', minWithout: '0.281579', gradeWithout: 'AAA' },
      { tranche: '次级资产支持证券', minWith: '0.391862', gradeWith: 'AAA', minWithout: '0.236284', gradeWithout: 'AA' },
    ]);
  });
});
