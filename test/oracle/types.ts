/** What a run produces. Amounts are exact Decimals in yuan, whole fen where cash moved. */
import type { Decimal } from '../../src/util/money.js';
import type { IsoDate } from '../../src/dates/date.js';
import type { LedgerEntry, ConservationPeriod } from './ledger.js';

export type DealState = 'normal' | 'accelerated' | 'default';

export interface TranchePeriod {
  period: number;
  date: IsoDate;
  nominalDate: IsoDate;
  beginBalance: Decimal;
  /** Interest due on this date: this period's accrual plus arrears brought forward. */
  interestDue: Decimal;
  interestPaid: Decimal;
  principalDue: Decimal;
  principalPaid: Decimal;
  /** What is left for the subordinate after everything else (超额收益). */
  residualPaid: Decimal;
  endBalance: Decimal;
  /** Unpaid interest carried to the next date. */
  interestShortfall: Decimal;
}

export interface TrancheSummary {
  interestPaid: Decimal;
  principalPaid: Decimal;
  residualPaid: Decimal;
  /** Principal not repaid by the last payment date. */
  loss: Decimal;
  /** Interest still unpaid after the last payment date. */
  interestShortfall: Decimal;
  finalPaymentDate?: IsoDate;
  principalWindow?: { first: IsoDate; last: IsoDate };
  /** Weighted average life in years from the closing date (ACT/365F). */
  wal?: number;
  /** Yield at the issue price, PBoC 2007 convention (src/analytics/cnYield.ts). */
  yield?: number;
  macaulayDuration?: number;
  modifiedDuration?: number;
  convexity?: number;
  yieldMethod?: 'compound' | 'simple' | 'annual';
  couponFrequency?: number;
  yieldConvention?: string;
}

export interface TrancheResult {
  id: string;
  name: string;
  code?: string;
  shortName?: string;
  class: string;
  balance: Decimal;
  coupon?: Decimal;
  expectedMaturity: IsoDate;
  periods: TranchePeriod[];
  summary: TrancheSummary;
}

export interface PoolPeriodResult {
  period: number;
  date: IsoDate;
  nominalDate: IsoDate;
  collectionStart: IsoDate;
  collectionEnd: IsoDate;
  beginBalance: Decimal;
  scheduledPrincipal: Decimal;
  scheduledInterest: Decimal;
  principal: Decimal;
  interest: Decimal;
  /** Contractual payments not received when due (a default a guarantor has paid off no longer counts). */
  missed: Decimal;
  defaulted: Decimal;
  recoveries: Decimal;
  /** Paid by the other parties of a loss-sharing model (government fund, insurer …). */
  compensation: Decimal;
  /** Principal prepaid (included in principal). */
  prepaid: Decimal;
  /** Paid by loan guarantors (保证担保) for defaulted assets. */
  guaranteePayments: Decimal;
  /** Paid by the buyer of a clean-up call (清仓回购). */
  callProceeds: Decimal;
  endBalance: Decimal;
  cumulativeDefaulted: Decimal;
}

export interface FeePeriod {
  period: number;
  date: IsoDate;
  due: Decimal;
  paid: Decimal;
  arrears: Decimal;
}

export interface FeeResult {
  id: string;
  name: string;
  kind: string;
  periods: FeePeriod[];
  totalPaid: Decimal;
  unpaid: Decimal;
}

export interface AccountPeriod {
  period: number;
  date: IsoDate;
  begin: Decimal;
  in: Decimal;
  out: Decimal;
  end: Decimal;
}

export interface AccountResult {
  id: string;
  name: string;
  kind: 'collection' | 'reserve';
  periods: AccountPeriod[];
  /** A reserve's draws for missed collections and shortfalls (its releases not included). */
  drawn?: Decimal;
}

export interface SupportDraw {
  period: number;
  date: IsoDate;
  amount: Decimal;
  /** What was asked for; more than `amount` when the provider failed or the cap ran out. */
  requested: Decimal;
  reason: string;
}

export interface SupportResult {
  id: string;
  name?: string;
  kind: string;
  provider: string;
  draws: SupportDraw[];
  totalDrawn: Decimal;
  repaid: Decimal;
  outstanding: Decimal;
  /** Asked for but not paid (provider failure or cap). */
  unpaid: Decimal;
}

export interface RunEvent {
  period: number;
  date: IsoDate;
  type: 'trigger' | 'default' | 'supportShortfall' | 'cleanUpCall' | 'reserveDraw' | 'reserveRelease' | 'stateChange' | 'legalMaturity';
  /** The asset, trigger, account or support concerned, and its name. */
  id?: string;
  name?: string;
  /** The amount concerned (a defaulted balance, a draw, a release, what a support paid). */
  amount?: Decimal;
  /** What a support was asked for. */
  requested?: Decimal;
  /** The kind within the type: default/stopPaying/pool, fires/cured, the new state, missedCollections/shortfall, failed/cap. */
  detail?: string;
  /** The event in English, for programs and logs; reports write it in the reader's language. */
  message: string;
}

export interface CoveragePeriod {
  period: number;
  date: IsoDate;
  fundsForSenior: Decimal;
  seniorDue: Decimal;
  /** fundsForSenior / seniorDue; undefined when nothing is due. */
  multiple?: Decimal;
  excessSpread: Decimal;
}

export interface RunResult {
  deal: { id: string; name: string; shortName?: string; closing: IsoDate };
  scenario: { name?: string };
  states: { period: number; date: IsoDate; state: DealState }[];
  tranches: TrancheResult[];
  pool: {
    periods: PoolPeriodResult[];
    initialBalance: Decimal;
    totalCollected: Decimal;
    totalDefaulted: Decimal;
    totalRecovered: Decimal;
    /** Recoveries and loss-sharing payments that would arrive after the last payment date: never collected. */
    recoveriesAfterEnd: Decimal;
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
    cashIn: Decimal;
    cashOut: Decimal;
    held: Decimal;
    periodsChecked: number;
    fundedAtClosing: Decimal;
    largestDifference: Decimal;
  };
}
