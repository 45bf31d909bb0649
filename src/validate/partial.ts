/**
 * Validation in one pass: when a deal file has shape errors (or its tapes have errors), the
 * unknown references of what is valid are still reported, so a user with a bad field, a
 * misspelt tranche id and a bad tape cell sees all three at once.
 *
 * What is valid: a copy of the file without its unknown keys and bad values of fields, then,
 * where that is not enough, without the smallest list items that still hold a shape error (a
 * waterfall step, a tranche, an id in a list). When that copy
 * is a valid deal, its references are checked; a reference to an item that was taken out, or to
 * an asset while some assets could not be read, is not reported (it may well exist), and every
 * path is given back in the file's own numbering.
 */
import type { z } from 'zod';
import { Deal, type DealFile } from '../schema/deal.js';
import { loadedDeal, OriginTable, type GoodTape } from '../deal/loaded.js';
import { formatPath, type Diagnostic } from './diagnostics.js';
import { unknownReferences } from './rules.js';
import { valueAt } from './zodIssues.js';
import { pushAll } from '../util/pushAll.js';

type Key = string | number;

/** The lists whose items other parts of a deal name, and the kind of their ids. */
const ID_LISTS: Readonly<Record<string, string>> = {
  '["tranches"]': 'tranche',
  '["fees"]': 'fee',
  '["accounts"]': 'account',
  '["supports"]': 'support',
  '["pool","assets"]': 'asset',
};

/** A valid deal made from what was valid of a file, and what was taken out for it. */
export interface Salvaged {
  spec: DealFile;
  /** Indices taken out of each list, by the list's path in the file (JSON of its keys). */
  removed: Map<string, number[]>;
  /** `kind:id` of each item taken out that others may name. */
  removedIds: Set<string>;
  /** Kinds whose whole list was dropped (`"fees": {…}`): no id of them can be judged. */
  unknownKinds: Set<string>;
}

/** A plain object, as JSON.parse makes them (a library caller may hand anything). */
function isObject(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  return proto === Object.prototype || proto === null;
}

/**
 * The deal without what its shape errors point at: unknown keys dropped, and the innermost list
 * item around each other error taken out. Undefined when an error sits outside every list (a
 * bad date of the deal, say) or the rest is still not a valid deal.
 */
export function salvage(input: unknown, issues: readonly z.core.$ZodIssue[]): Salvaged | undefined {
  if (!isObject(input)) return undefined;
  const copy = structuredClone(input);
  const unknownKinds = new Set<string>();
  // First the fields: an unknown key, or a bad value of a field, is dropped (an optional field
  // then parses, and the item it sits in stays, so its id can still be named).
  for (const issue of issues) {
    const path = keysOf(issue);
    const last = path[path.length - 1];
    const holder = valueAt(copy, issue.code === 'unrecognized_keys' ? path : path.slice(0, -1));
    if (!isObject(holder)) continue;
    if (issue.code === 'unrecognized_keys') for (const k of issue.keys) delete holder[k];
    else if (typeof last === 'string') {
      delete holder[last];
      for (const [list, kind] of Object.entries(ID_LISTS)) if (isPrefix(path, JSON.parse(list) as Key[])) unknownKinds.add(kind);
    }
  }
  const removed = new Map<string, number[]>();
  const removedIds = new Set<string>();
  // Then the items, a few rounds at most (an id list left empty is an error of its step): the
  // innermost list item around each error that is left is taken out.
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const parsed = Deal.safeParse(copy);
    if (parsed.success) return { spec: parsed.data, removed, removedIds, unknownKinds };
    const lists = listItemsAt(copy, parsed.error.issues);
    if (!lists) return undefined;
    const taken: [string, number[]][] = [];
    // Innermost lists first: taking an item out of a list never moves the items of lists around it.
    for (const { path, indices } of [...lists.values()].sort((a, b) => b.path.length - a.path.length)) {
      const list = valueAt(copy, path) as unknown[];
      const key = JSON.stringify(originalPath(path, removed));
      const sorted = [...indices].sort((a, b) => a - b);
      for (const i of sorted) {
        const id = (list[i] as { id?: unknown } | undefined)?.id;
        if (ID_LISTS[key] && typeof id === 'string') removedIds.add(`${ID_LISTS[key]}:${id}`);
      }
      taken.push([key, sorted.map((i) => originalIndex(i, removed.get(key)))]);
      for (const i of [...sorted].reverse()) list.splice(i, 1);
    }
    for (const [key, indices] of taken) removed.set(key, [...(removed.get(key) ?? []), ...indices].sort((a, b) => a - b));
  }
  return undefined;
}

