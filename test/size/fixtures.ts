/**
 * The sizing tests' deals. `handDeal`: one 100,000,000 bullet loan at 0% to 2022-01-18, a senior
 * and a subordinate without coupons, no fees: the senior is paid in full exactly when the pool
 * pays its balance, so at a cumulative default rate D (no recovery) it is repaid timely iff
 * A ≤ (1 − D) × 100,000,000. With a 5% base rate, AAA (5×) has TDR 25%: A = 75,000,000 is the
 * largest senior that earns AAA, and 76,000,000 (one 100万 step more) fails it.
 */
import type { DealInput } from '../../src/schema/deal.js';
import { tinyDeal, tinyDealInput } from '../stress/fixtures.js';

export function handDealInput(senior = '50000000.00', sub = '50000000.00'): DealInput {
  const d = tinyDealInput([{ id: 'L01', obligor: '借款人01', principal: '100000000.00', maturityDate: '2022-01-18' }]) as DealInput & Record<string, unknown>;
  const pool = d.pool as { assets: Record<string, unknown>[] };
  pool.assets[0]!['rate'] = '0';
  d.tranches = [
    { id: 'A', name: '测试优先', class: 'senior', balance: senior, expectedMaturity: '2022-01-28' },
    { id: 'B', name: '测试次级', class: 'subordinate', balance: sub, expectedMaturity: '2022-01-28' },
  ];
  d.fees = [];
  d.waterfalls = {
    normal: [
      { type: 'payPrincipal', tranches: ['A', 'B'], mode: 'sequential' },
      { type: 'payResidual', tranche: 'B' },
    ],
  };
  d.baseCase = { cumulativeDefaultRate: '0.05', recoveryRate: '0', recoveryLagPeriods: 0, assumed: { cumulativeDefaultRate: 'test' } };
  return d;
}

export const handDeal = (senior?: string, sub?: string) => tinyDeal(handDealInput(senior, sub));
