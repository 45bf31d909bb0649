/**
 * Senior coverage (优先级覆盖倍数): the funds available to the senior over what the senior is due,
 * for one payment date and for the whole life. "Funds available to the senior" is defined once,
 * here, by `fundsForSenior`; the engine and the whole-life figure only gather its parts.
 */
import { add, atLeastNil, NIL, sub, sumMoney, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';

/** What whole-life coverage reads of the run's rows (structural: the engine's result rows fit). */
interface PoolCashRow {
  principal: Money;
  interest: Money;
  recoveries: Money;
  compensation: Money;
  guaranteePayments: Money;
  callProceeds: Money;
}
interface SeniorRows {
  balance: Money;
  periods: readonly { interestDue: Money; interestShortfall: Money }[];
}
interface AccountRows {
  kind: 'collection' | 'reserve';
  periods: readonly { begin: Money; end: Money }[];
}

/** The parts of the cash that could pay the senior, over one payment date or the whole life. */
export interface SeniorFundsParts {
  /**
   * Cash in the collection account before the span's collections: on a payment date, what the
   * last one left (on the first, the opening balance funded at closing); over the whole life,
   * the collection account's opening balance.
   */
  broughtForward: Money;
  /**
   * What the pool paid in: principal, interest, recoveries, loss-sharing compensation, loan
   * guarantee payments (保证担保, which stand in for a defaulted loan's cash) and a clean-up
   * call's proceeds.
   */
  collections: Money;
  /**
   * Reserve cash paid into the collection account, net: draws and releases alike (both are
   * reserve cash in hand when the senior is paid), less top-ups ranking ahead of the senior. On
   * a payment date, the steps up to the senior's last; over the whole life, the reserves'
   * opening balances less what they still hold after the last date.
   */
  reserves: Money;
  /**
   * Paid ahead of the senior: taxes and fees, repayments to a support and any other tranche a
   * step before the senior's last pays (over the whole life: every tax and fee paid).
   */
  paidAhead: Money;
}

/**
 * Funds available to the senior (可供优先级分配资金), the numerator of 覆盖倍数: the cash the
 * waterfall has for the senior's interest and principal —
 *
 *   brought forward + collections + reserve draws and releases (net of top-ups ahead)
 *   − taxes, fees and other payments ranking ahead,
 *
 * never below zero. A reserve is the plan's own cash (internal credit enhancement), so its
 * draws count as its releases do. External support does not: what a shortfall undertaking
 * (差额支付) or a liquidity advance (流动性支持) pays is the gap coverage measures (the support
 * tables show it), so a multiple below 1 says the senior was paid only with such help; a loan
 * guarantee's payments count, as collections standing in for a defaulted loan's own cash.
 * On a payment date it counts what moved up to the waterfall's last step that pays a senior
 * tranche (a reserve draw made for the senior counts, one made after it does not); a step
 * paying a senior and another tranche together counts as the senior's. The `coverageBelow`
 * trigger is tested before the waterfall runs, with the same sum of what is known then: no
 * draws yet, and the taxes and fees ahead as due.
 */
export function fundsForSenior(parts: SeniorFundsParts): Money {
  return atLeastNil(sub(add(add(parts.broughtForward, parts.collections), parts.reserves), parts.paidAhead));
}

/** 覆盖倍数: funds over due, an exact Decimal quotient; undefined when nothing is due. */
export function coverageMultiple(funds: Money, due: Money): Decimal | undefined {
  return due > 0 ? new Decimal(funds).div(due) : undefined;
}

/** Every payment into the collection account a pool period's row records (see `collections`). */
export function poolCashIn(p: PoolCashRow): Money {
  return sumMoney([p.principal, p.interest, p.recoveries, p.compensation, p.guaranteePayments, p.callProceeds]);
}

/**
 * Whole-life coverage of the senior: `fundsForSenior` over the whole life (the collection
 * account's opening balance, everything the pool paid, the reserves' net contribution, less every
 * tax and fee paid) over the senior's principal and every period's interest accrual.
 */
export function coverageWholeLife(
  pool: readonly PoolCashRow[],
  fees: readonly { paid: Money }[],
  seniors: readonly SeniorRows[],
  accounts: readonly AccountRows[],
): Decimal | undefined {
  const opening = (a: AccountRows) => a.periods[0]?.begin ?? NIL;
  const closing = (a: AccountRows) => a.periods[a.periods.length - 1]?.end ?? NIL;
  const reserves = accounts.filter((a) => a.kind === 'reserve');
  const funds = fundsForSenior({
    broughtForward: sumMoney(accounts.filter((a) => a.kind === 'collection').map(opening)),
    collections: sumMoney(pool.map(poolCashIn)),
    reserves: sub(sumMoney(reserves.map(opening)), sumMoney(reserves.map(closing))),
    paidAhead: sumMoney(fees.map((f) => f.paid)),
  });
  let due = NIL;
  for (const t of seniors) {
    // Each period's interest due less the arrears it carries in is that period's accrual.
    let carried = NIL;
    due = add(due, t.balance);
    for (const r of t.periods) {
      due = add(due, sub(r.interestDue, carried));
      carried = r.interestShortfall;
    }
  }
  return coverageMultiple(funds, due);
}
