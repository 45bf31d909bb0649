/** The stress commands: stress, breakeven, obligors, montecarlo. Wiring only. */
import { availableParallelism } from 'node:os';
import type { Command } from 'commander';
import { prepareDeal, type PreparedDeal } from '../engine/run.js';
import { readJsonFile, type LoadedDeal } from '../io/loadDeal.js';
import type { Label } from '../report/model.js';
import { breakevenReport } from '../report/breakevenReport.js';
import { monteCarloReport, obligorReport, stressReport } from '../report/stressReports.js';
import { scenarioItems, validateScenarioList } from '../scenario/load.js';
import { Scenario, type ScenarioSpec } from '../scenario/schema.js';
import { parseMultipliers, type PrincipalBasis } from '../stress/breakeven.js';
import { multipliersOf } from '../stress/ratingScale.js';
import { basesFor, breakevenRows, legalFallbackNotes, trancheRatings } from '../stress/breakevenRows.js';
import { MAX_PATHS, mcObligors, recoveryBp, serialPatterns, type McProgress } from '../stress/montecarlo.js';
import { MAX_COMBINATION_OBLIGORS, minimalLosingSets, topObligorTests } from '../stress/obligors.js';
import { maxWorkers, runPatternsParallel, WORKERS_PER_CORE } from '../stress/parallel.js';
import { monteCarloWork } from '../stress/shards.js';
import { statusPatterns } from '../stress/mcStatus.js';
import { MAX_SEED } from '../stress/random.js';
import {
  baseScenario,
  gridScenarios,
  parseLag,
  parseLagRange,
  parsePercent,
  parsePercentRange,
  type NamedScenario,
} from '../stress/scenarios.js';
import { PRESETS, presetScenarios, withAndWithoutSupport, type PresetName } from '../stress/preset.js';
import { stressTable } from '../stress/table.js';
import { parseRateShifts, withRateShifts } from '../stress/rateShift.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { emitReport, fileError, loadDealForOutput, type OutputOptions } from './load.js';
import { loadShardable, rowWork, runSharded, type MergedRun, type ShardableOptions } from './shard.js';
import { addOutputOptions, addRatingScaleOptions } from './options.js';
import { ratingScaleOf, type ScaleOptions } from './ratingScale.js';
import { cliLoadOptions } from './inputOptions.js';
import { statusOption } from './status.js';
import { statusLine } from '../report/runReport.js';
import { rowsWithProgress, terminalProgress } from './progress.js';

interface BaseOptions {
  defaultRate?: string;
  recovery?: string;
  lag?: string;
  support?: boolean;
}

interface ChoiceOptions extends BaseOptions {
  preset?: string;
  scenarios?: string;
  cdr?: string;
  cumulative?: string;
}

/** A flag's value that is a list or range (`0,30,50`, `0:30:10`): a grid in ipabs stress. */
const isList = (text: string | undefined): text is string => text !== undefined && /[:,]/.test(text);

/**
 * Without --workers, Monte Carlo starts workers only from this many distinct default patterns:
 * below it a worker's start (loading, preparing the deal, the base run) costs more than it saves
 * (measured on 广开, 2 cores: 100,000 paths, 11,429 patterns, 1.47 s on one thread and 1.76 s on
 * two; 1,000,000 paths, 65,000 patterns, 6.9 s and 5.9 s).
 */
const DEFAULT_PARALLEL_PATTERNS = 20_000;

/** `--principal-by`: expected or legal; undefined when not given (both bases). */
function principalBy(text: string | undefined): PrincipalBasis | undefined {
  if (text === undefined) return undefined;
  if (text !== 'expected' && text !== 'legal') throw new InputError(`--principal-by ${JSON.stringify(text)}: give expected (the expected maturity, 预期到期日) or legal (the legal maturity, 法定到期日)`);
  return text;
}

/** A whole-number flag (a count: paths, seed, workers, periods) from `min` to `max`. */
function wholeNumber(text: string | undefined, flag: string, min = 0, max?: number, maxText = max?.toLocaleString('en-US')): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < min || (max !== undefined && Number(t) > max)) {
    const range = max !== undefined ? ` from ${min} to ${maxText}` : min > 0 ? ` of at least ${min}` : '';
    throw new InputError(`${flag} ${JSON.stringify(text)}: give a whole number${range}`);
  }
  return Number(t);
}

