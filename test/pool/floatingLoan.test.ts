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
