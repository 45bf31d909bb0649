/**
 * Validation never throws: arbitrary values and random mutations of the sample deals go through
 * `validateDeal` and come back as diagnostics that say where the problem is.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateDeal, type LoadResult } from '../../src/io/loadDeal.js';
import type { Diagnostic } from '../../src/validate/diagnostics.js';

const DEALS = new URL('../../deals/', import.meta.url);
const FILE = 'x.json';

/** Tapes come from deals/ by their file name; any other path is a missing file. */
function readTape(path: string): { bytes?: Uint8Array; diagnostics: Diagnostic[] } {
  try {
    const name = basename(path);
    if (name !== path || !name.endsWith('.csv')) throw new Error('not a sample tape');
    return { bytes: readFileSync(new URL(name, DEALS)), diagnostics: [] };
  } catch {
    return { diagnostics: [{ severity: 'error', file: path, message: 'cannot read the file: no such file' }] };
  }
}

function loadSample(name: string): unknown {
  return JSON.parse(readFileSync(new URL(name, DEALS), 'utf8')) as unknown;
}

const GAOXINTOU = loadSample('gaoxintou-ip-2.json');
/** The other sample deals (royalty, lease, receivable pools) when present. */
const OTHERS = readdirSync(DEALS)
  .filter((f) => f.endsWith('.json') && f !== 'gaoxintou-ip-2.json')
  .sort()
  .map(loadSample);

/**
 * KNOWN BUG (see the `it.fails` test at the end): a level royalty or lease schedule that runs past
 * 9999-12-31 throws from addMonths through the validation rules. Tolerated here so the random
 * tests stay deterministic in what they report; remove this when the rules report it.
 */
function isKnownCalendarOverflow(err: unknown): boolean {
  // Fixed: dates are bounded to 1900–2199 and the rules report schedules that run past 2199.
  void err;
  return false;
}

/** Runs validateDeal and checks the shape of what it says; returns the result. */
function check(input: unknown, options: { tolerateKnownBug?: boolean } = {}): LoadResult | undefined {
  let result: LoadResult;
  try {
    result = validateDeal(input, FILE, readTape);
  } catch (err) {
    if (options.tolerateKnownBug !== false && isKnownCalendarOverflow(err)) return undefined;
    throw err;
  }
  const { deal, diagnostics } = result;
  expect(Array.isArray(diagnostics)).toBe(true);
  for (const d of diagnostics) {
    expect(['error', 'warning']).toContain(d.severity);
    expect(typeof d.file === 'string' && d.file.length > 0, JSON.stringify(d)).toBe(true);
    expect(typeof d.message === 'string' && d.message.trim().length > 0, JSON.stringify(d)).toBe(true);
    if (d.severity === 'error') {
      // An error points somewhere: a JSON path in the deal file ('' is the document itself) or a
      // line of a tape.
      if (d.file === FILE) expect(d.path !== undefined || d.line !== undefined, JSON.stringify(d)).toBe(true);
      else expect(d.line, JSON.stringify(d)).toBeDefined();
    }
  }
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (deal === undefined) expect(errors.length, 'no deal, so at least one error').toBeGreaterThan(0);
  else expect(errors).toEqual([]);
  return result;
}

type Key = string | number;

/** Every path into a JSON value (the root excluded). */
function paths(value: unknown, prefix: Key[] = [], out: Key[][] = []): Key[][] {
  if (Array.isArray(value)) value.forEach((v, i) => (out.push([...prefix, i]), paths(v, [...prefix, i], out)));
  else if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      out.push([...prefix, k]);
      paths(v, [...prefix, k], out);
    }
  }
  return out;
}

function getAt(root: unknown, path: Key[]): unknown {
  let v = root;
  for (const k of path) v = (v as Record<Key, unknown>)[k];
  return v;
}

function parentOf(root: unknown, path: Key[]): { parent: Record<Key, unknown> | unknown[]; key: Key } {
  return { parent: getAt(root, path.slice(0, -1)) as Record<Key, unknown>, key: path[path.length - 1]! };
}

/** Values that get past a first look: dates, amounts, ids, enum names, extremes. */
const plausible = fc.constantFrom<unknown>(
  '', ' ', 0, -1, 1, 3, 12, 120, 1200, 1.5, 1e300, -0.01, '0', '0.001', '-5', '1e400', '1,000.00', 'NaN', 'Infinity',
  '2021-01-18', '2021-02-30', '2020-02-29', '1900-01-01', '0000-01-01', '9999-12-31', '2099-12-31', '21-01-18',
  'ACT/365F', '30/360', 'following', 'cn-exchange', 'weekends', 'none',
  'pledgeLoan', 'royalty', 'lease', 'receivable', 'scheduledFlow', 'level', 'schedule', 'bullet', 'equalPrincipal', 'passThrough',
  'senior', 'mezzanine', 'subordinate', 'collection', 'reserve', 'A1', 'B', 'vat', 'mgmt', 'guarantee', 'undertaking', 'default', 'normal', 'accelerated',
  'gaoxintou-ip-2.tape.csv', 'missing.csv', '../etc/passwd', 'gbk', 'utf8', 'principal', 'interest', 'fees',
  null, true, false, [], {}, [''], { type: 'level' }, { type: 'schedule', payments: [] }, { dates: [] },
);

type Op =
  | { op: 'delete'; at: number }
  | { op: 'replace'; at: number; value: unknown }
  | { op: 'copy'; at: number; from: number }
  | { op: 'rename'; at: number; name: string };

