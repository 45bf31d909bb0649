/**
 * Obligor default tests against scenarios written by hand: the largest 1…N obligors defaulting
 * are the runs of `{ defaults: [...] }` naming them; every smallest losing set reported makes its
 * tranche lose, no smaller set does, and no other set of that size does (by brute force, with
 * external support switched off).
 */
import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runDeal, type PreparedDeal } from '../engine/inYuan.js';
import { Scenario, type ScenarioSpec } from '../../src/scenario/schema.js';
import { combinations, minimalLosingSets, obligorsBySize, topObligorTests } from '../../src/stress/obligors.js';
import { baseScenario } from '../../src/stress/scenarios.js';
import { sampleDeals } from '../helpers.js';
import { sample } from './fixtures.js';

/** The hand-written scenario: these obligors (by name) default in `period`, the base recovery. */
function handScenario(base: ScenarioSpec, names: readonly string[], period: number, externalSupport: boolean): ScenarioSpec {
  return Scenario.parse({
    defaults: names.map((obligor) => ({ obligor, period })),
    recovery: { rate: base.recovery.rate.toNumber(), lagPeriods: base.recovery.lagPeriods },
    externalSupport,
  });
}

function loses(prepared: PreparedDeal, scenario: ScenarioSpec, trancheId: string): boolean {
  const t = runDeal(prepared, scenario, { detail: false }).tranches.find((x) => x.id === trancheId)!;
  return t.summary.loss.gt(0) || t.summary.interestShortfall.gt(0);
}

describe('topObligorTests', () => {
  for (const file of sampleDeals()) {
    it(`${basename(file)}: the largest 1…10 obligors defaulting in period 2 are the runs of hand-written scenarios`, () => {
      const { deal, prepared } = sample(file);
      const base = baseScenario(deal);
      // The obligors by their balance at the cutoff, summed over their assets, largest first.
      const balances = new Map<string, number>();
      deal.assets.forEach((a, i) => balances.set(a.obligor, (balances.get(a.obligor) ?? 0) + prepared.pool.schedules[i]!.balance / 100));
      const bySize = obligorsBySize(prepared);
      expect(bySize.map((o) => o.name).sort()).toEqual([...balances.keys()].sort());
      for (let i = 1; i < bySize.length; i++) expect(bySize[i - 1]!.balance.gte(bySize[i]!.balance)).toBe(true);
      for (const o of bySize) expect(o.balance.toNumber()).toBeCloseTo(balances.get(o.name)!, 2);

      const top = topObligorTests(prepared, base, 10, 2);
      expect(top).toHaveLength(Math.min(10, bySize.length));
      top.forEach((row, k) => {
        const names = bySize.slice(0, k + 1).map((o) => o.name);
        expect(row.obligors.map((o) => o.name)).toEqual(names);
        const r = runDeal(prepared, handScenario(base, names, 2, true), { detail: false });
        for (const t of r.tranches) {
          expect(row.losses.get(t.id), `top ${k + 1} ${t.id}`).toEqual({ loss: t.summary.loss, interestShortfall: t.summary.interestShortfall });
        }
      });
    });
  }

  it('文科一期: the largest lessee 承租人02 (12,300万) defaulting in period 1 costs the senior nothing: the undertaking repays it', () => {
    // With 承租人02 gone the pool cannot repay the senior on its own, so the clean-up call (which
    // is exercised only when its price repays the tranches above the subordinate) does not end
    // the deal early; on the senior's expected maturity (2021-10-26) the originator's undertaking
    // pays what it lacks. The subordinate takes the loss.
    const { deal, prepared } = sample('deals/wenke-lease-1.json');
    const [row] = topObligorTests(prepared, baseScenario(deal), 1, 1);
    expect(row!.obligors.map((o) => [o.name, o.balance.toFixed(2)])).toEqual([['承租人02', '123000000.00']]);
    expect(row!.losses.get('A')!.loss.toFixed(2)).toBe('0.00');
    expect(row!.losses.get('B')!.loss.gt(0)).toBe(true);
  });
});

