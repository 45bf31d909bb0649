/** Per-tranche analytics: totals, loss, WAL, yield, duration (coverage: ./coverage.ts). */
import type { IsoDate } from '../dates/date.js';
import type { TrancheSpec } from '../schema/deal.js';
import { add, NIL, type Money } from '../util/fen.js';
import type { YieldMethod } from './cnYield.js';
import { issueYield } from './issueYield.js';
import { weightedAverageLife } from './wal.js';

/** What the summary reads of a tranche's period rows (the engine's TranchePaymentRow). */
export interface TranchePaymentRow {
  date: IsoDate;
  nominalDate: IsoDate;
  beginBalance: Money;
  interestPaid: Money;
  principalPaid: Money;
  residualPaid: Money;
  endBalance: Money;
  interestShortfall: Money;
}

/** A tranche's totals over a run: paid, lost, WAL, yield and duration. */
export interface TrancheSummary {
  interestPaid: Money;
  principalPaid: Money;
  residualPaid: Money;
  /** Principal not repaid by the last payment date. */
  loss: Money;
  /** Interest still unpaid after the last payment date. */
  interestShortfall: Money;
  finalPaymentDate?: IsoDate;
  principalWindow?: { first: IsoDate; last: IsoDate };
  /** Weighted average life in years from the closing date (ACT/365F). */
  wal?: number;
  /** Yield at the issue price by the PBoC 2007 convention (compounded at the coupon frequency; see ./cnYield.ts). */
  yield?: number;
  macaulayDuration?: number;
  modifiedDuration?: number;
  convexity?: number;
  yieldMethod?: YieldMethod;
  couponFrequency?: number;
  /** The yield's convention, named. */
  yieldConvention?: string;
}

const paidOf = (r: TranchePaymentRow) => add(add(r.interestPaid, r.principalPaid), r.residualPaid);

/**
 * Summary of a tranche's periods. WAL counts principal from the closing date to the day it is
 * paid (ACT/365F); the yield is that of everything paid (interest, principal, residual) at
 * the issue price (par unless the deal says otherwise), by the PBoC 2007 convention.
 */
export function trancheSummary(spec: TrancheSpec, issued: Money, rows: readonly TranchePaymentRow[], closing: IsoDate, withYield = true): TrancheSummary {
  // One pass over the rows (Monte Carlo sums up thousands of runs).
  let interestPaid = NIL;
  let principalPaid = NIL;
  let residualPaid = NIL;
  let finalPaymentDate: IsoDate | undefined;
  const principalDates: IsoDate[] = [];
  const principalAmounts: Money[] = [];
  for (const r of rows) {
    interestPaid = add(interestPaid, r.interestPaid);
    principalPaid = add(principalPaid, r.principalPaid);
    residualPaid = add(residualPaid, r.residualPaid);
    if (paidOf(r) > 0) finalPaymentDate = r.date;
    if (r.principalPaid > 0) {
      principalDates.push(r.date);
      principalAmounts.push(r.principalPaid);
    }
  }
  const last = rows[rows.length - 1];
  const summary: TrancheSummary = {
    interestPaid,
    principalPaid,
    residualPaid,
    loss: last ? last.endBalance : issued,
    interestShortfall: last ? last.interestShortfall : NIL,
    finalPaymentDate,
    principalWindow: principalDates.length ? { first: principalDates[0]!, last: principalDates[principalDates.length - 1]! } : undefined,
  };
  // In fen rather than yuan, which changes no digit of the figure (see ./wal.ts).
  if (principalPaid > 0) summary.wal = weightedAverageLife(closing, principalDates, principalAmounts, principalPaid);
  if (!withYield) return summary;
  const y = issueYield(rows, issued, closing, spec.issuePrice?.toNumber() ?? 1);
  return y ? { ...summary, ...y } : summary;
}
