/**
 * A deal file with new tranche balances (`ipabs size --out-deal`): the deal file's own JSON, as
 * written, with each changed tranche's `balance` replaced and an `assumed.balance` note saying how
 * it was sized (a sized tranche's `rating` becomes its target grade, noted as assumed). Paths in the file (tapes, `$schema`) are relative to its folder: written to
 * another folder, they are rewritten to lead to the same files.
 */
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { fmtFen, type Money } from '../util/fen.js';

export interface BalanceChange {
  /** Index in `tranches`. */
  index: number;
  balance: Money;
  /** Why: written to the tranche's `assumed.balance`. */
  note: string;
  /** The grade it was sized to: written to its `rating`, with an `assumed.rating` note. */
  rating?: string;
}

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A relative path of the deal's folder as seen from `toDir` (POSIX separators, as deal files write them). */
function moved(path: string, fromDir: string, toDir: string): string {
  if (isAbsolute(path) || /^[a-z][a-z0-9+.-]*:/i.test(path)) return path;
  const rel = relative(toDir, resolve(fromDir, path)).split(sep).join('/');
  return rel === '' ? '.' : rel;
}

/**
 * The text of the resized deal: `raw` (the deal file's JSON value) with the balances changed,
 * paths re-based from `dealFile`'s folder to `outFile`'s. Two-space JSON and a final newline.
 */
export function resizedDealText(raw: unknown, dealFile: string, outFile: string, changes: readonly BalanceChange[]): string {
  const deal = structuredClone(raw) as Json;
  const tranches = deal['tranches'] as Json[];
  for (const c of changes) {
    const t = tranches[c.index]!;
    t['balance'] = fmtFen(c.balance).replace(/,/g, '');
    const assumed: Json = { ...(isObject(t['assumed']) ? t['assumed'] : {}), balance: c.note };
    if (c.rating !== undefined) {
      t['rating'] = c.rating;
      assumed['rating'] = 'the target grade ipabs size sized it to (implied by the rating scale), not a published rating';
    }
    t['assumed'] = assumed;
  }
  const fromDir = resolve(dirname(dealFile));
  const toDir = resolve(dirname(outFile));
  if (fromDir !== toDir) {
    if (typeof deal['$schema'] === 'string') deal['$schema'] = moved(deal['$schema'], fromDir, toDir);
    const pool = deal['pool'];
    if (isObject(pool) && Array.isArray(pool['tapes'])) {
      for (const tape of pool['tapes']) if (isObject(tape) && typeof tape['path'] === 'string') tape['path'] = moved(tape['path'], fromDir, toDir);
    }
  }
  return `${JSON.stringify(deal, null, 2)}\n`;
}

/** Whether a resized deal written to `outFile` reads tapes outside its own folder (then it loads with --tapes-from). */
export function tapesOutside(raw: unknown, dealFile: string, outFile: string): string | undefined {
  const pool = isObject(raw) ? raw['pool'] : undefined;
  if (!isObject(pool) || !Array.isArray(pool['tapes']) || pool['tapes'].length === 0) return undefined;
  const fromDir = resolve(dirname(dealFile));
  const toDir = resolve(dirname(outFile));
  const rel = relative(toDir, fromDir);
  return fromDir !== toDir && (rel.startsWith('..') || isAbsolute(rel)) ? fromDir : undefined;
}
