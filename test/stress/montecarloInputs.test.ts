/**
 * Monte Carlo inputs and outputs: recoveries kept to basis points (35.4% is 35.40%, not 35%),
 * seeds from 0 to 2^32 − 1 only (no aliasing), at most 10,000,000 paths, progress in
 * paths-equivalent per cent, an obligor's industry from its largest asset, and histogram bands
 * labelled as text.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { progressLine } from '../../src/cli/stress.js';
import { lossBand } from '../../src/report/stressReports.js';
import { Scenario } from '../../src/scenario/schema.js';
import { MAX_PATHS, mcObligors, monteCarlo, patternRunner, patternScenario, planPaths, recoveryBp, runPattern, type McOptions } from '../../src/stress/montecarlo.js';
import { MAX_SEED, rng } from '../../src/stress/random.js';
import type { DealInput } from '../../src/schema/deal.js';
import { runCli } from '../helpers.js';
import { mustLoad, requireFreshDist, tinyDeal, tinyDealInput, type TinyLoan } from './fixtures.js';

const GUANGKAI = 'deals/guangkai-patent-license.json';
const LOANS: TinyLoan[] = [
  { id: 'L01', obligor: '借款人01', principal: '6000000.00', maturityDate: '2022-01-18', defaultProbability: '0.3' },
  { id: 'L02', obligor: '借款人02', principal: '4000000.00', maturityDate: '2022-01-18', defaultProbability: '0.3' },
  { id: 'L03', obligor: '借款人03', principal: '3000000.00', maturityDate: '2022-01-18', defaultProbability: '0.3' },
  { id: 'L04', obligor: '借款人04', principal: '2000000.00', maturityDate: '2022-01-18', defaultProbability: '0.3' },
];
const base = Scenario.parse({});

let dir: string;
let dealFile: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipabs-mc-inputs-'));
  dealFile = join(dir, 'tiny.json');
  writeFileSync(dealFile, JSON.stringify(tinyDealInput(LOANS), null, 2));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function refused(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(code, err).toBe(2);
  expect(out).toBe('');
  expect(err).not.toMatch(/\n\s+at |internal error/);
  return err;
}

describe('recovery to basis points', () => {
  const { prepared } = tinyDeal(tinyDealInput(LOANS));
  const obligors = mcObligors(prepared, {});
  const options: McOptions = { paths: 3000, seed: 5, correlation: 0, recovery: 0.354, recoveryLagPeriods: 0 };

  it('draws 35.4% as 3540 bp and gives the scenario a recovery of 0.354', () => {
    expect(recoveryBp(0.354)).toBe(3540);
    expect(recoveryBp(0.12345)).toBe(1235);
    const plan = planPaths(obligors, options);
    const drawn = new Set(plan.patterns.flatMap((p) => p.map(([, , r]) => r)));
    expect([...drawn]).toEqual([3540]);
    const scenario = patternScenario(base, obligors, plan.patterns[1]!, 0);
    expect(scenario.defaults[0]!.recoveryRate!.toString()).toBe('0.354');
  });

  it('drawn ranges are quantised to basis points too', () => {
    const plan = planPaths(obligors, { ...options, recovery: { min: 0.2, max: 0.6 } });
    const drawn = plan.patterns.flatMap((p) => p.map(([, , r]) => r));
    expect(drawn.length).toBeGreaterThan(100);
    for (const r of drawn) {
      expect(Number.isInteger(r)).toBe(true);
      expect(r).toBeGreaterThanOrEqual(2000);
      expect(r).toBeLessThanOrEqual(6000);
    }
    // Finer than whole per cent: most draws are not multiples of 100 bp.
    expect(drawn.filter((r) => r % 100 !== 0).length).toBeGreaterThan(drawn.length / 2);
  });

  it('35.4% and 35% give different losses (35.4% used to behave as 35%)', async () => {
    const a = await monteCarlo(prepared, base, obligors, options);
    const b = await monteCarlo(prepared, base, obligors, { ...options, recovery: 0.35 });
    expect(a.tranches[1]!.expectedLoss).toBeGreaterThan(0);
    expect(a.tranches[1]!.expectedLoss).toBeLessThan(b.tranches[1]!.expectedLoss);
  });

  it('on the command line: --recovery 35.4 prints 35.40% and is not --recovery 35', async () => {
    const run = async (recovery: string) => {
      const r = await runCli(['montecarlo', dealFile, '--paths', '1000', '--workers', '1', '--correlation', '0', '--recovery', recovery, '--lag', '0', '--format', 'json', '--lang', 'en']);
      expect(r.err).toBe('');
      expect(r.code).toBe(0);
      return JSON.parse(r.out) as { subtitle: string[]; sections: { losses: { rows: { el: string }[] } } };
    };
    const a = await run('35.4');
    const b = await run('35');
    expect(a.subtitle[0]).toContain('recovery 35.40%');
    expect(b.subtitle[0]).toContain('recovery 35.00%');
    expect(a.sections.losses.rows[1]!.el).not.toBe(b.sections.losses.rows[1]!.el);
  });
});

describe('seeds and paths', () => {
  it('--seed: a whole number from 0 to 4294967295', async () => {
    for (const seed of ['-1', '4294967296', '99999999999999999999', '1.5', 'abc']) {
      expect(await refused(['montecarlo', GUANGKAI, '--seed', seed])).toBe(`ipabs: --seed "${seed}": give a whole number from 0 to 4294967295\n`);
    }
    const ok = await runCli(['montecarlo', dealFile, '--seed', '4294967295', '--paths', '50', '--workers', '1', '--format', 'json']);
    expect(ok.err).toBe('');
    expect(ok.code).toBe(0);
    expect((JSON.parse(ok.out) as { sections: { run: { values: { seed: number } } } }).sections.run.values.seed).toBe(4294967295);
  });

  it('the library refuses seeds a 32-bit generator would alias', () => {
    const { prepared } = tinyDeal(tinyDealInput(LOANS));
    const obligors = mcObligors(prepared, {});
    expect(MAX_SEED).toBe(4294967295);
    expect(() => rng(2 ** 32 + 1)).toThrow(RangeError);
    expect(() => rng(-1)).toThrow(RangeError);
    expect(() => rng(0.5)).toThrow(RangeError);
    expect(rng(MAX_SEED).next()).toBeGreaterThanOrEqual(0);
    expect(() => planPaths(obligors, { paths: 10, seed: 2 ** 32 + 1, correlation: 0, recovery: 0, recoveryLagPeriods: 0 })).toThrow('seed 4294967297: give a whole number from 0 to 4294967295');
  });

  it('--paths: at most 10,000,000, with a clear message instead of an internal error', async () => {
    expect(await refused(['montecarlo', GUANGKAI, '--paths', '10000000000'])).toBe('ipabs: --paths "10000000000": give a whole number from 1 to 10,000,000\n');
    expect(await refused(['montecarlo', GUANGKAI, '--paths', '10000001'])).toBe('ipabs: --paths "10000001": give a whole number from 1 to 10,000,000\n');
    expect(MAX_PATHS).toBe(10_000_000);
    const { prepared } = tinyDeal(tinyDealInput(LOANS));
    expect(() => planPaths(mcObligors(prepared, {}), { paths: 1e10, seed: 1, correlation: 0, recovery: 0, recoveryLagPeriods: 0 })).toThrow(RangeError);
  });
});

describe('progress in paths-equivalent per cent', () => {
  it('progressLine', () => {
    expect(progressLine(5100, 11429, 4500, 10000)).toBe('Monte Carlo: 45% (5,100 of 11,429 default patterns)');
    expect(progressLine(1, 10, 9999, 10000)).toBe('Monte Carlo: 99% (1 of 10 default patterns)');
    expect(progressLine(10, 10, 10000, 10000)).toBe('Monte Carlo: 100% (10 of 10 default patterns)');
  });

  it('each pattern counts for the paths that drew it; the last report is every path', async () => {
    const { prepared } = tinyDeal(tinyDealInput(LOANS));
    const obligors = mcObligors(prepared, {});
    const options: McOptions = { paths: 2000, seed: 9, correlation: 0.3, recovery: 0.3, recoveryLagPeriods: 1 };
    const calls: [number, number, number, number][] = [];
    const r = await monteCarlo(prepared, base, obligors, options, undefined, (...a) => calls.push(a));
    expect(calls.length).toBe(r.distinctPatterns);
    const plan = planPaths(obligors, options);
    // The first pattern is the one without defaults: its paths come first.
    expect(calls[0]).toEqual([1, r.distinctPatterns, 2000 - plan.withDefaults, 2000]);
    expect(calls.at(-1)).toEqual([r.distinctPatterns, r.distinctPatterns, 2000, 2000]);
    for (let i = 1; i < calls.length; i++) expect(calls[i]![2]).toBeGreaterThan(calls[i - 1]![2]);
  });

  it('a runner that reports only a count is taken in order', async () => {
    const { prepared } = tinyDeal(tinyDealInput(LOANS));
    const obligors = mcObligors(prepared, {});
    const options: McOptions = { paths: 500, seed: 2, correlation: 0.2, recovery: 0.3, recoveryLagPeriods: 0 };
    const runner = patternRunner(prepared, base);
    const calls: number[][] = [];
    const r = await monteCarlo(
      prepared,
      base,
      obligors,
      options,
      async (patterns, progress) =>
        patterns.map((p, i) => {
          const result = runPattern(runner, base, obligors, p, 0);
          progress?.(i + 1);
          return result;
        }),
      (...a) => calls.push(a),
    );
    const plan = planPaths(obligors, options);
    expect(calls[0]).toEqual([1, r.distinctPatterns, 500 - plan.withDefaults, 500]);
    expect(calls.at(-1)).toEqual([r.distinctPatterns, r.distinctPatterns, 500, 500]);
  });

  it('worker threads report the ranges they finish: the last report is every path', async () => {
    requireFreshDist();
    const { runPatternsParallel } = (await import(pathToFileURL(resolve('dist/stress/parallel.js')).href)) as typeof import('../../src/stress/parallel.js');
    const prepared = (await import('../../src/engine/run.js')).prepareDeal(mustLoad(dealFile));
    const obligors = mcObligors(prepared, {});
    const options: McOptions = { paths: 3000, seed: 4, correlation: 0.3, recovery: { min: 0.1, max: 0.5 }, recoveryLagPeriods: 1 };
    let last: number[] = [];
    const r = await monteCarlo(prepared, base, obligors, options, (patterns, progress) => runPatternsParallel({ deal: prepared.deal, baseInput: {}, obligors, lag: 1 }, patterns, 2, progress), (...a) => (last = a));
    expect(r.distinctPatterns).toBeGreaterThan(256);
    expect(last).toEqual([r.distinctPatterns, r.distinctPatterns, 3000, 3000]);
  });
});

describe('an obligor’s industry is that of its largest asset', () => {
  it('not the first asset larger than the running total', () => {
    const loans: TinyLoan[] = [
      { id: 'L01', obligor: '借款人01', principal: '5000000.00', maturityDate: '2022-01-18' },
      { id: 'L02', obligor: '借款人01', principal: '3000000.00', maturityDate: '2022-01-18' },
      { id: 'L03', obligor: '借款人01', principal: '6000000.00', maturityDate: '2022-01-18' },
      { id: 'L04', obligor: '借款人02', principal: '1000000.00', maturityDate: '2022-01-18' },
      { id: 'L05', obligor: '借款人02', principal: '2000000.00', maturityDate: '2022-01-18' },
    ];
    const input = tinyDealInput(loans) as DealInput & { pool: { assets: { industry?: string }[] } };
    ['制造业', '软件', '医药', '建筑业', undefined].forEach((industry, i) => {
      if (industry) input.pool.assets[i]!.industry = industry;
    });
    const { prepared } = tinyDeal(input);
    const obligors = mcObligors(prepared, { override: 0.1 });
    // 借款人01: 6,000,000 of 医药 is its largest (the old rule kept 制造业, the first asset).
    // 借款人02: its largest names no industry, so the largest that does.
    expect(obligors.map((o) => [o.name, o.industry])).toEqual([
      ['借款人01', '医药'],
      ['借款人02', '建筑业'],
    ]);
  });
});

describe('histogram bands as text', () => {
  it('lossBand', () => {
    expect(lossBand(0, 0, 'en')).toBe('0 (no loss)');
    expect(lossBand(0, 0, 'zh')).toBe('无损失');
    expect(lossBand(0, 0.05, 'en')).toBe('(0%, 5%]');
    expect(lossBand(0.95, 1, 'zh')).toBe('(95%, 100%]');
  });

  it('in the report: the first rows are "0 (no loss)" and "(0%, 5%]", not "0% | 0%" and "0% | 5%"', async () => {
    const run = async (lang: string, format: string) => {
      const r = await runCli(['montecarlo', dealFile, '--paths', '2000', '--workers', '1', '--pd', '30', '--correlation', '0.5', '--recovery', '0', '--format', format, '--lang', lang]);
      expect(r.code).toBe(0);
      return r.out;
    };
    const json = JSON.parse(await run('en', 'json')) as { sections: Record<string, { columns: { key: string }[]; rows: { band: string; paths: number }[] }> };
    const b = json.sections['histogram-B']!;
    expect(b.columns.map((c) => c.key)).toEqual(['band', 'paths', 'share', 'bar']);
    expect(b.rows[0]!.band).toBe('0 (no loss)');
    expect(b.rows.length).toBeGreaterThan(2);
    expect(b.rows.slice(1).every((r) => /^\(\d+%, \d+%\]$/.test(r.band))).toBe(true);
    const table = await run('zh', 'table');
    expect(table).toContain('| 无损失');
    expect(table).not.toMatch(/\|\s+0% \|\s+0% \|/);
  });
});
