import { describe, expect, it } from 'vitest';
import { baseScenario } from '../../src/stress/scenarios.js';
import { atDefaultRate, repaidInFull } from '../../src/stress/breakeven.js';
import { DEFAULT_RATING_SCALE, notchOf } from '../../src/stress/ratingScale.js';
import { sizeTranches, structureOf, withBalances, type SizeOptions } from '../../src/stress/size.js';
import { fen, type Money } from '../../src/util/fen.js';
import { Decimal } from '../../src/util/money.js';
import { handDeal } from './fixtures.js';

const STEP = fen(100_000_000); // 100万元 in fen
const yuan = (m: Money) => m / 100;

function options(deal: ReturnType<typeof handDeal>['deal']): SizeOptions {
  return { scale: DEFAULT_RATING_SCALE, baseRate: new Decimal('0.05'), scenario: baseScenario(deal), step: STEP, basis: 'expected' };
}

describe('sizeTranches on a deal sized by hand', () => {
  it('sizes the senior to 7,500万: paid in full at the AAA TDR of 25%; at 7,600万 it is not', () => {
    const { deal, prepared } = handDeal();
    const o = options(deal);
    const r = sizeTranches(prepared, [{ tranche: 'A', notch: notchOf(DEFAULT_RATING_SCALE, 'AAA', 'test') }], o);
    expect(r.tranches.map((t) => yuan(t.after))).toEqual([75_000_000, 25_000_000]);
    expect(r.tranches[0]!.limitedBy).toBe('target');
    expect(r.tranches[0]!.tdr!.toString()).toBe('0.25');
    // The issue size is kept.
    expect(r.tranches[0]!.after + r.tranches[1]!.after).toBe(r.tranches[0]!.before + r.tranches[1]!.before);
    // At the target: 25% defaults leave 75,000,000 for a 75,000,000 senior; one step larger fails.
    const at25 = atDefaultRate(o.scenario, 0.25);
    expect(repaidInFull(withBalances(prepared, [fen(7_500_000_000), fen(2_500_000_000)]), 'A', at25)).toBe(true);
    expect(repaidInFull(withBalances(prepared, [fen(7_600_000_000), fen(2_400_000_000)]), 'A', at25)).toBe(false);
    // Bisection on 1…98 steps: a handful of runs, not 98.
    expect(r.runs).toBeLessThanOrEqual(9);
  });

  it('reports the resized senior’s break-even exactly at its TDR, 5.00×, AAA', () => {
    const { deal, prepared } = handDeal();
    const o = options(deal);
    const r = sizeTranches(prepared, [{ tranche: 'A', notch: notchOf(DEFAULT_RATING_SCALE, 'AAA', 'test') }], o);
    const rows = structureOf(withBalances(prepared, r.tranches.map((t) => t.after)), r, o);
    expect(rows[0]!.withSupport.rate).toBe(0.25);
    expect(rows[0]!.withSupport.multiple!.toString()).toBe('5');
    expect(rows[0]!.withSupport.grade!.grade).toBe('AAA');
    expect(rows[0]!.subordination.toString()).toBe('0.25');
    expect(rows[0]!.share.toString()).toBe('0.75');
  });

  it('sizes to AA- (3.67 × 5% = 18.35%): 8,100万 (18,350,000 of losses leave 81,650,000)', () => {
    const { deal, prepared } = handDeal();
    const r = sizeTranches(prepared, [{ tranche: 'A', notch: notchOf(DEFAULT_RATING_SCALE, 'AA−', 'test') }], options(deal));
    expect(yuan(r.tranches[0]!.after)).toBe(81_000_000);
  });

  it('sizes to AA- on a 5万 step to exactly 8,165万, and reads its break-even as the TDR 18.35% itself', () => {
    // 18.35% is no dyadic fraction: bisection alone stops at 18.3499…% (0.01 bp below), which
    // would read A+. The TDR inside the last bracket is run as it is: paid → 18.35%, AA-.
    const { deal, prepared } = handDeal();
    const o = { ...options(deal), step: fen(5_000_000) };
    const r = sizeTranches(prepared, [{ tranche: 'A', notch: notchOf(DEFAULT_RATING_SCALE, 'AA-', 'test') }], o);
    expect(yuan(r.tranches[0]!.after)).toBe(81_650_000);
    const rows = structureOf(withBalances(prepared, r.tranches.map((t) => t.after)), r, o);
    expect(rows[0]!.withSupport.rate).toBe(0.1835);
    expect(rows[0]!.withSupport.multiple!.toString()).toBe('3.67');
    expect(rows[0]!.withSupport.grade!.grade).toBe('AA-');
    expect(rows[0]!.withSupport.failsAt!).toBeLessThanOrEqual(0.1835 + 1e-6);
  });
});

describe('sizing over a preset of stresses', () => {
  it('finds the lowest break-even over the scenarios, searching only those that fail at the lowest so far', async () => {
    const { mustLoad } = await import('../stress/fixtures.js');
    const { presetScenarios } = await import('../../src/stress/preset.js');
    const { gradedBreakeven, lowestGradedBreakeven } = await import('../../src/stress/grade.js');
    const { prepareDeal } = await import('../../src/engine/run.js');
    const deal = mustLoad('test/size/three-tranche.json');
    const prepared = prepareDeal(deal);
    const scenarios = presetScenarios('cn-standard', deal, baseScenario(deal)).map((n) => n.scenario);
    const g = { scale: DEFAULT_RATING_SCALE, baseRate: new Decimal('0.04'), basis: 'expected' as const };
    const each = scenarios.map((s) => gradedBreakeven(prepared, 'A', s, g));
    const lowest = lowestGradedBreakeven(prepared, 'A', scenarios, g);
    expect(lowest.rate).toBe(Math.min(...each.map((b) => b.rate)));
    expect(each[lowest.scenario]!.rate).toBe(lowest.rate);
    // Fewer runs than searching all 17.
    expect(lowest.runs).toBeLessThan(each.reduce((a, b) => a + b.runs, 0));
    // Sizing A to AAA over the preset: no larger than on the base case alone, and AAA in each scenario.
    const target = [{ tranche: 'A', notch: notchOf(DEFAULT_RATING_SCALE, 'AAA', 'test') }];
    const o = { scale: DEFAULT_RATING_SCALE, baseRate: new Decimal('0.04'), scenario: baseScenario(deal), step: STEP, basis: 'expected' as const };
    const alone = sizeTranches(prepared, target, o);
    const preset = sizeTranches(prepared, target, { ...o, scenarios });
    expect(preset.tranches[0]!.after).toBeLessThanOrEqual(alone.tranches[0]!.after);
    const sized = withBalances(prepared, preset.tranches.map((t) => t.after));
    for (const s of scenarios) expect(repaidInFull(sized, 'A', atDefaultRate(s, 0.2))).toBe(true);
  });
});
