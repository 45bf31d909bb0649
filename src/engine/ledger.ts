/**
 * The ledger: every movement of cash is an entry {date, from, to, amount, reason, phase}.
 * Internal accounts (the collection account, reserves) hold balances; everything else is outside
 * the plan (the pool, investors, fee payees, support providers). Tables are read off the
 * entries, and conservation is proven from them (./conservation.ts). Amounts are whole fen.
 */
import { InternalError } from '../util/errors.js';
import { add, fmtFen, NIL, sub, type Money } from '../util/fen.js';
import type { IsoDate } from '../dates/date.js';
import type { StepSpec } from '../schema/deal.js';

/**
 * What moved the cash, in the fixed order of a period: pool collections, loan guarantees
 * (保证担保), recoveries and loss sharing, a clean-up call (清仓回购), reserve releases, VAT (which
 * moves no cash itself), liquidity advances repaid ahead of the waterfall, then the waterfall's
 * steps. `funding` is the closing.
 */
export type LedgerPhase = 'funding' | 'collect' | 'guarantee' | 'recovery' | 'cleanUpCall' | 'reserveRelease' | 'vat' | 'liquidityRepayment' | 'waterfall';

export interface LedgerEntry {
  period: number;
  date: IsoDate;
  from: string;
  to: string;
  amount: Money;
  reason: string;
  phase: LedgerPhase;
  /** The waterfall step (0-based index in the state's waterfall) and its type. */
  step?: number;
  stepType?: StepSpec['type'];
}

/** What moved since the last `resetFlows`: per internal account in and out, and the plan's cash in and out. */
export interface Flows {
  accountIn: Money[];
  accountOut: Money[];
  cashIn: Money;
  cashOut: Money;
}

const EXTERNAL = -1;

/** The ledger's names of fee payees and support providers (`fee:mgmt`, `support:liquidity`), made once per spec. */
const parties = new WeakMap<object, string>();

export function partyOf(kind: 'fee' | 'support', spec: { readonly id: string }): string {
  let name = parties.get(spec);
  if (name === undefined) parties.set(spec, (name = `${kind}:${spec.id}`));
  return name;
}

export class Ledger {
  entries: LedgerEntry[] = [];
  private readonly index: Map<string, number>;
  private balances: Money[];
  private readonly flows: Flows;
  private phase: LedgerPhase = 'funding';
  private step: number | undefined;
  private stepType: StepSpec['type'] | undefined;

  /** `keepEntries: false` keeps balances and flows but not every entry (for stress runs). */
  constructor(
    readonly accounts: readonly string[],
    private readonly keepEntries = true,
  ) {
    this.index = new Map(accounts.map((a, i) => [a, i]));
    this.balances = accounts.map(() => NIL);
    this.flows = this.freshFlows();
  }

  private freshFlows(): Flows {
    return { accountIn: this.accounts.map(() => NIL), accountOut: this.accounts.map(() => NIL), cashIn: NIL, cashOut: NIL };
  }

  /** A copy with its own balances, flows and entries. */
  clone(): Ledger {
    const copy = new Ledger(this.accounts, this.keepEntries);
    copy.balances = this.balances.slice();
    const from = this.flows;
    const to = copy.flows;
    for (let i = 0; i < from.accountIn.length; i++) {
      to.accountIn[i] = from.accountIn[i]!;
      to.accountOut[i] = from.accountOut[i]!;
    }
    to.cashIn = from.cashIn;
    to.cashOut = from.cashOut;
    if (this.keepEntries) copy.entries = this.entries.slice();
    return copy;
  }

  /** The phase (and waterfall step) the next entries belong to. */
  enter(phase: LedgerPhase, step?: number, stepType?: StepSpec['type']): void {
    this.phase = phase;
    this.step = step;
    this.stepType = stepType;
  }

  /** The flows since the last `resetFlows`: the ledger's own object, zeroed by the next reset (read it first). */
  takeFlows(): Flows {
    return this.flows;
  }

  /** Starts counting the flows afresh (in place: a period's flows are read before). */
  resetFlows(): void {
    const f = this.flows;
    for (let i = 0; i < f.accountIn.length; i++) {
      f.accountIn[i] = NIL;
      f.accountOut[i] = NIL;
    }
    f.cashIn = NIL;
    f.cashOut = NIL;
  }

  isInternal(account: string): boolean {
    return this.index.has(account);
  }

  balance(account: string): Money {
    const i = this.index.get(account);
    if (i === undefined) throw new InternalError(`ledger: ${account} is not an account of the plan`);
    return this.balances[i]!;
  }

  /** The balance of the i-th internal account (0: the collection account). */
  balanceAt(i: number): Money {
    return this.balances[i]!;
  }

  /** Moves whole fen from one party to another; a zero amount records nothing. */
  transfer(period: number, date: IsoDate, from: string, to: string, amount: Money, reason: string): void {
    if (amount === 0) return;
    if (!(amount > 0) || !Number.isSafeInteger(amount)) throw new InternalError(`ledger: ${reason}: ${amount} fen is not a positive whole number of fen`);
    const i = this.index.get(from) ?? EXTERNAL;
    const j = this.index.get(to) ?? EXTERNAL;
    const f = this.flows;
    if (i !== EXTERNAL) {
      const fromBalance = this.balances[i]!;
      if (fromBalance < amount) throw new InternalError(`ledger: ${reason}: ${from} holds ${fmtFen(fromBalance)}, cannot pay ${fmtFen(amount)}`);
      this.balances[i] = sub(fromBalance, amount);
      f.accountOut[i] = add(f.accountOut[i]!, amount);
      if (j === EXTERNAL) f.cashOut = add(f.cashOut, amount);
    }
    if (j !== EXTERNAL) {
      this.balances[j] = add(this.balances[j]!, amount);
      f.accountIn[j] = add(f.accountIn[j]!, amount);
      if (i === EXTERNAL) f.cashIn = add(f.cashIn, amount);
    }
    if (this.keepEntries) {
      const e: LedgerEntry = { period, date, from, to, amount, reason, phase: this.phase };
      if (this.step !== undefined) {
        e.step = this.step;
        e.stepType = this.stepType;
      }
      this.entries.push(e);
    }
  }

  /** Cash held by the plan's own accounts. */
  held(): Money {
    let total = NIL;
    for (const b of this.balances) total = add(total, b);
    return total;
  }
}
