import { runDeal } from '../engine/run.js';
import { runReport } from '../report/runReport.js';
import { runJsonText } from '../contract/runResult.js';
import type { Io } from './io.js';
import { emit, emitReport, formatOf, loadDealForOutput, type OutputOptions } from './load.js';
import { scenarioOption } from './scenarioOption.js';

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
  const result = runDeal(deal, scenarioOption(opts.scenario, deal));
  if (formatOf(opts) === 'json' && opts.section === undefined) emit(runJsonText(result, { ledger: opts.ledger }), opts.out, io);
  // In tables, CSV and Markdown --ledger adds a ledger section (so --section ledger prints it alone).
  else await emitReport(runReport(result, opts.lang, opts.unit, { ledger: opts.ledger || opts.section === 'ledger' }), opts, io);
  return 0;
}
