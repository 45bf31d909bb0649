/** One interface for every asset type: contractual cash flows from the cutoff date. */
import type { Decimal } from '../util/money.js';
import type { IsoDate } from '../dates/date.js';
import type { AssetSpec } from '../schema/deal.js';

/**
 * One contractual payment. `principal` reduces the asset's pool balance (for royalties and rents
 * counted as receivables, the whole payment); `interest` is income beyond it.
 */
export interface Flow {
  date: IsoDate;
  principal: Decimal;
  interest: Decimal;
}

/** What an asset owes from the cutoff date on. `principal` of the flows sums to `balance` exactly. */
export interface ContractualCashflows {
  /** The asset's pool balance at the cutoff date (贷款余额, 应收许可费余额, 租金余额, 应收账款). */
  balance: Decimal;
  /** Payments dated after the cutoff, in date order. */
  flows: Flow[];
}

export type AssetOf<T extends AssetSpec['type']> = Extract<AssetSpec, { type: T }>;

/** An asset type's module. */
export interface AssetModel<T extends AssetSpec['type']> {
  type: T;
  /** 中文名 of the asset type, for reports. */
  label: { zh: string; en: string };
  /** The contract's payments after `cutoff`, before any default or delay. */
  contractual(asset: AssetOf<T>, cutoff: IsoDate): ContractualCashflows;
  /**
   * The same balance and flow dates as `contractual`, without computing amounts: what
   * validation needs of a pool of a million loans. Optional: without it they come from
   * `contractual`.
   */
  outline?(asset: AssetOf<T>, cutoff: IsoDate): ContractualOutline;
}

/** An asset's balance at the cutoff and the dates of its flows, as {@link ContractualCashflows} has them. */
export interface ContractualOutline {
  balance: Decimal;
  /** The date of the last flow; undefined when there is none. */
  lastDate: IsoDate | undefined;
  /** The dates of the flows, in date order (computed when asked). */
  dates(): IsoDate[];
}
