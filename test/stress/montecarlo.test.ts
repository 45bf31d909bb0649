/**
 * Monte Carlo against the exact answer: with ρ = 0 every obligor defaults on its own with its
 * PD, in a period drawn uniformly among those in which it still owes something. On a pool of four
 * loans every outcome can be listed (5 × 5 × 3 × 5 = 375 of them), each run through the waterfall
 * as a named-default scenario, giving the exact expected loss and probability of loss per tranche;
 * the simulation must lie within 4 standard errors of them. Then reproducibility: the same seed
 * gives the same result, another seed another, and worker threads change nothing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDeal, prepareDeal } from '../engine/inYuan.js';
import { Scenario } from '../../src/scenario/schema.js';
import { mcObligors, monteCarlo, patternRunner, patternScenario, planPaths, recoveryBp, runPattern, type DrawnDefault, type McOptions } from '../../src/stress/montecarlo.js';
import { mustLoad, requireFreshDist, sample, tinyDeal, tinyDealInput, type TinyLoan } from './fixtures.js';

/**
 * Four loans (15,000,000), senior 80% (12,000,000 at 3.5%), subordinate 3,000,000.
 * 借款人03's bullet loan matures on 2021-07-18, so it owes only in periods 1 and 2.
 */
const LOANS: TinyLoan[] = [
  { id: 'L01', obligor: '借款人01', principal: '6000000.00', maturityDate: '2022-01-18', defaultProbability: '0.1' },
  { id: 'L02', obligor: '借款人02', principal: '4000000.00', maturityDate: '2022-01-18', repayment: 'equalPrincipal', defaultProbability: '0.2' },
  { id: 'L03', obligor: '借款人03', principal: '3000000.00', maturityDate: '2021-07-18', defaultProbability: '0.25' },
  { id: 'L04', obligor: '借款人04', principal: '2000000.00', maturityDate: '2022-01-18', defaultProbability: '0.3' },
];
/** Each obligor's PD and the 1-based periods a default can fall in. */
const HAND = [
  { obligor: '借款人01', pd: 0.1, periods: [1, 2, 3, 4] },
  { obligor: '借款人02', pd: 0.2, periods: [1, 2, 3, 4] },
  { obligor: '借款人03', pd: 0.25, periods: [1, 2] },
  { obligor: '借款人04', pd: 0.3, periods: [1, 2, 3, 4] },
];
const RECOVERY = 0.2;
const LAG = 1;
const PATHS = 20_000;
const OPTIONS: McOptions = { paths: PATHS, seed: 7, correlation: 0, recovery: RECOVERY, recoveryLagPeriods: LAG };

const { prepared } = tinyDeal(tinyDealInput(LOANS));
const base = Scenario.parse({});

/** Every outcome with its probability and each tranche's loss over its balance. */
function exactOutcomes(): { p: number; losses: number[] }[] {
  const choices = HAND.map((o) => [
    { p: 1 - o.pd, period: undefined as number | undefined },
    ...o.periods.map((period) => ({ p: o.pd / o.periods.length, period })),
  ]);
  const out: { p: number; losses: number[] }[] = [];
  const walk = (i: number, p: number, defaults: { obligor: string; period: number }[]) => {
    if (i === choices.length) {
      const scenario = Scenario.parse({ defaults, recovery: { rate: RECOVERY, lagPeriods: LAG } });
      const r = runDeal(prepared, scenario, { detail: false });
      out.push({ p, losses: r.tranches.map((t) => t.summary.loss.div(t.balance).toNumber()) });
      return;
    }
    for (const c of choices[i]!) walk(i + 1, p * c.p, c.period === undefined ? defaults : [...defaults, { obligor: HAND[i]!.obligor, period: c.period }]);
  };
  walk(0, 1, []);
  return out;
}

