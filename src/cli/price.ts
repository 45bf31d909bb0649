import { runDeal } from '../engine/run.js';
import { isIsoDate } from '../dates/date.js';
import { priceTranche, type Quote } from '../analytics/priceTranche.js';
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
  const deal = loadDealForOutput(file, opts, io, { '--scenario': opts.scenario, '--curve': opts.curve });
  const spec = deal.spec.tranches.find((t) => t.id === opts.tranche);
  if (!spec) throw new InputError(`--tranche ${JSON.stringify(opts.tranche)}: no such tranche in ${file} (its tranches: ${deal.spec.tranches.map((t) => t.id).join(', ')})`);
  const curve = opts.curve === undefined ? undefined : loadCurve(opts.curve);
  const result = runDeal(deal, scenarioOption(opts.scenario, deal));
  const t = result.tranches.find((x) => x.id === spec.id)!;
  const priced = priceTranche(
    { periods: t.periods, balance: t.balance, coupon: t.coupon, coupons: t.coupons, dayCount: spec.dayCount, expectedMaturity: spec.expectedMaturity, legalMaturity: spec.legalMaturity },
    { closing: result.deal.closing, settlement: opts.date, to: opts.to, quote, curve },
  );
  if ('error' in priced) throw new InputError(`${spec.id}: ${priced.error}`);
  const report = priceReport(
    { dealName: result.deal.shortName ?? result.deal.name, scenarioName: result.scenario.name, tranche: { ...spec, dayCount: spec.dayCount }, price: priced.result, curveFile: opts.curve },
    opts.lang,
  );
  await emitReport(report, opts, io, 'price');
  return 0;
}
