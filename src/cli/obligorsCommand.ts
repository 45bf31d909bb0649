/** `ipabs obligors`: the largest obligors defaulting, and the smallest sets that make a tranche lose (from a status with --status). */
import type { Command } from 'commander';
import { prepareDeal } from '../engine/run.js';
import type { Label } from '../report/model.js';
import { obligorReport } from '../report/stressReports.js';
import { statusLine } from '../report/runReport.js';
import { MAX_COMBINATION_OBLIGORS, minimalLosingSets, topObligorTests } from '../stress/obligors.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type { PreparedDeal } from '../engine/run.js';
import type { EngineStatus } from '../engine/statusTypes.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { emitReport, loadDealForOutput, type OutputOptions } from './load.js';
import { addOutputOptions } from './options.js';
import { statusInputs, statusOption } from './status.js';
import { base } from './stressScenarios.js';
import { wholeNumber } from './stressFlags.js';

type ObligorOptions = OutputOptions & { top?: string; combinations?: string; period?: string; recovery?: string; lag?: string; support?: boolean; status?: string };

/** The smallest losing sets of up to `k` obligors, or undefined (said on stderr) when the pool has too many obligors for them. */
function losingSets(io: Io, prepared: PreparedDeal, b: ScenarioSpec, k: number, period: number, status: EngineStatus | undefined) {
  if (k <= 0) return undefined;
  try {
    return minimalLosingSets(prepared, b, k, period, MAX_COMBINATION_OBLIGORS, status);
  } catch (err) {
    if (!(err instanceof RangeError)) throw err;
    io.stderr(`ipabs: ${err.message}; only the largest-obligor test is run\n`);
    return undefined;
  }
}

/** Registers `ipabs obligors`. */
export function registerObligors(program: Command, io: Io): void {
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
  ).action(async (file: string, o: ObligorOptions) => {
    const deal = loadDealForOutput(file, o, io, statusInputs(o.status));
    const prepared = prepareDeal(deal);
    const b = base(deal, { recovery: o.recovery, lag: o.lag, support: o.support }, false);
    const from = o.status === undefined ? undefined : statusOption(o.status, prepared, b);
    const past = from?.summary.periodsPast ?? 0;
    const period = wholeNumber(o.period, '--period', 1) ?? past + 1;
    if (period > prepared.periods.length) throw new InputError(`--period ${period}: the deal has ${prepared.periods.length} periods`);
    if (period <= past) throw new InputError(`--period ${period}: the status ${o.status} has ${past} periods past; give a later period`);
    const top = topObligorTests(prepared, b, wholeNumber(o.top, '--top', 1) ?? 10, period, from?.status);
    const minimal = losingSets(io, prepared, b, wholeNumber(o.combinations, '--combinations') ?? 3, period, from?.status);
    const assumptions: Label = {
      zh: `违约发生于第${period}期；回收率${b.recovery.rate.times(100).toString()}%，回收滞后${b.recovery.lagPeriods}期${b.externalSupport ? '' : '；不含外部增信'}`,
      en: `Defaults in period ${period}; recovery ${b.recovery.rate.times(100).toString()}%, lag ${b.recovery.lagPeriods} periods${b.externalSupport ? '' : '; no external support'}`,
    };
    await emitReport(obligorReport(deal, top, minimal, [assumptions, ...(from ? [statusLine(from.summary)] : [])], o.lang), o, io, 'obligors');
    io.exitCode = 0;
  });
}
