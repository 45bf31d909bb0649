/**
 * A floating loan on a flat index is the fixed loan: the floating schedule (Decimal, one rate per
 * period) gives exactly the flows of the fixed-rate schedule (integer fen) for every repayment
 * method, day count, frequency and cutoff, whatever the reset rule, since every fixing is the rate.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getCalendar } from '../../src/dates/calendar.js';
import { DAY_COUNTS } from '../../src/dates/daycount.js';
import { FloatingRate } from '../../src/fields/floating.js';
import { floatingLoanFlows } from '../../src/pool/floatingLoan.js';
import { loanSchedule, type RegularLoan } from '../../src/pool/loanSchedule.js';
import type { ContractualCashflows } from '../../src/pool/types.js';
import { rateEnv } from '../../src/rates/env.js';
import { Decimal } from '../../src/util/money.js';

const rows = (cf: ContractualCashflows) => [cf.balance.toFixed(2), ...cf.flows.map((f) => `${f.date} ${f.principal.toFixed(2)} ${f.interest.toFixed(2)}`)];
const calendar = getCalendar('weekends');

const loan = fc.record({
  principal: fc.integer({ min: 0, max: 1e11 }).map((f) => new Decimal(f).div(100)),
  rate: fc.integer({ min: 0, max: 300_000 }).map((r) => new Decimal(r).div(1_000_000)),
  dayCount: fc.constantFrom(...DAY_COUNTS),
  startDay: fc.integer({ min: 0, max: 3650 }),
  months: fc.integer({ min: 1, max: 120 }),
  repayment: fc.constantFrom('bullet', 'equalPrincipal', 'level') as fc.Arbitrary<RegularLoan['repayment']>,
  paymentEveryMonths: fc.constantFrom(1, 3, 6, 12, 5),
  cutoffShift: fc.integer({ min: -200, max: 2000 }),
  reset: fc.constantFrom('eachPeriod', 'anniversary'),
  lagDays: fc.integer({ min: 0, max: 10 }),
});

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('a floating loan on a flat index', () => {
  it('property: gives the fixed-rate schedule exactly (bullet, equal principal, level; every day count)', () => {
    fc.assert(
      fc.property(loan, (l) => {
        const start = new Date(Date.UTC(2018, 0, 1) + l.startDay * 86_400_000);
        const maturity = new Date(start);
        maturity.setUTCMonth(maturity.getUTCMonth() + l.months);
        const cutoff = day(start.getTime() + l.cutoffShift * 86_400_000);
        const spec: RegularLoan = { ...l, startDate: day(start.getTime()), maturityDate: day(maturity.getTime()) };
        const env = rateEnv({ X: { history: [{ date: '2000-01-01', value: l.rate }], forward: [] } }, calendar);
        const floating = FloatingRate.parse({ index: 'X', reset: l.reset, lagDays: l.lagDays });
        expect(rows(floatingLoanFlows({ ...spec, floating }, cutoff, env))).toEqual(rows(loanSchedule(spec, cutoff)));
      }),
      { numRuns: 500 },
    );
  });
});

describe('a floating loan on an explicit schedule', () => {
  it('on a flat index gives the fixed loan’s flows; across a change, each period at its own rate', async () => {
    const { pledgeLoan, PledgeLoan } = await import('../../src/pool/assets/pledgeLoan.js');
    const loan = PledgeLoan.parse({
      type: 'pledgeLoan', id: 'S1', obligor: 'o', principal: '3000000', rate: '0.05', startDate: '2024-01-15', maturityDate: '2024-12-15', repayment: 'schedule',
      schedule: [{ date: '2024-03-15', principal: '1000000' }, { date: '2024-07-15', principal: '1000000' }, { date: '2024-12-15', principal: '1000000' }],
      floating: { index: 'X', spread: '100bp' },
    });
    const flat = rateEnv({ X: { history: [{ date: '2020-01-01', value: new Decimal('0.04') }], forward: [] } }, calendar);
    expect(rows(pledgeLoan.contractual(loan, '2024-01-31', flat))).toEqual(rows(pledgeLoan.contractual(loan, '2024-01-31')));
    // The index falls to 3% on 2024-06-01: the period from 2024-07-15 accrues at 4%.
    // 3,000,000 × 5% × 60/365 = 24,657.53 (the rate in force: the period starts before the cutoff);
    // 2,000,000 × 5% × 122/365 = 33,424.66 (fixed on 2024-03-15: 4% + 1%); 1,000,000 × 4% × 153/365 = 16,767.12.
    const cut = rateEnv({ X: { history: [{ date: '2020-01-01', value: new Decimal('0.04') }, { date: '2024-06-01', value: new Decimal('0.03') }], forward: [] } }, calendar);
    expect(pledgeLoan.contractual(loan, '2024-01-31', cut).flows.map((f) => f.interest.toFixed(2))).toEqual(['24657.53', '33424.66', '16767.12']);
  });
});
