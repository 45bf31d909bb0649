/**
 * A loaded deal as a worker thread receives it. The worker runs the very deal the main thread
 * validated: it is sent, never a path to read again (the file may have changed or gone since).
 * Structured cloning keeps plain objects, arrays and shared references but drops the Decimal
 * class, so each Decimal travels as a String wrapper object — a value a validated deal never
 * holds, so the decoding is unambiguous — and becomes the same exact Decimal again.
 */
import { Decimal } from '../util/money.js';
import type { AssetSpec, DealFile } from '../schema/deal.js';

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

/** Encodes a loaded deal's spec and assets for `workerData` (a value shared in the deal stays shared). */
export function dealToMessage(deal: SentDeal): DealMessage {
  const seen = new Map<object, unknown>();
  const encode = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    let out: unknown;
    if (v instanceof Decimal) {
      // toString is exact: `new Decimal(text)` does not round to the precision.
      out = new String(v.toString());
    } else if (Array.isArray(v)) {
      const arr: unknown[] = new Array(v.length);
      seen.set(v, arr);
      for (let i = 0; i < v.length; i++) arr[i] = encode(v[i]);
      out = arr;
    } else if (Object.getPrototypeOf(v) === Object.prototype || Object.getPrototypeOf(v) === null) {
      const obj: Record<string, unknown> = {};
      seen.set(v, obj);
      for (const [k, x] of Object.entries(v)) obj[k] = encode(x);
      out = obj;
    } else {
      throw new Error(`dealToMessage: a ${v.constructor?.name ?? 'non-plain'} object in a loaded deal cannot be sent to a worker`);
    }
    seen.set(v, out);
    return out;
  };
  return { spec: encode(deal.spec), assets: encode(deal.assets) };
}

/** Decodes what {@link dealToMessage} encoded, after structured cloning, Decimals restored. */
export function dealFromMessage(msg: DealMessage): SentDeal {
  const seen = new Map<object, unknown>();
  const decode = (v: unknown): unknown => {
    if (v === null || typeof v !== 'object') return v;
    const done = seen.get(v);
    if (done !== undefined) return done;
    let out: unknown;
    if (v instanceof String) out = new Decimal(v.valueOf());
    else if (Array.isArray(v)) {
      seen.set(v, v);
      for (let i = 0; i < v.length; i++) v[i] = decode(v[i]);
      out = v;
    } else {
      seen.set(v, v);
      const obj = v as Record<string, unknown>;
      for (const k of Object.keys(obj)) obj[k] = decode(obj[k]);
      out = v;
    }
    seen.set(v, out);
    return out;
  };
  return { spec: decode(msg.spec) as DealFile, assets: decode(msg.assets) as AssetSpec[] };
}
