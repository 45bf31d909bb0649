import { poolReport } from '../report/poolReport.js';
import { render } from '../report/render.js';
import type { Format, Lang, Unit } from '../report/model.js';
import type { Io } from './io.js';
import { emit, loadDealOrFail } from './load.js';

export interface PoolOptions {
  cashflows?: boolean;
  assetFlows?: boolean;
  format: Format;
  lang: Lang;
  unit: Unit;
  out?: string;
}

/** `ipabs pool DEAL`: the pool report. */
export function poolCommand(file: string, opts: PoolOptions, io: Io): number {
  const deal = loadDealOrFail(file, io);
  const report = poolReport(deal, { lang: opts.lang, cashflows: opts.cashflows, assetFlows: opts.assetFlows });
  emit(render(report, { format: opts.format, lang: opts.lang, unit: opts.unit }), opts.out, io);
  return 0;
}
