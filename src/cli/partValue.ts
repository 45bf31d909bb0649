/**
 * Results as JSON and back, exactly: plain objects, arrays, strings, booleans, null and finite
 * numbers as themselves; what JSON cannot hold as a tagged one-key object: a Decimal as its exact
 * text (`{"$decimal": "0.1"}`), a bigint (`{"$bigint": "…"}`), a number that is not finite or is
 * −0 (`{"$number": "NaN"}`), and undefined (`{"$undefined": true}`), so a decoded row is the row
 * computed, key for key. No result of the engine has a key starting with `$`.
 */
import { Decimal } from '../util/money.js';
import { InternalError } from '../validate/diagnostics.js';

type Tagged = { $decimal: string } | { $bigint: string } | { $number: string } | { $undefined: true };

function encodeNumber(x: number): number | Tagged {
  return Number.isFinite(x) && !Object.is(x, -0) ? x : { $number: Object.is(x, -0) ? '-0' : String(x) };
}

/** A value as plain JSON data (see the module comment). */
export function encodeValue(v: unknown): unknown {
  if (v === undefined) return { $undefined: true };
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return v;
  if (typeof v === 'number') return encodeNumber(v);
  if (typeof v === 'bigint') return { $bigint: v.toString() };
  if (v instanceof Decimal) return { $decimal: v.toString() };
  if (Array.isArray(v)) return v.map(encodeValue);
  const proto: unknown = typeof v === 'object' ? Object.getPrototypeOf(v) : undefined;
  if (proto !== Object.prototype && proto !== null) throw new InternalError(`a ${typeof v} value cannot be written to a part file`);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as object)) Object.defineProperty(out, k, { value: encodeValue(x), enumerable: true, writable: true, configurable: true });
  return out;
}

/** The value {@link encodeValue} encoded; a malformed tag is a RangeError. */
export function decodeValue(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map(decodeValue);
  const keys = Object.keys(v);
  const o = v as Record<string, unknown>;
  if (keys.length === 1 && keys[0]!.startsWith('$')) {
    const text = o[keys[0]!];
    if (keys[0] === '$undefined') return undefined;
    if (typeof text !== 'string') throw new RangeError(`a malformed ${keys[0]} value`);
    if (keys[0] === '$decimal') return new Decimal(text);
    if (keys[0] === '$bigint' && /^-?\d+$/.test(text)) return BigInt(text);
    if (keys[0] === '$number' && ['NaN', 'Infinity', '-Infinity', '-0'].includes(text)) return text === '-0' ? -0 : Number(text);
    throw new RangeError(`a malformed ${keys[0]} value`);
  }
  const out: Record<string, unknown> = {};
  for (const k of keys) Object.defineProperty(out, k, { value: decodeValue(o[k]), enumerable: true, writable: true, configurable: true });
  return out;
}
