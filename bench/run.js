#!/usr/bin/env node
/**
 * ipabs benchmarks (`npm run bench`): wall-clock figures on this machine, with its core count.
 * Targets (issue 8): a break-even search on 广开专利's senior, with and without support, under
 * 20 ms (median of 21 warm searches; the first, cold one is shown beside it); 100,000 Monte Carlo
 * paths on 广开专利 under 1 s on 2 cores; a 1,000-loan pledge pool over 60 monthly periods loaded,
 * prepared and run under 50 ms (median; the cold first run beside it); 10,000 loans at a 10%
 * pool-wide default rate under 1 s; run time growing at most linearly with assets × periods
 * (exponent ≤ 1.05 from 100 to 10,000 loans); a
 * 100,000-row tape validated under 3 s and a 1,000,000-row one under 20 s and 1 GiB peak RSS;
 * the pool report of the 100,000-row tape under 15 s (every loan's contractual flows computed once,
 * none kept: linear in loans × payments); `ipabs run` on a sample deal under 2× the wall time of a
 * bare `node -e 0`; `ipabs size` on a three-tranche deal within 3 s (issue 9).
 * Needs the build (`npm run build`, which `npm ci` runs).
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadDeal } from '../dist/io/loadDeal.js';
import { prepareDeal, runDeal } from '../dist/engine/run.js';
import { baseScenario } from '../dist/stress/scenarios.js';
import { Scenario } from '../dist/scenario/schema.js';
import { breakeven } from '../dist/stress/breakeven.js';
import { writeSyntheticDeal } from './synthetic.js';

const quick = process.argv.includes('--quick');
const rows = [];
const record = (name, ms, target, extra = '') => {
  rows.push({ name, ms, target, extra });
  console.error(`${name}: ${ms.toFixed(0)} ms${target ? ` (target ${target} ms)` : ''} ${extra}`);
};
/** The middle value (the upper middle of an even count). */
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const time = (fn) => {
  const t = performance.now();
  const value = fn();
  return { ms: performance.now() - t, value };
};
// Peak memory of a CLI run through GNU time where the machine has it.
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const cli = (args) => {
  const t = performance.now();
  if (!gnuTime) {
    execFileSync(process.execPath, ['bin/ipabs.js', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
    return { ms: performance.now() - t };
  }
  const r = spawnSync(gnuTime, ['-f', 'maxrss=%M', process.execPath, 'bin/ipabs.js', ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  if (r.status !== 0) throw new Error(`ipabs ${args.join(' ')} failed:\n${r.stderr}`);
  const kb = Number(/maxrss=(\d+)/.exec(r.stderr)?.[1]);
  return { ms, rss: Number.isFinite(kb) ? `peak RSS ${Math.round(kb / 1024)} MiB` : '' };
};

// 1. Break-even search: the senior of 广开专利, base case, with and without external support.
{
  const { deal } = loadDeal('deals/guangkai-patent-license.json');
  // Each search on a freshly prepared deal (nothing cached from the one before).
  const search = () =>
    time(() => {
      const prepared = prepareDeal(deal);
      const base = baseScenario(deal);
      const a = breakeven(prepared, 'A', base);
      const b = breakeven(prepared, 'A', { ...base, externalSupport: false });
      return a.runs + b.runs;
    }).ms;
  // As a sizing loop runs them, search after search: the first (cold) is shown beside the median
  // of 21 after 5 more to warm up.
  const cold = search();
  for (let i = 0; i < 5; i++) search();
  const warm = median(Array.from({ length: 21 }, search));
  record('break-even search, 广开专利 senior, with and without support (library, median of 21 warm searches)', warm, 20, `(the first, cold: ${cold.toFixed(0)} ms)`);
  const be = cli(['breakeven', 'deals/gaoxintou-ip-2.json', '--tranche', 'A1']);
  record('ipabs breakeven deals/gaoxintou-ip-2.json --tranche A1 (CLI, end to end)', be.ms, 1000, be.rss);
}

// 1b. Sizing (ipabs size): the three-tranche test deal, A to AAA and B to A (two bisections on the
// 100万 grid, then the structure's break-evens), and each sample deal's senior to AAA; end to end
// through the CLI. Target: a three-tranche deal within 3 s (issue 9: "within a few seconds").
{
  const three = cli(['size', 'test/size/three-tranche.json', '--target', 'A=AAA', '--target', 'B=A', '--format', 'json']);
  record('ipabs size test/size/three-tranche.json --target A=AAA --target B=A (CLI, end to end)', three.ms, 3000, three.rss);
  const preset = cli(['size', 'test/size/three-tranche.json', '--target', 'A=AAA', '--target', 'B=A', '--preset', 'cn-standard', '--format', 'json']);
  record('ipabs size test/size/three-tranche.json --target A=AAA --target B=A --preset cn-standard (CLI, end to end)', preset.ms, 3000, preset.rss);
  for (const [deal, senior] of [['gaoxintou-ip-2', 'A1'], ['guangkai-patent-license', 'A'], ['iqiyi-supply-chain', 'A'], ['wenke-lease-1', 'A']]) {
    const r = cli(['size', `deals/${deal}.json`, '--target', `${senior}=AAA`, '--no-support', '--format', 'json']);
    record(`ipabs size deals/${deal}.json --target ${senior}=AAA --no-support (CLI, end to end)`, r.ms, 3000, r.rss);
  }
}

// 2. Monte Carlo: 100,000 paths on 广开专利, end to end through the CLI (the median of 3 runs,
// the slowest beside it); 1,000,000 paths once (issue 8 asks for its time and peak memory).
{
  const paths = quick ? '20000' : '100000';
  const runs = Array.from({ length: quick ? 1 : 3 }, () => cli(['montecarlo', 'deals/guangkai-patent-license.json', '--paths', paths, '--seed', '1']));
  const mid = [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)];
  const slowest = Math.max(...runs.map((r) => r.ms));
  record(`ipabs montecarlo deals/guangkai-patent-license.json --paths ${paths} --seed 1 (CLI, median of ${runs.length})`, mid.ms, quick ? undefined : 1000, `${mid.rss ?? ''} (slowest ${slowest.toFixed(0)} ms)`);
  if (!quick) {
    const million = cli(['montecarlo', 'deals/guangkai-patent-license.json', '--paths', '1000000', '--seed', '1']);
    record('ipabs montecarlo deals/guangkai-patent-license.json --paths 1000000 --seed 1 (CLI)', million.ms, undefined, million.rss);
  }
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
    // A pool-wide default rate touches every asset in every period: the engine's full cost.
    const stress = Scenario.parse({ defaultRate: { cumulative: 0.1 }, recovery: { rate: 0.3, lagPeriods: 6 } });
    const stressed = time(() => runDeal(prepared.value, stress));
    // As stress grids and break-even searches run it: no ledger entries, recoveries summed per period.
    const lean = time(() => runDeal(prepared.value, stress, { detail: false }));
    const total = loaded.ms + prepared.ms + run.ms;
    // Load, prepare and run again from the file, as a structurer's session does deal after deal.
    const again = median(
      Array.from({ length: n >= 10000 ? 3 : 7 }, () => time(() => runDeal(prepareDeal(loadDeal(file).deal))).ms),
    );
    perUnit.push({ n, total, again, perAssetPeriod: (total * 1000) / (n * 60), stressedPer: (stressed.ms * 1000) / (n * 60), leanPer: (lean.ms * 1000) / (n * 60) });
    record(`${n.toLocaleString('en-US')} loans × 60 monthly periods: load + prepare + run (median after the first)`, again, n === 1000 ? 50 : undefined, `(first: ${total.toFixed(0)}: load ${loaded.ms.toFixed(0)}, prepare ${prepared.ms.toFixed(0)}, run ${run.ms.toFixed(0)}; a run at 10% cumulative defaults ${stressed.ms.toFixed(0)}, without detail ${lean.ms.toFixed(0)})`);
    if (n === 10000) {
      record('10,000 loans, 10% pool-wide default rate, 60 months: a run (as stress grids run it; with every ledger entry beside it)', lean.ms, 1000, `(with detail: ${stressed.ms.toFixed(0)} ms)`);
    }
    if (n === 1000) {
      const r = cli(['run', file, '--format', 'json']);
      record('ipabs run synthetic 1,000 loans (CLI, end to end, JSON out)', r.ms, 2000, r.rss);
    }
  }
  for (const p of perUnit) {
    const line = `${p.n} loans: ${p.perAssetPeriod.toFixed(2)} µs per asset-period to load, prepare and run; ${p.stressedPer.toFixed(2)} µs per asset-period for a run at 10% cumulative defaults (${p.leanPer.toFixed(2)} without detail)`;
    rows.push({ name: line, ms: p.total, target: undefined, extra: '' });
    console.error(`  ${line}`);
  }
  // Growth in assets × periods: the exponent b of time ∝ (loans × periods)^b, first size to last.
  const first = perUnit[0];
  const last = perUnit[perUnit.length - 1];
  const exponent = Math.log(last.again / first.again) / Math.log(last.n / first.n);
  const line = `scaling from ${first.n} to ${last.n} loans (medians of load + prepare + run): exponent ${exponent.toFixed(2)} (target ≤ 1.05)`;
  rows.push({ name: line, ms: last.again, target: undefined, extra: exponent <= 1.05 ? 'ok' : 'SLOW' });
  console.error(line);
} finally {
  rmSync(dir, { recursive: true, force: true });
}

// 5. Large tapes: validate synthetic pledge-loan tapes of 100,000 and 1,000,000 rows end to end
// (streamed), against a bare `node -e 0` start on the same machine; the median of a few runs.
{
  const tapeDir = mkdtempSync(join(tmpdir(), 'ipabs-bench-tape-'));
  try {
    const bare = [];
    for (let k = 0; k < 3; k++) {
      const t = performance.now();
      execFileSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - t);
    }
    const startMs = median(bare);
    const sizes = quick ? [[100_000, 3000, 3]] : [[100_000, 3000, 3], [1_000_000, 20_000, 1]];
    for (const [n, target, runs] of sizes) {
      const file = writeSyntheticDeal(join(tapeDir, String(n)), n);
      const results = [];
      for (let k = 0; k < runs; k++) results.push(cli(['validate', file]));
      const ms = median(results.map((r) => r.ms));
      const rss = results.map((r) => r.rss).filter(Boolean).pop() ?? '';
      record(`ipabs validate, ${n.toLocaleString('en-US')}-row pledge-loan tape (CLI, median of ${runs})`, ms, target, `${rss}; ${(ms / startMs).toFixed(0)}× a bare node start (${startMs.toFixed(0)} ms)`);
      if (n === 100_000) {
        const pool = cli(['pool', file, '--format', 'json']);
        record('ipabs pool, 100,000-row pledge-loan tape (CLI, JSON out)', pool.ms, 15_000, pool.rss);
      }
    }
  } finally {
    rmSync(tapeDir, { recursive: true, force: true });
  }
}

// 6. Start-up: `ipabs run` on a sample deal against a bare `node -e 0`, run alternately (so both
// see the same load on the machine), the median wall time of each; target: under 2× bare node.
// bench/startup.js does the same for several builds at once (this one against another checkout).
{
  const runs = quick ? 7 : 31;
  const wall = (args) => {
    const t = performance.now();
    execFileSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    return performance.now() - t;
  };
  const args = ['bin/ipabs.js', 'run', 'deals/guangkai-patent-license.json'];
  const bare = [];
  const ipabs = [];
  wall(['-e', '0']);
  wall(args);
  for (let k = 0; k < runs; k++) {
    bare.push(wall(['-e', '0']));
    ipabs.push(wall(args));
  }
  const [b, r] = [median(bare), median(ipabs)];
  record(`ipabs run deals/guangkai-patent-license.json, wall (CLI, median of ${runs} alternating with node -e 0)`, r, Math.round(2 * b), `${(r / b).toFixed(2)}× a bare node start (${b.toFixed(0)} ms; target under 2×)`);
}

// 7. The CSV writer (csv-stringify, issue 10): a 100,000-row, six-column table, one in seven
// amounts negative and one in fifty names to quote; the median of 5 renders after a warm one.
{
  const { render } = await import('../dist/report/render.js');
  const kinds = ['text', 'date', 'money', 'percent', 'number', 'text'];
  const columns = kinds.map((kind, i) => ({ key: `c${i}`, header: { zh: `列${i}`, en: `c${i}` }, kind }));
  const tableRows = Array.from({ length: 100_000 }, (_, i) => ({ c0: `北京某某科技有限公司${i}`, c1: '2024-01-15', c2: (i % 7 === 0 ? -1 : 1) * i * 13.37, c3: 0.0446, c4: i, c5: i % 50 === 0 ? 'a,"b"' : '=x' }));
  const report = { title: { zh: 'CSV', en: 'CSV' }, sections: [{ type: 'table', id: 't', title: { zh: '表', en: 'table' }, columns, rows: tableRows }] };
  const opts = { format: 'csv', lang: 'zh', unit: 'yuan' };
  render(report, opts);
  const ms = median(Array.from({ length: quick ? 3 : 5 }, () => time(() => render(report, opts)).ms));
  record('CSV of a 100,000-row, six-column table (csv-stringify)', ms, undefined, 'the hand-written writer it replaced: ≈ 0.6–0.8× this');
}

const cores = availableParallelism();
console.log(`ipabs benchmarks — ${cores} cores (${cpus()[0]?.model ?? 'unknown cpu'}), Node ${process.version}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB (this process)`);
console.log('| benchmark | ms | target ms | |');
console.log('|---|---:|---:|---|');
for (const r of rows) console.log(`| ${r.name} | ${r.ms.toFixed(0)} | ${r.target ?? ''} | ${r.target ? (r.ms <= r.target ? 'ok' : 'SLOW') : ''} ${r.extra} |`);
