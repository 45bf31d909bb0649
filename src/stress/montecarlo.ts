/**
 * Monte Carlo of obligor defaults by a one-factor Gaussian copula (with an optional industry
 * factor): obligor o defaults when √ρ·Z + √ρᵢ·Zᵢ + √(1−ρ−ρᵢ)·εₒ < Φ⁻¹(PDₒ), in a period drawn
 * uniformly among those in which it still owes something. Each path is drawn from its own seeded
 * stream, so the same seed gives the same paths however the work is split. Paths that share a
 * default pattern share one run of the waterfall.
 */
import { ResumableRun, type PreparedDeal, type Resume } from '../engine/run.js';
import type { EngineStatus } from '../engine/status.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { Decimal } from '../util/money.js';
import { isValidSeed, MAX_SEED, normal, normalQuantile, Streams } from './random.js';
import { aggregate, patternTranche, type McResult, type PatternResult } from './mcAggregate.js';
import { runSharingPrefixes } from './sharedRuns.js';

export { aggregate, type McResult, type PatternResult, type TrancheDistribution } from './mcAggregate.js';

export interface McObligor {
  key: string;
  name: string;
  industry: string;
  pd: number;
  /** 0-based periods in which the obligor still owes something (where a default can fall). */
  periods: number[];
}

/** What {@link monteCarlo} draws: paths, seed, correlations, recoveries. */
export interface McOptions {
  paths: number;
  seed: number;
  /** Asset correlation ρ with the whole economy. */
  correlation: number;
  /** Extra correlation within an industry (0: none). */
  industryCorrelation?: number;
  /**
   * Fixed recovery rate, or a uniform range drawn per default, as fractions (0.354 for 35.4%);
   * each default's recovery is quantised to basis points (0.01%).
   */
  recovery: number | { min: number; max: number };
  recoveryLagPeriods: number;
}

/** The most paths a run takes (the per-path bookkeeping is 4 bytes a path). */
export const MAX_PATHS = 10_000_000;

/** Recoveries are drawn in basis points: 10,000 of them make 100%. */
export const RECOVERY_STEPS = 10_000;

/** A recovery rate (a fraction) in whole basis points, as drawn defaults carry it. */
export function recoveryBp(rate: number): number {
  return Math.round(rate * RECOVERY_STEPS);
}

/** One drawn default: obligor index, 0-based period, recovery in basis points (3540 = 35.40%). */
export type DrawnDefault = [obligor: number, period: number, recoveryBp: number];

/**
 * The obligors of a deal with their default probabilities: `pd.override` for all when given,
 * else the largest `defaultProbability` of an obligor's assets, else `pd.fallback`. An obligor's
 * industry is that of its largest asset (the first of equal ones; when the largest names no
 * industry, that of the largest which does). From a status: an asset can default only after it,
 * and only when it still owes something then.
 */
export function mcObligors(prepared: PreparedDeal, pd: { override?: number; fallback?: number }, status?: EngineStatus): McObligor[] {
  const map = new Map<string, { name: string; industry: string; largest: number | undefined; pds: number[]; periods: Set<number>; missingPd: boolean }>();
  prepared.deal.assets.forEach((a, i) => {
    const key = a.obligorId ?? a.obligor;
    const s = prepared.pool.schedules[i]!;
    const o = map.get(key) ?? { name: a.obligor, industry: '', largest: undefined, pds: [], periods: new Set<number>(), missingPd: false };
    if (a.industry !== undefined && (o.largest === undefined || s.balance > o.largest)) {
      o.industry = a.industry;
      o.largest = s.balance;
    }
    if (a.defaultProbability !== undefined) o.pds.push(a.defaultProbability.toNumber());
    else o.missingPd = true;
    s.startBalance.forEach((b, k) => {
      if (b > 0 && (!status || (k >= status.past && status.assets[i]! > 0))) o.periods.add(k);
    });
    map.set(key, o);
  });
  return [...map.entries()].map(([key, o]) => {
    const p = pd.override ?? (o.pds.length > 0 && !o.missingPd ? Math.max(...o.pds) : pd.fallback);
    if (p === undefined) throw new RangeError(`obligor ${o.name} has no default probability: give --pd, defaultProbability on its assets, or the deal's baseCase`);
    return { key, name: o.name, industry: o.industry, pd: p, periods: [...o.periods].sort((a, b) => a - b) };
  });
}

/**
 * The drawing of paths, with what every path shares worked out once: each obligor's default
 * threshold Φ⁻¹(PD), its industry's place and the factor loadings (the same floats each time).
 * `draw(index, out)` writes path `index`'s defaults into `out` as flat triples (obligor, period,
 * recovery in basis points) and returns how many; one generator and one buffer serve every path.
 */