describe('monteCarlo with ρ = 0 against the exact loss distribution', () => {
  const obligors = mcObligors(prepared, {});
  const outcomes = exactOutcomes();

  it('finds each obligor’s PD and the periods in which it owes something', () => {
    expect(obligors.map((o) => ({ obligor: o.key, pd: o.pd, periods: o.periods.map((k) => k + 1) }))).toEqual(HAND);
    expect(outcomes).toHaveLength(5 * 5 * 3 * 5);
    expect(outcomes.reduce((a, o) => a + o.p, 0)).toBeCloseTo(1, 12);
  });

  it('draws defaults with the obligors’ PDs, uniformly over their periods', () => {
    const plan = planPaths(obligors, OPTIONS);
    const count = new Map<string, number>();
    for (let i = 0; i < PATHS; i++) for (const [o, k] of plan.patterns[plan.pathPattern[i]!]!) count.set(`${o}@${k}`, (count.get(`${o}@${k}`) ?? 0) + 1);
    HAND.forEach((h, o) => {
      for (const period of h.periods) {
        // Binomial(n, PD / m): 借款人03 in period 1, for example, has p = 0.25 / 2 = 0.125.
        const p = h.pd / h.periods.length;
        const se = Math.sqrt((p * (1 - p)) / PATHS);
        expect(Math.abs((count.get(`${o}@${period - 1}`) ?? 0) / PATHS - p), `${h.obligor} in period ${period}`).toBeLessThan(4 * se);
      }
    });
    // P(some default) = 1 − 0.9 × 0.8 × 0.75 × 0.7 = 0.622.
    const p = 1 - 0.9 * 0.8 * 0.75 * 0.7;
    expect(Math.abs(plan.withDefaults / PATHS - p)).toBeLessThan(4 * Math.sqrt((p * (1 - p)) / PATHS));
  });

  it('estimates each tranche’s expected loss and probability of loss within 4 standard errors', async () => {
    const mc = await monteCarlo(prepared, base, obligors, OPTIONS);
    expect(mc.paths).toBe(PATHS);
    expect(mc.tranches.map((t) => t.id)).toEqual(['A', 'B']);
    mc.tranches.forEach((t, j) => {
      const el = outcomes.reduce((a, o) => a + o.p * o.losses[j]!, 0);
      const el2 = outcomes.reduce((a, o) => a + o.p * o.losses[j]! ** 2, 0);
      const se = Math.sqrt((el2 - el * el) / PATHS);
      const pLoss = outcomes.reduce((a, o) => a + (o.losses[j]! > 0 ? o.p : 0), 0);
      const seP = Math.sqrt((pLoss * (1 - pLoss)) / PATHS);
      // Both tranches can lose: neither answer is degenerate.
      expect(el, t.id).toBeGreaterThan(0.01);
      expect(pLoss, t.id).toBeGreaterThan(0.1);
      expect(pLoss, t.id).toBeLessThan(0.9);
      expect(Math.abs(t.expectedLoss - el), `${t.id} EL ${t.expectedLoss} vs exact ${el} (SE ${se})`).toBeLessThan(4 * se);
      expect(Math.abs(t.probabilityOfLoss - pLoss), `${t.id} P(loss) ${t.probabilityOfLoss} vs exact ${pLoss} (SE ${seP})`).toBeLessThan(4 * seP);
      // The standard error it reports is the sample's, close to the exact one.
      expect(t.standardError / se).toBeGreaterThan(0.9);
      expect(t.standardError / se).toBeLessThan(1.1);
      // The histogram's first bin holds the paths without a loss; the bins add up to every path.
      expect(t.histogram[0]!.paths).toBe(Math.round(PATHS * (1 - t.probabilityOfLoss)));
      expect(t.histogram.reduce((a, b) => a + b.paths, 0)).toBe(PATHS);
    });
  });

  it('gives the same result for the same seed and another for another seed', async () => {
    const a = await monteCarlo(prepared, base, obligors, OPTIONS);
    const b = await monteCarlo(prepared, base, obligors, OPTIONS);
    expect(b).toEqual(a);
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    const c = await monteCarlo(prepared, base, obligors, { ...OPTIONS, seed: 8 });
    expect(c.seed).toBe(8);
    expect(c).not.toEqual(a);
    expect(c.tranches[0]!.expectedLoss).not.toBe(a.tranches[0]!.expectedLoss);
  });
});

describe('runPattern (resumed from the base run at the first default) against a full run', () => {
  it('gives every outcome of the small pool exactly the loss and WAL of runDeal', () => {
    const obligors = mcObligors(prepared, {});
    const runner = patternRunner(prepared, base);
    const walk = (i: number, pattern: DrawnDefault[]) => {
      if (i === obligors.length) {
        const resumed = runPattern(runner, base, obligors, pattern, LAG);
        const full = runDeal(prepared, patternScenario(base, obligors, pattern, LAG), { detail: false });
        const where = JSON.stringify(pattern);
        full.tranches.forEach((t, j) => {
          expect(resumed[j]!.loss, where).toBe(t.summary.loss.div(t.balance).toNumber());
          expect(resumed[j]!.wal, where).toBe(t.summary.wal ?? Number.NaN);
        });
        return;
      }
      walk(i + 1, pattern);
      for (const k of obligors[i]!.periods) walk(i + 1, [...pattern, [i, k, recoveryBp(RECOVERY)]]);
    };
    walk(0, []);
  });

  for (const file of ['deals/guangkai-patent-license.json', 'deals/gaoxintou-ip-2.json', 'deals/wenke-lease-1.json']) {
    for (const support of [true, false]) {
      it(`${file}, support ${support ? 'on' : 'off'}: 40 drawn patterns give the loss and WAL of runDeal`, () => {
        const { prepared: p } = sample(file);
        const b = Scenario.parse({ externalSupport: support });
        const obligors = mcObligors(p, { override: 0.15 });
        const plan = planPaths(obligors, { paths: 400, seed: 3, correlation: 0.3, recovery: { min: 0, max: 0.6 }, recoveryLagPeriods: 2 });
        const runner = patternRunner(p, b);
        for (const pattern of plan.patterns.slice(0, 40)) {
          const resumed = runPattern(runner, b, obligors, pattern, 2);
          const full = runDeal(p, patternScenario(b, obligors, pattern, 2), { detail: false });
          const where = JSON.stringify(pattern);
          full.tranches.forEach((t, j) => {
            expect(resumed[j]!.loss, where).toBe(t.summary.loss.div(t.balance).toNumber());
            expect(resumed[j]!.wal, where).toBe(t.summary.wal ?? Number.NaN);
          });
        }
      });
    }
  }
});

