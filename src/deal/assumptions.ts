/** Gathers every `assumed` note of a deal with the JSON path of the value it explains. */
import type { LoadedDeal } from './loaded.js';
import { formatPath } from '../util/jsonPath.js';
import { Decimal } from '../util/money.js';

export interface Assumption {
  path: string;
  note: string;
}

/** Calls `fn` for each entry of each `assumed` note below `root`, with the object holding it. */
export function forEachAssumed(
  root: unknown,
  fn: (holder: Record<string, unknown>, path: PropertyKey[], field: string, note: string) => void,
  path: PropertyKey[] = [],
): void {
  if (Array.isArray(root)) root.forEach((v, i) => forEachAssumed(v, fn, [...path, i]));
  else if (root !== null && typeof root === 'object' && !(root instanceof Decimal)) {
    const obj = root as Record<string, unknown>;
    const assumed = obj['assumed'];
    if (assumed && typeof assumed === 'object') {
      for (const [field, note] of Object.entries(assumed as Record<string, string>)) fn(obj, path, field, note);
    }
    for (const [k, v] of Object.entries(obj)) if (k !== 'assumed') forEachAssumed(v, fn, [...path, k]);
  }
}

export function collectAssumptions(deal: LoadedDeal): Assumption[] {
  const out: Assumption[] = [];
  forEachAssumed(deal.spec, (_holder, path, field, note) => out.push({ path: formatPath([...path, ...field.split('.')]), note }));
  return out;
}
