#!/usr/bin/env node
/**
 * Loading and contractual flows of synthetic pledge pools (1,000 and 10,000 loans × 60 monthly
 * periods): `loadDeal`, then `contractualCashflowsOnce` (Decimal) and, where the build has it,
 * `contractualFen` (whole fen) over every asset of a freshly loaded deal; the median of 5 runs
 * after 3 warm-ups, in CPU time (on a machine shared with other jobs, time spent waiting for a
 * core is not the code's) and wall time. `--dist DIR` times another build (a copy of an older
 * dist inside the repository, so that it finds node_modules); compare runs in separate processes.
 * Needs the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSyntheticDeal } from './synthetic.js';

const at = process.argv.indexOf('--dist');
const dist = resolve(at > 0 ? process.argv[at + 1] : new URL('../dist', import.meta.url).pathname);
const { loadDeal } = await import(pathToFileURL(join(dist, 'io/loadDeal.js')).href);
const pool = await import(pathToFileURL(join(dist, 'pool/index.js')).href);
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (fn) => {
  const c = cpu();
  const w = performance.now();
  const value = fn();
  return { cpu: cpu() - c, wall: performance.now() - w, value };
};
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const show = (runs) => (runs.length ? `${median(runs.map((r) => r.cpu)).toFixed(1)} ms CPU (${median(runs.map((r) => r.wall)).toFixed(1)} wall)` : 'n/a');
const dir = mkdtempSync(join(tmpdir(), 'ipabs-lp-'));
try {
  for (const n of [1000, 10000]) {
    const file = writeSyntheticDeal(join(dir, String(n)), n);
    const load = [];
    const flows = [];
    const fen = [];
    for (let k = 0; k < 8; k++) {
      const l = time(() => loadDeal(file));
      const deal = l.value.deal;
      if (!deal) throw new Error(l.value.diagnostics.map((d) => d.message).join('\n'));
      const cutoff = deal.spec.dates.cutoff;
      const f = time(() => deal.assets.forEach((a) => pool.contractualCashflowsOnce(a, cutoff)));
      const z = pool.contractualFen ? time(() => deal.assets.forEach((a) => pool.contractualFen(a, cutoff))) : undefined;
      if (k < 3) continue;
      load.push(l);
      flows.push(f);
      if (z) fen.push(z);
    }
    console.log(`${n} loans (${dist}): load ${show(load)}; contractualCashflows ${show(flows)}; contractualFen ${show(fen)} (median of 5)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
