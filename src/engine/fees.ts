/**
 * Taxes and fees: accrued on the period's opening balances (管理费, 托管费, fixed fees), charged
 * on what is paid (兑付兑息费), VAT (增值税) on the income collected, paid where a waterfall step
 * names them, arrears carried. Amounts are whole fen.
 */
import { add, atLeastNil, fromYuanRounded, minMoney, mulRound, NIL, sub, toYuan, type Money } from '../util/fen.js';
import { partyOf } from './ledger.js';
import { factorOf } from './prepare.js';
import type { FeeState, Frame, RunContext, TrancheState } from './state.js';
import { interestOwed, payable } from './tranches.js';

/**
 * A fee's accrual for period k (VAT is added when the period's income is known; a fee on
 * payments when it is paid), on the balances at the start of the period.
 */
export function feeAccrual(ctx: RunContext, f: FeeState, fee: number, k: number, tranches: readonly TrancheState[], poolBalance: Money): Money {
  const accrual = ctx.prepared.feeAccruals[fee];
  if (!accrual) return NIL;
  if ('amounts' in accrual) return accrual.amounts[k]!;
  let base = NIL;
  if (accrual.base === 'pool') base = poolBalance;
  else if (accrual.base === 'issueOutstanding') {
    // 发行规模 of the named tranches still outstanding: a retired tranche leaves the base.
    for (const i of f.named) if (tranches[i]!.balance > 0) base = add(base, ctx.prepared.issued[i]!);
  } else for (const i of f.named) base = add(base, accrual.base === 'issue' ? ctx.prepared.issued[i]! : tranches[i]!.balance);
  return mulRound(base, accrual.factors[k]!);
}

/** 1. accrue — each fee's accrual for the period, added to its arrears. */
export function accrueFees(f: Frame): void {
  const { ctx, st, k } = f;
  const fees = st.fees;
  for (let j = 0; j < fees.length; j++) {
    const fee = fees[j]!;
    fee.paidThisPeriod = NIL;
    fee.accrued = feeAccrual(ctx, fee, j, k, st.tranches, st.poolBalance);
    fee.due = add(fee.arrears, fee.accrued);
  }
}

/**
 * The VAT phase: VAT on the period's income, now that it is known: interest collected and the
 * interest in guarantee payments, or everything collected. It moves no cash: it is due, and a
 * payFees step pays it.
 */
export function chargeVat(f: Frame): void {
  const { st, perf } = f;
  for (const fee of st.fees) {
    const spec = fee.spec;
    if (spec.kind !== 'vat') continue;
    let vat: Money;
    if (spec.base !== 'poolInterest') vat = mulRound(add(add(add(perf.principal, perf.interest), f.recoveries), f.guaranteePayments), factorOf(spec.rate));
    // The interest share of a guarantee payment may hold a fraction of a fen: in Decimal, as ever.
    else if (f.guaranteedInterest) vat = fromYuanRounded(toYuan(perf.interest).plus(f.guaranteedInterest).times(spec.rate));
    else vat = mulRound(perf.interest, factorOf(spec.rate));
    fee.accrued = add(fee.accrued, vat);
    fee.due = add(fee.due, vat);
  }
}

/**
 * 兑付兑息费: a share of what the named tranches receive on this date, their interest owed and
 * the principal the cash left after the step's other fees and that interest can pay.
 */
export function chargeOnPayments(f: Frame, list: readonly FeeState[], available: Money): void {
  for (const fee of list) {
    const spec = fee.spec;
    if (spec.kind !== 'percentOfPayment' || fee.accrued !== 0) continue;
    let otherFees = NIL;
    for (const x of list) if (x !== fee) otherFees = add(otherFees, x.due);
    let interest = NIL;
    let principal = NIL;
    for (const i of fee.named) {
      interest = add(interest, interestOwed(f.st.tranches[i]!));
      principal = add(principal, payable(f, i));
    }
    principal = minMoney(principal, atLeastNil(sub(sub(available, otherFees), interest)));
    const base = add(spec.of !== 'principal' ? interest : NIL, spec.of !== 'interest' ? principal : NIL);
    fee.accrued = mulRound(base, factorOf(spec.rate));
    fee.due = add(fee.due, fee.accrued);
  }
}

/** Pays a fee out of the collection account. */
export function payFee(f: Frame, fee: FeeState, amount: Money): void {
  f.st.ledger.transfer(f.period, f.p.date, 'collection', partyOf('fee', fee.spec), amount, fee.spec.name);
  fee.due = sub(fee.due, amount);
  fee.paidThisPeriod = add(fee.paidThisPeriod, amount);
}

/** 5. record — each fee's row; arrears carried where the fee carries them. */
export function recordFees(f: Frame): void {
  const { st, p, period } = f;
  for (const fee of st.fees) {
    const carried = fee.spec.arrears ? fee.due : NIL;
    if (!f.ctx.lean) fee.rows.push({ period, date: p.date, due: add(fee.due, fee.paidThisPeriod), paid: fee.paidThisPeriod, arrears: carried });
    fee.arrears = carried;
    st.independentOut = add(st.independentOut, fee.paidThisPeriod);
  }
}

/** Fees accrued this period (arrears excluded), for excess spread. */
export function feesAccrued(fees: readonly FeeState[]): Money {
  let total = NIL;
  for (const fee of fees) total = add(total, fee.accrued);
  return total;
}
