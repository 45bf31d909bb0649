/**
 * The clean-up call (清仓回购): the pool is bought back at its outstanding principal balance, and
 * this period becomes the last. It is exercised only when the price and the cash in hand pay
 * this date's fees and everything owed to the tranches above the subordinate, and no recovery,
 * loss-sharing payment or guarantee claim is still to come (calling would forfeit it).
 */
import { add, fmtFen, NIL, type Money } from '../util/fen.js';
import { COLLECTION, type Frame } from './state.js';

/** Everything owed on this date before the subordinate: fees due, other tranches' balance and interest. */
function owedBeforeSubordinate(f: Frame): Money {
  let owed = NIL;
  for (const t of f.st.tranches) if (t.spec.class !== 'subordinate') owed = add(add(owed, t.balance), t.row.interestDue);
  for (const fee of f.st.fees) owed = add(owed, fee.due);
  return owed;
}

/** Whether a recovery, loss-sharing payment or guarantee claim is still to come after this period. */
function pendingLater(f: Frame): boolean {
  const { performance } = f.ctx;
  const k = f.k;
  if (performance.lastArrivalPeriod > k) return true;
  const last = performance.lastDefaultPeriod;
  return last >= 0 && f.st.supports.some((x) => {
    const g = x.spec;
    return g.kind === 'loanGuarantee' && !x.off && last + g.delayPeriods > k;
  });
}

/** The clean-up call phase: exercised when in reach (the checks are lazy: this is the hot path). */
export function cleanUpCallPhase(f: Frame): void {
  const { ctx, st, k, p, period } = f;
  const call = ctx.spec.cleanUpCall;
  if (!call || st.called || k >= ctx.n - 1 || !(st.poolBalance > 0) || st.poolBalance >= ctx.prepared.cleanUpBelow) return;
  if (add(st.poolBalance, st.ledger.balanceAt(0)) < owedBeforeSubordinate(f) || pendingLater(f)) return;
  st.called = true;
  st.lastIndex = k;
  f.callProceeds = st.poolBalance;
  st.ledger.transfer(period, p.date, 'call', COLLECTION, f.callProceeds, 'clean-up call (清仓回购)');
  if (ctx.detail) {
    st.events.push({ period, date: p.date, type: 'cleanUpCall', amount: st.poolBalance, detail: call.poolBalanceBelow.toString(), message: `pool balance ${fmtFen(st.poolBalance)} below ${call.poolBalanceBelow.times(100).toString()}% of the initial balance: clean-up call` });
  }
  st.poolBalance = NIL;
}
