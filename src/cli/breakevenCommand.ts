/** `ipabs breakeven`: the break-even default rate of each tranche per scenario and the implied rating (sharded with --shard, from a status with --status). */
import type { Command } from 'commander';
import { prepareDeal } from '../engine/run.js';
import { breakevenReport } from '../report/breakevenReport.js';
import { statusLine } from '../report/runReport.js';
import { parseMultipliers } from '../stress/breakeven.js';
import { multipliersOf } from '../stress/ratingScale.js';
import { basesFor, breakevenRows, legalFallbackNotes, trancheRatings } from '../stress/breakevenRows.js';
import { PRESETS } from '../stress/preset.js';
import { parsePercent } from '../stress/scenarios.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { emitReport } from './load.js';
import { loadShardable, rowWork, runSharded, type MergedRun, type ShardableOptions } from './shard.js';
import { addOutputOptions, addRatingScaleOptions } from './options.js';
import { ratingScaleOf, type ScaleOptions } from './ratingScale.js';
import { statusInputs, statusOption } from './status.js';
import { rowsWithProgress, terminalProgress } from './progress.js';
import { addBaseOptions, base, chooseScenarios, type ChoiceOptions } from './stressScenarios.js';
import { addShardOption, checkTranches, principalBy } from './stressFlags.js';

type BreakevenOptions = ChoiceOptions & ShardableOptions & ScaleOptions & { tranche?: string[]; baseRate?: string; multipliers?: string; principalBy?: string; status?: string };

/** The TDR multipliers: the rating scale's, or a whole table from --multipliers; and where they come from. */
function multipliersGiven(o: BreakevenOptions): { multipliers: ReturnType<typeof multipliersOf>; source: string } {
  const scale = ratingScaleOf(o);
  if (!o.multipliers) return { multipliers: multipliersOf(scale), source: scale.source };
  if (o.ratingScale !== undefined || o.multiple !== undefined) throw new InputError('give --multipliers (a whole table) or --rating-scale/--multiple, not both');
  try {
    return { multipliers: parseMultipliers(o.multipliers), source: `--multipliers ${o.multipliers}` };
  } catch (err) {
    throw new InputError(`--multipliers: ${(err as Error).message}`);
  }
}

/** Registers `ipabs breakeven`; `merged`: the parts `ipabs merge` runs it over. */
export function registerBreakeven(program: Command, io: Io, merged?: MergedRun): void {
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
        .option('--status <file>', 'search on the rest of a live deal, from a status file (with --shard too: the parts record it)'),
    ),
  );
  addShardOption(addRatingScaleOptions(program.commands.at(-1)!)).action(async (file: string, o: BreakevenOptions, command: Command) => {
    const others = { '--scenarios': o.scenarios, ...statusInputs(o.status) };
    const { deal, shard } = loadShardable(file, o, io, others);
    const ids = o.tranche ?? deal.spec.tranches.map((t) => t.id);
    checkTranches(deal, ids);
    const { multipliers, source } = multipliersGiven(o);
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
    if (baseRate !== undefined) notes.push({ zh: `目标违约率 = 评级量表倍数 × 基准累计违约率；评级量表：${source}`, en: `TDR = the rating scale's multiple × the base cumulative default rate; rating scale: ${source}` });
    await emitReport(breakevenReport(deal, rows, ratings, baseRate, multipliers, o.lang, notes), o, io, 'breakeven');
    io.exitCode = 0;
  });
}
