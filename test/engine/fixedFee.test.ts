/**
 * Fixed fees by contract (issue 9, item 8), computed by hand: an annual fee in equal shares per
 * period (a leap year changes nothing), by day count only when asked, a stub first period pro
 * rata by days; and a fee whose base changes when the senior retires.
 */
import { describe, expect, it } from 'vitest';
import { fixedFeeAmounts, monthsBetween } from '../../src/engine/fixedFee.js';
import { runDeal } from '../../src/engine/run.js';
import type { LoadedDeal } from '../../src/io/loadDeal.js';
import { loadInlineDeal, PAYMENT_DATES, quarterlyDealInput, receivables } from '../fixtures/quarterlyDeal.js';
import { Fee } from '../../src/schema/fees.js';
import { Scenario } from '../../src/scenario/schema.js';
import type { FeeSpec } from '../../src/schema/deal.js';
import { Decimal } from '../../src/util/money.js';
import { fmtFen, type Money } from '../../src/util/fen.js';

type Fixed = Extract<FeeSpec, { kind: 'fixed' }>;
const fixed = (fields: Record<string, unknown>) => Fee.parse({ kind: 'fixed', id: 'rating', name: '跟踪评级费', ...fields }) as Fixed;
const periods = (dates: string[]) => dates.map((nominalDate) => ({ nominalDate }));
const yuan = (xs: Decimal[]) => xs.map((x) => x.toFixed(2));
const total = (xs: Decimal[]) => xs.reduce((a, x) => a.plus(x), new Decimal(0)).toFixed(2);

// 2024 is a leap year: 2024-02-26 → 05-26 → 08-26 → 11-26 → 2025-02-26 is 90 + 92 + 92 + 92 = 366 days.
const LEAP_YEAR = periods(['2024-05-26', '2024-08-26', '2024-11-26', '2025-02-26']);

describe('a fixed annual fee paid per period', () => {
  it('a leap year: 50,000 a year pays 12,500.00 a quarter, 50,000.00 in the year (not 50,136.99)', () => {
    const fee = fixed({ amount: '50000.00', per: 'year' });
    expect(fee.accrual).toBe('equal');
    const paid = fixedFeeAmounts(fee, LEAP_YEAR, '2024-02-26');
    expect(yuan(paid)).toEqual(['12500.00', '12500.00', '12500.00', '12500.00']);
    expect(total(paid)).toBe('50000.00');
  });

  it('by day count only when the deal asks: 50,000 × 90/365, × 92/365 … = 50,136.99 over the leap year', () => {
    // 50,000 × 90/365 = 12,328.767… → 12,328.77; × 92/365 = 12,602.739… → 12,602.74 (three times).
    const paid = fixedFeeAmounts(fixed({ amount: '50000.00', per: 'year', accrual: 'dayCount' }), LEAP_YEAR, '2024-02-26');
    expect(yuan(paid)).toEqual(['12328.77', '12602.74', '12602.74', '12602.74']);
    expect(total(paid)).toBe('50136.99');
    // ACT/ACT (ISDA): the last quarter has 36 days in 2024 (11-26 → 2025-01-01) and 56 in 2025.
    const actAct = fixedFeeAmounts(fixed({ amount: '50000.00', per: 'year', accrual: 'dayCount', dayCount: 'ACT/ACT' }), LEAP_YEAR, '2024-02-26');
    // 50,000 × 90/366 = 12,295.081… → 12,295.08; × 92/366 = 12,568.306… → 12,568.31 (twice);
    // 50,000 × (36/366 + 56/365) = 4,918.032… + 7,671.232… = 12,589.265… → 12,589.27.
    expect(yuan(actAct)).toEqual(['12295.08', '12568.31', '12568.31', '12589.27']);
  });

  it('a stub first period: pro rata by days of the regular quarter ending on the first date', () => {
    // 广开专利: closing 2019-09-11, first date 2019-11-26; the regular quarter 2019-08-26 → 11-26 has
    // 92 days, the stub 76: 12,500 × 76/92 = 10,326.086… → 10,326.09; then 12,500.00 a quarter.
    const dates = periods(['2019-11-26', '2020-02-26', '2020-05-26', '2020-08-26', '2020-11-26']);
    const fee = fixed({ amount: '50000.00', per: 'year' });
    expect(yuan(fixedFeeAmounts(fee, dates, '2019-09-11'))).toEqual(['10326.09', '12500.00', '12500.00', '12500.00', '12500.00']);
    // A contract paying the whole share for the first period:
    expect(yuan(fixedFeeAmounts(fixed({ amount: '50000.00', per: 'year', firstPeriod: 'full' }), dates, '2019-09-11'))[0]).toBe('12500.00');
    // A long first period (closing 2019-07-15, 134 days to 11-26): 12,500 × 134/92 = 18,206.521… → 18,206.52.
    expect(yuan(fixedFeeAmounts(fee, dates, '2019-07-15'))[0]).toBe('18206.52');
  });

  it('shares round on the running total: every twelve months pay exactly the annual fee', () => {
    // 100.01 a year, quarterly: through Q1 25.0025 → 25.00; Q2 50.005 → 50.01; Q3 75.0075 → 75.01; Q4 100.01.
    const paid = fixedFeeAmounts(fixed({ amount: '100.01', per: 'year' }), LEAP_YEAR, '2024-02-26');
    expect(yuan(paid)).toEqual(['25.00', '25.01', '25.00', '25.00']);
    // Monthly, 100,000 a year: 8,333.33 or 8,333.34, the year exactly 100,000.00.
    const months = periods(Array.from({ length: 12 }, (_, i) => `2025-${String(i + 2).padStart(2, '0')}-15`.replace('2025-13', '2026-01')));
    const monthly = fixedFeeAmounts(fixed({ amount: '100000.00', per: 'year' }), months, '2025-01-15');
    expect(new Set(yuan(monthly))).toEqual(new Set(['8333.33', '8333.34']));
    expect(total(monthly)).toBe('100000.00');
  });

  it('per period: the amount on every date', () => {
    expect(yuan(fixedFeeAmounts(fixed({ amount: '10000.00', per: 'period' }), LEAP_YEAR, '2024-01-01'))).toEqual(Array(4).fill('10000.00'));
  });

  it('a date list: each period counts the whole months between its dates; the first, the second’s', () => {
    expect(monthsBetween('2024-02-26', '2024-05-26')).toBe(3);
    expect(monthsBetween('2023-01-31', '2023-02-28')).toBe(1);
    expect(monthsBetween('2024-05-26', '2024-11-26')).toBe(6);
    // 40,000 a year: two quarters, then a half year: 10,000.00, 10,000.00 and 20,000.00.
    const fee = fixed({ amount: '40000.00', per: 'year' });
    expect(yuan(fixedFeeAmounts(fee, periods(['2024-05-26', '2024-08-26', '2025-02-26']), '2024-02-26'))).toEqual(['10000.00', '10000.00', '20000.00']);
    // A single date a year after the closing: the whole annual fee.
    expect(yuan(fixedFeeAmounts(fee, periods(['2025-02-26']), '2024-02-26'))).toEqual(['40000.00']);
  });
});

