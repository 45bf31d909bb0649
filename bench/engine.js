#!/usr/bin/env node
/**
 * The engine's hot paths, in this process (`node bench/engine.js [--runs 5]`): the break-even
 * search on 广开专利's senior with and without support, Monte Carlo paths on 广开专利 in one thread
 * (the waterfall of every distinct default pattern), and a 1,000-loan pledge pool's base case.
 * Medians of several runs; needs the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeal } from '../dist/io/loadDeal.js';
import { prepareDeal, runDeal } from '../dist/engine/run.js';
import { baseScenario } from '../dist/stress/scenarios.js';
import { breakeven } from '../dist/stress/breakeven.js';
import { mcObligors, monteCarlo } from '../dist/stress/montecarlo.js';
import { writeSyntheticDeal } from './synthetic.js';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const runs = arg('--runs', 5);
const paths = arg('--paths', 100_000);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// Wall time and this process's CPU time (on a shared machine the CPU time is the steadier figure).
const measure = async (name, fn) => {
  await fn();
  const ms = [];
  const cpu = [];
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    const c = process.cpuUsage();
    await fn();
    const d = process.cpuUsage(c);
    ms.push(performance.now() - t);
    cpu.push((d.user + d.system) / 1000);
  }
  console.log(`${name}: wall median ${median(ms).toFixed(1)} ms (min ${Math.min(...ms).toFixed(1)}), CPU median ${median(cpu).toFixed(1)} ms (min ${Math.min(...cpu).toFixed(1)}), ${runs} runs`);
};

const { deal } = loadDeal('deals/guangkai-patent-license.json');
const prepared = prepareDeal(deal);
const base = baseScenario(deal);
await measure('break-even 广开 senior, with and without support', () => {
  breakeven(prepared, 'A', base);
  breakeven(prepared, 'A', { ...base, externalSupport: false });
});
// A pool keeps the pieces of its performance it has worked out (scenario/memo.ts): a search on a
// freshly prepared deal shows what one search costs on its own.
await measure('break-even 广开 senior, with and without support, on a freshly prepared deal', () => {
  const fresh = prepareDeal(deal);
  breakeven(fresh, 'A', base);
  breakeven(fresh, 'A', { ...base, externalSupport: false });
});
await measure('prepare 广开 (included in the line above)', () => prepareDeal(deal));
const obligors = mcObligors(prepared, { fallback: 0.05 });
await measure(`Monte Carlo 广开, ${paths.toLocaleString('en-US')} paths, one thread`, () =>
  monteCarlo(prepared, base, obligors, { paths, seed: 1, correlation: 0.2, recovery: 0.3, recoveryLagPeriods: 2 }),
);
const dir = mkdtempSync(join(tmpdir(), 'ipabs-bench-engine-'));
try {
  const file = writeSyntheticDeal(join(dir, '1000'), 1000);
  const big = loadDeal(file).deal;
  const bigPrepared = prepareDeal(big);
  await measure('1,000 loans × 60 months: prepare', () => prepareDeal(big));
  await measure('1,000 loans × 60 months: base-case run', () => runDeal(bigPrepared));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