function base(deal: LoadedDeal, o: BaseOptions, lists = true): ScenarioSpec {
  if (!lists) {
    for (const [flag, v] of [['--recovery', o.recovery], ['--lag', o.lag]] as const) {
      if (isList(v)) throw new InputError(`${flag} ${JSON.stringify(v)}: give one value here (lists make grids only in ipabs stress)`);
    }
  }
  const s = baseScenario(deal, {
    defaultRate: o.defaultRate !== undefined ? parsePercent(o.defaultRate, '--default-rate') : undefined,
    recoveryRate: o.recovery !== undefined && !isList(o.recovery) ? parsePercent(o.recovery, '--recovery') : undefined,
    recoveryLagPeriods: o.lag !== undefined && !isList(o.lag) ? parseLag(o.lag, '--lag') : undefined,
  });
  if (o.support === false) s.externalSupport = false;
  return s;
}

/**
 * Scenarios from a file, each validated against the deal; every invalid one is reported, not
 * only the first. A file says everything itself: nothing of the base case is merged in.
 */
function scenariosFromFile(file: string, deal: LoadedDeal): NamedScenario[] {
  const json = readJsonFile(file, file, cliLoadOptions());
  if (json.value === undefined) throw fileError(file, json.diagnostics);
  const v = validateScenarioList(json.value, file, deal);
  if (!v.scenarios) {
    const { items } = scenarioItems(json.value);
    const heading =
      items.length === 0
        ? undefined
        : v.single
          ? `${file} is not a valid scenario`
          : `${file} is not a valid scenario list (${v.invalid} of ${items.length} scenario${items.length === 1 ? '' : 's'} ${v.invalid === 1 ? 'has' : 'have'} errors)`;
    throw fileError(file, v.diagnostics, heading);
  }
  return v.scenarios.map((scenario, i) => {
    const name = scenario.name ?? `scenario ${i + 1}`;
    return { name: { zh: name, en: name }, scenario };
  });
}

function chooseScenarios(deal: LoadedDeal, o: ChoiceOptions, defaultPreset: boolean): { list: NamedScenario[]; describe: Label; preset?: true } {
  if (o.scenarios !== undefined) {
    // A file gives whole scenarios: flags that build scenarios would be silently lost.
    const given = ([['--default-rate', o.defaultRate], ['--recovery', o.recovery], ['--lag', o.lag], ['--preset', o.preset], ['--cdr', o.cdr], ['--cumulative', o.cumulative]] as const)
      .filter(([, v]) => v !== undefined)
      .map(([flag]) => flag);
    if (given.length > 0) {
      const flags = given.length === 1 ? given[0]! : `${given.slice(0, -1).join(', ')} and ${given[given.length - 1]!}`;
      throw new InputError(
        `--scenarios ${o.scenarios} takes whole scenarios from the file, so ${flags} would be ignored: write ${given.length === 1 ? 'it' : 'them'} into the file's scenarios, or drop --scenarios (only --no-support applies over a file)`,
      );
    }
    const list = scenariosFromFile(o.scenarios, deal);
    if (o.support === false) for (const s of list) s.scenario.externalSupport = false;
    return { list, describe: { zh: `情景文件 ${o.scenarios}`, en: `scenario file ${o.scenarios}` } };
  }
  const b = base(deal, o);
  const grid = {
    cdr: o.cdr !== undefined ? parsePercentRange(o.cdr, '--cdr') : undefined,
    cumulative: o.cumulative !== undefined ? parsePercentRange(o.cumulative, '--cumulative') : undefined,
    recovery: isList(o.recovery) ? parsePercentRange(o.recovery, '--recovery') : undefined,
    lag: isList(o.lag) ? parseLagRange(o.lag, '--lag') : undefined,
  };
  if (grid.cdr && grid.cumulative) throw new InputError('give --cdr (annual) or --cumulative, not both');
  const isGrid = Object.values(grid).some((v) => v !== undefined);
  if (isGrid && o.preset) throw new InputError('give a grid or --preset, not both');
  if (isGrid) return { list: gridScenarios(b, grid), describe: { zh: '情景网格', en: 'scenario grid' } };
  const preset = o.preset ?? (defaultPreset ? 'cn-standard' : undefined);
  if (preset) {
    if (!(PRESETS as readonly string[]).includes(preset)) throw new InputError(`unknown preset ${JSON.stringify(preset)} (known: ${PRESETS.join(', ')})`);
    return { list: presetScenarios(preset as PresetName, deal, b), describe: { zh: `预设情景 ${preset}`, en: `preset ${preset}` }, preset: true };
  }
  return { list: [{ name: { zh: '基准情景', en: 'base case' }, scenario: b }], describe: { zh: '基准情景', en: 'base case' } };
}

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