/**
 * A small deal: the pool pays 1,600万, 1,600万, 500万, 500万; A 3,000万 is repaid 1,500万 on each of
 * the first two dates; B 1,000万 takes what is left once A is repaid (retained before).
 */
function feeBaseDeal(base: string): LoadedDeal {
  const input = quarterlyDealInput({ id: 'fee-base', name: '费用基数测试计划' }, {
    pool: { assets: receivables(1, (q) => (q < 2 ? '16000000.00' : '5000000.00')) },
    tranches: [
      {
        id: 'A', name: '优先级', class: 'senior', balance: '30000000.00', coupon: '0.04', dayCount: '30/360', expectedMaturity: '2025-07-01',
        principal: { type: 'schedule', payments: PAYMENT_DATES.slice(0, 2).map((date) => ({ date, amount: '15000000.00' })) },
      },
      { id: 'B', name: '次级', class: 'subordinate', balance: '10000000.00', expectedMaturity: '2026-01-01' },
    ],
    fees: [{ id: 'mgmt', name: '管理费', kind: 'rateOnBalance', rate: '0.001', base, tranches: ['A', 'B'], dayCount: '30/360' }],
    accounts: [{ id: 'collection', name: '专项计划账户', kind: 'collection' }],
    waterfalls: {
      normal: [
        { type: 'payFees', fees: ['mgmt'] },
        { type: 'payInterest', tranches: ['A'] },
        { type: 'payPrincipal', tranches: ['A'] },
        { type: 'payResidual', tranche: 'B' },
      ],
    },
  });
  return loadInlineDeal(input, 'fee-base.json');
}

const mgmtFees = (base: string) => runDeal(feeBaseDeal(base), Scenario.parse({})).fees[0]!.periods.map((p) => fmtFen(p.paid as Money));

describe('a fee whose base changes when the senior retires', () => {
  // 0.1% a year, 30/360 quarters (90/360 = 0.25): 0.00025 of the base each date. A retires on the
  // 2nd date (2025-07-01), so from the 3rd date it is no longer outstanding.
  it('issueOutstanding: the issue size of the tranches still outstanding (A leaves the base when it retires)', () => {
    // P1, P2: (3,000万 + 1,000万) × 0.00025 = 10,000.00; P3, P4: 1,000万 × 0.00025 = 2,500.00 (B is
    // still outstanding: it receives 1,600万 + 69万 retained − 10,000 − 150,000 − 1,500万 = 1,530,000
    // on the 2nd date and 5,000,000 − 2,500 on the 3rd).
    expect(mgmtFees('issueOutstanding')).toEqual(['10000.00', '10000.00', '2500.00', '2500.00']);
  });

  it('issue: the issue size all life; tranches: the outstanding balances', () => {
    expect(mgmtFees('issue')).toEqual(['10000.00', '10000.00', '10000.00', '10000.00']);
    // P2: (1,500万 + 1,000万) × 0.00025 = 6,250.00; B then receives 16,690,000 − 6,250 − 150,000 −
    // 15,000,000 = 1,533,750, leaving 8,466,250: P3 8,466,250 × 0.00025 = 2,116.5625 → 2,116.56;
    // B receives 5,000,000 − 2,116.56, leaving 3,468,366.56: P4 × 0.00025 = 867.09.
    expect(mgmtFees('tranches')).toEqual(['10000.00', '6250.00', '2116.56', '867.09']);
  });
});
