/**
 * The conservation proof: what came in equals what went out plus what is held, every period and
 * over the life, from the ledger's flows, from its entries replayed, and against totals kept
 * independently by the pool, fees, tranches and supports. Amounts are whole fen.
 */
import { InternalError } from '../util/errors.js';
import { add, fmtFen, NIL, sub, type Money } from '../util/fen.js';
import type { Ledger } from './ledger.js';

/** The cash a period brought in, paid out and held, which must balance to the fen. */
export interface ConservationPeriod {
  period: number;
  /** Cash that entered the plan: collections, recoveries, support draws, call proceeds, funding. */
  cashIn: Money;
  /** Cash that left it: fees, taxes, investors, support repayments. */
  cashOut: Money;
  heldBegin: Money;
  heldEnd: Money;
  holds: boolean;
}

/** What a conservation proof established, beside the bare yes of `checks.conservation`. */
export interface ConservationProof {
  /** Every period, the chain of periods and the totals held. */
  holds: boolean;
  /** Periods checked: the closing (period 0) and every payment date run. */
  periodsChecked: number;
  /** Opening balances paid into the plan's accounts at closing (part of `cashIn`). */
  fundedAtClosing: Money;
  /** Cash that entered the plan over its life, opening balances included. */
  cashIn: Money;
  /** Cash that left it. */
  cashOut: Money;
  /** Cash the plan's accounts hold after the last period. */
  held: Money;
  /**
   * The largest gap found: |held at the start + in − out − held at the end| of a period, a
   * period not starting with what the last one ended with, or the totals not agreeing with the
   * periods. 0.00 when the proof holds.
   */
  largestDifference: Money;
  /** The first period that failed; undefined when it holds or only the totals disagree. */
  firstFailure?: number;
}

/** One period's row: held at the start + in = out + held at the end. */
export function conservationRow(period: number, cashIn: Money, cashOut: Money, heldBegin: Money, heldEnd: Money): ConservationPeriod {
  return { period, cashIn, cashOut, heldBegin, heldEnd, holds: add(heldBegin, cashIn) === add(cashOut, heldEnd) };
}

/**
 * Proves conservation from per-period rows and independently kept totals (the pool's, fees',
 * tranches' and supports' own records): each period held at the start + in = out + held at the
 * end, each period starts with what the one before ended with (the first with nothing), the
 * rows add up to the totals, and in = out + held over the life. Returns what was proven and
 * never throws: the caller decides (the engine raises an InternalError, exit 70).
 */
export function conservationProof(periods: readonly ConservationPeriod[], totals: { cashIn: Money; cashOut: Money; held: Money }): ConservationProof {
  let cashIn = NIL;
  let cashOut = NIL;
  let previousEnd = NIL;
  let largest = NIL;
  let firstFailure: number | undefined;
  const gap = (d: Money) => {
    if (Math.abs(d) > largest) largest = Math.abs(d) as Money;
  };
  for (const c of periods) {
    cashIn = add(cashIn, c.cashIn);
    cashOut = add(cashOut, c.cashOut);
    if (!c.holds || c.heldBegin !== previousEnd) {
      firstFailure ??= c.period;
      gap(sub(sub(add(c.heldBegin, c.cashIn), c.cashOut), c.heldEnd));
      gap(sub(c.heldBegin, previousEnd));
    }
    previousEnd = c.heldEnd;
  }
  const totalsAgree = cashIn === totals.cashIn && cashOut === totals.cashOut && previousEnd === totals.held && totals.cashIn === add(totals.cashOut, totals.held);
  if (!totalsAgree) {
    gap(sub(cashIn, totals.cashIn));
    gap(sub(cashOut, totals.cashOut));
    gap(sub(previousEnd, totals.held));
    gap(sub(sub(totals.cashIn, totals.cashOut), totals.held));
  }
  return {
    holds: firstFailure === undefined && totalsAgree,
    periodsChecked: periods.length,
    fundedAtClosing: periods[0]?.period === 0 ? periods[0].cashIn : NIL,
    cashIn: totals.cashIn,
    cashOut: totals.cashOut,
    held: totals.held,
    largestDifference: largest,
    firstFailure,
  };
}

/** The message of the internal error a failed conservation proof raises, with what it found. */
export function conservationFailure(proof: ConservationProof, negativeTranche?: string): string {
  const where = proof.firstFailure !== undefined ? ` in period ${proof.firstFailure}` : negativeTranche ? `: tranche ${negativeTranche} has a negative balance` : ' over the whole life';
  return `cash is not conserved${where}: in ${fmtFen(proof.cashIn)}, out ${fmtFen(proof.cashOut)}, held ${fmtFen(proof.held)}, largest difference ${fmtFen(proof.largestDifference)} over ${proof.periodsChecked} periods checked`;
}

/**
 * Proves, per period, held at the start + cash in = cash out + held at the end, from the entries
 * alone (replayed independently of the running balances), and that the replayed holdings equal
 * the accounts' balances.
 */
export function proveConservation(ledger: Ledger, periodCount: number): ConservationPeriod[] {
  const out: ConservationPeriod[] = [];
  const replay = new Map<string, Money>();
  let held = NIL;
  let i = 0;
  const entries = ledger.entries;
  for (let p = 0; p <= periodCount; p++) {
    let cashIn = NIL;
    let cashOut = NIL;
    const heldBegin = held;
    for (; i < entries.length && entries[i]!.period === p; i++) {
      const e = entries[i]!;
      const fromIn = ledger.isInternal(e.from);
      const toIn = ledger.isInternal(e.to);
      if (fromIn) replay.set(e.from, sub(replay.get(e.from) ?? NIL, e.amount));
      if (toIn) replay.set(e.to, add(replay.get(e.to) ?? NIL, e.amount));
      if (!fromIn && toIn) cashIn = add(cashIn, e.amount);
      if (fromIn && !toIn) cashOut = add(cashOut, e.amount);
    }
    let heldEnd = NIL;
    let negative = false;
    for (const b of replay.values()) {
      heldEnd = add(heldEnd, b);
      if (b < 0) negative = true;
    }
    held = heldEnd;
    const row = conservationRow(p, cashIn, cashOut, heldBegin, heldEnd);
    out.push(negative ? { ...row, holds: false } : row);
  }
  if (i !== entries.length) throw new InternalError('ledger: entries out of period order');
  let replayed = NIL;
  for (const b of replay.values()) replayed = add(replayed, b);
  if (replayed !== ledger.held()) out.push({ period: periodCount + 1, cashIn: NIL, cashOut: NIL, heldBegin: replayed, heldEnd: ledger.held(), holds: false });
  return out;
}
