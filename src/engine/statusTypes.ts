/**
 * A deal's status on a date, as the engine reads it: what a run's state holds after the periods
 * already past (balances, arrears, supports, the deal state) and what is left of the pool (each
 * asset's performing balance, the defaults whose recoveries or guarantee claims are still to
 * come). In whole fen and 0-based period indexes; the status file (schema/status.ts) is its
 * written form, read by engine/statusInput.ts and written by engine/statusOutput.ts.
 */
import type { Money } from '../util/fen.js';
import type { MoneyDefaultEvent } from '../scenario/poolTypes.js';
import type { DealState } from './types.js';
import type { IsoDate } from '../dates/date.js';

/** A default before the status date: the engine's default event, with what is still to come of it. */
export interface StatusDefault extends Omit<MoneyDefaultEvent, 'arrivals'> {
  /** The day of the default (违约日): the status file's, or the collection end of its period. */
  date: IsoDate;
  /** Recoveries and compensation still to come, by 0-based period (at or after the status's). */
  pending: MoneyDefaultEvent['arrivals'];
  /** Recovered before the status date (informational). */
  recovered: Money;
  /** What loan guarantors were asked and paid for it; settled: paid off in full. */
  guarantee?: { claim: Money; paid: Money };
  settled: boolean;
}

/**
 * A deal's state on a status date, as the engine resumes from it: what each tranche, account, fee
 * and support holds after `past` periods, the deal state, and each asset's performing balance and
 * pending defaults. {@link readStatus} makes one from a status file, {@link projectStatus} from a projection.
 */
export interface EngineStatus {
  /** Periods already past: the run resumes at this 0-based period. */
  past: number;
  /** Per tranche, in the deal's order. */
  tranches: { balance: Money; arrears: Money; principalPaid: Money; missedInterest: boolean; missedPrincipal: boolean; pastLegalMaturity: boolean }[];
  /** Per ledger account (the collection account, then the reserves). */
  accounts: Money[];
  /** Per fee: its arrears. */
  fees: Money[];
  /** Per support. */
  supports: { drawn: Money; repaid: Money; outstanding: Money; unpaid: Money; failed: boolean; capLeft?: Money }[];
  state: DealState;
  fired: string[];
  cumulativeDefaulted: Money;
  /** Per asset: its performing balance. */
  assets: Money[];
  defaults: StatusDefault[];
  /** The overdue assets (逾期): what they missed before the status date and when they reach the deal's default definition. */
  overdue?: OverdueAsset[];
  /** Per asset, as a projection sees it, or as the status file gives it (an asset it does not list: performing, or paid off when its schedule has ended). */
  assetStates?: AssetState[];
}

/** An asset's status on the status date. */
export type AssetState = 'performing' | 'paidOff' | 'prepaid' | 'overdue' | 'defaulted' | 'writtenOff';

/**
 * An overdue asset on the status date: the instalments it missed (the past periods whose
 * collection ends fell on or after its first missed due date) and the period in which its days
 * overdue reach the deal's default definition (pool.defaultOverdueDays), the deal's period count
 * when that is after the deal.
 */
export interface OverdueAsset {
  asset: number;
  days: number;
  /** 0-based periods before the status whose instalments it missed (at least the last one). */
  missed: number[];
  /** 0-based period at or after the status in which it counts as defaulted. */
  rollPeriod: number;
}
