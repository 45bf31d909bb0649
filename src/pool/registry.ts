/**
 * The asset registry: one line per asset type. Adding a type is its module under ./assets and
 * a line here; the deal schema's asset union, `ASSET_TYPES`, the tape header and value aliases
 * and units, the validation rules, the contractual cash flows and the report labels all derive
 * from this list.
 */
import { z } from 'zod';
import { COMMON_TAPE } from './assets/common.js';
import { lease } from './assets/lease.js';
import type { AssetModule, TapeFacet } from './assets/model.js';
import { pledgeLoan } from './assets/pledgeLoan.js';
import { receivable } from './assets/receivable.js';
import { royalty } from './assets/royalty.js';
import { scheduledFlow } from './assets/scheduledFlow.js';

export const ASSET_MODULES = [
  pledgeLoan,
  royalty,
  lease,
  receivable,
  scheduledFlow,
] as const;

type Modules = typeof ASSET_MODULES;
// Mapped over the registry's tuple, position by position.
type TypesOf<M extends readonly AssetModule[]> = { -readonly [K in keyof M]: M[K] extends AssetModule<infer T> ? T : never };
type SchemasOf<M extends readonly AssetModule[]> = { -readonly [K in keyof M]: M[K] extends AssetModule<string, infer S> ? S : never };

/** The asset type tags, in registry order. */
export const ASSET_TYPES = ASSET_MODULES.map((m) => m.type) as TypesOf<Modules>;
export type AssetType = (typeof ASSET_TYPES)[number];

/** Any asset: the union of the registered schemas, told apart by `type`. */
export const Asset = z.discriminatedUnion('type', ASSET_MODULES.map((m) => m.schema) as unknown as SchemasOf<Modules>);
export type AssetSpec = z.output<typeof Asset>;

/** The module of an asset type. */
export type ModuleOf<T extends AssetType> = Extract<Modules[number], { type: T }>;

/** The schema of each asset type, by type. */
export const ASSET_SCHEMAS = Object.fromEntries(ASSET_MODULES.map((m) => [m.type, m.schema])) as { [T in AssetType]: ModuleOf<T>['schema'] };

/** The module of each asset type, by type (the compiler checks there is one for every type). */
export const ASSET_BY_TYPE = Object.fromEntries(ASSET_MODULES.map((m) => [m.type, m])) as unknown as { [T in AssetType]: AssetModule<T, ModuleOf<T>['schema']> };

/** The tape facets of the common fields and of every type, merged; a header names one field only. */
function mergeTapes(facets: readonly TapeFacet[]) {
  const aliases: Record<string, string> = {};
  const values: Record<string, Record<string, string>> = {};
  const units = { amount: new Set<string>(), rate: new Set<string>(), int: new Set<string>(), date: new Set<string>() };
  for (const f of facets) {
    for (const [header, field] of Object.entries(f.aliases)) {
      if (aliases[header] !== undefined && aliases[header] !== field) throw new Error(`asset registry: the tape header ${header} names both ${aliases[header]} and ${field}`);
      aliases[header] = field;
    }
    for (const [field, names] of Object.entries(f.values ?? {})) values[field] = { ...values[field], ...names };
    for (const unit of ['amount', 'rate', 'int', 'date'] as const) for (const field of f.units[unit] ?? []) units[unit].add(field);
  }
  return { aliases, values, units };
}

/** What every tape may write, whatever its type: header names, value names, units by field. */
export const TAPE = mergeTapes([COMMON_TAPE, ...ASSET_MODULES.map((m) => m.tape)]);
