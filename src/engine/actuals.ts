/**
 * Actual figures against the deal (`ipabs track`): each line of an actuals file (io/actualsFile.ts)
 * put on one of the deal's payment dates and objects. Periods run from the first payment date
 * without a gap; an unknown date, period or object, or a figure given twice, is an error naming
 * the file, line and column.
 */
import type { IsoDate } from '../dates/date.js';
import type { ActualRow } from '../io/actualsFile.js';
import type { ObjectKind } from '../io/actualsItems.js';
import { add, NIL, type Money } from '../util/fen.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import type { PreparedDeal } from './prepare.js';
import { COLLECTION } from './state.js';
import { checkNamedFigures, type NamedFigure } from './actualsAssets.js';

/** An object of the deal a line may name: its id and the names it answers to. */
interface DealObject {
  id: string;
  names: string[];
}

/** One payment date's actual figures: `lines` by {@link lineKey}. */
export interface ActualPeriod {
  /** 0-based period index. */
  k: number;
  date: IsoDate;
  lines: Map<string, Money>;
  /** The 违约金额 and 回收金额 lines naming an asset (their sums are also in `lines`). */
  named?: NamedFigure[];
}

/** The key of a line: the item, and the object's id for an object's item (`feePaid|custody`). */
export function lineKey(item: string, object?: string): string {
  return object ? `${item}|${object}` : item;
}

/** Every object of the deal, by kind. The accounts are the ledger's: the collection account (`collection`, also by the deal's id and name for it), then the reserves. */
export function dealObjects(prepared: PreparedDeal): Record<Exclude<ObjectKind, 'pool'>, DealObject[]> {
  const spec = prepared.deal.spec;
  const named = (x: { id: string; name?: string; code?: string; shortName?: string }) => ({ id: x.id, names: [x.id, x.name, x.code, x.shortName].filter((n): n is string => !!n) });
  const collection = spec.accounts.find((a) => a.kind === 'collection');
  return {
    fee: spec.fees.map(named),
    tranche: spec.tranches.map(named),
    account: [{ id: COLLECTION, names: [COLLECTION, '专项计划账户', ...(collection ? named(collection).names : [])] }, ...spec.accounts.filter((a) => a.kind === 'reserve').map(named)],
    support: spec.supports.map(named),
  };
}

/** The 0-based period of a row, or a diagnostic. */
function periodOf(prepared: PreparedDeal, r: ActualRow, byDate: Map<string, number>): number | Diagnostic {
  const last = prepared.periods.length;
  const fromDate = r.date === undefined ? undefined : byDate.get(r.date);
  if (r.date !== undefined && fromDate === undefined) return { severity: 'error', file: r.file, line: r.line, message: `${r.date} is not a payment date of the deal (its dates: ${prepared.periods[0]!.date}, ${prepared.periods[1]?.date ?? ''} … ${prepared.periods[last - 1]!.date})` };
  if (r.period !== undefined && r.period > last) return { severity: 'error', file: r.file, line: r.line, message: `period ${r.period}: the deal has ${last} payment dates` };
  if (fromDate !== undefined && r.period !== undefined && r.period !== fromDate + 1) return { severity: 'error', file: r.file, line: r.line, message: `period ${r.period} is paid on ${prepared.periods[r.period - 1]!.date}, not ${r.date}` };
  return fromDate ?? r.period! - 1;
}