function pathDrawer(obligors: readonly McObligor[], options: McOptions, industries: readonly string[]): (index: number, out: number[]) => number {
  const rho = options.correlation;
  const rhoI = options.industryCorrelation ?? 0;
  const idio = Math.sqrt(Math.max(0, 1 - rho - rhoI));
  const sqrtRho = Math.sqrt(rho);
  const sqrtRhoI = Math.sqrt(rhoI);
  const threshold = obligors.map((o) => normalQuantile(o.pd));
  const industry = obligors.map((o) => industries.indexOf(o.industry));
  const periods = obligors.map((o) => o.periods);
  const rec = options.recovery;
  const r = new Streams(options.seed);
  const zi = new Float64Array(industries.length);
  return (index, out) => {
    r.start(index);
    const z = normal(r);
    if (rhoI > 0) for (let j = 0; j < zi.length; j++) zi[j] = normal(r);
    let count = 0;
    for (let i = 0; i < periods.length; i++) {
      const e = normal(r);
      const x = sqrtRho * z + (rhoI > 0 ? sqrtRhoI * zi[industry[i]!]! : 0) + idio * e;
      // Draw the timing and recovery uniforms for every obligor, so streams stay aligned.
      const u = r.next();
      const v = r.next();
      const ks = periods[i]!;
      if (ks.length === 0 || !(x < threshold[i]!)) continue;
      out[3 * count] = i;
      out[3 * count + 1] = ks[Math.min(ks.length - 1, Math.floor(u * ks.length))]!;
      out[3 * count + 2] = recoveryBp(typeof rec === 'number' ? rec : rec.min + v * (rec.max - rec.min));
      count++;
    }
    return count;
  };
}

export function patternKey(p: readonly DrawnDefault[]): string {
  let key = '';
  for (let i = 0; i < p.length; i++) key += `${i > 0 ? ';' : ''}${p[i]![0]}@${p[i]![1]}r${p[i]![2]}`;
  return key;
}

/** The scenario of a pattern: its obligors default in their periods, over the base scenario. */
export function patternScenario(base: ScenarioSpec, obligors: readonly McObligor[], pattern: readonly DrawnDefault[], lag: number): ScenarioSpec {
  // The engine only reads a scenario: the base's parts are shared, not copied (one per pattern).
  const defaults = new Array<ScenarioSpec['defaults'][number]>(pattern.length);
  for (let i = 0; i < pattern.length; i++) {
    const [o, k, r] = pattern[i]!;
    defaults[i] = { obligor: obligors[o]!.key, period: k + 1, mode: 'default', recoveryRate: recoveryRate(r), recoveryLagPeriods: lag };
  }
  return { ...base, defaultRate: undefined, defaults };
}

/** Recovery rates by basis point, as exact Decimals (made once each: they are never changed). */
const recoveryRates = new Map<number, Decimal>();

function recoveryRate(bp: number): Decimal {
  let rate = recoveryRates.get(bp);
  if (rate === undefined) recoveryRates.set(bp, (rate = new Decimal(bp).div(RECOVERY_STEPS)));
  return rate;
}

/**
 * The runner of default patterns: the base run (no defaults) is kept period by period, and a
 * pattern resumes it from its first default; runs stop once every tranche is repaid.
 */
export function patternRunner(prepared: PreparedDeal, base: ScenarioSpec): ResumableRun {
  return new ResumableRun(prepared, { ...base, defaultRate: undefined, defaults: [] }, { lean: true, stopWhenRepaid: true });
}

/** Runs one pattern through the waterfall (from `resume.start` when given: see ./sharedRuns.ts). */
export function runPattern(runner: ResumableRun, base: ScenarioSpec, obligors: readonly McObligor[], pattern: readonly DrawnDefault[], lag: number, resume?: Resume): PatternResult {
  const first = pattern.reduce((m, [, k]) => Math.min(m, k), Number.POSITIVE_INFINITY);
  const r = runner.run(patternScenario(base, obligors, pattern, lag), first, resume);
  return r.tranches.map(patternTranche);
}

export interface McPlan {
  obligors: McObligor[];
  /** Per path, the index of its pattern in `patterns`. */
  pathPattern: Uint32Array;
  patterns: DrawnDefault[][];
  withDefaults: number;
}

/** A range of paths [`from`, `to`) of a run: a shard of it, or all. */
export interface PathRange {
  from: number;
  to: number;
}

/**
 * Draws the paths of `range` (default: every path) and gathers their distinct default patterns
 * (the no-default pattern first). Path i is drawn from its own stream, so a range draws exactly
 * the paths the whole run draws there.
 */
