/**
 * How the run's amounts meet JSON, in one place: whole fen (`Money`, src/util/fen.ts) written
 * as yuan with two decimals and read back.
 */
import { Decimal } from '../util/money.js';
import { fmtFen, fromYuan, type Money } from '../util/fen.js';

/** An amount type of the engine: how to recognise one, write it as JSON text and read it back. */
export interface AmountForm<T> {
  is(value: unknown): value is T;
  /** Yuan with two decimals, no grouping, half-up: `"1234.50"`, `"-0.01"`. */
  text(amount: T): string;
  parse(text: string): T;
}

/** Amounts as whole fen in a number (the integer engine). */
export const FEN_AMOUNT: AmountForm<Money> = {
  is: (v): v is Money => Number.isSafeInteger(v),
  text: fmtFen,
  parse: (text) => fromYuan(new Decimal(text)),
};

/** The form of the amounts in a RunResult. */
export const AMOUNT = FEN_AMOUNT;

/** The amount type of a RunResult. */
export type Amount = ReturnType<typeof AMOUNT.parse>;

/** An amount as the JSON contract writes it: yuan, two decimals (`"13900000.00"`). */
export function amountText(amount: Amount): string {
  return AMOUNT.text(amount);
}
