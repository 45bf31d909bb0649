/**
 * Break-even default rate (临界违约率): the largest cumulative default rate at which a tranche is
 * still paid timely — its interest in full on every payment date (a missed coupon is what the
 * deals' 违约事件 is made of) and its principal in full by a date, its expected maturity
 * (预期到期日, the deal's promise) or its legal maturity (法定到期日, the rating definition) as the
 * basis says — by bisection.
 */
import { paidOnTime, type PrincipalBasis } from '../analytics/timeliness.js';
import { runDeal, type PreparedDeal } from '../engine/run.js';
import { runFromStatus, type EngineStatus } from '../engine/status.js';
import type { RunResult } from '../engine/types.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { Decimal } from '../util/money.js';
import { DEFAULT_RATING_SCALE, multipliersOf } from './ratingScale.js';
import { copyScenario } from './scenarios.js';

/** 0.01 bp: the bisection stops when the bracket is this narrow. */
export const BREAKEVEN_TOLERANCE = 1e-6;

/** A tranche's break-even (临界违约率): the highest cumulative default rate at which it is still repaid in full. */
export interface Breakeven {
  /** The largest rate tested at which the tranche is repaid in full (a fraction). */
  rate: number;
  /** The smallest rate tested at which it is not (rate < failsAt ≤ rate + tolerance), if any. */
  failsAt?: number;
  /**
   * The defaults that rate really produces, over the initial pool: less than the rate when late
   * defaults find too little balance left to take (amortising pools, back-loaded timing).
   */
  realized: number;
  runs: number;
}

/** The scenario with its pool-wide default rate set to `rate` (timing and overrides kept). */
export function atDefaultRate(scenario: ScenarioSpec, rate: number): ScenarioSpec {
  const s = copyScenario(scenario);
  s.defaultRate = { ...(s.defaultRate ?? { timing: 'even', overrides: [] }), cumulative: new Decimal(rate), annualCdr: undefined };
  return s;
}

export type { PrincipalBasis } from '../analytics/timeliness.js';

/** The basis `breakeven` and `repaidInFull` use when none is given: the deal's promise. */
export const DEFAULT_PRINCIPAL_BASIS: PrincipalBasis = 'expected';

/** How {@link breakeven} searches. */
export interface BreakevenOptions {
  /** Search on the rest of a live deal, from this status. */
  status?: EngineStatus;
  /**
   * By when the principal must be repaid in full: `expected` (the tranche's expectedMaturity,
   * the default) or `legal` (its legalMaturity; without one, the deal's last payment date).
   */
  basis?: PrincipalBasis;
  /** The bisection stops when the bracket is this narrow (default BREAKEVEN_TOLERANCE, 0.01 bp). */
  tolerance?: number;
}

/** A lean run of the deal, or of its rest from a status. */
function leanRun(prepared: PreparedDeal, scenario: ScenarioSpec, status: EngineStatus | undefined): RunResult {
  return status ? runFromStatus(prepared, status, scenario, { lean: true }) : runDeal(prepared, scenario, { lean: true });
}

/** The date principal is tested at on a basis (undefined: the deal's last payment date). */
export function basisMaturity(prepared: PreparedDeal, trancheId: string, basis: PrincipalBasis): string | undefined {
  const t = prepared.deal.spec.tranches[prepared.trancheIndex.get(trancheId)!]!;
  return basis === 'expected' ? t.expectedMaturity : t.legalMaturity;
}

/**
 * Whether the tranche is paid its interest in full on every date and its principal in full by
 * the maturity of the basis (default: expected) under the scenario.
 */
export function repaidInFull(prepared: PreparedDeal, trancheId: string, scenario: ScenarioSpec, basis: PrincipalBasis = DEFAULT_PRINCIPAL_BASIS, status?: EngineStatus): boolean {
  const r = leanRun(prepared, scenario, status);
  const t = r.tranches.find((x) => x.id === trancheId)!;
  return paidOnTime(t.periods, t.balance, basisMaturity(prepared, trancheId, basis));
}

/**
 * Bisects the cumulative default rate in [0, 1]. Assumes losses do not fall as defaults rise,
 * which holds for the waterfalls ipabs runs. `options`: the principal basis (default
 * `expected`) and the tolerance; a number is taken as the tolerance (the former signature).
 *
 * @example breakeven(prepared, 'A', scenario, { basis: 'legal' }).rate // 0.281579
 */
export function breakeven(prepared: PreparedDeal, trancheId: string, scenario: ScenarioSpec, options: BreakevenOptions | number = {}): Breakeven {
  const { basis = DEFAULT_PRINCIPAL_BASIS, tolerance = BREAKEVEN_TOLERANCE, status } = typeof options === 'number' ? { tolerance: options } : options;
  let runs = 0;
  const ok = (rate: number) => {
    runs++;
    return repaidInFull(prepared, trancheId, atDefaultRate(scenario, rate), basis, status);
  };
  const realized = (rate: number) => {
    const r = leanRun(prepared, atDefaultRate(scenario, rate), status);
    return r.pool.initialBalance === 0 ? 0 : new Decimal(r.pool.totalDefaulted).div(r.pool.initialBalance).toNumber();
  };
  if (!ok(0)) return { rate: 0, failsAt: 0, realized: 0, runs };
  if (ok(1)) return { rate: 1, realized: realized(1), runs: runs + 1 };
  let lo = 0;
  let hi = 1;
  while (hi - lo > tolerance) {
    const mid = (lo + hi) / 2;
    if (ok(mid)) lo = mid;
    else hi = mid;
  }
  // Reported on the 0.01 bp grid, rounded down, so the rate shown is one that was repaid in full.
  const floored = Math.floor(lo / tolerance) * tolerance;
  const rate = floored < lo ? Number(floored.toFixed(12)) : lo;
  return { rate, failsAt: hi, realized: realized(rate), runs: runs + 1 };
}

/** The built-in rating scale (./ratingScale.ts: an assumption, per notch) as multipliers. */
export const DEFAULT_MULTIPLIERS: readonly { grade: string; multiplier: number }[] = multipliersOf(DEFAULT_RATING_SCALE);

/**
 * The implied rating: the highest grade whose target default rate (multiplier × base cumulative
 * default rate) does not exceed the smallest break-even rate; undefined when none does.
 */
export function impliedRating(minBreakeven: number, baseRate: number, multipliers = DEFAULT_MULTIPLIERS): { grade: string; tdr: number } | undefined {
  const sorted = [...multipliers].sort((a, b) => b.multiplier - a.multiplier);
  for (const m of sorted) {
    // No more than the whole pool can default (as targetDefaultRate caps it).
    const tdr = Math.min(1, m.multiplier * baseRate);
    if (tdr <= minBreakeven + 1e-12) return { grade: m.grade, tdr };
  }
  return undefined;
}

/** Parses `AAA=5,AA=4.1,…`. */
export function parseMultipliers(text: string): { grade: string; multiplier: number }[] {
  return text.split(',').map((part) => {
    const m = /^\s*([A-Za-z+-]+)\s*=\s*(\d+(\.\d+)?)\s*$/.exec(part);
    if (!m) throw new RangeError(`"${part}" is not GRADE=MULTIPLIER`);
    // A multiplier of 0 would give every tranche any grade: the stress must be some default rate.
    if (!(Number(m[2]) > 0)) throw new RangeError(`"${part}": a multiplier must be above 0`);
    return { grade: m[1]!, multiplier: Number(m[2]) };
  });
}
