#!/usr/bin/env node
/**
 * Big pools (issue 8, rows 3 and 4 of bench/run.js, in detail): synthetic pledge pools of 100,
 * 1,000 and 10,000 loans over 60 monthly periods: load, prepare (each on a freshly loaded deal:
 * contractual flows computed, not memoised), a base-case run, and runs at a 10% pool-wide
 * cumulative default rate (30% recovered after 6 periods) with and without detail; medians of
 * several runs in wall and CPU time (the machine is shared), and the scaling exponent of
 * load + prepare + run from 100 to 10,000 loans. Run after `npm run build`:
 *   node bench/bigpool.js [reference-dist]
 * A reference build (a copy of another dist inside the repository, so that it finds
 * node_modules: e.g. scratch/ref-dist, which git ignores) is measured the same way in its own
 * process, and the ratios printed.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { writeSyntheticDeal } from './synthetic.js';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const cpuNow = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
/** One timed call: wall and CPU milliseconds. */
const once = (f) => {
  const c = cpuNow();
  const t = performance.now();
  const value = f();
  return { ms: performance.now() - t, cpu: cpuNow() - c, value };
};
const med = (runs) => ({ ms: median(runs.map((r) => r.ms)), cpu: median(runs.map((r) => r.cpu)) });

async function measure(dist) {
  const load = (p) => import(pathToFileURL(join(dist, p)).href);
  const { loadDeal } = await load('io/loadDeal.js');
  const { prepareDeal, runDeal } = await load('engine/run.js');
  const { Scenario } = await load('scenario/schema.js');
  const stress = Scenario.parse({ defaultRate: { cumulative: 0.1 }, recovery: { rate: 0.3, lagPeriods: 6 } });
  const out = {};
  const dir = mkdtempSync(join(tmpdir(), 'ipabs-bigpool-'));
  try {
    for (const n of [100, 1000, 10000]) {
      const file = writeSyntheticDeal(join(dir, String(n)), n);
      const reps = n === 10000 ? 5 : 9;
      const rows = { load: [], prepare: [], run: [], total: [], detail: [], lean: [], leanTotal: [] };
      for (let r = 0; r < reps + 2; r++) {
        const l = once(() => loadDeal(file));
        const deal = l.value.deal;
        if (!deal) throw new Error(l.value.diagnostics.map((d) => d.message).join('\n'));
        const p = once(() => prepareDeal(deal));
        const b = once(() => runDeal(p.value));
        const d = once(() => runDeal(p.value, stress));
        const s = once(() => runDeal(p.value, stress, { detail: false }));
        if (r < 2) continue;
        rows.load.push(l);
        rows.prepare.push(p);
        rows.run.push(b);
        rows.total.push({ ms: l.ms + p.ms + b.ms, cpu: l.cpu + p.cpu + b.cpu });
        rows.detail.push(d);
        rows.lean.push(s);
        rows.leanTotal.push({ ms: l.ms + p.ms + s.ms, cpu: l.cpu + p.cpu + s.cpu });
      }
      out[`${n} loans: load`] = med(rows.load);
      out[`${n} loans: prepare`] = med(rows.prepare);
      out[`${n} loans: base run`] = med(rows.run);
      out[`${n} loans: load + prepare + run`] = med(rows.total);
      out[`${n} loans: run 10% cum. defaults, detail`] = med(rows.detail);
      out[`${n} loans: run 10% cum. defaults, detail:false`] = med(rows.lean);
      out[`${n} loans: load + prepare + 10% run, detail:false`] = med(rows.leanTotal);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}

if (process.argv[2] === '--child') {
  process.stdout.write(JSON.stringify(await measure(resolve(process.argv[3]))));
} else {
  const here = fileURLToPath(import.meta.url);
  const run = (dist) => JSON.parse(execFileSync(process.execPath, ['--max-old-space-size=4096', here, '--child', dist], { encoding: 'utf8', maxBuffer: 1 << 20 }));
  const ours = run(resolve('dist'));
  const ref = process.argv[2] ? run(resolve(process.argv[2])) : undefined;
  const f = (x) => x.toFixed(1).padStart(8);
  for (const [name, { ms, cpu }] of Object.entries(ours)) {
    const r = ref?.[name];
    console.log(`${name.padEnd(52)} ${f(ms)} ms (cpu ${f(cpu)})${r === undefined ? '' : `   reference ${f(r.ms)} ms (cpu ${f(r.cpu)})   ×${(r.ms / ms).toFixed(1)} (cpu ×${(r.cpu / cpu).toFixed(1)})`}`);
  }
  const key = (n) => `${n} loans: load + prepare + run`;
  const exp = (o) => Math.log(o[key(10000)].cpu / o[key(100)].cpu) / Math.log(100);
  console.log(`scaling exponent of load + prepare + run, 100 → 10,000 loans (CPU): ${exp(ours).toFixed(3)}${ref ? ` (reference ${exp(ref).toFixed(3)})` : ''}`);
}
