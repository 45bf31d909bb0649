/**
 * The performing share of a group of alike assets, period by period: exact Decimals computed
 * once per group, so that every asset of the group does integer work only.
 *
 * An asset performs in full at the cutoff (share 1). In each period a default takes the
 * fraction fₖ of what performs and a prepayment then the fraction qₖ of what is left, as long as
 * the asset still has a balance: every asset of a group with a balance at the start of period k
 * therefore holds the same share, `start[k]`, and after its default `after[k]`. An asset whose
 * balance runs out keeps the share it had then (it pays no more principal, and its interest, if
 * any, in that share).
 */
import { factor, type Factor } from '../util/fen.js';
import { ONE, type Decimal } from '../util/money.js';

/** A performing share, with its factor for `mulRound`. */
export interface Share {
  value: Decimal;
  factor: Factor;
  zero: boolean;
}

export interface Chain {
  /** Share performing at the start of each period, for an asset with a balance then. */
  start: Share[];
  /** Share performing after the period's default (the same object as `start[k]` without one). */
  after: Share[];
  /** The period's default fraction (in [0, 1]); `null` when nothing defaults. */
  fraction: (Decimal | null)[];
  fractionFactor: Factor[];
  /** The fraction is 1: the whole balance defaults. */
  whole: boolean[];
  /** start[k] × fraction[k]: the share of the asset's payments a default takes (the event's share). */
  defaultShare: Decimal[];
  /** factor(start[k], fraction[k]), for the interest a default misses. */
  missedFactor: Factor[];
  /** The period's prepayment fraction; `null` when nothing prepays. */
  prepay: (Factor | null)[];
}

function share(value: Decimal): Share {
  return { value, factor: factor(value), zero: value.isZero() };
}

/**
 * The chain of a group: `fractions` of default per period (above 1 counts as 1), prepayment
 * `prepay` per period, applied only before period `prepayUntil` (a named default ends them).
 */
export function buildChain(fractions: readonly Decimal[], prepay: readonly Decimal[], prepayUntil: number): Chain {
  const n = fractions.length;
  const chain: Chain = { start: [], after: [], fraction: [], fractionFactor: [], whole: [], defaultShare: [], missedFactor: [], prepay: [] };
  let current = share(ONE);
  for (let k = 0; k < n; k++) {
    chain.start.push(current);
    let f: Decimal | null = fractions[k]!.gt(0) ? fractions[k]! : null;
    if (f && f.gt(1)) f = ONE;
    chain.fraction.push(f);
    chain.fractionFactor.push(factor(f ?? ONE));
    chain.whole.push(f !== null && f.eq(ONE));
    chain.defaultShare.push(f ? current.value.times(f) : current.value);
    chain.missedFactor.push(factor(current.value, f ?? ONE));
    if (f) current = share(current.value.times(ONE.minus(f)));
    chain.after.push(current);
    const q = prepay[k]!.gt(0) && k < prepayUntil ? prepay[k]! : null;
    chain.prepay.push(q ? factor(q) : null);
    if (q) current = share(current.value.times(ONE.minus(q)));
  }
  return chain;
}
