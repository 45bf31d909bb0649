/**
 * A loaded deal as a worker thread receives it. The worker runs the very deal the main thread
 * validated: it is sent, never a path to read again (the file may have changed or gone since).
 * Structured cloning keeps plain objects, arrays and shared references but drops the Decimal
 * class, so each Decimal travels as a String wrapper object — a value a validated deal never
 * holds, so the decoding is unambiguous — and becomes the same exact Decimal again.
 */
import { Decimal } from '../util/money.js';
import type { AssetSpec, DealFile } from '../schema/deal.js';
import { InternalError } from '../util/errors.js';

/** What a worker is sent of a loaded deal: its spec and assets, Decimals as String objects. */
export interface DealMessage {
  spec: unknown;
  assets: unknown;
}

/** The deal the engine needs in a worker: what `prepareDeal` reads of a LoadedDeal. */
export interface SentDeal {
  spec: DealFile;
  assets: AssetSpec[];
}

/**
 * A copy of a tree of plain objects and arrays in which `leaf` replaces what it maps (returns
 * something for); a value shared in the tree stays shared in the copy. Anything else that is
 * not plain (a class instance `leaf` does not map) cannot cross to a worker: an internal error.
 */
function mapTree(root: unknown, leaf: (v: object) => unknown): unknown {
  const seen = new Map<object, unknown>();
  const walk = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    if (seen.has(v)) return seen.get(v);
    const mapped = leaf(v);
    if (mapped !== undefined) {
      seen.set(v, mapped);
      return mapped;
    }
    if (Array.isArray(v)) {
      const arr: unknown[] = [];
      seen.set(v, arr);
      for (const x of v) arr.push(walk(x));
      return arr;
    }
    const proto: unknown = Object.getPrototypeOf(v);
    if (proto !== Object.prototype && proto !== null) throw new InternalError(`a ${(v as object).constructor?.name ?? 'non-plain'} object in a loaded deal cannot be sent to a worker`);
    const obj: Record<string, unknown> = {};
    seen.set(v, obj);
    // defineProperty: a key named __proto__ (an `assumed` note may have one) stays a key.
    for (const [k, x] of Object.entries(v)) Object.defineProperty(obj, k, { value: walk(x), enumerable: true, writable: true, configurable: true });
    return obj;
  };
  return walk(root);
}

/** Encodes a loaded deal's spec and assets for `workerData` (a value shared in the deal stays shared). */
export function dealToMessage(deal: SentDeal): DealMessage {
  // toString is exact: `new Decimal(text)` does not round to the precision.
  const encode = (v: object) => (v instanceof Decimal ? new String(v.toString()) : undefined);
  // One walk over both, so an inline asset stays the same object in the spec and in the list.
  return mapTree({ spec: deal.spec, assets: deal.assets }, encode) as DealMessage;
}

/** Encodes any tree of plain objects holding Decimals (a live deal's status) as {@link dealToMessage} does. */
export function valueToMessage(value: unknown): unknown {
  return mapTree(value, (v) => (v instanceof Decimal ? new String(v.toString()) : undefined));
}

/** Decodes what {@link valueToMessage} encoded, after structured cloning, Decimals restored. */
export function valueFromMessage(msg: unknown): unknown {
  return mapTree(msg, (v) => (v instanceof String ? new Decimal(v.valueOf()) : undefined));
}

/** Decodes what {@link dealToMessage} encoded, after structured cloning, Decimals restored. */
export function dealFromMessage(msg: DealMessage): SentDeal {
  const decode = (v: object) => (v instanceof String ? new Decimal(v.valueOf()) : undefined);
  return mapTree({ spec: msg.spec, assets: msg.assets }, decode) as SentDeal;
}
