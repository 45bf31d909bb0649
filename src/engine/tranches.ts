/**
 * Tranches (优先级/次级): interest accrued on the opening balance, principal due by each rule
 * (pass-through, schedule, bullet), payments, and the period's row. Amounts are whole fen.
 */
import { compareDates } from '../dates/date.js';
import { add, atLeastNil, fmtFen, minMoney, mulRound, NIL, sub, type Money } from '../util/fen.js';
import type { Frame, TrancheState } from './state.js';

/** 1. accrue — each tranche's interest for the period, on its opening balance. */
export function accrueTranches(f: Frame): void {
  const { ctx, st, k, p, period } = f;
  const tranches = st.tranches;
  for (let i = 0; i < tranches.length; i++) {
    const t = tranches[i]!;
    // Spread compression (利差缩减) raises every coupon that exists (fixed in ctx.coupons).
    const rate = ctx.coupons[i]![k]!;
    let accrual = mulRound(t.balance, rate);
    if (t.spec.interestOnShortfall) accrual = add(accrual, mulRound(t.arrears, rate));
    t.accrued = accrual;
    t.row = {
      period,
      date: p.date,
      nominalDate: p.nominalDate,
      beginBalance: t.balance,
      interestDue: add(accrual, t.arrears),
      interestPaid: NIL,
      principalDue: NIL,
      principalPaid: NIL,
      residualPaid: NIL,
      endBalance: t.balance,
      interestShortfall: NIL,
    };
  }
}

/**
 * Principal due on a date (for supports, triggers and coverage): scheduled principal not yet paid
 * for a schedule; the whole balance on and after the expected maturity (and on the last date)
 * otherwise. A pass-through tranche may be paid more, but is owed no more than this.
 */
export function principalDue(f: Frame, i: number): Money {
  const t = f.st.tranches[i]!;
  if (f.final || f.ctx.prepared.matured[i]![f.k]!) return t.balance;
  const scheduled = f.ctx.prepared.scheduled[i];
  if (!scheduled) return NIL;
  return atLeastNil(minMoney(t.balance, sub(scheduled[f.k]!, t.principalPaidTotal)));
}

/** What a principal step may pay a tranche today: its balance if accelerated, final or pass-through, else what is due. */
export function payable(f: Frame, i: number): Money {
  const t = f.st.tranches[i]!;
  return f.st.state !== 'normal' || f.final || t.spec.principal.type === 'passThrough' ? t.balance : principalDue(f, i);
}

/** Whether the tranche is owed its whole balance now (its expected maturity reached, or the last date). */
export function matured(f: Frame, i: number): boolean {
  return f.final || f.ctx.prepared.matured[i]![f.k]!;
}

/** Interest due and not yet paid. */
export function interestOwed(t: TrancheState): Money {
  return sub(t.row.interestDue, t.row.interestPaid);
}

/** Pays interest out of the collection account. */
export function payInterest(f: Frame, t: TrancheState, amount: Money): void {
  const label = f.ctx.prepared.trancheLabels[t.index]!;
  f.st.ledger.transfer(f.period, f.p.date, 'collection', label.to, amount, label.interest);
  t.row.interestPaid = add(t.row.interestPaid, amount);
}

/** Pays principal out of the collection account. */
export function payPrincipal(f: Frame, t: TrancheState, amount: Money): void {
  const label = f.ctx.prepared.trancheLabels[t.index]!;
  f.st.ledger.transfer(f.period, f.p.date, 'collection', label.to, amount, label.principal);
  t.balance = sub(t.balance, amount);
  t.principalPaidTotal = add(t.principalPaidTotal, amount);
  t.row.principalPaid = add(t.row.principalPaid, amount);
}

/** Pays what is left: the tranche's own principal first, the rest as excess return (超额收益). */
export function payResidual(f: Frame, t: TrancheState, amount: Money): void {
  const principal = minMoney(amount, t.balance);
  if (principal > 0) payPrincipal(f, t, principal);
  const excess = sub(amount, principal);
  const label = f.ctx.prepared.trancheLabels[t.index]!;
  f.st.ledger.transfer(f.period, f.p.date, 'collection', label.to, excess, label.residual);
  t.row.residualPaid = add(t.row.residualPaid, excess);
}

/** Sets each tranche's principal due, once the period's last date is known. */
export function setPrincipalDue(f: Frame): void {
  const tranches = f.st.tranches;
  for (let i = 0; i < tranches.length; i++) tranches[i]!.row.principalDue = principalDue(f, i);
}

/** 5. record — a tranche still owed principal on its legal maturity is noted; rows closed. */
export function recordTranches(f: Frame): void {
  const { ctx, st, p } = f;
  for (const t of st.tranches) {
    const legal = t.spec.legalMaturity;
    if (!legal || t.pastLegalMaturity || compareDates(p.nominalDate, legal) < 0 || !(t.balance > 0)) continue;
    // A tranche still owed principal on its legal maturity has defaulted in law: said once.
    t.pastLegalMaturity = true;
    if (ctx.detail) st.events.push({ period: f.period, date: p.date, type: 'legalMaturity', id: t.spec.id, name: t.spec.name, amount: t.balance, message: `${t.spec.name} (${t.spec.id}) still owes ${fmtFen(t.balance)} of principal on its legal maturity ${legal}` });
  }
  for (const t of st.tranches) {
    const row = t.row;
    row.endBalance = t.balance;
    row.interestShortfall = sub(row.interestDue, row.interestPaid);
    t.arrears = row.interestShortfall;
    t.missedInterest = row.interestShortfall > 0;
    t.missedPrincipal = row.principalPaid < row.principalDue;
    t.rows.push(row);
    st.independentOut = add(add(add(st.independentOut, row.interestPaid), row.principalPaid), row.residualPaid);
  }
}
