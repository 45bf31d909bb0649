/**
 * An amount of whole fen as a report cell. It is the exact Decimal in yuan that `toYuan` gives
 * (every renderer, the HTML page and JSON read it as such), and it keeps its fen, so that the
 * table, Markdown and CSV formats write it with integer code instead of Decimal arithmetic: a run
 * report has a few thousand amounts, and formatting them in Decimal was most of `ipabs run`'s
 * rendering time.
 */
import { Decimal } from '../util/money.js';
import { decimalOfFen, fmtFen, type Money } from '../util/fen.js';

export class FenCell extends Decimal {
  readonly #fen: Money;
  constructor(fen: Money) {
    super(decimalOfFen(fen));
    this.#fen = fen;
  }
  /** The amount in fen. */
  get fen(): Money {
    return this.#fen;
  }
}

/** The amount as a report cell (undefined stays undefined). */
export function fenCell(x: Money | undefined): FenCell | undefined {
  return x === undefined ? undefined : new FenCell(x);
}

/** Fen in a unit of 10,000 yuan, rounded half-up to 0.01 (as Decimal's ROUND_HALF_UP: away from zero). */
function hundredthsOfWan(fen: Money): number {
  const abs = Math.abs(fen);
  const rest = abs % 10_000;
  const q = (abs - rest) / 10_000 + (rest >= 5_000 ? 1 : 0);
  return fen < 0 ? -q : q;
}

/**
 * The amount as formatValue writes a `money` value with two decimals in `unit`, without grouping
 * (`-1234.50`); exactly `toFixedHalfUp(yuan, 2)` (or of yuan ÷ 10,000), never `-0.00`.
 */
export function fenFixed(fen: Money, unit: 'yuan' | 'wan'): string {
  return fmtFen((unit === 'wan' ? hundredthsOfWan(fen) : fen) as Money);
}