/** The object a row names, or a diagnostic (none for the pool's items, or an asset for 违约金额 and 回收金额; one of its kind otherwise). */
function objectOf(objects: ReturnType<typeof dealObjects>, r: ActualRow, assets: ReadonlyMap<string, number>): string | undefined | Diagnostic | { asset: number } {
  const where = { severity: 'error' as const, file: r.file, line: r.line, ...(r.objectColumn > 0 ? { column: r.objectColumn } : {}) };
  const kind = r.item.of;
  if (kind === 'pool' && r.object !== '' && r.item.perAsset) {
    const asset = assets.get(r.object);
    return asset !== undefined ? { asset } : { ...where, message: `unknown asset "${r.object}" for ${r.item.words[0]} (对象 names an asset of the pool by its id, like ${[...assets.keys()][0] ?? 'C01'})` };
  }
  if (kind === 'pool') return r.object === '' ? undefined : { ...where, message: `${r.item.words[0]} is the pool's: it names no object (got "${r.object}")` };
  const list = objects[kind];
  if (r.object === '') return { ...where, message: `${r.item.words[0]} needs a ${kind} (对象): one of ${list.map((o) => o.id).join(', ')}` };
  const found = list.find((o) => o.names.includes(r.object)) ?? list.find((o) => o.names.some((n) => n.toLowerCase() === r.object.toLowerCase()));
  return found ? found.id : { ...where, message: `unknown ${kind} "${r.object}" for ${r.item.words[0]} (the deal's: ${list.map((o) => o.names.join('/')).join(', ') || 'none'})` };
}

/**
 * The actual figures of each period from the first payment date, or the diagnostics that stop
 * them (every line's, at once).
 */
export function resolveActuals(prepared: PreparedDeal, rows: readonly ActualRow[], file: string): { periods: ActualPeriod[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const byDate = new Map(prepared.periods.flatMap((p, k) => [[p.date, k] as const, [p.nominalDate, k] as const]));
  const objects = dealObjects(prepared);
  const assets = new Map(prepared.deal.assets.map((a, i) => [a.id, i]));
  const lines: Map<string, Money>[] = [];
  const named: NamedFigure[] = [];
  const seen = new Map<string, number>();
  // An unknown object in a wide sheet's header would be said on every line: once, at the first.
  const said = new Set<string>();
  const once = (d: Diagnostic) => {
    const key = `${d.column}|${d.message}`;
    if (!said.has(key)) diagnostics.push(d);
    said.add(key);
  };
  for (const r of rows) {
    const k = periodOf(prepared, r, byDate);
    const found = objectOf(objects, r, assets);
    if (typeof k !== 'number') diagnostics.push(k);
    if (found !== undefined && typeof found !== 'string' && 'severity' in found) once(found);
    if (typeof k !== 'number' || (found !== undefined && typeof found !== 'string' && 'severity' in found)) continue;
    const asset = typeof found === 'object' ? found.asset : undefined;
    const object = typeof found === 'string' ? found : undefined;
    const key = asset !== undefined ? `${r.item.key}@${r.object}` : lineKey(r.item.key, object);
    const at = `${k}:${key}`;
    if (seen.has(at)) {
      diagnostics.push({ severity: 'error', file: r.file, line: r.line, message: `${r.item.words[0]}${r.object ? ` of ${object ?? r.object}` : ''} on ${prepared.periods[k]!.date} is given twice (line ${seen.get(at)} too)` });
      continue;
    }
    seen.set(at, r.line);
    while (lines.length <= k) lines.push(new Map());
    if (asset !== undefined) named.push({ k, asset, item: r.item.key as NamedFigure['item'], amount: r.amount, ...(r.defaultDate ? { date: r.defaultDate } : {}), file: r.file, line: r.line });
    else lines[k]!.set(key, add(lines[k]!.get(key) ?? NIL, r.amount));
  }
  if (!diagnostics.length) diagnostics.push(...checkNamedFigures(prepared, lines, named, file));
  lines.forEach((m, k) => {
    if (m.size === 0) diagnostics.push({ severity: 'error', file, message: `no figures for period ${k + 1} (${prepared.periods[k]!.date}): periods run from the first payment date without a gap` });
  });
  return diagnostics.length ? { periods: [], diagnostics } : { periods: lines.map((m, k) => ({ k, date: prepared.periods[k]!.date, lines: m, ...(named.some((f) => f.k === k) ? { named: named.filter((f) => f.k === k) } : {}) })), diagnostics: [] };
}
