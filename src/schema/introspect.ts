/** Reads field names off the zod schemas: for tape headers and "did you mean" suggestions. */
import type { z } from 'zod';

type AnySchema = z.core.$ZodType;

/** Unwraps optional, default, prefault, pipe, lazy and readonly wrappers. */
function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 20; i++) {
    const def = s._zod.def as unknown as { type: string; innerType?: AnySchema; in?: AnySchema; getter?: () => AnySchema };
    if (def.type === 'optional' || def.type === 'default' || def.type === 'prefault' || def.type === 'nullable' || def.type === 'readonly') s = def.innerType!;
    else if (def.type === 'pipe') s = def.in!;
    else if (def.type === 'lazy') s = def.getter!();
    else break;
  }
  return s;
}

/** The object variants a schema stands for (one for an object, several for a union). */
function objectVariants(schema: AnySchema): Record<string, AnySchema>[] {
  const s = unwrap(schema);
  const def = s._zod.def as unknown as { type: string; shape?: Record<string, AnySchema>; options?: AnySchema[] };
  if (def.type === 'object') return [def.shape!];
  if (def.type === 'union') return def.options!.flatMap(objectVariants);
  return [];
}

/** The schema found at a path of keys (array indices step into the element). */
export function schemaAt(schema: AnySchema, path: readonly PropertyKey[], input?: unknown): AnySchema | undefined {
  let s: AnySchema | undefined = schema;
  let value = input;
  for (const key of path) {
    if (!s) return undefined;
    const u = unwrap(s);
    const def = u._zod.def as unknown as { type: string; element?: AnySchema; valueType?: AnySchema };
    if (def.type === 'array' && typeof key === 'number') {
      s = def.element;
    } else if (def.type === 'record') {
      s = def.valueType;
    } else {
      const variants = objectVariants(u);
      const disc = value && typeof value === 'object' ? (value as Record<string, unknown>)['type'] ?? (value as Record<string, unknown>)['kind'] ?? (value as Record<string, unknown>)['item'] : undefined;
      const match = variants.find((v) => {
        for (const tag of ['type', 'kind', 'item']) {
          const t = v[tag] ? (unwrap(v[tag]!)._zod.def as unknown as { type: string; values?: unknown[] }) : undefined;
          if (t?.type === 'literal' && t.values?.includes(disc)) return true;
        }
        return false;
      });
      s = (match ?? variants.find((v) => key in v))?.[String(key)];
    }
    value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  }
  return s;
}

/** Field names allowed at a path of a document (for "did you mean"). */
export function keysAt(schema: AnySchema, path: readonly PropertyKey[], input?: unknown): string[] {
  const s = schemaAt(schema, path, input);
  if (!s) return [];
  let value = input;
  for (const key of path) value = value && typeof value === 'object' ? (value as Record<PropertyKey, unknown>)[key] : undefined;
  const variants = objectVariants(s);
  const disc = value && typeof value === 'object' ? (value as Record<string, unknown>)['type'] ?? (value as Record<string, unknown>)['kind'] : undefined;
  const chosen = variants.filter((v) => {
    const tag = v['type'] ?? v['kind'];
    if (!tag || disc === undefined) return true;
    const t = unwrap(tag)._zod.def as unknown as { type: string; values?: unknown[] };
    return t.type !== 'literal' || t.values!.includes(disc);
  });
  return [...new Set(chosen.flatMap((v) => Object.keys(v)))];
}

/** Leaf field paths of an object schema, nested objects and union variants flattened with dots. */
export function leafFieldPaths(schema: AnySchema, prefix = ''): string[] {
  const out = new Set<string>();
  for (const shape of objectVariants(schema)) {
    for (const [key, child] of Object.entries(shape)) {
      const path = prefix ? `${prefix}.${key}` : key;
      const nested = objectVariants(child);
      if (nested.length > 0) for (const p of leafFieldPaths(child, path)) out.add(p);
      else out.add(path);
    }
  }
  return [...out];
}

/** The field lists of the object forms the schema at a path accepts (several for a union). */
export function variantKeysAt(schema: AnySchema, path: readonly PropertyKey[], input?: unknown): string[][] {
  const s = schemaAt(schema, path, input);
  return s ? objectVariants(s).map((v) => Object.keys(v)) : [];
}
