/**
 * Shards of a Monte Carlo run or a scenario list: which items shard I of N computes, what a
 * Monte Carlo shard hands back (enough to merge into exactly the result of the whole run), and
 * the merge. Path i is drawn from its own stream (`rng(seed, i)`), so a shard draws the very
 * paths the whole run draws there; a pattern's result does not depend on who runs it.
 */
import {
  aggregate,
  monteCarlo,
  patternKey,
  runPaths,
  type McPlan,
  type McResult,
  type PathRange,
  type PatternResult,
} from './montecarlo.js';

/** Shard `index` of `count` (1 ≤ index ≤ count). */
export interface ShardSpec {
  index: number;
  count: number;
}

/**
 * Work of `total` independent items, computed whole, by range (as JSON data, for a part file),
 * or merged from the ranges' data in range order: the same result as whole.
 */
export interface ShardedWork<T> {
  total: number;
  whole(): T | Promise<T>;
  part(range: PathRange): unknown;
  /** Why a part's data is malformed for its range (a few words), or undefined. */
  problem(data: unknown, range: PathRange): string | undefined;
  merge(data: unknown[]): T;
}

/**
 * The items [from, to) of `total` that shard I of N computes: contiguous ranges in order, sizes
 * differing by at most one, together every item exactly once.
 *
 * @example shardRange(10, { index: 2, count: 4 }) // { from: 2, to: 5 }
 */
export function shardRange(total: number, shard: ShardSpec): PathRange {
  return { from: Math.floor(((shard.index - 1) * total) / shard.count), to: Math.floor((shard.index * total) / shard.count) };
}

/**
 * A Monte Carlo shard's share, mergeable exactly: its distinct default patterns (by key, so the
 * merge can count the distinct patterns of the whole run), each pattern's result per tranche as
 * [loss, WAL or null when the tranche repays nothing, periods late (-1: never repaid)], and per
 * path the index of its pattern.
 */
export interface McPart {
  from: number;
  to: number;
  withDefaults: number;
  patterns: string[];
  results: [loss: number, wal: number | null, late: number][][];
  pathPattern: number[];
}

/** The share of a shard that ran the paths `range` under `plan` (numbers round-trip JSON exactly). */
export function monteCarloPart(range: PathRange, plan: McPlan, results: readonly PatternResult[]): McPart {
  return {
    from: range.from,
    to: range.to,
    withDefaults: plan.withDefaults,
    patterns: plan.patterns.map(patternKey),
    results: results.map((r) => r.map((t) => [t.loss, Number.isNaN(t.wal) ? null : t.wal, t.late])),
    pathPattern: Array.from(plan.pathPattern),
  };
}

const isNumber = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x);

/**
 * Why `value` is not a well-formed {@link McPart} of `tranches` tranches for the paths `range`
 * (a few words), or undefined when it is one.
 */
export function mcPartProblem(value: unknown, range: PathRange, tranches: number): string | undefined {
  const p = value as Partial<McPart> | null;
  if (typeof p !== 'object' || p === null) return 'no Monte Carlo results';
  if (p.from !== range.from || p.to !== range.to) return `its results are for paths ${String(p.from)} to ${String(p.to)}, not ${range.from} to ${range.to}`;
  if (!Number.isInteger(p.withDefaults) || !Array.isArray(p.patterns) || !p.patterns.every((k) => typeof k === 'string')) return 'its default patterns are malformed';
  if (!Array.isArray(p.results) || p.results.length !== p.patterns.length) return 'its pattern results are malformed';
  const resultOk = (r: unknown) => Array.isArray(r) && r.length === tranches && r.every((t) => Array.isArray(t) && t.length === 3 && isNumber(t[0]) && (t[1] === null || isNumber(t[1])) && Number.isInteger(t[2]) && t[2] >= -1);
  if (!p.results.every(resultOk)) return 'its pattern results are malformed';
  const n = p.patterns.length;
  if (!Array.isArray(p.pathPattern) || p.pathPattern.length !== range.to - range.from || !p.pathPattern.every((k) => Number.isInteger(k) && k >= 0 && k < n)) {
    return 'its paths are malformed';
  }
  return undefined;
}

/**
 * Merges the shards of a run, in shard order, into the result of the whole run: the paths in
 * their order (so sums and percentiles are those of one run), the distinct patterns counted
 * over all shards.
 */
export function mergeMonteCarlo(trancheIds: readonly string[], seed: number, parts: readonly McPart[]): McResult {
  const keys = new Set<string>();
  const perPath: PatternResult[] = [];
  let withDefaults = 0;
  for (const part of parts) {
    for (const k of part.patterns) keys.add(k);
    withDefaults += part.withDefaults;
    const results = part.results.map((r) => r.map(([loss, wal, late]) => ({ loss, wal: wal ?? Number.NaN, late })));
    for (const k of part.pathPattern) perPath.push(results[k]!);
  }
  return aggregate(trancheIds, perPath, seed, keys.size, withDefaults);
}

/** A Monte Carlo run (the arguments of {@link monteCarlo}) as sharded work: its paths. */
export function monteCarloWork(...args: Parameters<typeof monteCarlo>): ShardedWork<McResult> {
  const [prepared, base, obligors, options, runPatterns, progress] = args;
  const ids = prepared.deal.spec.tranches.map((t) => t.id);
  return {
    total: options.paths,
    whole: () => monteCarlo(...args),
    async part(range) {
      const { plan, results } = await runPaths(prepared, base, obligors, options, range, runPatterns, progress);
      return monteCarloPart(range, plan, results);
    },
    problem: (data, range) => mcPartProblem(data, range, ids.length),
    merge: (data) => mergeMonteCarlo(ids, options.seed, data as McPart[]),
  };
}
