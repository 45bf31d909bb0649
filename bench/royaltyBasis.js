#!/usr/bin/env node
/**
 * A royalty pool on a purchase-price basis (pool.basis { price: 'purchasePrice' }) against the same
 * pool without a basis: 广开专利's 11 contracts repeated to N (default 19,800) with varied totals,
 * loaded (the basis allocated and each contract amortised at its own yield), prepared and run.
 * Prints the median of 3 of each. Usage: node bench/royaltyBasis.js [N]. Needs the build.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadDeal } from '../dist/io/loadDeal.js';
import { prepareDeal, runDeal } from '../dist/engine/run.js';

const n = Number(process.argv[2] ?? 19_800);
const base = JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8'));
const fen = (yuan) => BigInt(yuan.replace('.', ''));
const yuan = (f) => `${f / 100n}.${String(f % 100n).padStart(2, '0')}`;

/** The deal with n contracts, each a copy of one of the 11 with its royalties scaled by (100 + i % 37) / 100. */
function bigDeal(withBasis) {
  const deal = structuredClone(base);
  const assets = [];
  let total = 0n;
  for (let i = 0; i < n; i++) {
    const a = structuredClone(base.pool.assets[i % base.pool.assets.length]);
    const t = (fen(a.royalties.total) * BigInt(100 + (i % 37))) / 100n;
    delete a.assumed;
    a.id = `C${i + 1}`;
    a.obligor = `专利客户${i + 1}`;
    a.royalties.total = yuan(t);
    a.firstLicenseFee = yuan((t * 10n) / 13n);
    total += t;
    assets.push(a);
  }
  deal.pool.assets = assets;
  deal.pool.purchasePrice = yuan((total * 10n) / 13n);
  if (withBasis) deal.pool.basis = { price: 'purchasePrice' };
  // The tranches scaled to the pool, so the deal stays valid.
  const scale = Number(total) / Number(fen('391300000.00'));
  for (const t of deal.tranches) t.balance = yuan(BigInt(Math.round(Number(fen(t.balance)) * scale)));
  return deal;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = mkdtempSync(join(tmpdir(), 'ipabs-bench-basis-'));
try {
  for (const withBasis of [false, true]) {
    const file = join(dir, `deal-${withBasis}.json`);
    writeFileSync(file, JSON.stringify(bigDeal(withBasis)));
    const times = { load: [], prepareRun: [] };
    for (let k = 0; k < 3; k++) {
      let t = performance.now();
      const { deal, diagnostics } = loadDeal(file);
      if (!deal) throw new Error(diagnostics.map((d) => `${d.path}: ${d.message}`).slice(0, 5).join('\n'));
      times.load.push(performance.now() - t);
      t = performance.now();
      runDeal(prepareDeal(deal));
      times.prepareRun.push(performance.now() - t);
    }
    console.log(`${n.toLocaleString('en-US')} royalties, ${withBasis ? 'purchase-price basis' : 'no basis          '}: load ${median(times.load).toFixed(0)} ms, prepare + run ${median(times.prepareRun).toFixed(0)} ms`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