function baseLine(s: ScenarioSpec): Label {
  const rate = s.defaultRate?.cumulative ? `${s.defaultRate.cumulative.times(100).toString()}%` : '0%';
  const rec = `${s.recovery.rate.times(100).toString()}%`;
  return {
    zh: `基准：累计违约率${rate}（均匀分布），回收率${rec}，回收滞后${s.recovery.lagPeriods}期${s.externalSupport ? '' : '，不含外部增信'}`,
    en: `Base: cumulative default rate ${rate} (even), recovery ${rec}, lag ${s.recovery.lagPeriods} periods${s.externalSupport ? '' : ', no external support'}`,
  };
}

const addBaseOptions = (c: Command) =>
  c
    .option('--default-rate <pct>', 'cumulative default rate of the base case, per cent of the initial pool (default: the deal’s baseCase)')
    .option('--recovery <pct>', 'recovery rate, per cent (a range like 0,30,50 makes a grid)')
    .option('--lag <periods>', 'recovery lag in periods (a range like 0,2 makes a grid)')
    .option('--no-support', 'switch off external support: guarantees, undertakings, liquidity support');

/** `--shard I/N` on a command whose items are independent. */
const addShardOption = (c: Command) =>
  c.option('--shard <I/N>', 'compute only shard I of N (1 to N) and write it as a part file (--out part-I.json, else stdout) for ipabs merge');

/**
 * Registers stress, breakeven, obligors and montecarlo. `merged`: the parts `ipabs merge` runs
 * one of them over, in place of its work.
 */
