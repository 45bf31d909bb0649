/**
 * Pool performance alone (issue 8, item 8): preparePool on 1,000 and 10,000 synthetic pledge
 * loans over 60 monthly periods (first call, then the median of 5 more: contractual flows are
 * memoised after the first), and poolPerformance on the 10,000 loans at a 10% cumulative default
 * rate (30% recovered after 6 periods), median of 5. Run after `npm run build`:
 *   node bench/pool.js [reference-dist]
 * With a reference (another build's dist, e.g. of main), it is measured in the same way, in a
 * child process of its own, and the ratios printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeSyntheticDeal } from './synthetic.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
/** Median wall time and process CPU time (less sensitive to other processes on a shared machine). */
function time(f, runs) {
  const ms = [];
  const cpu = [];
  let value;
  for (let k = 0; k < runs; k++) {
    const c = process.cpuUsage();
    const t = performance.now();
    value = f();
    ms.push(performance.now() - t);
    const d = process.cpuUsage(c);
    cpu.push((d.user + d.system) / 1000);
  }
  return { ms: median(ms), cpu: median(cpu), value };
}

/** Measures one build; returns { name: ms }. */
async function measure(dist) {
  const load = (p) => import(pathToFileURL(join(dist, p)).href);
  const { loadDeal } = await load('io/loadDeal.js');
  const { dealSchedule } = await load('deal/periods.js');
  const { preparePool, poolPerformance } = await load('scenario/performance.js');
  const { Scenario } = await load('scenario/schema.js');
  const scenario = Scenario.parse({ defaultRate: { cumulative: 0.1 }, recovery: { rate: 0.3, lagPeriods: 6 } });
  const out = {};
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-pool-bench-'));
  try {
    for (const n of [1000, 10000]) {
      const { deal, diagnostics } = loadDeal(writeSyntheticDeal(join(dir, String(n)), n));
      if (!deal) throw new Error(diagnostics.map((d) => d.message).join('\n'));
      const { periods } = dealSchedule(deal.spec.dates);
      const prepare = () => preparePool(deal.assets, deal.spec.dates.cutoff, periods);
      out[`preparePool ${n} loans, first call`] = time(prepare, 1);
      const prepared = time(prepare, 5);
      out[`preparePool ${n} loans, flows known`] = prepared;
      if (n === 10000) out[`poolPerformance ${n} loans × 60, 10% cumulative`] = time(() => poolPerformance(prepared.value, scenario), 5);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[2] === '--child') {
  const out = await measure(resolve(process.argv[3]));
  process.stdout.write(JSON.stringify(Object.fromEntries(Object.entries(out).map(([k, { ms, cpu }]) => [k, { ms, cpu }]))));
} else {
  const here = fileURLToPath(import.meta.url);
  const run = (dist) => JSON.parse(execFileSync(process.execPath, [here, '--child', dist], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  const ours = run(resolve('dist'));
  const ref = process.argv[2] ? run(resolve(process.argv[2])) : undefined;
  const f = (x) => x.toFixed(1).padStart(8);
  for (const [name, { ms, cpu }] of Object.entries(ours)) {
    const r = ref?.[name];
    console.log(`${name.padEnd(48)} ${f(ms)} ms (cpu ${f(cpu)})${r === undefined ? '' : `   reference ${f(r.ms)} ms (cpu ${f(r.cpu)})   ×${(r.ms / ms).toFixed(1)} faster (cpu ×${(r.cpu / cpu).toFixed(1)})`}`);
  }
}
