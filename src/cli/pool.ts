import { poolReport } from '../report/poolReport.js';
import type { Io } from './io.js';
import { emitReport, loadDealForOutput, type OutputOptions } from './load.js';

export interface PoolOptions extends OutputOptions {
  cashflows?: boolean;
  assetFlows?: boolean;
}

/** `ipabs pool DEAL`: the pool report. */
export async function poolCommand(file: string, opts: PoolOptions, io: Io): Promise<number> {
  const deal = loadDealForOutput(file, opts, io);
  const report = poolReport(deal, { lang: opts.lang, cashflows: opts.cashflows, assetFlows: opts.assetFlows });
  await emitReport(report, opts, io, 'pool');
  return 0;
}
