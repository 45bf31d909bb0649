#!/usr/bin/env node
/**
 * ipabs benchmarks (`npm run bench`): wall-clock figures on this machine, with its core count.
 * Targets: a break-even search on a sample deal under 1 s; 100,000 Monte Carlo paths on
 * 广开专利 under 10 s on 2 cores; a 1,000-loan pledge pool over 60 monthly periods run once under
 * 2 s; run time growing linearly with assets × periods (100, 1,000 and 10,000 loans).
 * Needs the build (`npm run build`, which `npm ci` runs).
 */
import { execFileSync } from 'node:child_process';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeal } from '../dist/io/loadDeal.js';
import { prepareDeal, runDeal } from '../dist/engine/run.js';
import { baseScenario } from '../dist/stress/scenarios.js';
import { breakeven } from '../dist/stress/breakeven.js';
import { writeSyntheticDeal } from './synthetic.js';

const quick = process.argv.includes('--quick');
const rows = [];
const record = (name, ms, target, extra = '') => {
  rows.push({ name, ms, target, extra });
  console.error(`${name}: ${ms.toFixed(0)} ms${target ? ` (target ${target} ms)` : ''} ${extra}`);
};
const time = (fn) => {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
};
const cli = (args) => {
  const t = performance.now();
  execFileSync(process.execPath, ['bin/ipabs.js', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
  return performance.now() - t;
};

// 1. Break-even search: the senior of 广开专利, base case, with and without external support.
{
  const { deal } = loadDeal('deals/guangkai-patent-license.json');
  const { ms } = time(() => {
    const prepared = prepareDeal(deal);
    const base = baseScenario(deal);
    const a = breakeven(prepared, 'A', base);
    const b = breakeven(prepared, 'A', { ...base, externalSupport: false });
    return a.runs + b.runs;
  });
  record('break-even search, 广开专利 senior, with and without support (library)', ms, 1000);
  record('ipabs breakeven deals/gaoxintou-ip-2.json --tranche A1 (CLI, end to end)', cli(['breakeven', 'deals/gaoxintou-ip-2.json', '--tranche', 'A1']), 1000);
}

// 2. Monte Carlo: 100,000 paths on 广开专利, end to end through the CLI.
{
  const paths = quick ? '20000' : '100000';
  record(`ipabs montecarlo deals/guangkai-patent-license.json --paths ${paths} --seed 1 (CLI)`, cli(['montecarlo', 'deals/guangkai-patent-license.json', '--paths', paths, '--seed', '1']), quick ? undefined : 10000);
}

// 3 and 4. Synthetic pledge pools of 100, 1,000 and 10,000 loans over 60 monthly periods.
const dir = mkdtempSync(join(tmpdir(), 'ipabs-bench-'));
try {
  const sizes = quick ? [100, 1000] : [100, 1000, 10000];
  const perUnit = [];
  for (const n of sizes) {
    const file = writeSyntheticDeal(join(dir, String(n)), n);
    const loaded = time(() => loadDeal(file));
    if (!loaded.value.deal) throw new Error(loaded.value.diagnostics.map((d) => d.message).join('\n'));
    const prepared = time(() => prepareDeal(loaded.value.deal));
    const run = time(() => runDeal(prepared.value));
    const total = loaded.ms + prepared.ms + run.ms;
    perUnit.push({ n, total, perAssetPeriod: (total * 1000) / (n * 60) });
    record(`${n.toLocaleString('en-US')} loans × 60 monthly periods: load + prepare + run`, total, n === 1000 ? 2000 : undefined, `(load ${loaded.ms.toFixed(0)}, prepare ${prepared.ms.toFixed(0)}, run ${run.ms.toFixed(0)})`);
    if (n === 1000) record('ipabs run synthetic 1,000 loans (CLI, end to end, JSON out)', cli(['run', file, '--format', 'json']), 2000);
  }
  for (const p of perUnit) console.error(`  ${p.n} loans: ${p.perAssetPeriod.toFixed(2)} µs per asset-period`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

const cores = availableParallelism();
console.log(`ipabs benchmarks — ${cores} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (this process)`);
console.log('| benchmark | ms | target ms | |');
console.log('|---|---:|---:|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(0)} | ${r.target ?? ''} | ${r.target ? (r.ms <= r.target ? 'ok' : 'SLOW') : ''} ${r.extra} |`);
