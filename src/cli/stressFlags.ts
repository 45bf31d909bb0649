/** Flags shared by the stress commands: whole numbers, the principal basis, tranche ids, `--shard`. */
import type { Command } from 'commander';
import type { LoadedDeal } from '../io/loadDeal.js';
import type { PrincipalBasis } from '../stress/breakeven.js';
import { InputError } from '../validate/diagnostics.js';

/** `--principal-by`: expected or legal; undefined when not given (both bases). */
export function principalBy(text: string | undefined): PrincipalBasis | undefined {
  if (text === undefined) return undefined;
  if (text !== 'expected' && text !== 'legal') throw new InputError(`--principal-by ${JSON.stringify(text)}: give expected (the expected maturity, 预期到期日) or legal (the legal maturity, 法定到期日)`);
  return text;
}

/** A whole-number flag (a count: paths, seed, workers, periods) from `min` to `max`. */
export function wholeNumber(text: string | undefined, flag: string, min = 0, max?: number, maxText = max?.toLocaleString('en-US')): number | undefined {
  if (text === undefined) return undefined;
  const t = text.trim();
  if (!/^\d+$/.test(t) || Number(t) < min || (max !== undefined && Number(t) > max)) {
    const range = max !== undefined ? ` from ${min} to ${maxText}` : min > 0 ? ` of at least ${min}` : '';
    throw new InputError(`${flag} ${JSON.stringify(text)}: give a whole number${range}`);
  }
  return Number(t);
}

/** `--tranche` ids: each must be the deal's. */
export function checkTranches(deal: LoadedDeal, ids: readonly string[]): void {
  for (const id of ids) {
    if (!deal.spec.tranches.some((t) => t.id === id)) throw new InputError(`--tranche ${id}: no such tranche (the deal has ${deal.spec.tranches.map((t) => t.id).join(', ')})`);
  }
}

/** `--shard I/N` on a command whose items are independent. */
export const addShardOption = (c: Command) =>
  c.option('--shard <I/N>', 'compute only shard I of N (1 to N) and write it as a part file (--out part-I.json, else stdout) for ipabs merge');
