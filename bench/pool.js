/**
 * Pool performance alone (issue 8, item 8): preparePool on 1,000 and 10,000 synthetic pledge
 * loans over 60 monthly periods, and poolPerformance on 10,000 loans at a 10% cumulative default
 * rate (30% recovered after 6 periods). Medians of 5 runs, in ms. Run after `npm run build`:
 *   node bench/pool.js [dist-dir]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSyntheticDeal } from './synthetic.js';

const dist = resolve(process.argv[2] ?? 'dist');
const load = (p) => import(pathToFileURL(join(dist, p)).href);
const { loadDeal } = await load('io/loadDeal.js');
const { dealSchedule } = await load('deal/periods.js');
const { preparePool, poolPerformance } = await load('scenario/performance.js');
const { Scenario } = await load('scenario/schema.js');

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
function time(f, runs = 5) {
  const ms = [];
  let value;
  for (let k = 0; k < runs; k++) {
    const t = performance.now();
    value = f();
    ms.push(performance.now() - t);
  }
  return { ms: median(ms), all: ms, value };
}

const dir = mkdtempSync(join(tmpdir(), 'ipabs-pool-bench-'));
try {
  const scenario = Scenario.parse({ defaultRate: { cumulative: 0.1 }, recovery: { rate: 0.3, lagPeriods: 6 } });
  for (const n of [1000, 10000]) {
    const loaded = loadDeal(writeSyntheticDeal(join(dir, String(n)), n));
    if (!loaded.deal) throw new Error(loaded.diagnostics.map((d) => d.message).join('\n'));
    const deal = loaded.deal;
    const { periods } = dealSchedule(deal.spec.dates);
    const prep = time(() => preparePool(deal.assets, deal.spec.dates.cutoff, periods));
    console.log(`preparePool ${n} loans × ${periods.length} periods: ${prep.ms.toFixed(1)} ms (runs ${prep.all.map((x) => x.toFixed(0)).join(', ')})`);
    if (n === 10000) {
      const perf = time(() => poolPerformance(prep.value, scenario));
      const per = (perf.ms * 1000) / (n * periods.length);
      console.log(`poolPerformance ${n} loans × ${periods.length} periods, 10% cumulative: ${perf.ms.toFixed(1)} ms, ${per.toFixed(2)} µs per asset-period (runs ${perf.all.map((x) => x.toFixed(0)).join(', ')}); ${perf.value.events.length} default events`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
