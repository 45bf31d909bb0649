/**
 * The distributions of a Monte Carlo run, from its per-path results in path order: expected loss
 * and its standard error, probability of loss, loss percentiles (nearest rank), WAL statistics
 * and the loss histogram, per tranche.
 */
/** What one default pattern costs each tranche: its loss and WAL. */
export type PatternResult = { loss: number; wal: number }[];

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

/** Aggregates the per-path results (path order) into distributions per tranche. */
export function aggregate(trancheIds: readonly string[], perPath: readonly PatternResult[], seed: number, distinct: number, withDefaults: number): McResult {
  const n = perPath.length;
  const tranches = trancheIds.map((id, j): TrancheDistribution => {
    const losses = new Float64Array(n);
    const wals: number[] = [];
    let sumL = 0;
    let sumL2 = 0;
    let lossPaths = 0;
    for (let i = 0; i < n; i++) {
      const { loss, wal } = perPath[i]![j]!;
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
    };
  });
  return { paths: n, seed, distinctPatterns: distinct, pathsWithDefaults: withDefaults, tranches };
}
