import { prepareDeal, runDeal, type PreparedDeal } from '../engine/run.js';
import { compareDates, isIsoDate } from '../dates/date.js';
import { priceTranche, type Quote } from '../analytics/priceTranche.js';
import type { TrancheFlowRow } from '../analytics/trancheFlows.js';
import type { RunResult } from '../engine/types.js';
import type { LoadedDeal } from '../io/loadDeal.js';
import { statusLine } from '../report/runReport.js';
import { NIL } from '../util/fen.js';
import { runFromStatusFile, statusInputs } from './status.js';
import { loadCurve } from '../io/curve.js';
import { priceReport } from '../report/priceReport.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { emitReport, loadDealForOutput, type OutputOptions } from './load.js';
import { scenarioOption } from './scenarioOption.js';

export interface PriceOptions extends OutputOptions {
  tranche: string;
  date: string;
  yield?: string;
  price?: string;
  fullPrice?: string;
  spread?: string;
  curve?: string;
  to: 'expected' | 'legal';
  scenario?: string;
  status?: string;
}

/**
 * A run from a status holds the later periods only: its rows, after one empty row for each period
 * past (its nominal dates, ending at the balance the status gives), price as the whole deal's.
 */
function withPastPeriods(prepared: PreparedDeal, past: number, rows: readonly TrancheFlowRow[]): TrancheFlowRow[] {
  const left = rows[0]?.beginBalance ?? NIL;
  const before = prepared.periods.slice(0, past).map((p) => ({ nominalDate: p.nominalDate, date: p.date, interestPaid: NIL, principalPaid: NIL, residualPaid: NIL, beginBalance: left, endBalance: left }));
  return [...before, ...rows];
}

/** The run to price from: the deal's, or with --status the rest of it (refused before the status date), and its rows to price. */
async function runToPrice(deal: LoadedDeal, opts: PriceOptions): Promise<{ result: RunResult; rows: (t: RunResult['tranches'][number]) => readonly TrancheFlowRow[] }> {
  const scenario = await scenarioOption(opts.scenario, deal);
  if (opts.status === undefined) return { result: runDeal(deal, scenario), rows: (t) => t.periods };
  const result = runFromStatusFile(deal, opts.status, scenario);
  const asOf = result.status!.asOf;
  if (compareDates(opts.date, asOf) < 0) throw new InputError(`--date ${opts.date} is before the status date ${asOf} (${opts.status}): price on or after it`);
  const prepared = prepareDeal(deal);
  return { result, rows: (t) => withPastPeriods(prepared, result.status!.periodsPast, t.periods) };
}

/** A number a flag takes (`4`, `4.25%`, `-10`), or an InputError naming the flag. */
function numberOf(flag: string, text: string, percent = false): number {
  const m = /^\s*(-?\d+(?:\.\d+)?)\s*(%?)\s*$/.exec(text);
  if (!m || (m[2] && !percent)) throw new InputError(`${flag} ${JSON.stringify(text)} is not a number${percent ? ' (a yield in percent, such as 4 or 4.25%)' : ''}`);
  return Number(m[1]);
}

/** The one quote given: --yield, --price, --full-price or --spread (with --curve). */
function quoteOf(o: PriceOptions): Quote {
  const given = (['yield', 'price', 'fullPrice', 'spread'] as const).filter((k) => o[k] !== undefined);
  const flag = { yield: '--yield', price: '--price', fullPrice: '--full-price', spread: '--spread' };
  if (given.length !== 1) {
    throw new InputError(`give exactly one of --yield PERCENT, --price CLEAN, --full-price FULL or --spread BP --curve FILE${given.length ? ` (given: ${given.map((k) => flag[k]).join(', ')})` : ''}`);
  }
  if (o.yield !== undefined) return { kind: 'yield', value: numberOf('--yield', o.yield, true) / 100 };
  if (o.price !== undefined) return { kind: 'clean', value: numberOf('--price', o.price) };
  if (o.fullPrice !== undefined) return { kind: 'full', value: numberOf('--full-price', o.fullPrice) };
  if (o.curve === undefined) throw new InputError('--spread needs --curve FILE (tenor in years, yield in percent)');
  return { kind: 'spread', bp: numberOf('--spread', o.spread!) };
}

/**
 * `ipabs price DEAL --tranche A --date D (--yield Y | --price P | --full-price P | --spread BP
 * --curve FILE)`: price ↔ yield per 100 yuan of face by the PBoC 2007 convention.
 */
export async function priceCommand(file: string, opts: PriceOptions, io: Io): Promise<number> {
  if (!isIsoDate(opts.date)) throw new InputError(`--date ${JSON.stringify(opts.date)} is not a date (YYYY-MM-DD)`);
  const quote = quoteOf(opts);
  const deal = loadDealForOutput(file, opts, io, { '--scenario': opts.scenario, '--curve': opts.curve, ...statusInputs(opts.status) });
  const spec = deal.spec.tranches.find((t) => t.id === opts.tranche);
  if (!spec) throw new InputError(`--tranche ${JSON.stringify(opts.tranche)}: no such tranche in ${file} (its tranches: ${deal.spec.tranches.map((t) => t.id).join(', ')})`);
  const curve = opts.curve === undefined ? undefined : loadCurve(opts.curve);
  const { result, rows } = await runToPrice(deal, opts);
  const t = result.tranches.find((x) => x.id === spec.id)!;
  const priced = priceTranche(
    { periods: rows(t), balance: t.balance, coupon: t.coupon, coupons: t.coupons, dayCount: spec.dayCount, expectedMaturity: spec.expectedMaturity, legalMaturity: spec.legalMaturity },
    { closing: result.deal.closing, settlement: opts.date, to: opts.to, quote, curve },
  );
  if ('error' in priced) throw new InputError(`${spec.id}: ${priced.error}`);
  const report = priceReport(
    { dealName: result.deal.shortName ?? result.deal.name, scenarioName: result.scenario.name, tranche: { ...spec, dayCount: spec.dayCount }, price: priced.result, curveFile: opts.curve, status: result.status && statusLine(result.status) },
    opts.lang,
  );
  await emitReport(report, opts, io, 'price');
  return 0;
}
