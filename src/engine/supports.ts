/**
 * External credit support: loan guarantees (保证担保) paying defaulted assets, shortfall payment
 * undertakings (差额支付承诺) and liquidity support (流动性支持) drawn for what the waterfall lacks,
 * each within its cap and the scenario's failure of its provider; advances repaid.
 */
import { compareDates, type IsoDate } from '../dates/date.js';
import { add, atLeastNil, fmtFen, maxMoney, minMoney, mulRound, NIL, sub, toYuan, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';
import { partyOf, type Ledger } from './ledger.js';
import { factorOf } from './prepare.js';
import { COLLECTION, type Frame, type SupportState } from './state.js';
import type { RunEvent } from './types.js';

/**
 * Draws up to `requested` from a support, within its cap and, once its provider has failed,
 * within what the scenario still lets it pay. Returns what was paid.
 */
export function drawSupport(s: SupportState, requested: Money, period: number, date: IsoDate, reason: string, ledger: Ledger, events: RunEvent[] | undefined): Money {
  const guarantee = s.spec.kind === 'loanGuarantee';
  if (!(requested > 0) || s.off) {
    // Nothing asked this time: an undertaking's gap is closed.
    if (!guarantee && !(requested > 0)) s.unpaid = NIL;
    return NIL;
  }
  let paid = requested;
  if (s.spec.cap !== undefined) paid = minMoney(paid, atLeastNil(sub(s.cap!, s.drawn)));
  const failure = s.failure;
  const failing = failure !== undefined && compareDates(date, failure.from) >= 0;
  if (failing) paid = minMoney(paid, failure.capLeft ?? NIL);
  if (failing && failure.capLeft !== undefined) failure.capLeft = sub(failure.capLeft, paid);
  ledger.transfer(period, date, partyOf('support', s.spec), COLLECTION, paid, reason);
  s.drawn = add(s.drawn, paid);
  s.draws.push({ period, date, amount: paid, requested, reason });
  if (!guarantee) s.unpaid = sub(requested, paid);
  if (paid < requested) {
    // A guarantee's claims are distinct; an undertaking is asked again each date for the same gap,
    // so what it leaves unpaid is the gap of its latest request.
    if (guarantee) s.unpaid = add(s.unpaid, sub(requested, paid));
    if (failing) s.failed = true;
    const name = s.spec.name ?? s.spec.id;
    events?.push({ period, date, type: 'supportShortfall', id: s.spec.id, name, amount: paid, requested, detail: failing ? 'failed' : 'cap', message: `${name} (${s.spec.provider}) pays ${fmtFen(paid)} of ${fmtFen(requested)} asked${failing ? ': the provider has failed' : ': its cap is reached'}` });
  }
  return paid;
}

/**
 * The guarantee phase (保证担保): the guarantor pays a defaulted asset's principal and the
 * interest missed from the default until it pays (the contract's interest of the defaulted
 * share, period by period), after its delay.
 */
export function guaranteePhase(f: Frame): void {
  const { ctx, st, k, p, period } = f;
  const { performance, prepared } = ctx;
  for (const s of st.supports) {
    const spec = s.spec;
    if (spec.kind !== 'loanGuarantee' || k - spec.delayPeriods < 0) continue;
    const share = factorOf(spec.share);
    const paysPrincipal = spec.pays.includes('principal');
    const paysInterest = spec.pays.includes('interest');
    for (const e of performance.eventsByPeriod[k - spec.delayPeriods]!) {
      const asset = prepared.deal.assets[e.asset]!;
      if (spec.assets && !spec.assets.includes(asset.id)) continue;
      let interestOwed = e.interestMissed;
      const sched = ctx.pool.schedules[e.asset]!;
      if (paysInterest) {
        const eventShare = factorOf(e.share);
        for (let j = e.period + 1; j <= k; j++) interestOwed = add(interestOwed, mulRound(sched.interest[j]!, eventShare));
      }
      const claimBase = add(paysPrincipal ? e.balance : NIL, paysInterest ? interestOwed : NIL);
      const claim = mulRound(claimBase, share);
      const paid = drawSupport(s, claim, period, p.collectionEnd, `guarantee of ${asset.id}`, st.ledger, ctx.detail ? st.events : undefined);
      // The claim is the defaulted amount once, however many guarantors share it; what they paid adds up.
      const g = st.guaranteed.get(e) ?? { claim: NIL, paid: NIL };
      st.guaranteed.set(e, { claim: maxMoney(g.claim, claimBase), paid: add(g.paid, paid) });
      if (paid > 0 && paid >= claim && spec.share.eq(1)) st.settled.push(e);
      f.guaranteePayments = add(f.guaranteePayments, paid);
      // The interest in what the guarantor paid is interest income of the plan, as VAT sees it.
      if (claimBase > 0 && paysInterest && interestOwed > 0) {
        const part = toYuan(paid).times(toYuan(interestOwed)).div(toYuan(claimBase));
        f.guaranteedInterest = (f.guaranteedInterest ?? new Decimal(0)).plus(part);
      }
    }
  }
}

/** What a guarantor's payments take of a default's later recoveries: its share of the claim. */
export function guarantorShare(f: Frame, e: Parameters<Frame['st']['guaranteed']['get']>[0]): Decimal | undefined {
  // Without a claim, no lookup: hashing each of a large pool's events would cost.
  const g = f.st.guaranteed.size > 0 ? f.st.guaranteed.get(e) : undefined;
  if (!g || !(g.claim > 0)) return undefined;
  return Decimal.min(1, new Decimal(g.paid).div(g.claim));
}

/** The liquidity repayment phase: advances repaid senior come back first, before any step of the waterfall. */
export function liquidityRepaymentPhase(f: Frame): Money {
  let repaid = NIL;
  for (const s of f.st.supports) {
    if (s.spec.kind !== 'liquiditySupport' || s.spec.repayment !== 'senior' || !(s.outstanding > 0)) continue;
    repaid = add(repaid, repaySupport(f, s, ' (senior)'));
  }
  return repaid;
}

/** Repays what a support advanced, as far as the collection account can. */
export function repaySupport(f: Frame, s: SupportState, note = ''): Money {
  const amount = minMoney(f.st.ledger.balanceAt(0), s.outstanding);
  // Nothing to repay records nothing (and needs no words).
  if (amount !== 0) f.st.ledger.transfer(f.period, f.p.date, COLLECTION, partyOf('support', s.spec), amount, `repay ${s.spec.name ?? s.spec.id}${note}`);
  s.outstanding = sub(s.outstanding, amount);
  s.repaid = add(s.repaid, amount);
  return amount;
}