export function planPaths(obligors: McObligor[], options: McOptions, range: PathRange = { from: 0, to: options.paths }): McPlan {
  if (!Number.isInteger(options.paths) || options.paths < 1 || options.paths > MAX_PATHS) throw new RangeError(`paths ${options.paths}: give a whole number from 1 to ${MAX_PATHS.toLocaleString('en-US')}`);
  if (!isValidSeed(options.seed)) throw new RangeError(`seed ${options.seed}: give a whole number from 0 to ${MAX_SEED}`);
  if (!(Number.isInteger(range.from) && Number.isInteger(range.to) && range.from >= 0 && range.from <= range.to && range.to <= options.paths)) throw new RangeError(`paths ${range.from} to ${range.to}: not a range of the run's ${options.paths} paths`);
  const industries = [...new Set(obligors.map((o) => o.industry))].sort();
  const index = new Map<string, number>([['', 0]]);
  const patterns: DrawnDefault[][] = [[]];
  const pathPattern = new Uint32Array(range.to - range.from);
  let withDefaults = 0;
  const draw = pathDrawer(obligors, options, industries);
  const drawn = new Array<number>(3 * obligors.length).fill(0);
  for (let i = range.from; i < range.to; i++) {
    const n = draw(i, drawn);
    // Without defaults: the first pattern (pathPattern starts at 0).
    if (n === 0) continue;
    withDefaults++;
    // patternKey of the drawn defaults, without making them first.
    let key = `${drawn[0]}@${drawn[1]}r${drawn[2]}`;
    for (let j = 1; j < n; j++) key += `;${drawn[3 * j]}@${drawn[3 * j + 1]}r${drawn[3 * j + 2]}`;
    let k = index.get(key);
    if (k === undefined) {
      k = patterns.length;
      index.set(key, k);
      patterns.push(Array.from({ length: n }, (_, j): DrawnDefault => [drawn[3 * j]!, drawn[3 * j + 1]!, drawn[3 * j + 2]!]));
    }
    pathPattern[i - range.from] = k;
  }
  return { obligors, pathPattern, patterns, withDefaults };
}

/**
 * Which patterns a runner has finished: `done` in all, and when it knows, the range
 * [`start`, `end`) just finished (without it, the first `done` are taken as finished).
 */
export type PatternProgress = (done: number, start?: number, end?: number) => void;

/**
 * How far a run is: `done` of `total` default patterns run through the waterfall, standing for
 * `pathsDone` of `paths` paths (a pattern stands for every path that drew it).
 */
export type McProgress = (done: number, total: number, pathsDone: number, paths: number) => void;

/** Runs default patterns and returns their results in the order given (a parallel runner may replace the one in this thread). */
export type PatternsRunner = (patterns: DrawnDefault[][], progress?: PatternProgress) => Promise<PatternResult[]>;

/**
 * Runs default patterns in this thread, one after another; where the deal allows, in an order
 * that lets patterns alike up to a period share the run up to it (./sharedRuns.ts).
 */
export function serialPatterns(prepared: PreparedDeal, base: ScenarioSpec, obligors: readonly McObligor[], lag: number): PatternsRunner {
  return async (patterns, progress) => runPatterns(patternRunner(prepared, base), base, obligors, patterns, lag, progress);
}

/** Runs default patterns on a runner, sharing runs where it allows; results in the order given. */
export function runPatterns(runner: ResumableRun, base: ScenarioSpec, obligors: readonly McObligor[], patterns: readonly DrawnDefault[][], lag: number, progress?: PatternProgress): PatternResult[] {
  const one = (i: number, resume?: Resume) => runPattern(runner, base, obligors, patterns[i]!, lag, resume);
  const done = (n: number, i: number) => progress?.(n, i, i + 1);
  // A pattern's result reads only its tranches' rows, up to where the run stopped once repaid.
  if (runner.sharesPrefixes) return runSharingPrefixes(patterns, one, done, true);
  return patterns.map((_, i) => {
    const r = one(i);
    done(i + 1, i);
    return r;
  });
}

/**
 * Draws the paths of `range` and runs their default patterns through the waterfall: the plan
 * and the result of each of its patterns.
 */
export async function runPaths(
  prepared: PreparedDeal,
  base: ScenarioSpec,
  obligors: McObligor[],
  options: McOptions,
  range: PathRange,
  runPatterns: PatternsRunner = serialPatterns(prepared, base, obligors, options.recoveryLagPeriods),
  progress?: McProgress,
): Promise<{ plan: McPlan; results: PatternResult[] }> {
  const plan = planPaths(obligors, options, range);
  let onDone: PatternProgress | undefined;
  if (progress) {
    // Paths per pattern, to say how far the run is in paths rather than in patterns.
    const weight = new Uint32Array(plan.patterns.length);
    for (const k of plan.pathPattern) weight[k]!++;
    let pathsDone = 0;
    let inOrder = 0;
    onDone = (done, start, end) => {
      const from = start ?? inOrder;
      const to = end ?? done;
      for (let k = from; k < to; k++) pathsDone += weight[k]!;
      if (start === undefined) inOrder = Math.max(inOrder, to);
      progress(done, plan.patterns.length, pathsDone, plan.pathPattern.length);
    };
  }
  return { plan, results: await runPatterns(plan.patterns, onDone) };
}

/**
 * Runs the Monte Carlo in this thread. `runPatterns` may be replaced by a parallel runner; it
 * must return the results in the order of the patterns given.
 */
export async function monteCarlo(
  prepared: PreparedDeal,
  base: ScenarioSpec,
  obligors: McObligor[],
  options: McOptions,
  runPatterns?: PatternsRunner,
  progress?: McProgress,
): Promise<McResult> {
  const { plan, results } = await runPaths(prepared, base, obligors, options, { from: 0, to: options.paths }, runPatterns, progress);
  const perPath = Array.from(plan.pathPattern, (k) => results[k]!);
  return aggregate(prepared.deal.spec.tranches.map((t) => t.id), perPath, options.seed, plan.patterns.length, plan.withDefaults);
}
