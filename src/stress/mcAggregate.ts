/**
 * The distributions of a Monte Carlo run, from its per-path results in path order: expected loss
 * and its standard error, probability of loss, loss percentiles (nearest rank), WAL statistics,
 * the loss histogram, and lateness against the expected maturity, per tranche.
 */
import { periodsLate } from '../analytics/timeliness.js';
import type { TrancheResult } from '../engine/types.js';
import { Decimal } from '../util/money.js';

/** A tranche's principal never repaid within the run, as `late` holds it. */
export const UNPAID = -1;

/**
 * What one default pattern costs each tranche: its loss (over its balance), WAL, and payment
 * periods late against its expected maturity ({@link UNPAID} when never repaid).
 */
export type PatternResult = { loss: number; wal: number; late: number }[];

/** One tranche's share of a pattern's result, from a lean run's rows. */
export function patternTranche(t: TrancheResult): PatternResult[number] {
  return {
    loss: t.balance === 0 || t.summary.loss === 0 ? 0 : new Decimal(t.summary.loss).div(t.balance).toNumber(),
    wal: t.summary.wal ?? Number.NaN,
    late: periodsLate(t.periods, t.balance, t.expectedMaturity) ?? UNPAID,
  };
}

export interface TrancheDistribution {
  id: string;
  expectedLoss: number;
  /** Standard error of the expected loss. */
  standardError: number;
  probabilityOfLoss: number;
  percentiles: { p: number; loss: number }[];
  wal: { mean: number; p5: number; p50: number; p95: number };
  /** Loss histogram: [0], then bins of 5% of the balance up to 100%. */
  histogram: { from: number; to: number; paths: number }[];
  /** Share of paths whose principal was not repaid in full by the expected maturity (late or never). */
  probabilityLate: number;
  /** Paths by periods late: 0 first, then each delay seen in order, then `unpaid` (periods undefined) if any. */
  delay: { periods?: number; paths: number }[];
}

export interface McResult {
  paths: number;
  seed: number;
  distinctPatterns: number;
  pathsWithDefaults: number;
  tranches: TrancheDistribution[];
}

function quantile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) return Number.NaN;
  // Nearest rank: the smallest value with at least p of the paths at or below it.
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1));
  return sorted[i]!;
}

/**
 * The probability of late principal and the distribution of delay, from paths counted by delay:
 * `byDelay[d + 1]` paths d periods late ({@link UNPAID} at 0); 0 periods always listed, other
 * delays where a path has them.
 */
function lateness(byDelay: readonly number[], n: number): Pick<TrancheDistribution, 'probabilityLate' | 'delay'> {
  const delay: TrancheDistribution['delay'] = [];
  for (let d = 0; d + 1 < byDelay.length; d++) if (d === 0 || byDelay[d + 1]! > 0) delay.push({ periods: d, paths: byDelay[d + 1] ?? 0 });
  const unpaid = byDelay[UNPAID + 1]!;
  if (unpaid) delay.push({ paths: unpaid });
  return { probabilityLate: n ? (n - byDelay[1]!) / n : 0, delay };
}

/** Aggregates the per-path results (path order) into distributions per tranche. */
export function aggregate(trancheIds: readonly string[], perPath: readonly PatternResult[], seed: number, distinct: number, withDefaults: number): McResult {
  const n = perPath.length;
  const tranches = trancheIds.map((id, j): TrancheDistribution => {
    const losses = new Float64Array(n);
    const wals: number[] = [];
    let sumL = 0;
    let sumL2 = 0;
    let lossPaths = 0;
    // Paths by periods late, at late + 1 (never repaid: UNPAID, at 0).
    const byDelay = [0, 0];
    for (let i = 0; i < n; i++) {
      const { loss, wal, late } = perPath[i]![j]!;
      while (byDelay.length <= late + 1) byDelay.push(0);
      byDelay[late + 1]!++;
      losses[i] = loss;
      sumL += loss;
      sumL2 += loss * loss;
      if (loss > 0) lossPaths++;
      if (!Number.isNaN(wal)) wals.push(wal);
    }
    const mean = n ? sumL / n : 0;
    const variance = n > 1 ? Math.max(0, (sumL2 - n * mean * mean) / (n - 1)) : 0;
    const sorted = losses.slice().sort();
    const walSorted = Float64Array.from(wals).sort();
    const bins: TrancheDistribution['histogram'] = [{ from: 0, to: 0, paths: 0 }];
    for (let b = 0; b < 20; b++) bins.push({ from: b * 0.05, to: (b + 1) * 0.05, paths: 0 });
    for (let i = 0; i < n; i++) {
      const l = losses[i]!;
      if (l <= 0) bins[0]!.paths++;
      else bins[Math.min(20, Math.ceil(l / 0.05 - 1e-12))]!.paths++;
    }
    return {
      id,
      expectedLoss: mean,
      standardError: n ? Math.sqrt(variance / n) : 0,
      probabilityOfLoss: n ? lossPaths / n : 0,
      percentiles: [0.95, 0.99, 0.999].map((p) => ({ p, loss: quantile(sorted, p) })),
      wal: {
        mean: walSorted.length ? walSorted.reduce((a, b) => a + b, 0) / walSorted.length : Number.NaN,
        p5: quantile(walSorted, 0.05),
        p50: quantile(walSorted, 0.5),
        p95: quantile(walSorted, 0.95),
      },
      histogram: bins,
      ...lateness(byDelay, n),
    };
  });
  return { paths: n, seed, distinctPatterns: distinct, pathsWithDefaults: withDefaults, tranches };
}
