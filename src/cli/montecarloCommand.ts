/**
 * `ipabs montecarlo`: correlated obligor defaults, on this thread and worker threads, sharded
 * with --shard, from a live deal's status with --status (the workers are sent the prepared
 * deal's inputs and the status itself, never paths).
 */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { prepareDeal, type PreparedDeal } from '../engine/run.js';
import type { LoadedDeal } from '../io/loadDeal.js';
import type { Label } from '../report/model.js';
import { monteCarloReport } from '../report/stressReports.js';
import { statusLine } from '../report/runReport.js';
import { Scenario, type ScenarioSpec } from '../scenario/schema.js';
import { MAX_PATHS, mcObligors, recoveryBp, serialPatterns, type McObligor, type McProgress, type PatternsRunner } from '../stress/montecarlo.js';
import { maxWorkers, runPatternsParallel, WORKERS_PER_CORE } from '../stress/parallel.js';
import { monteCarloWork } from '../stress/shards.js';
import { statusPatterns } from '../stress/mcStatus.js';
import { MAX_SEED } from '../stress/random.js';
import { parseLag, parsePercent, parsePercentRange } from '../stress/scenarios.js';
import type { EngineStatus } from '../engine/statusTypes.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { emitReport } from './load.js';
import { loadShardable, runSharded, type MergedRun, type ShardableOptions } from './shard.js';
import { addOutputOptions } from './options.js';
import { statusInputs, statusOption } from './status.js';
import { terminalProgress } from './progress.js';
import { addShardOption, wholeNumber } from './stressFlags.js';

/**
 * Without --workers, Monte Carlo starts workers only from this many distinct default patterns:
 * below it a worker's start (loading, preparing the deal, the base run) costs more than it saves
 * (measured on 广开, 2 cores: 100,000 paths, 11,429 patterns, 1.47 s on one thread and 1.76 s on
 * two; 1,000,000 paths, 65,000 patterns, 6.9 s and 5.9 s).
 */
const DEFAULT_PARALLEL_PATTERNS = 20_000;

type McOptionsGiven = ShardableOptions & { paths: string; seed: string; pd?: string; correlation?: string; industryCorrelation?: string; recovery?: string; recoveryRange?: string; lag?: string; workers?: string; support?: boolean; status?: string };

/**
 * The Monte Carlo progress line: how far the run is in paths (each default pattern stands for
 * the paths that drew it), then the patterns run of all.
 *
 * @example progressLine(5100, 11429, 4500, 10000) // 'Monte Carlo: 45% (5,100 of 11,429 default patterns)'
 */
export function progressLine(done: number, total: number, pathsDone: number, paths: number): string {
  const pct = paths > 0 ? Math.min(100, Math.floor((100 * pathsDone) / paths)) : 100;
  return `Monte Carlo: ${pct}% (${done.toLocaleString('en-US')} of ${total.toLocaleString('en-US')} default patterns)`;
}

/** The model's figures from the flags (the deal's baseCase for those not given). */
function modelOf(deal: LoadedDeal, o: McOptionsGiven) {
  const paths = wholeNumber(o.paths, '--paths', 1, MAX_PATHS)!;
  // Seeds are 32-bit: a larger one would silently give the paths of a smaller one.
  const seed = wholeNumber(o.seed, '--seed', 0, MAX_SEED, String(MAX_SEED))!;
  const ratio = (t: string | undefined, flag: string) => {
    if (t === undefined) return undefined;
    if (!/^\d+(\.\d+)?$/.test(t) || Number(t) > 1) throw new InputError(`${flag} ${JSON.stringify(t)}: give a number from 0 to 1`);
    return Number(t);
  };
  const bc = deal.spec.baseCase;
  const correlation = ratio(o.correlation, '--correlation') ?? bc?.correlation.toNumber() ?? 0.2;
  const industryCorrelation = ratio(o.industryCorrelation, '--industry-correlation') ?? 0;
  if (correlation + industryCorrelation > 1) throw new InputError('--correlation and --industry-correlation add up to more than 1');
  if (o.recovery !== undefined && o.recoveryRange !== undefined) throw new InputError('give --recovery or --recovery-range, not both');
  let recovery: number | { min: number; max: number } = (o.recovery !== undefined ? parsePercent(o.recovery, '--recovery') : undefined) ?? bc?.recoveryRate.toNumber() ?? 0;
  if (o.recoveryRange !== undefined) {
    const parts = o.recoveryRange.includes(':') ? [] : parsePercentRange(o.recoveryRange, '--recovery-range');
    if (parts.length !== 2 || parts[0]! > parts[1]!) throw new InputError('--recovery-range: give min,max in per cent, e.g. 20,60');
    recovery = { min: parts[0]!, max: parts[1]! };
  }
  const lag = (o.lag !== undefined ? parseLag(o.lag, '--lag') : undefined) ?? bc?.recoveryLagPeriods ?? 0;
  return { paths, seed, correlation, industryCorrelation, recovery, recoveryLagPeriods: lag };
}

/** What runs the patterns: worker threads when asked for (or the run is large), else this thread; each from the status when there is one. */
function patternsRunnerOf(deal: LoadedDeal, prepared: PreparedDeal, o: McOptionsGiven, mc: { base: ScenarioSpec; baseInput: unknown; obligors: McObligor[]; lag: number; status?: EngineStatus }): PatternsRunner {
  const cores = availableParallelism();
  const workers = wholeNumber(o.workers, '--workers', 1, maxWorkers(), `${maxWorkers()} (${WORKERS_PER_CORE} × the ${cores} cores available)`) ?? cores;
  const { base, baseInput, obligors, lag, status } = mc;
  const local = status ? statusPatterns(prepared, status, base, obligors, lag) : serialPatterns(prepared, base, obligors, lag);
  return async (patterns, onDone) =>
    workers > 1 && patterns.length > (o.workers === undefined ? DEFAULT_PARALLEL_PATTERNS : 400)
      ? runPatternsParallel({ deal, baseInput, obligors, lag, status, local: { prepared, base } }, patterns, workers, onDone)
      : local(patterns, onDone);
}

