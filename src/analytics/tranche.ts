/** Per-tranche analytics: totals, loss, WAL, yield, duration (coverage: ./coverage.ts). */
import type { IsoDate } from '../dates/date.js';
import type { TrancheSpec } from '../schema/deal.js';
import { add, NIL, sumMoney, type Money } from '../util/fen.js';
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

/**
 * Summary of a tranche's periods. WAL counts principal from the closing date to the day it is
 * paid (ACT/365F); the yield is that of everything paid (interest, principal, residual) at
 * the issue price (par unless the deal says otherwise), by the PBoC 2007 convention.
 */
export function trancheSummary(spec: TrancheSpec, issued: Money, rows: readonly TranchePaymentRow[], closing: IsoDate, withYield = true): TrancheSummary {
  const interestPaid = sumMoney(rows.map((r) => r.interestPaid));
  const principalPaid = sumMoney(rows.map((r) => r.principalPaid));
  const residualPaid = sumMoney(rows.map((r) => r.residualPaid));
  const last = rows[rows.length - 1];
  const paidOf = (r: TranchePaymentRow) => add(add(r.interestPaid, r.principalPaid), r.residualPaid);
  const paidRows = rows.filter((r) => paidOf(r) > 0);
  const principalRows = rows.filter((r) => r.principalPaid > 0);
  const summary: TrancheSummary = {
    interestPaid,
    principalPaid,
    residualPaid,
    loss: last ? last.endBalance : issued,
    interestShortfall: last ? last.interestShortfall : NIL,
    finalPaymentDate: paidRows.length ? paidRows[paidRows.length - 1]!.date : undefined,
    principalWindow: principalRows.length ? { first: principalRows[0]!.date, last: principalRows[principalRows.length - 1]!.date } : undefined,
  };
  if (principalPaid > 0) {
    // In fen rather than yuan, which changes no digit of the figure (see ./wal.ts).
    summary.wal = weightedAverageLife(
      closing,
      principalRows.map((r) => r.date),
      principalRows.map((r) => r.principalPaid),
      principalPaid,
    );
  }
  if (!withYield) return summary;
  const y = issueYield(rows, issued, closing, spec.issuePrice?.toNumber() ?? 1);
  return y ? { ...summary, ...y } : summary;
}
