/**
 * What a run produces. Amounts are `Money`: whole fen (0.01 yuan) as integers; format them with
 * `fmtFen` or turn them into yuan with `toYuan`. Ratios (a coupon, a coverage multiple) stay
 * exact Decimals.
 */
import type { Decimal } from '../util/money.js';
import type { Money } from '../util/fen.js';
import type { IsoDate } from '../dates/date.js';
import type { LedgerEntry } from './ledger.js';
import type { ConservationPeriod } from './conservation.js';
import type { TrancheSummary } from '../analytics/tranche.js';
import type { IndexPathUsed } from './coupons.js';

export type { TrancheSummary } from '../analytics/tranche.js';

/** The waterfall in force: normal, accelerated (加速清偿) or after an event of default (违约事件). */
export type DealState = 'normal' | 'accelerated' | 'default';

/** A tranche on one payment date: interest and principal due and paid, balances. */
export interface TranchePeriod {
  period: number;
  date: IsoDate;
  nominalDate: IsoDate;
  beginBalance: Money;
  /** Interest due on this date: this period's accrual plus arrears brought forward. */
  interestDue: Money;
  interestPaid: Money;
  principalDue: Money;
  principalPaid: Money;
  /** What is left for the subordinate after everything else (超额收益). */
  residualPaid: Money;
  endBalance: Money;
  /** Unpaid interest carried to the next date. */
  interestShortfall: Money;
}


/** A tranche over a run: its periods and summary. */
export interface TrancheResult {
  id: string;
  name: string;
  /** 证券代码, when the deal gives one. */
  code?: string;
  /** 证券简称, when the deal gives one. */
  shortName?: string;
  class: string;
  balance: Money;
  /** The coupon as the deal states it (before spread compression); a floating tranche's first fixing. */
  coupon?: Decimal;
  /** A floating tranche's coupon in force each period (its fixing, plus any spread compression). */
  coupons?: Decimal[];
  expectedMaturity: IsoDate;
  periods: TranchePeriod[];
  summary: TrancheSummary;
}

/** The pool in one collection period: what was due, collected, defaulted, recovered and prepaid. */
export interface PoolPeriodResult {
  period: number;
  date: IsoDate;
  nominalDate: IsoDate;
  collectionStart: IsoDate;
  collectionEnd: IsoDate;
  beginBalance: Money;
  scheduledPrincipal: Money;
  scheduledInterest: Money;
  principal: Money;
  interest: Money;
  /** Contractual payments not received when due (a default a guarantor has paid off no longer counts). */
  missed: Money;
  defaulted: Money;
  recoveries: Money;
  /** Paid by the other parties of a loss-sharing model (government fund, insurer …). */
  compensation: Money;
  /** Principal prepaid (included in principal). */
  prepaid: Money;
  /** Paid by loan guarantors (保证担保) for defaulted assets. */
  guaranteePayments: Money;
  /** Paid by the buyer of a clean-up call (清仓回购). */
  callProceeds: Money;
  endBalance: Money;
  cumulativeDefaulted: Money;
}

/** A fee on one payment date. */
export interface FeePeriod {
  period: number;
  date: IsoDate;
  due: Money;
  paid: Money;
  arrears: Money;
}

/** A fee or tax over a run: due and paid per period. */
export interface FeeResult {
  id: string;
  name: string;
  kind: string;
  periods: FeePeriod[];
  totalPaid: Money;
  unpaid: Money;
}

/** An account on one payment date. */
export interface AccountPeriod {
  period: number;
  date: IsoDate;
  begin: Money;
  in: Money;
  out: Money;
  end: Money;
}

/** An account (collection or reserve) over a run: balances, draws and releases. */
export interface AccountResult {
  id: string;
  name: string;
  kind: 'collection' | 'reserve';
  periods: AccountPeriod[];
  /** A reserve's draws for missed collections and shortfalls (its releases not included). */
  drawn?: Money;
}

/** One call on a credit support and what it paid. */
export interface SupportDraw {
  period: number;
  date: IsoDate;
  amount: Money;
  /** What was asked for; more than `amount` when the provider failed or the cap ran out. */
  requested: Money;
  reason: string;
}

/** A credit support (guarantee, undertaking, liquidity support) over a run: called and paid. */
export interface SupportResult {
  id: string;
  name?: string;
  kind: string;
  provider: string;
  draws: SupportDraw[];
  totalDrawn: Money;
  repaid: Money;
  outstanding: Money;
  /** Asked for but not paid (provider failure or cap). */
  unpaid: Money;
}

/** Something that happened in a run: a trigger, a default, a reserve draw, a change of waterfall. */
export interface RunEvent {
  period: number;
  date: IsoDate;
  type: 'trigger' | 'default' | 'supportShortfall' | 'cleanUpCall' | 'reserveDraw' | 'reserveRelease' | 'stateChange' | 'legalMaturity';
  /** The asset, trigger, account or support concerned, and its name. */
  id?: string;
  name?: string;
  /** The amount concerned (a defaulted balance, a draw, a release, what a support paid). */
  amount?: Money;
  /** What a support was asked for. */
  requested?: Money;
  /** The kind within the type: default/stopPaying/pool, fires/cured, the new state, missedCollections/shortfall, failed/cap. */
  detail?: string;
  /** A default the status of a run from it carries in (before the status date), not one the run projects. */
  fromStatus?: boolean;
  /** The event in English, for programs and logs; reports write it in the reader's language. */
  message: string;
}

/** The senior tranche's coverage on one payment date. */
export interface CoveragePeriod {
  period: number;
  date: IsoDate;
  fundsForSenior: Money;
  seniorDue: Money;
  /** fundsForSenior / seniorDue; undefined when nothing is due. */
  multiple?: Decimal;
  excessSpread: Money;
}

/** What {@link runDeal} returns: the tranches, pool, fees, accounts and supports period by period, the events, and the conservation checks. Amounts are whole fen ({@link Money}). */
export interface RunResult {
  deal: { id: string; name: string; shortName?: string; closing: IsoDate };
  scenario: { name?: string };
  states: { period: number; date: IsoDate; state: DealState }[];
  tranches: TrancheResult[];
  pool: {
    periods: PoolPeriodResult[];
    initialBalance: Money;
    totalCollected: Money;
    totalDefaulted: Money;
    totalRecovered: Money;
    /** Recoveries and loss-sharing payments that would arrive after the last payment date: never collected. */
    recoveriesAfterEnd: Money;
  };
  fees: FeeResult[];
  accounts: AccountResult[];
  supports: SupportResult[];
  events: RunEvent[];
  coverage: { periods: CoveragePeriod[]; minimum?: Decimal; wholeLife?: Decimal };
  ledger: LedgerEntry[];
  /**
   * The conservation proof. `conservation` is true on every result (a failed proof throws an
   * InternalError first); the figures beside it say what was proven: `periodsChecked` periods
   * (closing included), cash in (opening balances `fundedAtClosing` included) = cash out + held,
   * and the largest difference found (0.00).
   */
  checks: {
    conservation: boolean;
    periods: ConservationPeriod[];
    cashIn: Money;
    cashOut: Money;
    held: Money;
    periodsChecked: number;
    fundedAtClosing: Money;
    largestDifference: Money;
  };
  /** The index paths the deal's floating rates read in this run (only when a rate floats). */
  indexPaths?: IndexPathUsed[];
  /** A run from a status (engine/status.ts): its date, the last payment date passed, the periods already past. */
  status?: { asOf: IsoDate; lastPaymentDate: IsoDate; periodsPast: number };
}
