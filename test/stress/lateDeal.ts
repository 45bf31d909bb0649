/**
 * A small deal to work lateness out by hand: four receivables of 2,000万 each (债务人01 … 04),
 * each repaying 500万 on 2025-03-31, 06-30, 09-30 and 12-31; four quarterly payment dates
 * 2025-04-01 … 2026-01-01 (no business-day adjustment), 30/360 so a quarter is exactly 1/4 year.
 * Senior A 5,500万 at 4% (1% a quarter), expected maturity 2025-10-01 (the third date), legal
 * maturity 2026-01-01 (the last); subordinate B 2,500万 at 8% (2% a quarter, 期间收益), expected
 * maturity 2026-01-01. No fees, no supports. Without defaults A is repaid on its expected maturity.
 *
 * Normal waterfall: A interest, B interest, A principal, B principal, residual to B. With the
 * 违约事件 trigger (A unpaid at its expected maturity), the post-default waterfall: A interest,
 * A principal, and only then B's interest and principal.
 */
import type { DealInput } from '../../src/schema/deal.js';
import { quarterlyDealInput, receivables } from '../fixtures/quarterlyDeal.js';

export function lateDealInput(withTrigger: boolean): DealInput {
  const normal = [
    { type: 'payInterest', tranches: ['A'] },
    { type: 'payInterest', tranches: ['B'] },
    { type: 'payPrincipal', tranches: ['A', 'B'], mode: 'sequential' },
    { type: 'payResidual', tranche: 'B' },
  ];
  return quarterlyDealInput({ id: 'late-senior', name: '预期到期测试计划' }, {
    pool: { assets: receivables(4, '5000000.00') },
    tranches: [
      { id: 'A', name: '优先级', class: 'senior', balance: '55000000.00', coupon: '0.04', dayCount: '30/360', expectedMaturity: '2025-10-01', legalMaturity: '2026-01-01' },
      { id: 'B', name: '次级', class: 'subordinate', balance: '25000000.00', coupon: '0.08', dayCount: '30/360', expectedMaturity: '2026-01-01' },
    ],
    triggers: withTrigger
      ? [{ id: 'eod', name: '违约事件', condition: { type: 'unpaidAtExpectedMaturity', tranches: ['A'] }, effect: { type: 'switchWaterfall', to: 'default' } }]
      : [],
    waterfalls: withTrigger
      ? {
          normal,
          default: [
            { type: 'payInterest', tranches: ['A'] },
            { type: 'payPrincipal', tranches: ['A'] },
            { type: 'payInterest', tranches: ['B'] },
            { type: 'payPrincipal', tranches: ['B'] },
            { type: 'payResidual', tranche: 'B' },
          ],
        }
      : { normal },
  });
}
