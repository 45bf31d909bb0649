/** Per-tranche analytics: totals, loss, WAL, yield, duration; and whole-life coverage. */
import { daysBetween, type IsoDate } from '../dates/date.js';
import type { TrancheSpec } from '../schema/deal.js';
import { sum, ZERO, type Decimal } from '../util/money.js';
import type { FeePeriod, PoolPeriodResult, TrancheResult, TranchePeriod, TrancheSummary } from '../engine/types.js';
import { durations, irr } from './irr.js';

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

/**
 * Whole-life coverage (覆盖倍数) of the senior: what the pool paid (with recoveries and loan
 * guarantee payments, which stand in for it), less the fees paid, over the senior's interest
 * due and principal.
 */
export function coverageWholeLife(pool: readonly PoolPeriodResult[], fees: readonly FeePeriod[], seniors: readonly TrancheResult[]): Decimal | undefined {
  const funds = sum(pool.map((p) => p.principal.plus(p.interest).plus(p.recoveries).plus(p.compensation).plus(p.guaranteePayments))).minus(sum(fees.map((f) => f.paid)));
  let due = ZERO;
  for (const t of seniors) {
    // Each period's interest due less the arrears it carries in is that period's accrual.
    let carried = ZERO;
    due = due.plus(t.balance);
    for (const r of t.periods) {
      due = due.plus(r.interestDue.minus(carried));
      carried = r.interestShortfall;
    }
  }
  return due.gt(0) ? funds.div(due) : undefined;
}

