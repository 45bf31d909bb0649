/**
 * The pool's cash into the collection account: the collection phase (principal and interest the
 * pool paid, defaults noted) and the recovery phase (recoveries from disposing of the pledged IP
 * and loss-sharing compensation, less a guarantor's share). Amounts are whole fen.
 */
import { add, atLeastNil, fmtFen, fromYuanRounded, mulRound, NIL, sub, toYuan, type Money } from '../util/fen.js';
import { ONE } from '../util/money.js';
import { factorOf } from './prepare.js';
import { COLLECTION, type Frame } from './state.js';
import { guarantorShare } from './supports.js';

/** The collection phase: the pool's principal and interest of the collection period. */
export function collectPhase(f: Frame): void {
  const { ctx, st, k, p, period, perf } = f;
  st.ledger.transfer(period, p.collectionEnd, 'pool', COLLECTION, perf.principal, 'pool principal collected');
  st.ledger.transfer(period, p.collectionEnd, 'pool', COLLECTION, perf.interest, 'pool interest collected');
  st.poolBalance = perf.endBalance;
  st.cumulativeDefaulted = add(st.cumulativeDefaulted, perf.defaulted);
  // Events are only written for people (detail); stress runs skip them.
  if (ctx.detail && ctx.performance.eventsByPeriod[k]!.length > 0) noteDefaults(f);
}

/** Default events: each asset that defaults whole, and the pool-wide share of the rest. */
function noteDefaults(f: Frame): void {
  const { ctx, st, k, p, period } = f;
  const here = ctx.performance.eventsByPeriod[k]!;
  const { assets, schedules } = ctx.pool;
  let partial = NIL;
  let partials = 0;
  for (const e of here) {
    if (e.balance !== schedules[e.asset]!.startBalance[k]) {
      partial = add(partial, e.balance);
      partials++;
      continue;
    }
    const asset = assets[e.asset]!;
    st.events.push({ period, date: p.date, type: 'default', id: asset.id, name: asset.obligor, amount: e.balance, detail: e.mode, message: `${asset.id} (${asset.obligor}) ${e.mode === 'stopPaying' ? 'stops paying' : 'defaults'}: balance ${fmtFen(e.balance)} outstanding` });
  }
  if (partials > 0) st.events.push({ period, date: p.date, type: 'default', amount: partial, detail: 'pool', message: `pool defaults: ${fmtFen(partial)} of the performing balance` });
}

/**
 * The recovery phase: recoveries and loss-sharing compensation arriving this period; a
 * guarantor that paid takes its share.
 */
export function recoveryPhase(f: Frame): void {
  const { ctx, st, k, p, period } = f;
  for (const a of ctx.performance.arrivalsByPeriod[k]!) {
    const share = guarantorShare(f, a.event);
    // Rare: a guarantor's share divides, in Decimal, as ever.
    const toPlan = share ? fromYuanRounded(toYuan(a.amount).times(ONE.minus(share))) : a.amount;
    const asset = ctx.pool.assets[a.event.asset]!;
    const recovery = a.kind === 'recovery';
    st.ledger.transfer(period, p.collectionEnd, recovery ? 'pool' : 'loss-sharing', COLLECTION, toPlan, `${recovery ? 'recovery' : 'loss-sharing compensation'} on ${asset.id}`);
    if (recovery) f.recoveries = add(f.recoveries, toPlan);
    else f.compensation = add(f.compensation, toPlan);
  }
  // Runs without detail list only guaranteed assets' defaults: the rest arrive summed.
  const pooled = ctx.performance.pooledArrivals;
  if (!pooled) return;
  const recovered = pooled.recovery[k]!;
  const compensated = pooled.compensation[k]!;
  st.ledger.transfer(period, p.collectionEnd, 'pool', COLLECTION, recovered, 'recoveries on the pool');
  st.ledger.transfer(period, p.collectionEnd, 'loss-sharing', COLLECTION, compensated, 'loss-sharing compensation on the pool');
  f.recoveries = add(f.recoveries, recovered);
  f.compensation = add(f.compensation, compensated);
}

/** What obligors missed this period, less the payments of defaults a guarantor has paid off. */
export function missedNotSettled(f: Frame): Money {
  let missed = f.perf.missed;
  const schedules = f.ctx.pool.schedules;
  for (const e of f.st.settled) {
    if (e.period >= f.k) continue;
    const sched = schedules[e.asset]!;
    missed = sub(missed, mulRound(add(sched.principal[f.k]!, sched.interest[f.k]!), factorOf(e.share)));
  }
  return atLeastNil(missed);
}