const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ op: fc.constant('delete' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('replace' as const), at: fc.nat(), value: fc.oneof(plausible, plausible, fc.jsonValue({ maxDepth: 2 })) }),
  fc.record({ op: fc.constant('copy' as const), at: fc.nat(), from: fc.nat() }),
  fc.record({ op: fc.constant('rename' as const), at: fc.nat(), name: fc.constantFrom('tranche', 'balanc', 'Type', 'kind', 'extra', '__proto__', 'constructor', 'toString') }),
);

/** Applies mutations to a copy of `doc`, each at a path chosen among the current document's paths. */
function mutate(doc: unknown, ops: readonly Op[]): unknown {
  const out = structuredClone(doc);
  for (const o of ops) {
    const all = paths(out);
    if (all.length === 0) break;
    const path = all[o.at % all.length]!;
    const { parent, key } = parentOf(out, path);
    if (o.op === 'delete') {
      if (Array.isArray(parent)) parent.splice(key as number, 1);
      else delete parent[key];
    } else if (o.op === 'replace') {
      (parent as Record<Key, unknown>)[key] = structuredClone(o.value);
    } else if (o.op === 'copy') {
      (parent as Record<Key, unknown>)[key] = structuredClone(getAt(out, all[o.from % all.length]!));
    } else if (!Array.isArray(parent)) {
      const value = parent[key];
      delete parent[key];
      // defineProperty, so '__proto__' becomes an own key as JSON.parse would make it.
      Object.defineProperty(parent, o.name, { value, enumerable: true, configurable: true, writable: true });
    }
  }
  return out;
}

describe('validateDeal never throws', () => {
  it('accepts the sample deals', () => {
    expect(check(GAOXINTOU)?.deal).toBeDefined();
    for (const deal of OTHERS) check(deal);
  });

  it('property: fc.anything()', () => {
    fc.assert(
      fc.property(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withDate: true, withTypedArray: true, withSparseArray: true }), (input) => {
        check(input);
      }),
      { numRuns: 300 },
    );
  });

  it('property: fc.jsonValue()', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (input) => {
        check(input);
      }),
      { numRuns: 300 },
    );
  });

  it('property: the 高新投 deal with random fields deleted or replaced', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 5 }), (ops) => {
        check(mutate(GAOXINTOU, ops));
      }),
      { numRuns: 300 },
    );
  });

  it('property: JSON round-trips of mutations (as a deal file would be read)', () => {
    fc.assert(
      fc.property(fc.array(op, { minLength: 1, maxLength: 3 }), (ops) => {
        const mutated = mutate(GAOXINTOU, ops);
        check(JSON.parse(JSON.stringify(mutated)) as unknown);
      }),
      { numRuns: 100 },
    );
  });

  it.runIf(OTHERS.length > 0)('property: the other sample deals (royalty, lease, receivable pools) mutated', () => {
    fc.assert(
      fc.property(fc.nat({ max: Math.max(0, OTHERS.length - 1) }), fc.array(op, { minLength: 1, maxLength: 4 }), (which, ops) => {
        check(mutate(OTHERS[which], ops));
      }),
      { numRuns: 200 },
    );
  });

  it('mutating the tape: other types, encodings and defaults', () => {
    const withTape = (tape: Record<string, unknown>) => {
      const doc = structuredClone(GAOXINTOU) as { pool: { tapes: Record<string, unknown>[] } };
      doc.pool.tapes[0] = { ...doc.pool.tapes[0], ...tape };
      return doc;
    };
    for (const type of ['royalty', 'lease', 'receivable', 'scheduledFlow']) expect(check(withTape({ type }))?.deal).toBeUndefined();
    expect(check(withTape({ encoding: 'gbk' }))?.deal).toBeUndefined();
    expect(check(withTape({ path: 'missing.csv' }))?.diagnostics[0]).toMatchObject({ file: FILE, path: 'pool.tapes[0].path' });
    check(withTape({ defaults: { rate: '4.35%', 'ip.types': 'x', ip: 5, repayment: 'schedule' } }));
    check(withTape({ defaults: { maturityDate: '2021-01-18' } }));
    check(withTape({ defaults: { startDate: '2023-01-01' } }));
  });

  it('a loan maturing at the end of the calendar (payment dates would step past 9999)', () => {
    const doc = structuredClone(GAOXINTOU) as { pool: { tapes: { defaults: Record<string, unknown> }[] } };
    doc.pool.tapes[0]!.defaults['maturityDate'] = '9999-12-01';
    doc.pool.tapes[0]!.defaults['paymentEveryMonths'] = 120;
    check(doc);
  });

  // KNOWN BUG, not in the pool modules: a royalty (or lease) whose level schedule runs past
  // 9999-12-31 (a first date of 9999-12-31 with count ≥ 2, or count × everyMonths months past
  // it, all allowed by the schema) makes contractualCashflows throw a RangeError from addMonths,
  // and the validation rules in src/validate/structureRules.ts (assetTerms, poolAgainstTranches) let it
  // escape runRules when no error was reported before it. Fix there (or bound the schedule in
  // the schema), then turn this into a plain `it` and delete isKnownCalendarOverflow above.
  it('a royalty schedule running past 2199 is an error, not an exception', () => {
    const doc = structuredClone(GAOXINTOU) as { pool: { assets?: unknown[] } };
    doc.pool.assets = [
      {
        type: 'royalty',
        id: 'R1',
        obligor: '被许可人',
        contractStart: '2021-01-01',
        contractEnd: '2030-01-01',
        royalties: { type: 'level', amount: '100.00', everyMonths: 120, first: '2021-06-01', count: 1200 },
      },
    ];
    const result = check(doc, { tolerateKnownBug: false })!;
    expect(result.diagnostics.some((d) => d.severity === 'error' && d.path?.startsWith('pool.assets[0]'))).toBe(true);
  });
});
