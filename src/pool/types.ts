/** One interface for every asset type: contractual cash flows from the cutoff date. */
import { ZERO, type Decimal } from '../util/money.js';
import { decimalOfFen, fromYuan, type Money } from '../util/fen.js';
import type { IsoDate } from '../dates/date.js';

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


/** An asset's balance at the cutoff and the dates of its flows, as {@link ContractualCashflows} has them. */
export interface ContractualOutline {
  balance: Decimal;
  /** The date of the last flow; undefined when there is none. */
  lastDate: IsoDate | undefined;
  /** The dates of the flows, in date order (computed when asked). */
  dates(): IsoDate[];
}

/**
 * An asset's contractual cash flows in whole fen, column by column: the flow `i` is paid on
 * `dates[i]`, `principal[i]` and `interest[i]`. What {@link ContractualCashflows} holds, for
 * integer consumers (the engine), without a Decimal per amount.
 */
export interface FenCashflows {
  balance: Money;
  dates: readonly IsoDate[];
  principal: readonly Money[];
  interest: readonly Money[];
}

/** Fen flows as Decimal flows (the same amounts; a repeated amount shares one Decimal). */
export function decimalCashflows(fen: FenCashflows): ContractualCashflows {
  const n = fen.dates.length;
  const flows: Flow[] = new Array(n);
  let lastFen = 0;
  let last = ZERO;
  for (let i = 0; i < n; i++) {
    const p = fen.principal[i]!;
    if (p !== lastFen) (lastFen = p), (last = decimalOfFen(p));
    const interest = fen.interest[i]!;
    flows[i] = { date: fen.dates[i]!, principal: last, interest: interest === 0 ? ZERO : decimalOfFen(interest) };
  }
  return { balance: decimalOfFen(fen.balance), flows };
}

/** Decimal flows in whole fen (throws an InternalError for an amount beyond the safe range). */
export function fenCashflows(cf: ContractualCashflows): FenCashflows {
  return {
    balance: fromYuan(cf.balance),
    dates: cf.flows.map((f) => f.date),
    principal: cf.flows.map((f) => fromYuan(f.principal)),
    interest: cf.flows.map((f) => fromYuan(f.interest)),
  };
}
