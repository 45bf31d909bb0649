/**
 * Index paths: an index's published fixings and its forward path (or a scenario's), with a
 * scenario's shift, as one lookup: the value in force on a date is the last one dated on or before
 * it. A value read on a date after the last published fixing's date is a projection (a forward
 * value, or the last fixing carried flat): a scenario's shift moves it. A value read on or before
 * that date is a fact and never moves.
 */
import { compareDates, type IsoDate } from '../dates/date.js';
import { Decimal, ZERO } from '../util/money.js';

/** A dated value, as the deal file and scenarios write them. */
export interface DatedRate {
  date: IsoDate;
  value: Decimal;
}

/** What a scenario does to one index. */
export interface IndexChange {
  /** Added to every value not yet published, in basis points. */
  shiftBp?: number;
  /** Replaces the forward path (the values after the last fixing). */
  path?: readonly DatedRate[];
}

/** An index's path as a run reads it: its published fixings, then the forward path (assumed), with any scenario change applied. */
export interface IndexPath {
  name: string;
  /** Fixings then the forward path, in increasing date order. */
  values: readonly DatedRate[];
  /** How many of `values` are published fixings (the rest are forward values). */
  published: number;
  /** Added to every value read after the last fixing's date (see {@link valueOn}). */
  shift: Decimal;
}

/** An index as the deal file defines it. */
export interface IndexDefinition {
  history: readonly DatedRate[];
  forward: readonly DatedRate[];
}

/**
 * The path of an index under a scenario's change. A replacement path keeps only its values dated
 * after the last fixing (published fixings stay).
 */
export function indexPath(name: string, index: IndexDefinition, change?: IndexChange): IndexPath {
  const last = index.history[index.history.length - 1]?.date;
  const forward = change?.path ? change.path.filter((v) => last === undefined || compareDates(v.date, last) > 0) : index.forward;
  return {
    name,
    values: [...index.history, ...forward],
    published: index.history.length,
    shift: change?.shiftBp ? new Decimal(change.shiftBp).div(10_000) : ZERO,
  };
}

/**
 * The value of the index in force on `date`: the last dated on or before it (shifted when it is a
 * projection); undefined before the first value.
 *
 * @example valueOn(path, '2024-03-19') // the fixing of 2024-02-20 when the next is dated 2024-03-20
 */
export function valueOn(path: IndexPath, date: IsoDate): Decimal | undefined {
  const values = path.values;
  let lo = 0;
  let hi = values.length;
  // The first value dated after `date`.
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compareDates(values[mid]!.date, date) <= 0) lo = mid + 1;
    else hi = mid;
  }
  if (lo === 0) return undefined;
  const v = values[lo - 1]!.value;
  if (path.shift.isZero()) return v;
  const last = path.values[path.published - 1];
  return last === undefined || compareDates(date, last.date) > 0 ? v.plus(path.shift) : v;
}

/** A key naming a scenario's changes to the indices ('' for none): equal keys give equal paths. */
export function changesKey(changes: Readonly<Record<string, IndexChange>> | undefined): string {
  if (!changes) return '';
  const parts: string[] = [];
  for (const name of Object.keys(changes).sort()) {
    const c = changes[name]!;
    if (!c.shiftBp && !c.path) continue;
    parts.push(`${name}:${c.shiftBp ?? 0}:${(c.path ?? []).map((v) => `${v.date}=${v.value.toString()}`).join(',')}${c.path ? '' : '-'}`);
  }
  return parts.join('|');
}