/** The report's subtitle: the model, and the status it runs from. */
function subtitleOf(model: ReturnType<typeof modelOf>, obligors: McObligor[], support: boolean, status?: Label): Label[] {
  const { correlation, industryCorrelation, recovery, recoveryLagPeriods: lag } = model;
  // As the defaults get it: in basis points.
  const bp = (x: number) => (recoveryBp(x) / 100).toFixed(2);
  const rec = typeof recovery === 'number' ? `${bp(recovery)}%` : `${bp(recovery.min)}–${bp(recovery.max)}%`;
  const pds = [...new Set(obligors.map((x) => x.pd))];
  return [
    {
      zh: `单一因子高斯Copula：ρ=${correlation}${industryCorrelation ? `，行业ρ=${industryCorrelation}` : ''}；违约概率${pds.length === 1 ? `${(pds[0]! * 100).toFixed(2)}%` : '按资产'}；回收率${rec}，滞后${lag}期${support ? '' : '；不含外部增信'}`,
      en: `One-factor Gaussian copula: ρ=${correlation}${industryCorrelation ? `, industry ρ=${industryCorrelation}` : ''}; default probability ${pds.length === 1 ? `${(pds[0]! * 100).toFixed(2)}%` : 'per asset'}; recovery ${rec}, lag ${lag} periods${support ? '' : '; no external support'}`,
    },
    ...(status ? [status] : []),
  ];
}

/** Registers `ipabs montecarlo`; `merged`: the parts `ipabs merge` runs it over. */
export function registerMonteCarlo(program: Command, io: Io, merged?: MergedRun): void {
  addOutputOptions(
    program
      .command('montecarlo')
      .description('Monte Carlo of correlated obligor defaults (one-factor Gaussian copula): expected loss, probability of loss, loss percentiles, WAL, histogram')
      .argument('<deal>', 'deal file (JSON)')
      // Grouped by hand: the first toLocaleString loads ICU's locale data (≈ 20 ms of start-up).
      .option('--paths <n>', `number of paths, 1 to ${String(MAX_PATHS).replace(/\B(?=(\d{3})+(?!\d))/g, ',')}`, '10000')
      .option('--seed <n>', `random seed, 0 to ${MAX_SEED}: the same seed gives the same result`, '1')
      .option('--pd <pct>', 'default probability of every obligor over its life, per cent (default: the assets’ defaultProbability, else the deal’s baseCase)')
      .option('--correlation <rho>', 'asset correlation ρ, 0 to 1 (default: the deal’s baseCase, else 0.2)')
      .option('--industry-correlation <rho>', 'extra correlation within an industry, 0 to 1 (default 0)')
      .option('--recovery <pct>', 'recovery rate, per cent, to 0.01% (default: the deal’s baseCase)')
      .option('--recovery-range <min,max>', 'draw each recovery uniformly between two percentages (to 0.01%)')
      .option('--lag <periods>', 'recovery lag in periods (default: the deal’s baseCase)')
      .option('--workers <n>', `worker threads, 1 (this thread only) to ${WORKERS_PER_CORE} × the cores available (default: the cores available, when the run is large enough)`)
      .option('--no-support', 'switch off external support')
      .option('--status <file>', 'run each path on the rest of a live deal, from a status file: obligors still owing default after it (with --shard and --workers too)'),
  );
  addShardOption(program.commands.at(-1)!).action(async (file: string, o: McOptionsGiven, command: Command) => {
    const others = statusInputs(o.status);
    const { deal, shard } = loadShardable(file, o, io, others);
    const prepared: PreparedDeal = prepareDeal(deal);
    const model = modelOf(deal, o);
    const bc = deal.spec.baseCase;
    const pd = o.pd !== undefined ? parsePercent(o.pd, '--pd') : undefined;
    const baseInput = { externalSupport: o.support !== false };
    const base = Scenario.parse(baseInput);
    const from = o.status === undefined ? undefined : statusOption(o.status, prepared, base);
    let obligors;
    try {
      obligors = mcObligors(prepared, { override: pd, fallback: bc?.cumulativeDefaultRate.toNumber() }, from?.status);
    } catch (err) {
      throw new InputError((err as Error).message);
    }
    const runner = patternsRunnerOf(deal, prepared, o, { base, baseInput, obligors, lag: model.recoveryLagPeriods, status: from?.status });
    // The time left is estimated from the default patterns run (the work), the share from the paths.
    const shown = terminalProgress(io);
    const progress: McProgress = (done, total, pathsDone, allPaths) => shown.update(total > 0 ? done / total : 1, progressLine(done, total, pathsDone, allPaths));
    const result = await runSharded({ command, o, io, deal, dealArg: file, shard, others, merged }, monteCarloWork(prepared, base, obligors, model, runner, progress));
    shown.finish();
    if (!result) return;
    await emitReport(monteCarloReport(deal, result, subtitleOf(model, obligors, o.support !== false, from && statusLine(from.summary)), o.lang), o, io, 'montecarlo');
    io.exitCode = 0;
  });
}
