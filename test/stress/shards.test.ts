/** Shard ranges, Monte Carlo parts and the part-file value codec, in process. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { prepareDeal } from '../../src/engine/run.js';
import { loadDeal } from '../../src/io/loadDeal.js';
import { Scenario } from '../../src/scenario/schema.js';
import { mcObligors, monteCarlo } from '../../src/stress/montecarlo.js';
import { mcPartProblem, monteCarloWork, shardRange, type McPart } from '../../src/stress/shards.js';
import { decodeValue, encodeValue } from '../../src/cli/partValue.js';
import { parseShard } from '../../src/cli/shard.js';
import { Decimal } from '../../src/util/money.js';

describe('shardRange', () => {
  it('N shards cover every item exactly once, in order, sizes within one', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: 1, max: 1000 }), (total, count) => {
        let next = 0;
        const sizes: number[] = [];
        for (let index = 1; index <= count; index++) {
          const r = shardRange(total, { index, count });
          expect(r.from).toBe(next);
          sizes.push(r.to - r.from);
          next = r.to;
        }
        expect(next).toBe(total);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('parseShard', () => {
  it('takes I/N with 1 ≤ I ≤ N', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    expect(parseShard(' 1 / 1 ')).toEqual({ index: 1, count: 1 });
    for (const bad of ['0/4', '5/4', '1/0', '1', '1/2/3', '-1/4', '1.5/4', '', 'a/b']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });
});

describe('the part-file value codec', () => {
  it('gives back every value exactly: Decimals, bigints, NaN, ±Infinity, −0, undefined, nested', () => {
    const v = { a: new Decimal('123456789012345678.125'), b: [1, -0, Number.NaN, Infinity, -Infinity, undefined, null], c: { d: 10n ** 30n, e: 'x', f: true, g: undefined }, h: 0.1 + 0.2 };
    const back = decodeValue(JSON.parse(JSON.stringify(encodeValue(v)))) as typeof v;
    expect(back.a).toBeInstanceOf(Decimal);
    expect(back.a.toString()).toBe(v.a.toString());
    expect(Object.is(back.b[1], -0)).toBe(true);
    expect(back.b.slice(2)).toEqual([Number.NaN, Infinity, -Infinity, undefined, null]);
    expect(back.c).toEqual(v.c);
    expect('g' in back.c).toBe(true);
    expect(back.h).toBe(v.h);
  });
  it('refuses a class it does not know, and a malformed tag', () => {
    expect(() => encodeValue(new Map())).toThrow(/part file/);
    expect(() => decodeValue({ $number: '5' })).toThrow(RangeError);
  });
});

describe('Monte Carlo shards in process', () => {
  const { deal } = loadDeal('deals/gaoxintou-ip-2.json');
  const prepared = prepareDeal(deal!);
  const base = Scenario.parse({});
  const obligors = mcObligors(prepared, { fallback: 0.08 });
  const options = { paths: 997, seed: 42, correlation: 0.25, recovery: { min: 0.1, max: 0.5 }, recoveryLagPeriods: 2 };

  it('any number of shards merges to the result of the whole run', async () => {
    const wholeRun = await monteCarlo(prepared, base, obligors, options);
    for (const count of [1, 3, 7]) {
      const work = monteCarloWork(prepared, base, obligors, options);
      const parts = [];
      for (let index = 1; index <= count; index++) {
        const range = shardRange(options.paths, { index, count });
        const data = JSON.parse(JSON.stringify(await work.part(range)));
        expect(mcPartProblem(data, range, deal!.spec.tranches.length)).toBeUndefined();
        parts.push(data);
      }
      expect(work.merge(parts)).toEqual(wholeRun);
    }
  });

  it('a part for other paths, or with a result missing, is malformed', async () => {
    const work = monteCarloWork(prepared, base, obligors, options);
    const part = (await work.part({ from: 0, to: 100 })) as McPart;
    expect(mcPartProblem(part, { from: 0, to: 101 }, 2)).toMatch(/paths 0 to 100, not 0 to 101/);
    expect(mcPartProblem({ ...part, results: part.results.slice(1) }, { from: 0, to: 100 }, 2)).toMatch(/pattern results/);
    expect(mcPartProblem({ ...part, pathPattern: part.pathPattern.map(() => part.patterns.length) }, { from: 0, to: 100 }, 2)).toMatch(/paths are malformed/);
  });
});
