/** `ipabs stress`: a grid, preset or file of scenarios, one row each (sharded with --shard, from a live deal's status with --status). */
import type { Command } from 'commander';
import { prepareDeal } from '../engine/run.js';
import type { Label } from '../report/model.js';
import { stressReport } from '../report/stressReports.js';
import { statusLine } from '../report/runReport.js';
import { PRESETS, withAndWithoutSupport } from '../stress/preset.js';
import { stressTable } from '../stress/table.js';
import { parseRateShifts, withRateShifts } from '../stress/rateShift.js';
import type { Io } from './io.js';
import { emitReport } from './load.js';
import { loadShardable, rowWork, runSharded, type MergedRun, type ShardableOptions } from './shard.js';
import { addOutputOptions } from './options.js';
import { statusInputs, statusOption } from './status.js';
import { rowsWithProgress, terminalProgress } from './progress.js';
import { addBaseOptions, base, baseLine, chooseScenarios, type ChoiceOptions } from './stressScenarios.js';
import { addShardOption, checkTranches } from './stressFlags.js';

type StressOptions = ChoiceOptions & ShardableOptions & { tranche?: string[]; rateShift?: string; status?: string };

/** Registers `ipabs stress`; `merged`: the parts `ipabs merge` runs it over. */
export function registerStress(program: Command, io: Io, merged?: MergedRun): void {
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
        .option('--status <file>', 'run each scenario on the rest of a live deal, from a status file (with --shard too: the parts record it)'),
    ),
  );
  addShardOption(program.commands.at(-1)!).action(async (file: string, o: StressOptions, command: Command) => {
    const others = { '--scenarios': o.scenarios, ...statusInputs(o.status) };
    const { deal, shard } = loadShardable(file, o, io, others);
    checkTranches(deal, o.tranche ?? []);
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
}
