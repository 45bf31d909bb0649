/**
 * Monte Carlo patterns run in the sharing order (src/stress/sharedRuns.ts) against fresh runs:
 * a pattern resumed from another's checkpoint must give the very result of its own run from
 * the closing date, row for row, on the sample deals' drawn patterns and on generated sets of
 * patterns that agree and differ in every way (same obligors in other periods, same periods
 * with other recoveries, one pattern beginning another).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { prepareDeal, runDeal, type PreparedDeal } from '../../src/engine/run.js';
import { Scenario, type ScenarioSpec } from '../../src/scenario/schema.js';
import { mcObligors, patternRunner, patternScenario, planPaths, runPattern, runPatterns, type DrawnDefault, type McObligor } from '../../src/stress/montecarlo.js';
import { runSharingPrefixes } from '../../src/stress/sharedRuns.js';
import { sampleDeals } from '../helpers.js';

const LAG = 2;
const LEAN = { lean: true, stopWhenRepaid: true };

const first = (p: readonly DrawnDefault[]) => p.reduce((m, [, k]) => Math.min(m, k), Number.POSITIVE_INFINITY);

/** Every pattern's whole result, run in the sharing order and each afresh from the closing date. */
function expectSharedEqualsFresh(prepared: PreparedDeal, base: ScenarioSpec, obligors: readonly McObligor[], patterns: readonly DrawnDefault[][]): void {
  const runner = patternRunner(prepared, base);
  const scenarioOf = (p: readonly DrawnDefault[]) => patternScenario(base, obligors, p, LAG);
  const shared = runSharingPrefixes(patterns, (i, resume) => runner.run(scenarioOf(patterns[i]!), first(patterns[i]!), resume));
  patterns.forEach((p, i) => expect(shared[i], `pattern ${JSON.stringify(p)}`).toEqual(runDeal(prepared, scenarioOf(p), LEAN)));
}

describe('patterns sharing runs', () => {
  for (const file of sampleDeals()) {
    it(`give the results of fresh runs on ${file}'s drawn patterns`, () => {
      const { deal } = loadDeal(file);
      const prepared = prepareDeal(deal!);
      const base = Scenario.parse({});
      const obligors = mcObligors(prepared, { override: 0.3 });
      const plan = planPaths(obligors, { paths: 300, seed: 11, correlation: 0.3, recovery: { min: 0.1, max: 0.6 }, recoveryLagPeriods: LAG });
      const runner = patternRunner(prepared, base);
      // Monte Carlo's own runner: sharing where the deal allows it, alone where not.
      const fresh = plan.patterns.map((p) => runPattern(patternRunner(prepared, base), base, obligors, p, LAG));
      expect(runPatterns(runner, base, obligors, plan.patterns, LAG)).toEqual(fresh);
      if (runner.sharesPrefixes) expectSharedEqualsFresh(prepared, base, obligors, plan.patterns);
    });
  }

  it('only where a run does not look ahead (no clean-up call, no loan guarantee)', () => {
    const shares = (file: string) => {
      const prepared = prepareDeal(loadDeal(file).deal!);
      return patternRunner(prepared, Scenario.parse({})).sharesPrefixes;
    };
    expect(shares('deals/guangkai-patent-license.json')).toBe(true);
    const lookingAhead = (file: string) => {
      const spec = loadDeal(file).deal!.spec;
      return spec.cleanUpCall !== undefined || spec.supports.some((s) => s.kind === 'loanGuarantee');
    };
    for (const file of sampleDeals()) expect(shares(file)).toBe(!lookingAhead(file));
  });

  it('give the results of fresh runs on generated sets of patterns (广开专利)', () => {
    const prepared = prepareDeal(loadDeal('deals/guangkai-patent-license.json').deal!);
    const base = Scenario.parse({});
    const obligors = mcObligors(prepared, { override: 0.1 });
    // Few periods and recoveries, so that patterns often agree on some defaults and not others.
    const pattern = fc
      .uniqueArray(fc.tuple(fc.nat(obligors.length - 1), fc.constantFrom(0, 1, 3, 4, 8, 15), fc.constantFrom(0, 2000, 5000)), { maxLength: 4, selector: ([o]) => o })
      .map((p) => p.map(([o, k, r]) => [o, Math.min(k, obligors[o]!.periods.at(-1) ?? 0), r] as DrawnDefault));
    fc.assert(
      fc.property(fc.array(pattern, { minLength: 1, maxLength: 25 }), (patterns) => {
        expectSharedEqualsFresh(prepared, base, obligors, patterns);
        // Monte Carlo's results, some standing for the run of a pattern they begin with.
        const fresh = patterns.map((p) => runPattern(patternRunner(prepared, base), base, obligors, p, LAG));
        expect(runPatterns(patternRunner(prepared, base), base, obligors, patterns, LAG)).toEqual(fresh);
      }),
      { numRuns: 40 },
    );
  });

  it('a pattern whose further defaults come after a run it begins with stopped takes that result, unrun', () => {
    const prepared = prepareDeal(loadDeal('deals/guangkai-patent-license.json').deal!);
    const base = Scenario.parse({});
    const obligors = mcObligors(prepared, { override: 0.1 });
    const runner = patternRunner(prepared, base);
    const alone: DrawnDefault[] = [[0, 2, 5000]];
    // The base repays every tranche well before the last period: a default after that changes nothing read.
    const stopped = runner.run(patternScenario(base, obligors, alone, LAG), 2, {}).tranches[0]!.periods.length - 1;
    expect(stopped).toBeLessThan(obligors[1]!.periods.at(-1)!);
    const later: DrawnDefault[] = [[0, 2, 5000], [1, stopped + 1, 0]];
    const earlier: DrawnDefault[] = [[0, 2, 5000], [1, stopped, 0]];
    const patterns = [later, alone, earlier];
    let runs = 0;
    const results = runSharingPrefixes(patterns, (i, resume) => (runs++, runPattern(runner, base, obligors, patterns[i]!, LAG, resume)), undefined, true);
    expect(runs).toBe(2);
    expect(results[0]).toBe(results[1]);
    expect(results).toEqual(patterns.map((p) => runPattern(patternRunner(prepared, base), base, obligors, p, LAG)));
  });
});
