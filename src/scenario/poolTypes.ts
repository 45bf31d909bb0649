/**
 * What pool performance hands the engine, in whole fen (`Money`): the contract between
 * `scenario/performance.ts` (the pool under a scenario) and `engine/` (the waterfall). Shares and
 * fractions stay exact Decimals; amounts are integers.
 */
import type { DealPeriod } from '../deal/periods.js';
import type { AssetSpec } from '../schema/deal.js';
import type { Decimal } from '../util/money.js';
import type { Money } from '../util/fen.js';

/** One asset's contractual flows per deal period. */
export interface MoneySchedule {
  /** Balance at the cutoff. */
  balance: Money;
  /** Per period (index 0 = period 1): contractual principal and interest due in its window. */
  principal: Money[];
  interest: Money[];
  /** Contractual balance at the start of each period. */
  startBalance: Money[];
  /** Flows after the last collection date, never collected by the deal. */
  lateFlows: number;
}

/** What performance needs of a deal, computed once. */
export interface MoneyPreparedPool {
  periods: readonly DealPeriod[];
  assets: readonly AssetSpec[];
  schedules: MoneySchedule[];
  /** Per period: contractual principal and interest of the whole pool, and its start balance. */
  basePrincipal: Money[];
  baseInterest: Money[];
  baseStartBalance: Money[];
  initialBalance: Money;
  /** Days in each period (from the cutoff, then between collection ends), for annual rates. */
  periodDays: number[];
}

export type ArrivalKind = 'recovery' | 'compensation';

/** A default of (part of) one asset in one period, with what it later brings back. */
export interface MoneyDefaultEvent {
  asset: number;
  /** 0-based period of the default. */
  period: number;
  /** Balance that defaulted. */
  balance: Money;
  /** Interest due in the default period and missed. */
  interestMissed: Money;
  /** The share of the asset's contractual payments that this default takes away (exact). */
  share: Decimal;
  mode: 'default' | 'stopPaying';
  /** Recoveries and loss-sharing compensation, by 0-based period of arrival. */
  arrivals: { period: number; amount: Money; kind: ArrivalKind }[];
}

export interface MoneyPoolPeriod {
  scheduledPrincipal: Money;
  scheduledInterest: Money;
  /** Principal collected: scheduled payments of what performs, prepayments, delayed payments. */
  principal: Money;
  interest: Money;
  prepaid: Money;
  /** Contractual payments due in the period that were not paid when due. */
  missed: Money;
  /** Balance that defaulted in the period. */
  defaulted: Money;
  /** Performing pool balance at the end of the period. */
  endBalance: Money;
}

export interface MoneyPoolPerformance {
  periods: MoneyPoolPeriod[];
  /** Recoveries and compensation that would arrive after the deal's last period (not collected). */
  afterEnd: Money;
  events: MoneyDefaultEvent[];
  /** Events by the 0-based period of their default, and arrivals by the period they arrive in. */
  eventsByPeriod: MoneyDefaultEvent[][];
  arrivalsByPeriod: { event: MoneyDefaultEvent; amount: Money; kind: ArrivalKind }[][];
  /**
   * When only some assets' defaults are listed (runs without detail): per period, the recoveries
   * and compensation arriving from the defaults of the others, summed. Undefined when nothing
   * arrives from them (as when every default is listed).
   */
  pooledArrivals: { recovery: Money[]; compensation: Money[] } | undefined;
  /** The 0-based period of the last default, listed or not (−1 without one). */
  lastDefaultPeriod: number;
  /** The 0-based period of the last recovery or compensation arriving within the deal (−1 without one). */
  lastArrivalPeriod: number;
  /** With PerformanceOptions.balancesAfter: each asset's performing balance at the end of that period. */
  assetBalances?: Money[];
}
