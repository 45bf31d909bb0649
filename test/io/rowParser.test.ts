/** The fast row parser gives exactly what zod gives: the same success, the same object, key for key. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { rowParser } from '../../src/io/rowParser.js';
import { decodeTape, parseTape } from '../../src/io/tape.js';
import { Asset, ASSET_SCHEMAS, type AssetType } from '../../src/pool/registry.js';
import { leafFieldPaths } from '../../src/schema/introspect.js';
import { Decimal } from '../../src/util/money.js';
import { writeSyntheticDeal } from '../../bench/synthetic.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A value with its keys in order and Decimals as text: what a reader of the parsed asset sees. */
function shape(v: unknown): unknown {
  if (v instanceof Decimal) return `D${v.toString()}|${JSON.stringify([v.s, v.e, v.d])}`;
  if (Array.isArray(v)) return v.map(shape);
  if (v !== null && typeof v === 'object') return Object.entries(v).map(([k, x]) => [k, shape(x)]);
  return v === undefined ? '<undefined>' : v;
}

function expectSame(type: AssetType, rows: Record<string, unknown>[]) {
  const fast = rowParser(ASSET_SCHEMAS[type], Asset);
  for (const row of rows) {
    const a = fast(row);
    const b = Asset.safeParse(row);
    expect(a.success).toBe(b.success);
    if (a.success && b.success) expect(shape(a.data)).toEqual(shape(b.data));
    else expect(a.error!.issues).toEqual(b.error!.issues);
  }
}

function tapeRows(file: string, type: AssetType, defaults: Record<string, unknown> = {}) {
  const fields = new Set(leafFieldPaths(ASSET_SCHEMAS[type]).filter((f) => f !== 'type' && f !== 'assumed'));
  return parseTape(decodeTape(readFileSync(file), 'auto').text, file, type, fields, defaults).rows.map((r) => r.value);
}

describe('fast row parser', () => {
  it('parses every row of the sample tapes and of a synthetic tape as zod does', () => {
    for (const deal of ['gaoxintou-ip-2', 'iqiyi-supply-chain', 'wenke-lease-1']) {
      const spec = JSON.parse(readFileSync(`deals/${deal}.json`, 'utf8'));
      for (const tape of spec.pool.tapes) {
        const rows = tapeRows(`deals/${tape.path}`, tape.type, tape.defaults);
        expect(rows.length).toBeGreaterThan(0);
        // Twice: the second time from the parser's caches.
        expectSame(tape.type, [...rows, ...rows]);
      }
    }
    const dir = mkdtempSync(join(tmpdir(), 'ipabs-rows-'));
    try {
      writeSyntheticDeal(dir, 300);
      expectSame('pledgeLoan', tapeRows(join(dir, 'synthetic.tape.csv'), 'pledgeLoan'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('property: sample rows with fields dropped or changed parse as zod parses them', () => {
    const text = fc.constantFrom('', ' ', 'x', '0', '1', '3', '-1', '1e3', '0.05', '1000.00', '1000.005', '2021-01-15', '2021-02-30', 'ACT/365F', 'level', 'bullet', 'schedule', 'rent', 'principal', '12');
    const value = fc.oneof(text, fc.integer({ min: -2, max: 200 }), fc.constant(undefined), fc.constant(null), fc.constant(['invention']), fc.constant({ types: ['design'] }), fc.constant({ type: 'level', total: '100', everyMonths: 3, first: '2021-03-31', count: 4 }));
    for (const deal of ['gaoxintou-ip-2', 'iqiyi-supply-chain', 'wenke-lease-1']) {
      const spec = JSON.parse(readFileSync(`deals/${deal}.json`, 'utf8'));
      const tape = spec.pool.tapes[0];
      const type = tape.type as AssetType;
      const rows = tapeRows(`deals/${tape.path}`, type, tape.defaults);
      const keys = [...new Set([...leafFieldPaths(ASSET_SCHEMAS[type]).map((k) => k.split('.')[0]!), 'unknownField', '__proto__', 'constructor'])];
      const fast = rowParser(ASSET_SCHEMAS[type], Asset);
      fc.assert(
        fc.property(fc.nat(rows.length - 1), fc.array(fc.tuple(fc.constantFrom(...keys), value, fc.boolean()), { maxLength: 3 }), (i, changes) => {
          const row = { ...rows[i]! };
          for (const [key, v, drop] of changes) {
            if (drop) delete row[key];
            else Object.defineProperty(row, key, { value: v, enumerable: true, writable: true, configurable: true });
          }
          const a = fast(row);
          const b = Asset.safeParse(row);
          expect(a.success).toBe(b.success);
          if (a.success && b.success) expect(shape(a.data)).toEqual(shape(b.data));
        }),
        { numRuns: 1500 },
      );
    }
  });
});
