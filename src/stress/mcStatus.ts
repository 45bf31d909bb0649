/**
 * Monte Carlo on the rest of a live deal: each default pattern is run from a status (the
 * obligors drawn default only in periods after it, on what they still owe: see mcObligors), one
 * pattern after another. Runs are not shared between patterns here (./sharedRuns.ts resumes the
 * closing-date run); the results are those of runFromStatus on each pattern's scenario.
 */
import { runFromStatus, type EngineStatus } from '../engine/status.js';
import type { PreparedDeal } from '../engine/run.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { patternTranche } from './mcAggregate.js';
import { patternScenario, type DrawnDefault, type McObligor, type PatternProgress, type PatternResult, type PatternsRunner } from './montecarlo.js';

/** Runs default patterns from `status` at once, in this thread (a worker's batch); results in the order given. */
export function runStatusPatterns(prepared: PreparedDeal, status: EngineStatus, base: ScenarioSpec, obligors: readonly McObligor[], patterns: readonly DrawnDefault[][], lag: number, progress?: PatternProgress): PatternResult[] {
  return patterns.map((pattern, i) => {
    const r = runFromStatus(prepared, status, patternScenario(base, obligors, pattern, lag), { lean: true });
    progress?.(i + 1, i, i + 1);
    return r.tranches.map(patternTranche);
  });
}

/** Runs default patterns in this thread, each from `status`; results in the order given. */
export function statusPatterns(prepared: PreparedDeal, status: EngineStatus, base: ScenarioSpec, obligors: readonly McObligor[], lag: number): PatternsRunner {
  return async (patterns, progress) => runStatusPatterns(prepared, status, base, obligors, patterns, lag, progress);
}
