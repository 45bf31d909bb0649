/**
 * The ledger: every movement of cash is an entry {date, from, to, amount, reason}. Internal
 * accounts (the collection account, reserves) hold balances; everything else is outside the
 * plan (the pool, investors, fee payees, support providers). Tables are read off the entries,
 * and conservation is proven from them.
 */
import { InternalError } from '../../src/validate/diagnostics.js';
import { ZERO, type Decimal } from '../../src/util/money.js';
import type { IsoDate } from '../../src/dates/date.js';

export interface LedgerEntry {
  period: number;
  date: IsoDate;
  from: string;
  to: string;
  amount: Decimal;
  reason: string;
}

/** What moved since the last `takeFlows`: per internal account in and out, and the plan's cash in and out. */
export interface Flows {
  accountIn: Map<string, Decimal>;
  accountOut: Map<string, Decimal>;
  cashIn: Decimal;
  cashOut: Decimal;
}

export class Ledger {
  readonly entries: LedgerEntry[] = [];
  private readonly balances = new Map<string, Decimal>();
  private flows: Flows = { accountIn: new Map(), accountOut: new Map(), cashIn: ZERO, cashOut: ZERO };

  /** `keepEntries: false` keeps balances and flows but not every entry (for stress runs). */
  constructor(
    internalAccounts: readonly string[],
    private readonly keepEntries = true,
  ) {
    for (const a of internalAccounts) this.balances.set(a, ZERO);
  }

  /** A copy with its own balances, flows and entries. */
  clone(): Ledger {
    const copy = new Ledger([], this.keepEntries);
    for (const [k, v] of this.balances) copy.balances.set(k, v);
    copy.flows = { accountIn: new Map(this.flows.accountIn), accountOut: new Map(this.flows.accountOut), cashIn: this.flows.cashIn, cashOut: this.flows.cashOut };
    copy.entries.push(...this.entries);
    return copy;
  }

  /** Returns the flows since the last call and starts counting afresh. */
  takeFlows(): Flows {
    const f = this.flows;
    this.flows = { accountIn: new Map(), accountOut: new Map(), cashIn: ZERO, cashOut: ZERO };
    return f;
  }

  isInternal(account: string): boolean {
    return this.balances.has(account);
  }

  balance(account: string): Decimal {
    const b = this.balances.get(account);
    if (b === undefined) throw new InternalError(`ledger: ${account} is not an account of the plan`);
    return b;
  }

  /** Moves whole fen from one party to another; a zero amount records nothing. */
  transfer(period: number, date: IsoDate, from: string, to: string, amount: Decimal, reason: string): void {
    if (amount.isZero()) return;
    if (amount.lt(0) || amount.decimalPlaces() > 2) throw new InternalError(`ledger: ${reason}: ${amount.toString()} is not a positive whole number of fen`);
    const fromBalance = this.balances.get(from);
    if (fromBalance !== undefined) {
      if (fromBalance.lt(amount)) throw new InternalError(`ledger: ${reason}: ${from} holds ${fromBalance.toFixed(2)}, cannot pay ${amount.toFixed(2)}`);
      this.balances.set(from, fromBalance.minus(amount));
    }
    const toBalance = this.balances.get(to);
    if (toBalance !== undefined) this.balances.set(to, toBalance.plus(amount));
    const f = this.flows;
    if (fromBalance !== undefined) f.accountOut.set(from, (f.accountOut.get(from) ?? ZERO).plus(amount));
    if (toBalance !== undefined) f.accountIn.set(to, (f.accountIn.get(to) ?? ZERO).plus(amount));
    if (fromBalance === undefined && toBalance !== undefined) f.cashIn = f.cashIn.plus(amount);
    if (fromBalance !== undefined && toBalance === undefined) f.cashOut = f.cashOut.plus(amount);
    if (this.keepEntries) this.entries.push({ period, date, from, to, amount, reason });
  }

  /** Cash held by the plan's own accounts. */
  held(): Decimal {
    let total = ZERO;
    for (const b of this.balances.values()) total = total.plus(b);
    return total;
  }
}

export interface ConservationPeriod {
  period: number;
  /** Cash that entered the plan: collections, recoveries, support draws, call proceeds, funding. */
  cashIn: Decimal;
  /** Cash that left it: fees, taxes, investors, support repayments. */
  cashOut: Decimal;
  heldBegin: Decimal;
  heldEnd: Decimal;
  holds: boolean;
}

