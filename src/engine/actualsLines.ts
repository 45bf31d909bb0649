/**
 * The one place where the lines of an actuals file (io/actualsItems.ts) meet a projection: each
 * line's projected figure for a period, read off the run's ledger — its tables (pool, fees,
 * tranches, accounts, support draws are the ledger's movements summed) and, for what supports
 * are repaid, its entries (to `support:ID`, the ledger's name of the provider).
 */
import { add, NIL, sub, sumMoney, type Money } from '../util/fen.js';
import { lineKey } from './actuals.js';
import type { RunResult } from './types.js';

const of = <T extends { period: number }>(rows: readonly T[], period: number): T | undefined => rows.find((r) => r.period === period);

/** The pool's lines of a period. */
function poolLines(r: RunResult, period: number, out: Map<string, Money>): void {
  const p = of(r.pool.periods, period);
  if (!p) return;
  out.set('principalCollected', p.principal);
  out.set('interestCollected', p.interest);
  out.set('prepaid', p.prepaid);
  out.set('defaulted', p.defaulted);
  out.set('recoveries', p.recoveries);
  out.set('compensation', p.compensation);
  out.set('guarantee', p.guaranteePayments);
  out.set('callProceeds', p.callProceeds);
  out.set('otherIncome', NIL);
}

/** The objects' lines of a period: fees, tranches, accounts, supports. */
function objectLines(r: RunResult, period: number, out: Map<string, Money>): void {
  for (const f of r.fees) {
    const p = of(f.periods, period);
    out.set(lineKey('feePaid', f.id), p?.paid ?? NIL);
    out.set(lineKey('feeDue', f.id), p?.due ?? NIL);
  }
  for (const t of r.tranches) {
    const p = of(t.periods, period);
    out.set(lineKey('interestDue', t.id), p?.interestDue ?? NIL);
    out.set(lineKey('interestPaid', t.id), p?.interestPaid ?? NIL);
    out.set(lineKey('principalPaid', t.id), p?.principalPaid ?? NIL);
    out.set(lineKey('residualPaid', t.id), p?.residualPaid ?? NIL);
    // 应付本金: the trigger tests on actuals take the projection's when the file gives none.
    out.set(lineKey('principalDue', t.id), p?.principalDue ?? NIL);
  }
  for (const a of r.accounts) {
    const p = of(a.periods, period);
    out.set(lineKey('closing', a.id), p?.end ?? NIL);
    // A reserve's draws and releases go out of it, its top-ups come in.
    if (a.kind === 'reserve') {
      out.set(lineKey('draw', a.id), p?.out ?? NIL);
      out.set(lineKey('topUp', a.id), p?.in ?? NIL);
    }
  }
  for (const s of r.supports) {
    // A loan guarantee's payments are the pool's 担保代偿 line.
    const draws = s.kind === 'loanGuarantee' ? [] : s.draws.filter((d) => d.period === period);
    out.set(lineKey('supportDrawn', s.id), sumMoney(draws.map((d) => d.amount)));
    out.set(lineKey('supportUnpaid', s.id), sumMoney(draws.map((d) => sub(d.requested, d.amount))));
    const party = `support:${s.id}`;
    out.set(lineKey('supportRepaid', s.id), r.ledger.filter((e) => e.period === period && e.to === party).reduce((a, e) => add(a, e.amount), NIL));
  }
}

/** Every line's projected figure on the 0-based period `k` (zero for a line the run has none of). */
export function projectedLines(r: RunResult, k: number): Map<string, Money> {
  const out = new Map<string, Money>();
  poolLines(r, k + 1, out);
  objectLines(r, k + 1, out);
  return out;
}

/** The opening balance of each account (by id) on the first payment date, as the projection has it (funded at closing). */
export function openingBalances(r: RunResult): Map<string, Money> {
  return new Map(r.accounts.map((a) => [a.id, a.periods[0]?.begin ?? NIL]));
}
