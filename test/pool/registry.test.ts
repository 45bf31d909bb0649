/**
 * The asset registry: every registered type supplies every facet, and what the rest of the code
 * reads per type (ASSET_TYPES, the schema union, tape aliases and units, labels) derives from it.
 * Adding an asset type is its module under src/pool/assets and one line in src/pool/registry.ts.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASSET_BY_TYPE, ASSET_MODULES, ASSET_SCHEMAS, ASSET_TYPES, Asset, TAPE } from '../../src/pool/registry.js';
import { COMMON_TAPE } from '../../src/pool/assets/common.js';
import { leafFieldPaths } from '../../src/schema/introspect.js';
import { HEADER_ALIASES, VALUE_ALIASES } from '../../src/io/tape.js';
import { Tape } from '../../src/schema/pool.js';

describe('the asset registry', () => {
  it('lists each type once, one line each, in src/pool/registry.ts', () => {
    const source = readFileSync(new URL('../../src/pool/registry.ts', import.meta.url), 'utf8');
    const list = /ASSET_MODULES = \[\n([\s\S]*?)\] as const/.exec(source)![1]!.trim().split('\n');
    expect(list.map((l) => l.trim())).toEqual(ASSET_MODULES.map((m) => `${m.type},`));
    expect(new Set(ASSET_TYPES).size).toBe(ASSET_TYPES.length);
  });

  it('every module supplies every facet', () => {
    for (const m of ASSET_MODULES) {
      const fields = new Set(leafFieldPaths(m.schema));
      expect(m.schema.parse).toBeTypeOf('function');
      expect(fields.has('type'), m.type).toBe(true);
      for (const key of ['name', 'obligors', 'obligor', 'balance', 'ipType'] as const) {
        expect(m.labels[key].zh, `${m.type} labels.${key}`).not.toBe('');
        expect(m.labels[key].en, `${m.type} labels.${key}`).not.toBe('');
      }
      for (const fn of [m.check, m.annualRate, m.contractual]) expect(fn, m.type).toBeTypeOf('function');
      // Tape headers and units name fields of the type's own schema.
      for (const [header, field] of Object.entries(m.tape.aliases)) expect(fields.has(field), `${m.type}: ${header} → ${field}`).toBe(true);
      for (const list of Object.values(m.tape.units)) for (const field of list) expect(fields.has(field), `${m.type} unit of ${field}`).toBe(true);
      for (const field of Object.keys(m.tape.values ?? {})) expect(fields.has(field), `${m.type} values of ${field}`).toBe(true);
    }
    for (const [header, field] of Object.entries(COMMON_TAPE.aliases)) {
      for (const m of ASSET_MODULES) expect(leafFieldPaths(m.schema), `${header} → ${field}`).toContain(field);
    }
  });

  it('derives the type list, the schema union, the tape table and the loader’s schemas', () => {
    expect(ASSET_TYPES).toEqual(ASSET_MODULES.map((m) => m.type));
    expect(Asset.options).toEqual(ASSET_MODULES.map((m) => m.schema));
    expect(Tape.shape.type.options).toEqual(ASSET_TYPES);
    for (const m of ASSET_MODULES) {
      expect(ASSET_SCHEMAS[m.type]).toBe(m.schema);
      expect(ASSET_BY_TYPE[m.type]).toBe(m);
      for (const [header, field] of Object.entries(m.tape.aliases)) expect(HEADER_ALIASES[header]).toBe(field);
      for (const [field, names] of Object.entries(m.tape.values ?? {})) expect(VALUE_ALIASES[field]).toMatchObject(names);
    }
    expect(HEADER_ALIASES).toBe(TAPE.aliases);
  });
});