/** What a conservation proof established, beside the bare yes of `checks.conservation`. */
export interface ConservationProof {
  /** Every period, the chain of periods and the totals held. */
  holds: boolean;
  /** Periods checked: the closing (period 0) and every payment date run. */
  periodsChecked: number;
  /** Opening balances paid into the plan's accounts at closing (part of `cashIn`). */
  fundedAtClosing: Decimal;
  /** Cash that entered the plan over its life, opening balances included. */
  cashIn: Decimal;
  /** Cash that left it. */
  cashOut: Decimal;
  /** Cash the plan's accounts hold after the last period. */
  held: Decimal;
  /**
   * The largest gap found: |held at the start + in − out − held at the end| of a period, a
   * period not starting with what the last one ended with, or the totals not agreeing with the
   * periods. 0.00 when the proof holds.
   */
  largestDifference: Decimal;
  /** The first period that failed; undefined when it holds or only the totals disagree. */
  firstFailure?: number;
}

/**
 * Proves conservation from per-period rows and independently kept totals (the pool's, fees',
 * tranches' and supports' own records): each period held at the start + in = out + held at the
 * end, each period starts with what the one before ended with (the first with nothing), the
 * rows add up to the totals, and in = out + held over the life. Returns what was proven and
 * never throws: the caller decides (the engine raises an InternalError, exit 70).
 *
 * Cheap on a good run (Monte Carlo calls it for every path): the differences are only worked
 * out when a period failed.
 */
export function conservationProof(periods: readonly ConservationPeriod[], totals: { cashIn: Decimal; cashOut: Decimal; held: Decimal }): ConservationProof {
  let cashIn = ZERO;
  let cashOut = ZERO;
  let previousEnd = ZERO;
  let largest = ZERO;
  let firstFailure: number | undefined;
  const gap = (d: Decimal) => {
    if (d.abs().gt(largest)) largest = d.abs();
  };
  for (const c of periods) {
    cashIn = cashIn.plus(c.cashIn);
    cashOut = cashOut.plus(c.cashOut);
    const chained = c.heldBegin.eq(previousEnd);
    if (!c.holds || !chained) {
      firstFailure ??= c.period;
      gap(c.heldBegin.plus(c.cashIn).minus(c.cashOut).minus(c.heldEnd));
      gap(c.heldBegin.minus(previousEnd));
    }
    previousEnd = c.heldEnd;
  }
  const totalsAgree = cashIn.eq(totals.cashIn) && cashOut.eq(totals.cashOut) && previousEnd.eq(totals.held) && totals.cashIn.eq(totals.cashOut.plus(totals.held));
  if (!totalsAgree) {
    gap(cashIn.minus(totals.cashIn));
    gap(cashOut.minus(totals.cashOut));
    gap(previousEnd.minus(totals.held));
    gap(totals.cashIn.minus(totals.cashOut).minus(totals.held));
  }
  const holds = firstFailure === undefined && totalsAgree;
  return {
    holds,
    periodsChecked: periods.length,
    fundedAtClosing: periods[0]?.period === 0 ? periods[0].cashIn : ZERO,
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
  return `cash is not conserved${where}: in ${proof.cashIn.toFixed(2)}, out ${proof.cashOut.toFixed(2)}, held ${proof.held.toFixed(2)}, largest difference ${proof.largestDifference.toFixed(2)} over ${proof.periodsChecked} periods checked`;
}

/**
 * Proves, per period, held at the start + cash in = cash out + held at the end, from the entries
 * alone (replayed independently of the running balances), and that the replayed holdings equal
 * the accounts' balances.
 */
export function proveConservation(ledger: Ledger, periodCount: number): ConservationPeriod[] {
  const out: ConservationPeriod[] = [];
  const replay = new Map<string, Decimal>();
  let held = ZERO;
  let i = 0;
  const entries = ledger.entries;
  for (let p = 0; p <= periodCount; p++) {
    let cashIn = ZERO;
    let cashOut = ZERO;
    const heldBegin = held;
    for (; i < entries.length && entries[i]!.period === p; i++) {
      const e = entries[i]!;
      const fromIn = ledger.isInternal(e.from);
      const toIn = ledger.isInternal(e.to);
      if (fromIn) replay.set(e.from, (replay.get(e.from) ?? ZERO).minus(e.amount));
      if (toIn) replay.set(e.to, (replay.get(e.to) ?? ZERO).plus(e.amount));
      if (!fromIn && toIn) cashIn = cashIn.plus(e.amount);
      if (fromIn && !toIn) cashOut = cashOut.plus(e.amount);
    }
    let heldEnd = ZERO;
    let negative = false;
    for (const b of replay.values()) {
      heldEnd = heldEnd.plus(b);
      if (b.lt(0)) negative = true;
    }
    held = heldEnd;
    out.push({ period: p, cashIn, cashOut, heldBegin, heldEnd, holds: !negative && heldBegin.plus(cashIn).eq(cashOut.plus(heldEnd)) });
  }
  if (i !== entries.length) throw new InternalError('ledger: entries out of period order');
  const replayed = [...replay.values()].reduce((a, b) => a.plus(b), ZERO);
  if (!replayed.eq(ledger.held())) out.push({ period: periodCount + 1, cashIn: ZERO, cashOut: ZERO, heldBegin: replayed, heldEnd: ledger.held(), holds: false });
  return out;
}
