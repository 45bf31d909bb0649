import { prepareDeal } from '../engine/run.js';
import { poolReport } from '../report/poolReport.js';
import { poolStatusView } from '../report/poolStatus.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { emitReport, loadDealForOutput, type OutputOptions } from './load.js';
import { statusInputs, statusOption } from './status.js';
import { BASE_SCENARIO } from '../scenario/base.js';

export interface PoolOptions extends OutputOptions {
  cashflows?: boolean;
  assetFlows?: boolean;
  /** The pool as of a status date (a live deal). */
  status?: string;
}

/** `ipabs pool DEAL`: the pool report; with --status, of the pool left on the status date. */
export async function poolCommand(file: string, opts: PoolOptions, io: Io): Promise<number> {
  const deal = loadDealForOutput(file, opts, io, statusInputs(opts.status));
  let live;
  if (opts.status !== undefined) {
    if (opts.assetFlows) throw new InputError('--asset-flows lists each asset\'s contractual payments from the cutoff: not of a pool on a status date; with --status, use --cashflows (the remaining pool\'s flows by period)');
    const prepared = prepareDeal(deal);
    const { status, summary } = statusOption(opts.status, prepared, BASE_SCENARIO);
    live = poolStatusView(prepared, status, summary, opts.lang);
  }
  const report = poolReport(deal, { lang: opts.lang, cashflows: opts.cashflows, assetFlows: opts.assetFlows, live });
  await emitReport(report, opts, io, 'pool');
  return 0;
}
