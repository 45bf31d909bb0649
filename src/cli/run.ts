import { runDeal } from '../engine/run.js';
import { runReport } from '../report/runReport.js';
import { runJsonText } from '../contract/runResult.js';
import type { Io } from './io.js';
import { emit, emitReport, formatOf, loadDealForOutput, namedInputs, type OutputOptions } from './load.js';
import { checkOutput } from '../io/outputTarget.js';
import { scenarioOption } from './scenarioOption.js';
import { requireJsonName } from './options.js';
import { InputError } from '../validate/diagnostics.js';

export interface RunOptions extends OutputOptions {
  scenario?: string;
  ledger?: boolean;
  /** A status file: run the rest of the deal from it. */
  status?: string;
  /** Write the status the projection reaches on this date instead of the run. */
  statusAt?: string;
}

/**
 * `ipabs run DEAL [--scenario FILE]`: tranche cash-flow tables and analytics. JSON is the full
 * result; with `--section` one section of the report, in any format. `--ledger` adds every cash
 * movement (to the JSON result, or as a section of the report).
 */
export async function runCommand(file: string, opts: RunOptions, io: Io): Promise<number> {
  if (opts.status !== undefined && opts.statusAt !== undefined) throw new InputError('give one of --status and --status-at');
  const deal = loadDealForOutput(file, opts, io, { '--scenario': opts.scenario, '--status': opts.status });
  const scenario = await scenarioOption(opts.scenario, deal);
  // Status files are read and written only when asked for: their module is not loaded otherwise.
  const status = opts.status !== undefined || opts.statusAt !== undefined ? await import('./status.js') : undefined;
  if (opts.statusAt !== undefined) {
    if (opts.out !== undefined) requireJsonName(opts.out);
    emit(status!.statusAtText(deal, opts.statusAt, scenario), opts.out, io);
    return 0;
  }
  // The status file was checked with the deal; the asset tape it names is known only now.
  if (opts.status !== undefined && opts.out !== undefined) checkOutput(opts.out, namedInputs(status!.statusInputs(opts.status)));
  const result = opts.status !== undefined ? status!.runFromStatusFile(deal, opts.status, scenario) : runDeal(deal, scenario);
  if (formatOf(opts) === 'json' && opts.section === undefined) emit(runJsonText(result, { ledger: opts.ledger }), opts.out, io);
  // In tables, CSV and Markdown --ledger adds a ledger section (so --section ledger prints it alone).
  else await emitReport(runReport(result, opts.lang, opts.unit, { ledger: opts.ledger || opts.section === 'ledger' }), opts, io);
  return 0;
}
