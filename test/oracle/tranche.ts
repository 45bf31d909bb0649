/** Per-tranche analytics: totals, loss, WAL, yield, duration (coverage: ./coverage.ts). */
import { daysBetween, type IsoDate } from '../../src/dates/date.js';
import type { TrancheSpec } from '../../src/schema/deal.js';
import { sum, ZERO } from '../../src/util/money.js';
import type { TranchePeriod, TrancheSummary } from './types.js';
import { issueYield } from '../../src/analytics/issueYield.js';
import { fromYuan } from '../../src/util/fen.js';

const years = (from: IsoDate, to: IsoDate) => daysBetween(from, to) / 365;

/**
 * Summary of a tranche's periods. WAL counts principal from the closing date to the day it is
 * paid (ACT/365F); the yield is that of everything paid (interest, principal, residual) at
 * the issue price (par unless the deal says otherwise), by the PBoC 2007 convention.
 */
export function trancheSummary(spec: TrancheSpec, rows: readonly TranchePeriod[], closing: IsoDate, withYield = true): TrancheSummary {
  const interestPaid = sum(rows.map((r) => r.interestPaid));
  const principalPaid = sum(rows.map((r) => r.principalPaid));
  const residualPaid = sum(rows.map((r) => r.residualPaid));
  const last = rows[rows.length - 1];
  const paidRows = rows.filter((r) => r.interestPaid.plus(r.principalPaid).plus(r.residualPaid).gt(0));
  const principalRows = rows.filter((r) => r.principalPaid.gt(0));
  const summary: TrancheSummary = {
    interestPaid,
    principalPaid,
    residualPaid,
    loss: last ? last.endBalance : spec.balance,
    interestShortfall: last ? last.interestShortfall : ZERO,
    finalPaymentDate: paidRows.length ? paidRows[paidRows.length - 1]!.date : undefined,
    principalWindow: principalRows.length ? { first: principalRows[0]!.date, last: principalRows[principalRows.length - 1]!.date } : undefined,
  };
  if (principalPaid.gt(0)) {
    const weighted = sum(principalRows.map((r) => r.principalPaid.times(years(closing, r.date))));
    summary.wal = weighted.div(principalPaid).toNumber();
  }
  if (!withYield) return summary;
  // The yield convention is analytics over the paid cash (src/analytics/cnYield.ts), not the
  // engine this oracle checks: the oracle's cash goes through the same function.
  const fen = rows.map((r) => ({
    date: r.date,
    nominalDate: r.nominalDate,
    interestPaid: fromYuan(r.interestPaid),
    principalPaid: fromYuan(r.principalPaid),
    residualPaid: fromYuan(r.residualPaid),
    beginBalance: fromYuan(r.beginBalance),
    endBalance: fromYuan(r.endBalance),
  }));
  const y = issueYield(fen, fromYuan(spec.balance), closing, spec.issuePrice?.toNumber() ?? 1);
  return y ? { ...summary, ...y } : summary;
}
