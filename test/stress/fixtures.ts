/**
 * Shared fixtures of the stress tests: small deals built inline (validated like a deal file),
 * loading the sample deals once, and a check that `dist/` is built from the current sources
 * (worker threads and `bin/ipabs.js` run the built code).
 */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { prepareDeal, type PreparedDeal } from '../../src/engine/run.js';
import { loadDeal, type LoadedDeal } from '../../src/io/loadDeal.js';
import { loadInlineDeal } from '../fixtures/quarterlyDeal.js';
import type { DealInput } from '../../src/schema/deal.js';

/** Loads a deal file that must be valid. */
export function mustLoad(file: string): LoadedDeal {
  const { deal, diagnostics } = loadDeal(file);
  expect(diagnostics.filter((d) => d.severity === 'error'), file).toEqual([]);
  return deal!;
}

const prepared = new Map<string, { deal: LoadedDeal; prepared: PreparedDeal }>();

/** A sample deal, loaded and prepared once per test file. */
export function sample(file: string): { deal: LoadedDeal; prepared: PreparedDeal } {
  let p = prepared.get(file);
  if (!p) {
    const deal = mustLoad(file);
    p = { deal, prepared: prepareDeal(deal) };
    prepared.set(file, p);
  }
  return p;
}

export interface TinyLoan {
  id: string;
  obligor: string;
  principal: string;
  maturityDate: string;
  repayment?: 'bullet' | 'equalPrincipal';
  defaultProbability?: string;
}

/**
 * A small pledge-loan deal: cutoff 2021-01-18, closing 2021-01-28, four quarterly payment dates
 * 2021-04-28 … 2022-01-28 (collection periods end on them: 100, 91, 92 and 92 days from the
 * cutoff). Loans start on the cutoff at 5% (ACT/365F) and pay quarterly from 2021-04-18. A senior
 * (3.5%) and a subordinate tranche, paid sequentially; one management fee. No supports, no
 * triggers, no reserve: what the pool pays is what the tranches get.
 */
export function tinyDealInput(loans: readonly TinyLoan[], seniorShare = 0.8): DealInput {
  const total = loans.reduce((a, l) => a + Number(l.principal), 0);
  const senior = Math.round(total * seniorShare);
  return {
    schemaVersion: 1,
    meta: { id: 'tiny', name: '测试知识产权质押贷款资产支持专项计划', structure: 'pledgeLoan' },
    dates: {
      cutoff: '2021-01-18',
      closing: '2021-01-28',
      paymentDates: { everyMonths: 3, day: 28, first: '2021-04-28', last: '2022-01-28' },
    },
    pool: {
      purchasePrice: total.toFixed(2),
      assets: loans.map((l) => ({
        type: 'pledgeLoan' as const,
        id: l.id,
        obligor: l.obligor,
        principal: l.principal,
        rate: '0.05',
        startDate: '2021-01-18',
        maturityDate: l.maturityDate,
        repayment: l.repayment ?? 'bullet',
        ...(l.defaultProbability !== undefined ? { defaultProbability: l.defaultProbability } : {}),
      })),
    },
    tranches: [
      { id: 'A', name: '测试优先', class: 'senior', balance: senior.toFixed(2), coupon: '0.035', expectedMaturity: '2022-01-28' },
      { id: 'B', name: '测试次级', class: 'subordinate', balance: (total - senior).toFixed(2), expectedMaturity: '2022-01-28' },
    ],
    fees: [{ kind: 'rateOnBalance', id: 'mgmt', name: '管理费', rate: '0.001' }],
    accounts: [{ id: 'collection', name: '专项计划账户', kind: 'collection' }],
    waterfalls: {
      normal: [
        { type: 'payFees', fees: ['mgmt'] },
        { type: 'payInterest', tranches: ['A'] },
        { type: 'payPrincipal', tranches: ['A', 'B'], mode: 'sequential' },
        { type: 'payResidual', tranche: 'B' },
      ],
    },
  } as DealInput;
}

/** Validates an inline deal as `loadDeal` would a file, and prepares it. */
export function tinyDeal(input: DealInput, file = 'tiny.json'): { deal: LoadedDeal; prepared: PreparedDeal } {
  const deal = loadInlineDeal(input, file);
  return { deal, prepared: prepareDeal(deal) };
}

/** One 10,000,000 bullet loan to 2022-01-18: the simplest pool to compute by hand. */
export function oneLoanDeal(): { deal: LoadedDeal; prepared: PreparedDeal } {
  return tinyDeal(tinyDealInput([{ id: 'L01', obligor: '借款人01', principal: '10000000.00', maturityDate: '2022-01-18' }], 0.95));
}

function newest(dir: string, ext: string): number {
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) t = Math.max(t, newest(p, ext));
    else if (e.name.endsWith(ext)) t = Math.max(t, statSync(p).mtimeMs);
  }
  return t;
}

/**
 * Throws unless `dist/` exists and is newer than every source file: the worker threads and
 * `bin/ipabs.js` run the built code, so a stale build would test old code.
 */
export function requireFreshDist(): void {
  const hint = 'run `npm run build` first: worker threads and bin/ipabs.js run the built dist/';
  if (!existsSync('dist/stress/mcWorker.js') || !existsSync('dist/cli/main.js')) throw new Error(`dist/ is missing; ${hint}`);
  const src = newest('src', '.ts');
  const dist = Math.min(statSync('dist/stress/mcWorker.js').mtimeMs, statSync('dist/cli/main.js').mtimeMs, statSync('dist/stress/parallel.js').mtimeMs);
  if (dist < src) throw new Error(`dist/ is older than src/; ${hint}`);
}