/** Rounds of taking items out before giving up: each may leave a list empty that must not be. */
const MAX_ROUNDS = 3;

/** The innermost list around each issue, with the indices of the items that hold one; undefined when an issue is in no list. */
function listItemsAt(copy: unknown, issues: readonly z.core.$ZodIssue[]): Map<string, { path: Key[]; indices: Set<number> }> | undefined {
  const lists = new Map<string, { path: Key[]; indices: Set<number> }>();
  for (const issue of issues) {
    const path = keysOf(issue);
    let at = -1;
    for (let i = path.length - 1; i >= 0 && at < 0; i--) if (typeof path[i] === 'number' && Array.isArray(valueAt(copy, path.slice(0, i)))) at = i;
    if (at < 0) return undefined;
    const listPath = path.slice(0, at);
    const key = JSON.stringify(listPath);
    const entry = lists.get(key) ?? { path: listPath, indices: new Set<number>() };
    entry.indices.add(path[at] as number);
    lists.set(key, entry);
  }
  return lists;
}

/** An index of a list after items `removed` (indices of the file, ascending) were taken out, as the file numbers it. */
function originalIndex(index: number, removed: readonly number[] = []): number {
  let i = index;
  for (const r of removed) if (r <= i) i++;
  return i;
}

function isPrefix(prefix: readonly Key[], path: readonly Key[]): boolean {
  return prefix.length <= path.length && prefix.every((k, i) => k === path[i]);
}

function keysOf(issue: z.core.$ZodIssue): Key[] {
  return issue.path.filter((k): k is Key => typeof k !== 'symbol');
}

/** A path of the salvaged deal as a path of the file: each list index counted with the items taken out. */
export function originalPath(path: readonly Key[], removed: ReadonlyMap<string, readonly number[]>): Key[] {
  const out: Key[] = [];
  for (const k of path) {
    out.push(typeof k === 'number' ? originalIndex(k, removed.get(JSON.stringify(out))) : k);
  }
  return out;
}

/** `a.b[2].c` → ['a', 'b', 2, 'c']: the inverse of formatPath for field names. */
export function parsePath(path: string): Key[] {
  const out: Key[] = [];
  for (const m of path.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) out.push(m[2] !== undefined ? Number(m[2]) : m[1]!);
  return out;
}

/**
 * The unknown references of a deal that did not load: of its valid spec (`from.spec`, when only
 * its tapes failed) or of what is valid of the file (`from.input` with its shape issues).
 * `tapes` are the tapes read without error; `tapesComplete` says whether that is all of them.
 */
export function partialReferences(
  file: string,
  from: { spec: DealFile } | { input: unknown; issues: readonly z.core.$ZodIssue[] },
  tapes: readonly GoodTape[],
  tapesComplete: boolean,
): Diagnostic[] {
  let salvaged: Salvaged | undefined;
  try {
    salvaged = 'spec' in from ? { spec: from.spec, removed: new Map(), removedIds: new Set(), unknownKinds: new Set() } : salvage(from.input, from.issues);
  } catch {
    // Not JSON data (a library caller's typed array, a getter that throws): its shape errors are
    // reported already, and references wait for a file that can be read as data.
    return [];
  }
  if (!salvaged) return [];
  const { spec, removed, removedIds, unknownKinds } = salvaged;
  const origins = new OriginTable();
  origins.addInline(spec.pool.assets.length);
  const assets = [...spec.pool.assets];
  for (const t of tapes) {
    pushAll(assets, t.assets);
    origins.addTape(t.index, t.file, t.columns, t.lines);
  }
  const assetsComplete = tapesComplete && !removed.has(JSON.stringify(['pool', 'assets']));
  return unknownReferences(loadedDeal(file, spec, assets, origins))
    .filter(({ ref }) => !removedIds.has(`${ref.kind}:${ref.id}`) && !unknownKinds.has(ref.kind) && (ref.kind !== 'asset' || assetsComplete))
    .map(({ d }) => (d.path === undefined || removed.size === 0 ? d : { ...d, path: formatPath(originalPath(parsePath(d.path), removed)) }));
}
