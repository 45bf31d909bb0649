/**
 * Break-even default rates (临界违约率): at the rate reported the tranche is repaid in full, one
 * basis point above it is not (unless the rate is 100%), and the rate lies on the 0.01 bp grid.
 * The implied rating compares the lowest break-even with multiplier × base rate.
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { atDefaultRate, breakeven, BREAKEVEN_TOLERANCE, DEFAULT_MULTIPLIERS, impliedRating, parseMultipliers, repaidInFull } from '../../src/stress/breakeven.js';
import { baseScenario } from '../../src/stress/scenarios.js';
import { presetScenarios } from '../../src/stress/preset.js';
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
              // Not repaid even without defaults (failing at 0): reported as 0.
              expect(repaidInFull(prepared, t.id, atDefaultRate(scenario, be.rate)), `repaid at ${be.rate}`).toBe(be.failsAt !== 0);
              if (be.rate < 1) {
                expect(repaidInFull(prepared, t.id, atDefaultRate(scenario, be.rate + 0.0001)), `not repaid at ${be.rate} + 1 bp`).toBe(false);
                // The bisection bracket: it failed at failsAt, within 0.01 bp of the rate.
                expect(be.failsAt).toBeDefined();
                if (be.failsAt !== 0) expect(be.failsAt! - be.rate).toBeGreaterThan(0);
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
    // Without it: 28.1579% with principal by the legal maturity (none given: the last payment
    // date, 2024-08-26), 10.5912% by the expected maturity 2023-08-26; the subordinate (expected
    // maturity = the last date, so both bases agree) 39.1862% with support, 23.6284% without.
    expect(breakeven(prepared, 'A', { ...base, externalSupport: false }, { basis: 'legal' }).rate).toBe(0.281579);
    expect(breakeven(prepared, 'A', { ...base, externalSupport: false }, { basis: 'expected' }).rate).toBe(0.105912);
    expect(breakeven(prepared, 'A', { ...base, externalSupport: false }).rate).toBe(0.105912);
    expect(breakeven(prepared, 'B', base, { basis: 'legal' }).rate).toBe(0.391862);
    expect(breakeven(prepared, 'B', base).rate).toBe(0.391862);
    expect(breakeven(prepared, 'B', { ...base, externalSupport: false }).rate).toBe(0.236284);
  });
});

describe('impliedRating', () => {
  it('takes the highest grade whose TDR = multiple × base rate does not exceed the break-even', () => {
    // Base rate 5% (广开专利): TDRs AAA 25%, AA+ 21.65%, AA 20%, … BBB+ 11.65%, … B- 5.85%.
    // 28.1579% ≥ 25% → AAA.
    expect(impliedRating(0.281579, 0.05)).toEqual({ grade: 'AAA', tdr: 5.0 * 0.05 });
    // 23.6284%: below 25%, at least 21.65% → AA+, TDR 4.33 × 5%.
    const aa = impliedRating(0.236284, 0.05)!;
    expect(aa.grade).toBe('AA+');
    expect(aa.tdr).toBeCloseTo(0.2165, 12);
    // Base rate 3% (高新投): the lowest TDR is B- 1.17 × 3% = 3.51%; 2.1726% is below it → no grade.
    expect(impliedRating(0.021726, 0.03)).toBeUndefined();
    // 7% ≥ 6.99% (BBB+ 2.33 × 3%) but < 8.01% (A- 2.67 × 3%) → BBB+.
    expect(impliedRating(0.07, 0.03)?.grade).toBe('BBB+');
    // 4% ≥ 3.99% (B+ 1.33 × 3%) → B+.
    expect(impliedRating(0.04, 0.03)?.grade).toBe('B+');
    // A TDR above 100% is 100%: a tranche paid when the whole pool defaults earns AAA at any base rate.
    expect(impliedRating(1, 0.3)?.grade).toBe('AAA');
  });

  it('counts a break-even exactly at a TDR as meeting it (3 × 0.05 is 0.15000000000000002 in floating point)', () => {
    expect(3 * 0.05).not.toBe(0.15);
    expect(impliedRating(0.15, 0.05)?.grade).toBe('A');
    expect(impliedRating(0.25, 0.05)?.grade).toBe('AAA');
    expect(impliedRating(0.0584999, 0.05)).toBeUndefined();
  });

  it('has the per-notch scale by default (src/stress/ratingScale.ts), and --multipliers takes others in any order', () => {
    expect(DEFAULT_MULTIPLIERS.map((m) => `${m.grade}=${m.multiplier}`).join(',')).toBe(
      'AAA=5,AA+=4.33,AA=4,AA-=3.67,A+=3.33,A=3,A-=2.67,BBB+=2.33,BBB=2,BBB-=1.83,BB+=1.67,BB=1.5,BB-=1.42,B+=1.33,B=1.25,B-=1.17',
    );
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

  it('is what `ipabs breakeven --format json` prints for the lowest break-even of each tranche, on both bases', async () => {
    const { code, out } = await runCli(['breakeven', 'deals/guangkai-patent-license.json', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { sections: Record<string, { rows: Record<string, string>[]; values: Record<string, string | null> }>; notes: string[] };
    // Headline, principal by the expected maturity (A 2023-08-26): A 100% with support → AAA
    // (20×); 10.5912% without → 2.11824× → BBB (≥ 2, < 2.33). Beside it, by the legal maturity
    // (none given: the last payment date 2024-08-26): 28.1579% → 5.63158× → AAA (≥ 5).
    // B (expected maturity = the last date, both bases alike): 39.1862% → AAA; 23.6284% → 4.72568× → AA+.
    expect(json.sections['ratings']!.rows).toEqual([
      {
        tranche: '优先级资产支持证券',
        minWith: '1',
        multipleWith: '20',
        gradeWith: 'AAA',
        minWithout: '0.105912',
        multipleWithout: '2.11824',
        gradeWithout: 'BBB',
        minWithLegal: '1',
        multipleWithLegal: '20',
        gradeWithLegal: 'AAA',
        minWithoutLegal: '0.281579',
        multipleWithoutLegal: '5.63158',
        gradeWithoutLegal: 'AAA',
      },
      {
        tranche: '次级资产支持证券',
        minWith: '0.391862',
        multipleWith: '7.83724',
        gradeWith: 'AAA',
        minWithout: '0.236284',
        multipleWithout: '4.72568',
        gradeWithout: 'AA+',
        minWithLegal: '0.391862',
        multipleWithLegal: '7.83724',
        gradeWithLegal: 'AAA',
        minWithoutLegal: '0.236284',
        multipleWithoutLegal: '4.72568',
        gradeWithoutLegal: 'AA+',
      },
    ]);
    expect(json.sections['basis']!.values).toEqual({ principalBy: 'expected', alsoBy: 'legal' });
    // Neither tranche has a legal maturity: the fallback is said.
    expect(json.notes).toHaveLength(3);
    expect(json.notes[0]).toMatch(/未设法定到期日.*2024-08-26/);
    // The rating scale is named: the built-in one is an assumption.
    expect(json.notes[2]).toMatch(/^目标违约率 = 评级量表倍数 × 基准累计违约率；评级量表：assumption: ipabs default/);
  });

  it('--principal-by legal gives the legal basis alone (the figures before bases were added)', async () => {
    const { code, out } = await runCli(['breakeven', 'deals/guangkai-patent-license.json', '--principal-by', 'legal', '--format', 'json']);
    expect(code).toBe(0);
    const json = JSON.parse(out) as { sections: Record<string, { rows: Record<string, string>[]; values: Record<string, string | null> }> };
    expect(json.sections['ratings']!.rows[0]).toEqual({ tranche: '优先级资产支持证券', minWith: '1', multipleWith: '20', gradeWith: 'AAA', minWithout: '0.281579', multipleWithout: '5.63158', gradeWithout: 'AAA' });
    expect(json.sections['basis']!.values).toEqual({ principalBy: 'legal', alsoBy: null });
    const bad = await runCli(['breakeven', 'deals/guangkai-patent-license.json', '--principal-by', 'late']);
    expect(bad.code).toBe(2);
    expect(bad.err).toMatch(/--principal-by "late": give expected .* or legal/);
  });
});