describe('minimalLosingSets without external support', () => {
  for (const file of sampleDeals()) {
    for (const period of [1, 2]) {
      it(`${basename(file)}, defaults in period ${period}: every set reported loses, no smaller one does, no other of its size does`, () => {
        const { deal, prepared } = sample(file);
        const base = { ...baseScenario(deal), externalSupport: false };
        const maxSize = 3;
        const result = minimalLosingSets(prepared, base, maxSize, period);
        const all = obligorsBySize(prepared);
        expect(result.map((m) => m.trancheId)).toEqual(deal.spec.tranches.map((t) => t.id));
        // Brute force: every combination of up to the size found (or up to maxSize), run once.
        const sizeToTry = Math.min(maxSize, all.length, Math.max(...result.map((m) => m.size ?? maxSize)));
        const runs: { names: string[]; losing: Set<string> }[] = [];
        for (let size = 1; size <= sizeToTry; size++) {
          for (const combo of combinations(all.length, size)) {
            const names = combo.map((i) => all[i]!.name);
            const scenario = handScenario(base, names, period, false);
            const r = runDeal(prepared, scenario, { detail: false });
            runs.push({ names, losing: new Set(r.tranches.filter((t) => t.summary.loss.gt(0) || t.summary.interestShortfall.gt(0)).map((t) => t.id)) });
          }
        }
        for (const m of result) {
          const losing = runs.filter((r) => r.losing.has(m.trancheId));
          const smallest = losing.length ? Math.min(...losing.map((r) => r.names.length)) : undefined;
          expect(m.size, m.trancheId).toBe(smallest);
          const expected = losing.filter((r) => r.names.length === smallest).map((r) => r.names.join('+'));
          expect(m.sets.map((s) => s.map((o) => o.name).join('+')), m.trancheId).toEqual(expected);
          // And each reported set, run on its own, makes the tranche lose.
          for (const s of m.sets) expect(loses(prepared, handScenario(base, s.map((o) => o.name), period, false), m.trancheId)).toBe(true);
        }
      });
    }
  }

  it('finds the known answers: 广开专利 senior needs 3 licensees defaulting in period 2, the subordinate 2', () => {
    const { deal, prepared } = sample('deals/guangkai-patent-license.json');
    const result = minimalLosingSets(prepared, { ...baseScenario(deal), externalSupport: false }, 3, 2);
    const a = result.find((m) => m.trancheId === 'A')!;
    const b = result.find((m) => m.trancheId === 'B')!;
    // B: any two of the four 5,850万 licensees 专利客户01–04: C(4,2) = 6 sets, out of C(11,1) + C(11,2) = 66 tried.
    expect(b.size).toBe(2);
    expect(b.sets.map((s) => s.map((o) => o.name.slice(-2)).join('+'))).toEqual(['01+02', '01+03', '01+04', '02+03', '02+04', '03+04']);
    expect(b.tried).toBe(11 + 55);
    // A: 54 sets of three, out of 11 + 55 + 165 = 231 tried: two of 专利客户01–04 with any
    // third (6 × 9 = 54 would count each set of three of them three times: 6 × 7 + 4 = 46), plus
    // one of them with 专利客户09 (3,380万) and 06 (2,730万) or 05 (2,600万): 4 × 2 = 8.
    expect(a.size).toBe(3);
    expect(a.sets).toHaveLength(46 + 8);
    expect(a.tried).toBe(231);
  });

  it('refuses pools of more obligors than allowed', () => {
    const { deal, prepared } = sample('deals/wenke-lease-1.json');
    expect(() => minimalLosingSets(prepared, baseScenario(deal), 2, 1, 10)).toThrow(RangeError);
  });

  it('lists index combinations in lexicographic order', () => {
    expect([...combinations(4, 2)]).toEqual([
      [0, 1],
      [0, 2],
      [0, 3],
      [1, 2],
      [1, 3],
      [2, 3],
    ]);
    expect([...combinations(3, 3)]).toEqual([[0, 1, 2]]);
    expect([...combinations(2, 3)]).toEqual([]);
    expect([...combinations(5, 3)]).toHaveLength(10);
  });
});
