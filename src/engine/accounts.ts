/**
 * Accounts and reserves (风险金, 流动性储备): each reserve's target (fixed, the next date's
 * interest and fees, a share of the pool), what it releases, what the waterfall puts in and
 * draws. Amounts are whole fen.
 */
import { compareDates } from '../dates/date.js';
import { add, atLeastNil, fmtFen, minMoney, mulRound, NIL, sub, type Money } from '../util/fen.js';
import { assertNever } from '../util/never.js';
import { ZERO } from '../util/money.js';
import { feeAccrual } from './fees.js';
import { amountOf, factorOf } from './prepare.js';
import { couponFactors } from './coupons.js';
import { COLLECTION, type Frame, type ReserveTargetSpec } from './state.js';

/**
 * A reserve's target after this period's payments: a fixed amount; the interest (and fees) due
 * on the next payment date on today's balances, times a multiple; or a share of the pool.
 */
export function reserveTarget(f: Frame, target: ReserveTargetSpec | undefined): Money {
  if (!target) return NIL;
  switch (target.type) {
    case 'fixed':
      return amountOf(target.amount);
    case 'shareOfPool':
      return mulRound(f.st.poolBalance, factorOf(target.rate));
    case 'nextInterest':
      return nextInterest(f, target);
    default:
      return assertNever(target, 'reserve target');
  }
}

function nextInterest(f: Frame, target: Extract<ReserveTargetSpec, { type: 'nextInterest' }>): Money {
  const { ctx, st } = f;
  const next = f.k + 1;
  if (next >= ctx.n) return NIL;
  const { prepared } = ctx;
  // The coupon as the deal states it (no spread compression), on the scenario's rate path.
  const coupons = couponFactors(prepared, ZERO, ctx.scenario.rates);
  let due = NIL;
  for (const id of target.tranches) {
    const i = prepared.trancheIndex.get(id)!;
    due = add(due, mulRound(st.tranches[i]!.balance, coupons[i]![next]!));
  }
  for (const id of target.fees ?? []) {
    const j = prepared.feeIndex.get(id)!;
    const fee = st.fees[j]!;
    if (fee.spec.kind !== 'vat' && fee.spec.kind !== 'percentOfPayment') due = add(due, feeAccrual(ctx, fee, j, next, st.tranches, st.poolBalance));
  }
  return mulRound(due, factorOf(target.multiple));
}

/** The reserve release phase: what each reserve gives back to the collection account this period. */
export function releasePhase(f: Frame): void {
  const { ctx, st, p, period } = f;
  ctx.reserves.forEach((r, j) => {
    const bal = st.ledger.balanceAt(j + 1);
    const rule = r.release;
    let release = NIL;
    switch (rule.type) {
      case 'atEnd':
        if (f.final) release = bal;
        break;
      case 'onDate':
        if (f.final || compareDates(p.nominalDate, rule.date) >= 0) release = bal;
        break;
      case 'excessOverTarget':
        // On the last payment date there is nothing left to reserve for: the target is zero.
        release = atLeastNil(sub(bal, f.final ? NIL : reserveTarget(f, st.reserveTargets[j])));
        break;
      case 'never':
        break;
      default:
        assertNever(rule, 'reserve release rule');
    }
    if (!(release > 0)) return;
    st.ledger.transfer(period, p.date, r.id, COLLECTION, release, `${r.name} released`);
    f.released = add(f.released, release);
    if (ctx.detail) st.events.push({ period, date: p.date, type: 'reserveRelease', id: r.id, name: r.name, amount: release, message: `${r.name} releases ${fmtFen(release)}` });
  });
}

/** Tops a reserve up to its target from the collection account (never on the last date: that would take back what it just released). */
export function fundReserve(f: Frame, account: string): void {
  const { ctx, st } = f;
  const j = ctx.reserves.findIndex((r) => r.id === account);
  const target = f.final ? NIL : reserveTarget(f, st.reserveTargets[j]);
  const need = atLeastNil(sub(target, st.ledger.balance(account)));
  st.ledger.transfer(f.period, f.p.date, COLLECTION, account, minMoney(st.ledger.balanceAt(0), need), `fund ${account} to target`);
}

/** Draws up to `need` from a reserve into the collection account. */
export function drawReserve(f: Frame, account: string, need: Money, forWhat: 'missedCollections' | 'shortfall'): void {
  const { ctx, st, p, period } = f;
  const amount = minMoney(st.ledger.balance(account), need);
  if (!(amount > 0)) return;
  st.ledger.transfer(period, p.date, account, COLLECTION, amount, forWhat === 'missedCollections' ? 'missed collections covered' : 'shortfall covered');
  const j = ctx.reserves.findIndex((r) => r.id === account);
  st.reserveDrawn[j] = add(st.reserveDrawn[j]!, amount);
  if (ctx.detail) {
    const name = ctx.spec.accounts.find((a) => a.id === account)?.name;
    st.events.push({ period, date: p.date, type: 'reserveDraw', id: account, name, amount, detail: forWhat, message: `${account} pays ${fmtFen(amount)} for ${forWhat === 'missedCollections' ? 'missed collections' : 'a shortfall'}` });
  }
}
