#!/usr/bin/env node
/**
 * Loading and contractual flows of synthetic pledge pools (1,000 and 10,000 loans × 60 monthly
 * periods): `loadDeal`, `contractualCashflows` (Decimal) and, where the build has it,
 * `contractualFen` (whole fen) over every asset, median of 5 runs after a warm-up, in CPU time. With
 * `--against <dist>` (a copy of an earlier build, inside the repository so it finds
 * node_modules) both builds run alternately in this one process and the ratios are printed:
 * the machine is noisy, so only a comparison in one script means much. Needs the build.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSyntheticDeal } from './synthetic.js';

const builds = [{ name: 'this build', dir: resolve(new URL('../dist', import.meta.url).pathname) }];
const at = process.argv.indexOf('--against');
if (at > 0) builds.unshift({ name: 'reference', dir: resolve(process.argv[at + 1]) });
for (const b of builds) {
  b.loadDeal = (await import(pathToFileURL(join(b.dir, 'io/loadDeal.js')).href)).loadDeal;
  const pool = await import(pathToFileURL(join(b.dir, 'pool/index.js')).href);
  b.flows = pool.contractualCashflowsOnce;
  b.fen = pool.contractualFen;
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
// CPU time of the process (all its threads): on a machine shared with other jobs, time spent
// waiting for a core is not the code's; wall time would count it.
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const time = (fn) => {
  const t = cpuMs();
  const value = fn();
  return { ms: cpuMs() - t, value };
};
const dir = mkdtempSync(join(tmpdir(), 'ipabs-lp-'));
try {
  for (const n of [1000, 10000]) {
    const file = writeSyntheticDeal(join(dir, String(n)), n);
    const runs = new Map(builds.map((b) => [b, { load: [], flows: [], fen: [] }]));
    for (let k = 0; k < 6; k++) {
      for (const b of builds) {
        const r = runs.get(b);
        const load = time(() => b.loadDeal(file));
        const deal = load.value.deal;
        if (!deal) throw new Error(load.value.diagnostics.map((d) => d.message).join('\n'));
        const cutoff = deal.spec.dates.cutoff;
        const flows = time(() => deal.assets.map((a) => b.flows(a, cutoff)));
        const fen = b.fen ? time(() => deal.assets.map((a) => b.fen(a, cutoff))) : undefined;
        if (k === 0) continue; // a warm-up
        r.load.push(load.ms);
        r.flows.push(flows.ms);
        if (fen) r.fen.push(fen.ms);
      }
    }
    for (const b of builds) {
      const r = runs.get(b);
      const fen = r.fen.length ? `, contractualFen ${median(r.fen).toFixed(1)} ms` : '';
      console.log(`${n} loans, ${b.name}: load ${median(r.load).toFixed(1)} ms, contractualCashflows ${median(r.flows).toFixed(1)} ms${fen} (CPU ms, median of 5)`);
    }
    if (builds.length === 2) {
      const [ref, now] = builds.map((b) => runs.get(b));
      const ratio = (k) => (median(ref[k]) / median(now[k])).toFixed(1);
      const fenRatio = now.fen.length ? `; contractualFen against the reference's Decimal flows ${(median(ref.flows) / median(now.fen)).toFixed(1)}×` : '';
      console.log(`  ${n} loans: load ${ratio('load')}× faster, contractualCashflows ${ratio('flows')}× faster${fenRatio}`);
    }
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