describe('Monte Carlo on worker threads', () => {
  let dir: string;
  // The built runner: its workers start dist/stress/mcWorker.js next to it.
  let runPatternsParallel: typeof import('../../src/stress/parallel.js').runPatternsParallel;
  beforeAll(async () => {
    requireFreshDist();
    ({ runPatternsParallel } = (await import(pathToFileURL(resolve('dist/stress/parallel.js')).href)) as typeof import('../../src/stress/parallel.js'));
    dir = mkdtempSync(join(tmpdir(), 'ipabs-mc-'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('runPatternsParallel with 2 workers gives the result of the run in this thread', async () => {
    const dealFile = join(dir, 'tiny.json');
    writeFileSync(dealFile, JSON.stringify(tinyDealInput(LOANS), null, 2));
    const fromFile = prepareDeal(mustLoad(dealFile));
    const obligors = mcObligors(fromFile, {});
    const options: McOptions = { ...OPTIONS, paths: 2000, correlation: 0.3, industryCorrelation: 0, recovery: { min: 0.1, max: 0.5 } };
    const local = await monteCarlo(fromFile, base, obligors, options);
    let reported = 0;
    const parallel = await monteCarlo(fromFile, base, obligors, options, (patterns, progress) => runPatternsParallel({ deal: fromFile.deal, baseInput: {}, obligors, lag: LAG }, patterns, 2, progress), (done) => (reported = done));
    // More than one batch of 128 patterns, so both workers had work.
    expect(local.distinctPatterns).toBeGreaterThan(256);
    expect(reported).toBe(local.distinctPatterns);
    expect(JSON.stringify(parallel)).toBe(JSON.stringify(local));
  });

  it('the workers run the deal this thread loaded, though its files change or go during the run', async () => {
    // A deal with a tape, copied: the workers used to load the deal file and its tape again.
    const sub = join(dir, 'moved');
    mkdirSync(sub);
    const dealFile = join(sub, 'gaoxintou-ip-2.json');
    const tapeFile = join(sub, 'gaoxintou-ip-2.tape.csv');
    copyFileSync('deals/gaoxintou-ip-2.json', dealFile);
    copyFileSync('deals/gaoxintou-ip-2.tape.csv', tapeFile);
    const prepared = prepareDeal(mustLoad(dealFile));
    const obligors = mcObligors(prepared, { override: 0.1 });
    const options: McOptions = { paths: 2000, seed: 5, correlation: 0.3, recovery: { min: 0.1, max: 0.5 }, recoveryLagPeriods: LAG };
    const local = JSON.stringify(await monteCarlo(prepared, base, obligors, options));
    const inWorkers = async () => JSON.stringify(await monteCarlo(prepared, base, obligors, options, (patterns, progress) => runPatternsParallel({ deal: prepared.deal, baseInput: {}, obligors, lag: LAG }, patterns, 2, progress)));
    // Replaced by another deal that loads (the tiny one, no tape): the figures stay the loaded deal's.
    writeFileSync(dealFile, JSON.stringify(tinyDealInput(LOANS), null, 2));
    expect(await inWorkers()).toBe(local);
    // Removed, tape and all: the run still completes, with the same figures.
    rmSync(dealFile);
    rmSync(tapeFile);
    expect(await inWorkers()).toBe(local);
    expect(JSON.parse(local).distinctPatterns).toBeGreaterThan(256);
  });

  it('`ipabs montecarlo --workers 2` prints the bytes `--workers 1` prints', () => {
    // Eight loans of 1,000,000–8,000,000 with PD 15% and recoveries drawn from 10–60%: enough
    // distinct default patterns (> 400) that the CLI really uses the workers.
    const loans: TinyLoan[] = Array.from({ length: 8 }, (_, i) => ({
      id: `L${i + 1}`,
      obligor: `借款人${i + 1}`,
      principal: `${(i + 1) * 1_000_000}.00`,
      maturityDate: i % 3 === 0 ? '2021-10-18' : '2022-01-18',
      repayment: i % 2 === 0 ? 'bullet' : 'equalPrincipal',
    }));
    const dealFile = join(dir, 'eight.json');
    writeFileSync(dealFile, JSON.stringify(tinyDealInput(loans), null, 2));
    const run = (workers: string) =>
      execFileSync(process.execPath, ['bin/ipabs.js', 'montecarlo', dealFile, '--paths', '1000', '--pd', '15', '--correlation', '0.2', '--recovery-range', '10,60', '--lag', '1', '--seed', '11', '--workers', workers, '--format', 'json'], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    const inThread = run('1');
    const withWorkers = run('2');
    const json = JSON.parse(inThread) as { sections: { run: { values: Record<string, number> } } };
    expect(json.sections.run.values['distinctPatterns']).toBeGreaterThan(400);
    expect(withWorkers).toBe(inThread);
  });
});
