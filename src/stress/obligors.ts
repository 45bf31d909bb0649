/**
 * Obligor default tests for concentrated pools: the largest obligors defaulting, and for small
 * pools every combination up to a size, to find the smallest sets that make a tranche lose.
 */
import { runDeal, type PreparedDeal } from '../engine/run.js';
import { runFromStatus, type EngineStatus } from '../engine/status.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { ZERO, type Decimal } from '../util/money.js';
import { toYuan } from '../util/fen.js';
import { copyScenario } from './scenarios.js';

/** An obligor (借款人, 被许可人, 承租人) and its share of the pool. */
export interface Obligor {
  key: string;
  name: string;
  balance: Decimal;
}

/**
 * Obligors by balance, largest first (ties by name). From a status: by what each still owes on
 * its date, and only those that owe something (an asset already defaulted or repaid cannot default).
 */
export function obligorsBySize(prepared: PreparedDeal, status?: EngineStatus): Obligor[] {
  const map = new Map<string, Obligor>();
  prepared.deal.assets.forEach((a, i) => {
    const key = a.obligorId ?? a.obligor;
    const o = map.get(key) ?? { key, name: a.obligor, balance: ZERO };
    o.balance = o.balance.plus(toYuan(status ? status.assets[i]! : prepared.pool.schedules[i]!.balance));
    map.set(key, o);
  });
  return [...map.values()].filter((o) => !status || o.balance.gt(0)).sort((a, b) => b.balance.comparedTo(a.balance) || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/** The scenario with these obligors defaulting in `period` (and no pool-wide defaults). */
export function withObligorDefaults(base: ScenarioSpec, obligors: readonly Obligor[], period: number): ScenarioSpec {
  const s = copyScenario(base);
  s.defaultRate = undefined;
  s.defaults = obligors.map((o) => ({ obligor: o.key, period, mode: 'default' as const }));
  return s;
}

/** A run with a set of obligors in default, and what each tranche lost. */
export interface ObligorRun {
  obligors: Obligor[];
  /** Per tranche id: principal lost, and interest left unpaid. */
  losses: Map<string, { loss: Decimal; interestShortfall: Decimal }>;
}

/** Runs the deal with these obligors defaulting in `period` (from `status` when given: the rest of a live deal). */
export function runObligors(prepared: PreparedDeal, base: ScenarioSpec, obligors: readonly Obligor[], period: number, status?: EngineStatus): ObligorRun {
  const scenario = withObligorDefaults(base, obligors, period);
  const r = status ? runFromStatus(prepared, status, scenario, { detail: false }) : runDeal(prepared, scenario, { detail: false });
  return { obligors: [...obligors], losses: new Map(r.tranches.map((t) => [t.id, { loss: toYuan(t.summary.loss), interestShortfall: toYuan(t.summary.interestShortfall) }])) };
}

/** The largest 1, 2, … n obligors defaulting together. */
export function topObligorTests(prepared: PreparedDeal, base: ScenarioSpec, n: number, period: number, status?: EngineStatus): ObligorRun[] {
  const all = obligorsBySize(prepared, status);
  const out: ObligorRun[] = [];
  for (let k = 1; k <= Math.min(n, all.length); k++) out.push(runObligors(prepared, base, all.slice(0, k), period, status));
  return out;
}

/** The smallest sets of obligors whose default makes a tranche lose. */
export interface MinimalSets {
  trancheId: string;
  /** The smallest number of obligors whose default makes the tranche lose; undefined if none up to the size tried. */
  size?: number;
  /** Every set of that size that does. */
  sets: Obligor[][];
  /** Combinations run. */
  tried: number;
}

/** The most obligors a pool may have for every combination of them to be run. */
export const MAX_COMBINATION_OBLIGORS = 20;

/**
 * Every combination of up to `maxSize` obligors (pools of at most `maxObligors`): for each tranche,
 * the smallest sets whose default makes it lose principal or interest. Sizes stop growing once
 * every tranche has its answer. From `status` when given: of the obligors that still owe something.
 */
export function minimalLosingSets(prepared: PreparedDeal, base: ScenarioSpec, maxSize: number, period: number, maxObligors = MAX_COMBINATION_OBLIGORS, status?: EngineStatus): MinimalSets[] {
  const all = obligorsBySize(prepared, status);
  if (all.length > maxObligors) throw new RangeError(`${all.length} obligors: combinations are run for pools of at most ${maxObligors}`);
  const result = new Map<string, MinimalSets>(prepared.deal.spec.tranches.map((t) => [t.id, { trancheId: t.id, sets: [], tried: 0 }]));
  for (let size = 1; size <= Math.min(maxSize, all.length); size++) {
    const open = [...result.values()].filter((m) => m.size === undefined);
    if (open.length === 0) break;
    for (const combo of combinations(all.length, size)) {
      const run = runObligors(prepared, base, combo.map((i) => all[i]!), period, status);
      for (const m of open) {
        m.tried++;
        const l = run.losses.get(m.trancheId)!;
        if (l.loss.gt(0) || l.interestShortfall.gt(0)) m.sets.push(run.obligors);
      }
    }
    for (const m of open) if (m.sets.length > 0) m.size = size;
  }
  return [...result.values()];
}

/** Index combinations of `size` out of `n`, in lexicographic order. */
export function* combinations(n: number, size: number): Generator<number[]> {
  const idx = Array.from({ length: size }, (_, i) => i);
  if (size > n || size <= 0) return;
  for (;;) {
    yield [...idx];
    let i = size - 1;
    while (i >= 0 && idx[i] === n - size + i) i--;
    if (i < 0) return;
    idx[i]!++;
    for (let j = i + 1; j < size; j++) idx[j] = idx[j - 1]! + 1;
  }
}