export function registerStressCommands(program: Command, io: Io, merged?: MergedRun): void {
  addOutputOptions(
    addBaseOptions(
      program
        .command('stress')
        .description('run a grid or list of scenarios: per tranche loss, WAL, final payment date; coverage; reserve, guarantee and undertaking drawn')
        .argument('<deal>', 'deal file (JSON)')
        .option('--preset <name>', `built-in stresses: ${PRESETS.join(', ')} (the default without a grid or file)`)
        .option('--scenarios <file>', 'scenario file: one scenario, a list, or {"scenarios": [...]} (with no other scenario flag; --no-support applies over it)')
        .option('--cdr <range>', 'annual constant default rates, per cent from 0 to 100: 0:30:5 or 0,10,20')
        .option('--cumulative <range>', 'cumulative default rates, per cent of the initial pool, from 0 to 100')
        .option('--rate-shift <bp>', 'another grid axis: shift every interest-rate index of the deal by these basis points (-100,0,100 or -100:100:50), or one index (LPR5Y=-50,LPR1Y=50)')
        .option('-t, --tranche <id...>', 'show only these tranches (default: every tranche)')
        .option('--status <file>', 'run each scenario on the rest of a live deal, from a status file (not with --shard)'),
    ),
  );
  addShardOption(program.commands.at(-1)!).action(async (file: string, o: ChoiceOptions & ShardableOptions & { tranche?: string[]; rateShift?: string; status?: string }, command: Command) => {
    const others = { '--scenarios': o.scenarios, '--status': o.status };
    if (o.status !== undefined && o.shard !== undefined) throw new InputError('--status and --shard: a run from a status is not sharded yet');
    const { deal, shard } = loadShardable(file, o, io, others);
    for (const id of o.tranche ?? []) {
      if (!deal.spec.tranches.some((t) => t.id === id)) throw new InputError(`--tranche ${id}: no such tranche (the deal has ${deal.spec.tranches.map((t) => t.id).join(', ')})`);
    }
    const chosen = chooseScenarios(deal, o, true);
    const describe = chosen.describe;
    // A preset runs each scenario with and without external support, side by side; a rate shift
    // runs every one of them again under each shift.
    const supported = chosen.preset ? withAndWithoutSupport(deal, chosen.list) : chosen.list;
    const list = o.rateShift === undefined ? supported : withRateShifts(supported, deal, parseRateShifts(o.rateShift));
    // Prepared up front only for a status (read against it); else when rows are run, not when merged from parts.
    const statusPrepared = o.status === undefined ? undefined : prepareDeal(deal);
    const from = o.status === undefined ? undefined : statusOption(o.status, statusPrepared!, base(deal, o));
    const rows = await runSharded({ command, o, io, deal, dealArg: file, shard, others, merged }, rowWork(list.length, (r) => {
      const prepared = statusPrepared ?? prepareDeal(deal);
      return rowsWithProgress(r, (i) => stressTable(prepared, list.slice(i, i + 1), from?.status), terminalProgress(io), 'Stress', 'scenarios');
    }));
    if (!rows) return;
    // A scenario file says everything itself; grids and presets build on the base case.
    const noSupport: Label = { zh: '不含外部增信', en: 'no external support' };
    const subtitle = [...(o.scenarios ? [describe, ...(o.support === false ? [noSupport] : [])] : [describe, baseLine(base(deal, o))]), ...(from ? [statusLine(from.summary)] : [])];
    await emitReport(stressReport(deal, rows, subtitle, o.lang, o.tranche), o, io, 'stress');
    io.exitCode = 0;
  });

  addOutputOptions(
    addBaseOptions(
      program
        .command('breakeven')
        .description('break-even cumulative default rate (临界违约率) of a tranche per scenario, with and without external support, and the implied rating')
        .argument('<deal>', 'deal file (JSON)')
        .option('-t, --tranche <id...>', 'tranche ids (default: every tranche)')
        .option('--preset <name>', `scenarios: ${PRESETS.join(', ')}`)
        .option('--scenarios <file>', 'scenario file: one scenario, a list, or {"scenarios": [...]} (with no other scenario flag)')
        .option('--base-rate <pct>', 'base cumulative default rate for the target default rates (default: the deal’s baseCase)')
        .option('--multipliers <list>', 'a whole table of TDR multipliers in place of the rating scale, e.g. AAA=5,AA=4,A=3')
        .option('--principal-by <basis>', 'principal repaid in full by the expected maturity (预期到期日) or the legal maturity (法定到期日): expected|legal (default: both, expected first)')
        .option('--status <file>', 'search on the rest of a live deal, from a status file (not with --shard)'),
    ),
  );
  addShardOption(addRatingScaleOptions(program.commands.at(-1)!)).action(async (file: string, o: ChoiceOptions & ShardableOptions & ScaleOptions & { tranche?: string[]; baseRate?: string; multipliers?: string; principalBy?: string; status?: string }, command: Command) => {
    const others = { '--scenarios': o.scenarios, '--status': o.status };
    if (o.status !== undefined && o.shard !== undefined) throw new InputError('--status and --shard: a run from a status is not sharded yet');
    const { deal, shard } = loadShardable(file, o, io, others);
    const ids = o.tranche ?? deal.spec.tranches.map((t) => t.id);
    for (const id of ids) {
      if (!deal.spec.tranches.some((t) => t.id === id)) throw new InputError(`--tranche ${id}: no such tranche (the deal has ${deal.spec.tranches.map((t) => t.id).join(', ')})`);
    }
    const scale = ratingScaleOf(o);
    let multipliers = multipliersOf(scale);
    let scaleSource = scale.source;
    if (o.multipliers) {
      scaleSource = `--multipliers ${o.multipliers}`;
      if (o.ratingScale !== undefined || o.multiple !== undefined) throw new InputError('give --multipliers (a whole table) or --rating-scale/--multiple, not both');
      try {
        multipliers = parseMultipliers(o.multipliers);
      } catch (err) {
        throw new InputError(`--multipliers: ${(err as Error).message}`);
      }
    }
    const bases = basesFor(principalBy(o.principalBy));
    const { list } = chooseScenarios(deal, o, false);
    const statusPrepared = o.status === undefined ? undefined : prepareDeal(deal);
    const from = o.status === undefined ? undefined : statusOption(o.status, statusPrepared!, base(deal, o));
    const rows = await runSharded({ command, o, io, deal, dealArg: file, shard, others, merged }, rowWork(ids.length * list.length, (r) => {
      const prepared = statusPrepared ?? prepareDeal(deal);
      return rowsWithProgress(r, (i) => breakevenRows(prepared, ids, list, bases, { from: i, to: i + 1 }, from?.status), terminalProgress(io), 'Break-even', 'searches');
    }));
    if (!rows) return;
    const baseRate = (o.baseRate !== undefined ? parsePercent(o.baseRate, '--base-rate') : undefined) ?? deal.spec.baseCase?.cumulativeDefaultRate.toNumber();
    const ratings = trancheRatings(rows, ids, baseRate, multipliers);
    const notes = legalFallbackNotes(deal, ids, bases);
    if (from) notes.unshift(statusLine(from.summary));
    if (baseRate !== undefined) notes.push({ zh: `目标违约率 = 评级量表倍数 × 基准累计违约率；评级量表：${scaleSource}`, en: `TDR = the rating scale's multiple × the base cumulative default rate; rating scale: ${scaleSource}` });
    await emitReport(breakevenReport(deal, rows, ratings, baseRate, multipliers, o.lang, notes), o, io, 'breakeven');
    io.exitCode = 0;
  });

  addOutputOptions(
    program
      .command('obligors')
      .description('obligor default tests: the largest 1…N obligors defaulting, and the smallest sets of obligors that make each tranche lose')
      .argument('<deal>', 'deal file (JSON)')
      .option('--top <n>', 'default the largest 1…n obligors (default 10)')
      .option('--combinations <k>', 'every combination of up to k obligors (pools of up to 20 obligors; default 3, 0 to skip)')
      .option('--period <n>', 'the period in which they default (default 1)')
      .option('--recovery <pct>', 'recovery rate, per cent (default: the deal’s baseCase)')
      .option('--lag <periods>', 'recovery lag in periods (default: the deal’s baseCase)')
      .option('--no-support', 'switch off external support: guarantees, undertakings, liquidity support')
      .option('--status <file>', 'default obligors on the rest of a live deal, from a status file (those still owing; default period: the first after it)'),
  ).action(async (file: string, o: OutputOptions & { top?: string; combinations?: string; period?: string; recovery?: string; lag?: string; support?: boolean; status?: string }) => {
    const deal = loadDealForOutput(file, o, io, { '--status': o.status });
    const prepared = prepareDeal(deal);
    const b = base(deal, { recovery: o.recovery, lag: o.lag, support: o.support }, false);
    const from = o.status === undefined ? undefined : statusOption(o.status, prepared, b);
    const past = from?.summary.periodsPast ?? 0;
    const period = wholeNumber(o.period, '--period', 1) ?? past + 1;
    if (period > prepared.periods.length) throw new InputError(`--period ${period}: the deal has ${prepared.periods.length} periods`);
    if (period <= past) throw new InputError(`--period ${period}: the status ${o.status} has ${past} periods past; give a later period`);
    const top = topObligorTests(prepared, b, wholeNumber(o.top, '--top', 1) ?? 10, period, from?.status);
    const k = wholeNumber(o.combinations, '--combinations') ?? 3;
    let minimal;
    if (k > 0) {
      try {
        minimal = minimalLosingSets(prepared, b, k, period, MAX_COMBINATION_OBLIGORS, from?.status);
      } catch (err) {
        if (!(err instanceof RangeError)) throw err;
        io.stderr(`ipabs: ${err.message}; only the largest-obligor test is run\n`);
      }
    }
    const assumptions: Label = {
      zh: `违约发生于第${period}期；回收率${b.recovery.rate.times(100).toString()}%，回收滞后${b.recovery.lagPeriods}期${b.externalSupport ? '' : '；不含外部增信'}`,
      en: `Defaults in period ${period}; recovery ${b.recovery.rate.times(100).toString()}%, lag ${b.recovery.lagPeriods} periods${b.externalSupport ? '' : '; no external support'}`,
    };
    await emitReport(obligorReport(deal, top, minimal, [assumptions, ...(from ? [statusLine(from.summary)] : [])], o.lang), o, io, 'obligors');
    io.exitCode = 0;
  });

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
      .option('--status <file>', 'run each path on the rest of a live deal, from a status file: obligors still owing default after it (in this thread; not with --shard)'),
  );
  type McOptionsGiven = ShardableOptions & { paths: string; seed: string; pd?: string; correlation?: string; industryCorrelation?: string; recovery?: string; recoveryRange?: string; lag?: string; workers?: string; support?: boolean; status?: string };
  addShardOption(program.commands.at(-1)!).action(async (file: string, o: McOptionsGiven, command: Command) => {
    if (o.status !== undefined && o.shard !== undefined) throw new InputError('--status and --shard: a run from a status is not sharded yet');
    const { deal, shard } = loadShardable(file, o, io, { '--status': o.status });
    const prepared: PreparedDeal = prepareDeal(deal);
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
    const pd = o.pd !== undefined ? parsePercent(o.pd, '--pd') : undefined;
    let obligors;
    const baseInput = { externalSupport: o.support !== false };
    const baseSpec = Scenario.parse(baseInput);
    const from = o.status === undefined ? undefined : statusOption(o.status, prepared, baseSpec);
    try {
      obligors = mcObligors(prepared, { override: pd, fallback: bc?.cumulativeDefaultRate.toNumber() }, from?.status);
    } catch (err) {
      throw new InputError((err as Error).message);
    }
    const options = { paths, seed, correlation, industryCorrelation, recovery, recoveryLagPeriods: lag };
    const cores = availableParallelism();
    const workers = wholeNumber(o.workers, '--workers', 1, maxWorkers(), `${maxWorkers()} (${WORKERS_PER_CORE} × the ${cores} cores available)`) ?? cores;
    if (from && o.workers !== undefined && workers > 1) throw new InputError(`--workers ${workers} and --status: a run from a status runs in this thread (give --workers 1 or leave it out)`);
    // The time left is estimated from the default patterns run (the work), the share from the paths.
    const shown = terminalProgress(io);
    const progress: McProgress = (done, total, pathsDone, allPaths) => shown.update(total > 0 ? done / total : 1, progressLine(done, total, pathsDone, allPaths));
    const work = monteCarloWork(
      prepared,
      baseSpec,
      obligors,
      options,
      async (patterns, onDone) =>
        from
          ? statusPatterns(prepared, from.status, baseSpec, obligors, lag)(patterns, onDone)
          : workers > 1 && patterns.length > (o.workers === undefined ? DEFAULT_PARALLEL_PATTERNS : 400)
          ? runPatternsParallel({ deal, baseInput, obligors, lag, local: { prepared, base: baseSpec } }, patterns, workers, onDone)
          : serialPatterns(prepared, baseSpec, obligors, lag)(patterns, onDone),
      progress,
    );
    const result = await runSharded({ command, o, io, deal, dealArg: file, shard, merged }, work);
    shown.finish();
    if (!result) return;
    // As the defaults get it: in basis points.
    const bp = (x: number) => (recoveryBp(x) / 100).toFixed(2);
    const rec = typeof recovery === 'number' ? `${bp(recovery)}%` : `${bp(recovery.min)}–${bp(recovery.max)}%`;
    const pds = [...new Set(obligors.map((x) => x.pd))];
    const subtitle: Label[] = [
      {
        zh: `单一因子高斯Copula：ρ=${correlation}${industryCorrelation ? `，行业ρ=${industryCorrelation}` : ''}；违约概率${pds.length === 1 ? `${(pds[0]! * 100).toFixed(2)}%` : '按资产'}；回收率${rec}，滞后${lag}期${o.support === false ? '；不含外部增信' : ''}`,
        en: `One-factor Gaussian copula: ρ=${correlation}${industryCorrelation ? `, industry ρ=${industryCorrelation}` : ''}; default probability ${pds.length === 1 ? `${(pds[0]! * 100).toFixed(2)}%` : 'per asset'}; recovery ${rec}, lag ${lag} periods${o.support === false ? '; no external support' : ''}`,
      },
      ...(from ? [statusLine(from.summary)] : []),
    ];
    await emitReport(monteCarloReport(deal, result, subtitle, o.lang), o, io, 'montecarlo');
    io.exitCode = 0;
  });
}
