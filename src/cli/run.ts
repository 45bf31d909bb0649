import { runDeal } from '../engine/run.js';
import { runReport } from '../report/runReport.js';
import { runJsonText } from '../contract/runResult.js';
import { loadScenario } from '../scenario/load.js';
import { cliLoadOptions } from './inputOptions.js';
import type { Io } from './io.js';
import { emit, emitReport, fileError, formatOf, loadDealForOutput, type OutputOptions } from './load.js';

export interface RunOptions extends OutputOptions {
  scenario?: string;
  ledger?: boolean;
}

/**
 * `ipabs run DEAL [--scenario FILE]`: tranche cash-flow tables and analytics. JSON is the full
 * result; with `--section` one section of the report, in any format. `--ledger` adds every cash
 * movement (to the JSON result, or as a section of the report).
 */
export async function runCommand(file: string, opts: RunOptions, io: Io): Promise<number> {
  const deal = loadDealForOutput(file, opts, io, { '--scenario': opts.scenario });
  let scenario;
  if (opts.scenario) {
    const loaded = loadScenario(opts.scenario, deal, cliLoadOptions());
    if (!loaded.scenario) throw fileError(opts.scenario, loaded.diagnostics, `${opts.scenario} is not a valid scenario`);
    scenario = loaded.scenario;
  }
  const result = runDeal(deal, scenario);
  if (formatOf(opts) === 'json' && opts.section === undefined) emit(runJsonText(result, { ledger: opts.ledger }), opts.out, io);
  // In tables, CSV and Markdown --ledger adds a ledger section (so --section ledger prints it alone).
  else await emitReport(runReport(result, opts.lang, opts.unit, { ledger: opts.ledger || opts.section === 'ledger' }), opts, io);
  return 0;
}
