/** Per-tranche analytics: totals, loss, WAL, yield, duration (coverage: ./coverage.ts). */
import { daysBetween, type IsoDate } from '../../src/dates/date.js';
import type { TrancheSpec } from '../../src/schema/deal.js';
import { sum, ZERO } from '../../src/util/money.js';
import type { TranchePeriod, TrancheSummary } from './types.js';
import { durations, irr } from '../../src/analytics/irr.js';

const years = (from: IsoDate, to: IsoDate) => daysBetween(from, to) / 365;

/**
 * Summary of a tranche's periods. WAL counts principal from the closing date to the day it is
 * paid (ACT/365F); the yield is the IRR of everything paid (interest, principal, residual) at
 * the issue price (par unless the deal says otherwise), with annual compounding.
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
  const flows = paidRows.map((r) => ({ t: years(closing, r.date), amount: r.interestPaid.plus(r.principalPaid).plus(r.residualPaid).toNumber() }));
  const price = spec.balance.times(spec.issuePrice ?? 1).toNumber();
  const y = irr(flows, price);
  if (y !== undefined) {
    summary.yield = y;
    const d = durations(flows, y);
    if (d) {
      summary.macaulayDuration = d.macaulay;
      summary.modifiedDuration = d.modified;
    }
  }
  return summary;
}
