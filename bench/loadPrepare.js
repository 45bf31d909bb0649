#!/usr/bin/env node
/**
 * Load and contractual-flow preparation of synthetic pledge pools (1,000 and 10,000 loans × 60
 * monthly periods): the median of 5 runs each, `loadDeal` and `contractualCashflowsOnce` over
 * every asset. Needs the build. `node bench/loadPrepare.js [--dist path]` (another build to compare).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeSyntheticDeal } from './synthetic.js';

const at = process.argv.indexOf('--dist');
const dist = resolve(at > 0 ? process.argv[at + 1] : new URL('../dist', import.meta.url).pathname);
const { loadDeal } = await import(pathToFileURL(join(dist, 'io/loadDeal.js')).href);
const { contractualCashflowsOnce } = await import(pathToFileURL(join(dist, 'pool/index.js')).href);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'ipabs-lp-'));
try {
  for (const n of [1000, 10000]) {
    const file = writeSyntheticDeal(join(dir, String(n)), n);
    const load = [];
    const prep = [];
    let check = '';
    for (let k = 0; k < 6; k++) {
      let t = performance.now();
      const { deal, diagnostics } = loadDeal(file);
      if (!deal) throw new Error(diagnostics.map((d) => d.message).join('\n'));
      const l = performance.now() - t;
      t = performance.now();
      const cfs = deal.assets.map((a) => contractualCashflowsOnce(a, deal.spec.dates.cutoff));
      const p = performance.now() - t;
      if (k > 0) (load.push(l), prep.push(p)); // the first run warms up
      check = String(cfs.reduce((s, cf) => s + cf.flows.length, 0));
    }
    console.log(`${n} loans: load ${median(load).toFixed(1)} ms, contractual flows ${median(prep).toFixed(1)} ms (median of 5; ${check} flows)`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
