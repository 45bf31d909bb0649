/**
 * A tranche's yield and risk at issue, as the `run` summary reports them: settled on the closing
 * date at the issue price (par unless the deal gives one; no accrued interest on the closing
 * date), on every projected payment, by the PBoC 2007 convention (./cnYield.ts).
 */
import type { IsoDate } from '../dates/date.js';
import type { Money } from '../util/fen.js';
import { conventionName, riskMeasures, yieldFromFullPrice, yieldMethod, type YieldMethod } from './cnYield.js';
import { settledFlows, type TrancheFlowRow } from './trancheFlows.js';

export interface IssueYield {
  yield: number;
  macaulayDuration: number;
  modifiedDuration: number;
  convexity: number;
  /** How the rules discount these flows: compound (at the coupon frequency), simple, annual. */
  yieldMethod: YieldMethod;
  /** Coupons a year. */
  couponFrequency: number;
  /** The convention, in English: `PBoC 2007: compounded 4×/yr, first period d/TS`. */
  yieldConvention: string;
}

/**
 * The yield at the issue price `issuePrice` (a fraction of par: 1 = 100), or undefined when the
 * tranche pays nothing or no yield in the solver's range gives the price.
 *
 * @example issueYield(rows, issued, '2019-09-11', 1)?.yieldConvention // 'PBoC 2007: compounded 4×/yr, first period d/TS'
 */
export function issueYield(rows: readonly TrancheFlowRow[], issued: Money, closing: IsoDate, issuePrice: number): IssueYield | undefined {
  const settled = settledFlows(rows, issued, closing, closing, { to: 'all' });
  if (!settled) return undefined;
  const y = yieldFromFullPrice(settled.bond, 100 * issuePrice);
  if (y === undefined) return undefined;
  const risk = riskMeasures(settled.bond, y);
  if (!risk) return undefined;
  return {
    yield: y,
    macaulayDuration: risk.macaulay,
    modifiedDuration: risk.modified,
    convexity: risk.convexity,
    yieldMethod: yieldMethod(settled.bond),
    couponFrequency: settled.bond.frequency,
    yieldConvention: conventionName(yieldMethod(settled.bond), settled.bond.frequency, 'en'),
  };
}
