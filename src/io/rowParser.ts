/**
 * Parsing tape rows against an asset schema, fast: a tape repeats its texts (rates, dates,
 * kinds, industries) row after row, so each field's schema parses each distinct cell value
 * once, and the row's object is put together as zod puts it together (keys in the schema's
 * order; absent optional keys left out, defaults filled in). Anything this cannot decide alone
 * (an unknown key, a field that fails, a schema with object-level checks) goes to zod, which
 * then gives the result and every issue exactly. A test compares the two on every sample tape
 * and on random rows.
 */
import type { z } from 'zod';

type Field = {
  key: string;
  schema: z.ZodType;
  optin: string | undefined;
  optout: string | undefined;
  /** Parsed values by the cell value parsed (strings and numbers), up to MAX_CACHED of them. */
  cache: Map<unknown, unknown> | undefined;
};

const MAX_CACHED = 4096;
const FAILED = Symbol('failed');

/**
 * A parser of rows for one strict object schema, which leaves to `whole` (by default the
 * schema itself, e.g. a union that holds it) what it cannot decide; `whole` alone when the
 * schema is not a plain strict object.
 */
export function rowParser(schema: z.ZodType, whole: z.ZodType = schema): (row: Record<string, unknown>) => z.ZodSafeParseResult<unknown> {
  const slow = (row: Record<string, unknown>) => whole.safeParse(row);
  const def = schema._zod.def as unknown as { type: string; shape?: Record<string, z.ZodType>; catchall?: z.ZodType; checks?: unknown[] };
  if (def.type !== 'object' || !def.shape || (def.checks?.length ?? 0) > 0 || def.catchall?._zod.def.type !== 'never') return slow;
  const fields: Field[] = Object.keys(def.shape).map((key) => {
    const s = def.shape![key]!;
    return { key, schema: s, optin: s._zod.optin, optout: s._zod.optout, cache: new Map() };
  });
  const keys = new Set(fields.map((f) => f.key));
  const parseField = (f: Field, value: unknown): unknown => {
    const cacheable = typeof value === 'string' || typeof value === 'number';
    if (cacheable && f.cache) {
      const hit = f.cache.get(value);
      if (hit !== undefined) return hit;
    }
    const r = f.schema.safeParse(value);
    if (!r.success) return FAILED;
    if (cacheable && f.cache && r.data !== undefined) {
      if (f.cache.size < MAX_CACHED) f.cache.set(value, r.data);
      else f.cache = undefined;
    }
    return r.data;
  };
  const fast = (row: Record<string, unknown>): Record<string, unknown> | undefined => {
    for (const key in row) if (!keys.has(key) || key === '__proto__') return undefined;
    const out: Record<string, unknown> = {};
    for (const f of fields) {
      const present = f.key in row;
      if (!present && f.optout === 'optional' && f.optin === 'optional') continue;
      if (!present && f.optin === undefined) return undefined;
      const value = parseField(f, row[f.key]);
      if (value === FAILED) return undefined;
      if (value !== undefined) out[f.key] = value;
      else if (present || (f.optin === 'defaulted' && f.optout !== 'optional')) out[f.key] = undefined;
    }
    return out;
  };
  return (row) => {
    const data = fast(row);
    return data !== undefined ? { success: true, data } : slow(row);
  };
}
