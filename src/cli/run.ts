import { runDeal } from '../engine/run.js';
import { runJson, runReport } from '../report/runReport.js';
import { loadScenario } from '../scenario/load.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { emit, emitReport, fileError, formatOf, loadDealOrFail, type OutputOptions } from './load.js';

export interface RunOptions extends OutputOptions {
  scenario?: string;
  ledger?: boolean;
}

/**
 * `ipabs run DEAL [--scenario FILE]`: tranche cash-flow tables and analytics. JSON is the full
 * result (with `--ledger` every cash movement); with `--section` one section of the report, in
 * any format.
 */
export function runCommand(file: string, opts: RunOptions, io: Io): number {
  const deal = loadDealOrFail(file, io);
  if (opts.ledger && opts.section !== undefined) throw new InputError('--ledger adds to the full JSON result: give it without --section');
  let scenario;
  if (opts.scenario) {
    const loaded = loadScenario(opts.scenario, deal);
    if (!loaded.scenario) throw fileError(opts.scenario, loaded.diagnostics, `${opts.scenario} is not a valid scenario`);
    scenario = loaded.scenario;
  }
  const result = runDeal(deal, scenario);
  if (formatOf(opts) === 'json' && opts.section === undefined) emit(`${JSON.stringify(runJson(result, { ledger: opts.ledger }), null, 2)}\n`, opts.out, io);
  else emitReport(runReport(result, opts.lang, opts.unit), opts, io);
  return 0;
}
