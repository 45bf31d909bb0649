/** Hand-computed schedules, one small contract per asset type, the arithmetic in the comments. */
import { describe, expect, it } from 'vitest';
import { contractualCashflows, type ContractualCashflows } from '../../src/pool/index.js';
import { levelPayments, loanDates, equalSplit, regularDates } from '../../src/pool/common.js';
import { riskReserveOf } from '../../src/pool/assets/royalty.js';
import { Lease, PledgeLoan, Receivable, Royalty, ScheduledFlow } from '../../src/schema/pool.js';
import type { AssetSpec } from '../../src/schema/deal.js';
import { dec, sum } from '../../src/util/money.js';

/** Flows as [date, principal, interest] strings. */
function rows(cf: ContractualCashflows): [string, string, string][] {
  return cf.flows.map((f) => [f.date, f.principal.toFixed(2), f.interest.toFixed(2)]);
}
const run = (asset: unknown, cutoff: string) => contractualCashflows(asset as AssetSpec, cutoff);

const loan = (fields: Record<string, unknown>) =>
  PledgeLoan.parse({ type: 'pledgeLoan', id: 'L1', obligor: '借款人', ...fields });

describe('pledgeLoan', () => {
  it('level (等额本息): 1,000,000.00 at 6% a year, monthly over 12 months', () => {
    // Periodic rate r = 6% × 1/12 = 0.5%. Payment = P·r / (1 − (1+r)^−12)
    //   = 1,000,000 × 0.005 / (1 − 1.005^−12) = 5,000 / 0.058095... = 86,066.4302... → 86,066.43.
    // Month 1: interest 1,000,000.00 × 0.5% = 5,000.00; principal 86,066.43 − 5,000.00 = 81,066.43;
    //          balance 918,933.57.
    // Month 2: interest 918,933.57 × 0.5% = 4,594.66785 → 4,594.67; principal 81,471.76.
    // Month 3: balance 837,461.81 × 0.5% = 4,187.30905 → 4,187.31; principal 81,879.12.
    // …
    // Month 12: the balance left, 85,638.23, is repaid in full; interest 85,638.23 × 0.5% =
    //          428.19115 → 428.19, so the last payment is 86,066.42 (one fen less).
    const cf = run(
      loan({ principal: '1000000.00', rate: '0.06', startDate: '2021-01-15', maturityDate: '2022-01-15', repayment: 'level', paymentEveryMonths: 1 }),
      '2021-01-15',
    );
    const r = rows(cf);
    expect(cf.balance.toFixed(2)).toBe('1000000.00');
    expect(r.length).toBe(12);
    expect(r[0]).toEqual(['2021-02-15', '81066.43', '5000.00']);
    expect(r[1]).toEqual(['2021-03-15', '81471.76', '4594.67']);
    expect(r[2]).toEqual(['2021-04-15', '81879.12', '4187.31']);
    expect(r[11]).toEqual(['2022-01-15', '85638.23', '428.19']);
    for (const f of cf.flows.slice(0, 11)) expect(f.principal.plus(f.interest).toFixed(2)).toBe('86066.43');
    expect(sum(cf.flows.map((f) => f.principal)).toFixed(2)).toBe('1000000.00');
    // Total interest: 12 × 86,066.43 − 0.01 − 1,000,000.00 = 32,797.15.
    expect(sum(cf.flows.map((f) => f.interest)).toFixed(2)).toBe('32797.15');
  });

  it('level at a zero rate is equal principal with no interest', () => {
    // 100.00 over 3 months: 33.34, 33.33, 33.33.
    const cf = run(loan({ principal: '100.00', rate: 0, startDate: '2021-01-31', maturityDate: '2021-04-30', repayment: 'level', paymentEveryMonths: 1 }), '2021-01-31');
    expect(rows(cf)).toEqual([
      ['2021-02-28', '33.34', '0.00'],
      ['2021-03-31', '33.33', '0.00'],
      ['2021-04-30', '33.33', '0.00'],
    ]);
  });

  it('bullet (按季付息到期还本): quarterly interest by ACT/365F, principal at maturity', () => {
    // 10,000,000.00 at 5%, 2021-01-18 → 2022-01-18 (the 高新投 2号 loan terms), quarterly:
    //   01-18 → 04-18:  90 days: 10,000,000 × 5% × 90/365 = 123,287.671… → 123,287.67
    //   04-18 → 07-18:  91 days: 10,000,000 × 5% × 91/365 = 124,657.534… → 124,657.53
    //   07-18 → 10-18:  92 days: 10,000,000 × 5% × 92/365 = 126,027.397… → 126,027.40
    //   10-18 → 01-18:  92 days: 126,027.40, with the 10,000,000.00 principal.
    // Interest totals 500,000.00 (365 days at 5%).
    const asset = loan({ principal: '10000000.00', rate: '0.05', startDate: '2021-01-18', maturityDate: '2022-01-18', repayment: 'bullet' });
    expect(asset.paymentEveryMonths).toBe(3); // the default
    expect(asset.dayCount).toBe('ACT/365F'); // the default
    const cf = run(asset, '2021-01-18');
    expect(rows(cf)).toEqual([
      ['2021-04-18', '0.00', '123287.67'],
      ['2021-07-18', '0.00', '124657.53'],
      ['2021-10-18', '0.00', '126027.40'],
      ['2022-01-18', '10000000.00', '126027.40'],
    ]);
    expect(sum(cf.flows.map((f) => f.interest)).toFixed(2)).toBe('500000.00');
  });

  it('bullet with the cutoff inside a period: that period still pays its whole interest', () => {
    // Cutoff 2021-05-01, inside the 04-18 → 07-18 period: the borrower's 07-18 payment is the
    // full 91 days' interest, 124,657.53 (the contract's payment; the pool collects it).
    const asset = loan({ principal: '10000000.00', rate: '0.05', startDate: '2021-01-18', maturityDate: '2022-01-18', repayment: 'bullet' });
    const cf = run(asset, '2021-05-01');
    expect(rows(cf)).toEqual([
      ['2021-07-18', '0.00', '124657.53'],
      ['2021-10-18', '0.00', '126027.40'],
      ['2022-01-18', '10000000.00', '126027.40'],
    ]);
  });

  it('equal principal (等额本金): quarterly, ACT/360, interest on the outstanding balance', () => {
    // 1,000,000.00 at 4.35%, 2021-01-01 → 2022-01-01; principal 250,000.00 a quarter.
    //   01-01 → 04-01: 90 days on 1,000,000: 1,000,000 × 4.35% × 90/360 = 10,875.00
    //   04-01 → 07-01: 91 days on   750,000:   750,000 × 4.35% × 91/360 = 8,246.875 → 8,246.88 (half up)
    //   07-01 → 10-01: 92 days on   500,000:   500,000 × 4.35% × 92/360 = 5,558.333… → 5,558.33
    //   10-01 → 01-01: 92 days on   250,000:   250,000 × 4.35% × 92/360 = 2,779.166… → 2,779.17
    const cf = run(
      loan({ principal: '1000000.00', rate: '0.0435', dayCount: 'ACT/360', startDate: '2021-01-01', maturityDate: '2022-01-01', repayment: 'equalPrincipal' }),
      '2020-12-31',
    );
    expect(rows(cf)).toEqual([
      ['2021-04-01', '250000.00', '10875.00'],
      ['2021-07-01', '250000.00', '8246.88'],
      ['2021-10-01', '250000.00', '5558.33'],
      ['2022-01-01', '250000.00', '2779.17'],
    ]);
  });

  it('equal principal from mid-loan: the balance at the cutoff over the remaining dates', () => {
    // 100.00 left at cutoff 2021-05-01 of the loan above: three dates left, 33.34 + 33.33 + 33.33.
    // Interest 30/360 at 12%: 07-01 is 90 days after 04-01 (30/360): 100 × 12% × 90/360 = 3.00;
    // then 66.66 × 12% × 90/360 = 1.9998 → 2.00; then 33.33 × 12% × 90/360 = 0.9999 → 1.00.
    const cf = run(
      loan({ principal: '100.00', rate: '0.12', dayCount: '30/360', startDate: '2021-01-01', maturityDate: '2022-01-01', repayment: 'equalPrincipal' }),
      '2021-05-01',
    );
    expect(rows(cf)).toEqual([
      ['2021-07-01', '33.34', '3.00'],
      ['2021-10-01', '33.33', '2.00'],
      ['2022-01-01', '33.33', '1.00'],
    ]);
  });

  it('off-cycle maturity: month ends clamp from the start date and the last period is short', () => {
    // Start 2021-01-31 every 3 months: 04-30 (clamped), 07-31, 10-31, then maturity 12-15.
    expect(loanDates('2021-01-31', '2021-12-15', 3)).toEqual(['2021-04-30', '2021-07-31', '2021-10-31', '2021-12-15']);
    // Maturity on a payment date is not repeated.
    expect(loanDates('2021-01-31', '2021-07-31', 3)).toEqual(['2021-04-30', '2021-07-31']);
    // Maturity before the first payment date: one payment, at maturity.
    expect(loanDates('2021-01-18', '2021-03-01', 3)).toEqual(['2021-03-01']);
  });

  it('payment dates stop at maturity even at the end of the calendar', () => {
    // Every 120 months up to 9999-12-01: the date after 9991-01-18 would be in year 10001.
    const dates = loanDates('2021-01-18', '9999-12-01', 120);
    expect(dates.length).toBe(797 + 1); // 2021 + 797 × 10 years = 9991
    expect(dates.at(-2)).toBe('9991-01-18');
    expect(dates.at(-1)).toBe('9999-12-01');
  });

  it('schedule: day-count interest from the last scheduled date, the schedule taken in date order', () => {
    // 300,000.00 at 6% ACT/365F; the 2021-02-01 payment is before the cutoff 2021-03-01, so not
    // the pool's, but the first payment after the cutoff accrues from it, as bullet and level
    // loans accrue from their previous payment date: the pool buys the whole coupon.
    //   02-01 → 06-01: 120 days on 300,000: 300,000 × 6% × 120/365 = 5,917.808… → 5,917.81
    //   06-01 → 12-01: 183 days on 200,000: 200,000 × 6% × 183/365 = 6,016.438… → 6,016.44
    const payments = [
      { date: '2021-02-01', principal: '50000.00' },
      { date: '2021-06-01', principal: '100000.00' },
      { date: '2021-12-01', principal: '200000.00' },
    ];
    const make = (schedule: typeof payments) =>
      loan({ principal: '300000.00', rate: '0.06', startDate: '2021-01-01', maturityDate: '2021-12-31', repayment: 'schedule', schedule });
    const expected = [
      ['2021-06-01', '100000.00', '5917.81'],
      ['2021-12-01', '200000.00', '6016.44'],
    ];
    expect(rows(run(make(payments), '2021-03-01'))).toEqual(expected);
    // Written out of order, the result is the same (it used to accrue backwards: negative interest).
    expect(rows(run(make([payments[2]!, payments[0]!, payments[1]!]), '2021-03-01'))).toEqual(expected);
  });

  it('a loan matured on or before the cutoff owes nothing after it (balance zero, like a past-due receivable)', () => {
    for (const repayment of ['bullet', 'level', 'equalPrincipal', 'schedule']) {
      const cf = run(
        loan({ principal: '500.00', rate: '0.05', startDate: '2020-01-18', maturityDate: '2021-01-18', repayment, schedule: repayment === 'schedule' ? [{ date: '2021-01-18', principal: '500.00' }] : undefined }),
        '2021-01-18',
      );
      expect(cf.balance.isZero(), repayment).toBe(true);
      expect(cf.flows).toEqual([]);
    }
  });

  it('schedule: the balance is what the schedule repays after the cutoff (validation checks it is the principal)', () => {
    const cf = run(
      loan({ principal: '1000.00', rate: 0, startDate: '2021-01-01', maturityDate: '2021-12-31', repayment: 'schedule', schedule: [{ date: '2021-06-30', principal: '600.00' }] }),
      '2021-01-01',
    );
    expect(cf.balance.toFixed(2)).toBe('600.00');
    expect(rows(cf)).toEqual([['2021-06-30', '600.00', '0.00']]);
  });

  it('schedule: interest runs from the start date when the loan starts after the cutoff', () => {
    // Start 2021-02-01 after the cutoff 2021-01-18: 2021-02-01 → 2021-08-01 is 181 days:
    // 1,000,000 × 3.65% × 181/365 = 18,100.00.
    const cf = run(
      loan({ principal: '1000000.00', rate: '0.0365', startDate: '2021-02-01', maturityDate: '2021-08-01', repayment: 'schedule', schedule: [{ date: '2021-08-01', principal: '1000000.00' }] }),
      '2021-01-18',
    );
    expect(rows(cf)).toEqual([['2021-08-01', '1000000.00', '18100.00']]);
  });
});

describe('levelPayments', () => {
  it('never lets the balance run negative when the rounded payment barely covers interest', () => {
    // 0.05 at 24% a month (r = 0.24) over 12 periods: the payment rounds to 0.01 and interest is
    // 0.01, so principal is 0 until the last period, which clears all 0.05.
    const parts = levelPayments(dec('0.05'), dec('0.24'), 12);
    expect(sum(parts.map((p) => p.principal)).toFixed(2)).toBe('0.05');
    expect(parts.every((p) => !p.principal.isNegative())).toBe(true);
  });
});

describe('royalty', () => {
  const royalty = (royalties: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
    Royalty.parse({ type: 'royalty', id: 'R1', obligor: '被许可人', contractStart: '2021-01-01', contractEnd: '2023-12-31', royalties, ...extra });

  it('a total split evenly, the odd fen to the earliest royalties', () => {
    // 1,000.00 / 3 = 333.333…: 333.34, 333.33, 333.33; semi-annual from 2021-06-30.
    const asset = royalty({ type: 'level', total: '1000.00', everyMonths: 6, first: '2021-06-30', count: 3 });
    const cf = run(asset, '2021-01-01');
    expect(rows(cf)).toEqual([
      ['2021-06-30', '333.34', '0.00'],
      ['2021-12-30', '333.33', '0.00'],
      ['2022-06-30', '333.33', '0.00'],
    ]);
    expect(cf.balance.toFixed(2)).toBe('1000.00');
    // After the first royalty, the receivable is the two left: 666.66.
    expect(run(asset, '2021-07-01').balance.toFixed(2)).toBe('666.66');
    // A royalty due on the cutoff date is not the pool's.
    expect(run(asset, '2021-12-30').balance.toFixed(2)).toBe('333.33');
    // 0.10 over 4: 0.03, 0.03, 0.02, 0.02.
    expect(rows(run(royalty({ type: 'level', total: '0.10', everyMonths: 3, first: '2021-03-31', count: 4 }), '2021-01-01')).map((r) => r[1])).toEqual(['0.03', '0.03', '0.02', '0.02']);
  });

  it('a level amount per period, quarterly from a month end (clamped from the first date)', () => {
    // 50,000.00 × 4 quarters from 2021-03-31: 06-30, 09-30, 12-31 (not 12-30: each date is
    // counted from the first, so clamping never drifts).
    const cf = run(royalty({ type: 'level', amount: '50000.00', everyMonths: 3, first: '2021-03-31', count: 4 }), '2021-01-01');
    expect(rows(cf).map((r) => r[0])).toEqual(['2021-03-31', '2021-06-30', '2021-09-30', '2021-12-31']);
    expect(cf.balance.toFixed(2)).toBe('200000.00');
  });

  it('a schedule, written in any order, collected in date order', () => {
    const cf = run(
      royalty({ type: 'schedule', payments: [
        { date: '2022-03-15', amount: '300.00' },
        { date: '2020-12-15', amount: '100.00' },
        { date: '2021-09-15', amount: '200.00' },
      ] }),
      '2021-01-01',
    );
    expect(rows(cf)).toEqual([
      ['2021-09-15', '200.00', '0.00'],
      ['2022-03-15', '300.00', '0.00'],
    ]);
    expect(cf.balance.toFixed(2)).toBe('500.00');
  });

  it('the risk reserve (风险金) is first-license fee × rate, to the fen', () => {
    // 1,234,567.89 × 10% = 123,456.789 → 123,456.79.
    const asset = royalty({ type: 'level', amount: '1.00', everyMonths: 12, first: '2021-12-31', count: 1 }, { firstLicenseFee: '1234567.89', riskReserveRate: '0.1' });
    expect(riskReserveOf(asset)?.toFixed(2)).toBe('123456.79');
    expect(riskReserveOf(royalty({ type: 'level', amount: '1.00', everyMonths: 12, first: '2021-12-31', count: 1 }))).toBeUndefined();
  });
});

describe('lease', () => {
  const lease = (fields: Record<string, unknown>) =>
    Lease.parse({ type: 'lease', id: 'S1', obligor: '承租人', leasePrincipal: '1200000.00', rate: '0.06', startDate: '2021-01-01', ...fields });
  const quarterly = { type: 'level', everyMonths: 3, first: '2021-04-01', count: 4 };

  it('level rent (等额租金): 1,200,000.00 at 6% a year, quarterly over 4 quarters', () => {
    // r = 6% × 3/12 = 1.5%. Rent = 1,200,000 × 0.015 / (1 − 1.015^−4) = 18,000 / 0.0578152…
    //   = 311,333.7449… → 311,333.74.
    //   Q1: interest 1,200,000.00 × 1.5% = 18,000.00; principal 293,333.74; left 906,666.26
    //   Q2: interest 906,666.26 × 1.5% = 13,599.9939 → 13,599.99; principal 297,733.75; left 608,932.51
    //   Q3: interest 608,932.51 × 1.5% = 9,133.98765 → 9,133.99; principal 302,199.75; left 306,732.76
    //   Q4: the 306,732.76 left; interest 306,732.76 × 1.5% = 4,600.9914 → 4,600.99; rent 311,333.75.
    const principalBasis = run(lease({ rent: quarterly, balanceBasis: 'principal' }), '2021-01-01');
    expect(rows(principalBasis)).toEqual([
      ['2021-04-01', '293333.74', '18000.00'],
      ['2021-07-01', '297733.75', '13599.99'],
      ['2021-10-01', '302199.75', '9133.99'],
      ['2022-01-01', '306732.76', '4600.99'],
    ]);
    expect(principalBasis.balance.toFixed(2)).toBe('1200000.00');
    // balanceBasis rent (the default): the receivable is the rents, 3 × 311,333.74 + 311,333.75
    // = 1,245,334.97, each rent reducing it in full.
    const rentBasis = run(lease({ rent: quarterly }), '2021-01-01');
    expect(rows(rentBasis)).toEqual([
      ['2021-04-01', '311333.74', '0.00'],
      ['2021-07-01', '311333.74', '0.00'],
      ['2021-10-01', '311333.74', '0.00'],
      ['2022-01-01', '311333.75', '0.00'],
    ]);
    expect(rentBasis.balance.toFixed(2)).toBe('1245334.97');
  });

  it('the buy-back price (留购价款) is paid with the last rent', () => {
    // Rent basis: the last rent 311,333.75 + 100.00 = 311,433.75; balance 1,245,434.97.
    const rent = run(lease({ rent: quarterly, buyBackPrice: '100.00' }), '2021-01-01');
    expect(rows(rent).at(-1)).toEqual(['2022-01-01', '311433.75', '0.00']);
    expect(rent.balance.toFixed(2)).toBe('1245434.97');
    // Principal basis: it is income, on the last rent's interest: 4,600.99 + 100.00.
    const principal = run(lease({ rent: quarterly, buyBackPrice: '100.00', balanceBasis: 'principal' }), '2021-01-01');
    expect(rows(principal).at(-1)).toEqual(['2022-01-01', '306732.76', '4700.99']);
    expect(principal.balance.toFixed(2)).toBe('1200000.00');
  });

  it('equal principal rent: 1,000,000.00 at 8%, semi-annual, 2 rents', () => {
    // r = 8% × 6/12 = 4%: 500,000.00 + 40,000.00, then 500,000.00 + 20,000.00.
    const cf = run(lease({ leasePrincipal: '1000000.00', rate: '0.08', rent: { type: 'equalPrincipal', everyMonths: 6, first: '2021-07-01', count: 2 }, balanceBasis: 'principal' }), '2021-01-01');
    expect(rows(cf)).toEqual([
      ['2021-07-01', '500000.00', '40000.00'],
      ['2022-01-01', '500000.00', '20000.00'],
    ]);
  });

  it('a schedule written out of order: the buy-back price goes with the last rent by date', () => {
    const schedule = {
      type: 'schedule',
      payments: [
        { date: '2021-12-31', principal: '600.00', interest: '30.00' },
        { date: '2021-06-30', principal: '400.00', interest: '50.00' },
      ],
    };
    const cf = run(lease({ leasePrincipal: '1000.00', rent: schedule, buyBackPrice: '1.00', balanceBasis: 'principal' }), '2021-01-01');
    expect(rows(cf)).toEqual([
      ['2021-06-30', '400.00', '50.00'],
      ['2021-12-31', '600.00', '31.00'],
    ]);
    // After the cutoff 2021-07-01 only the last rent is left; it still carries the buy-back price.
    expect(rows(run(lease({ leasePrincipal: '600.00', rent: schedule, buyBackPrice: '1.00' }), '2021-07-01'))).toEqual([['2021-12-31', '631.00', '0.00']]);
  });
});

describe('receivable', () => {
  const receivable = Receivable.parse({ type: 'receivable', id: 'F1', obligor: '债务人', face: '5000000.00', dueDate: '2021-09-30' });
  it('is paid at face on its due date', () => {
    const cf = run(receivable, '2021-01-18');
    expect(cf.balance.toFixed(2)).toBe('5000000.00');
    expect(rows(cf)).toEqual([['2021-09-30', '5000000.00', '0.00']]);
  });
  it('is nothing once due on or before the cutoff', () => {
    for (const cutoff of ['2021-09-30', '2021-10-01']) {
      const cf = run(receivable, cutoff);
      expect(cf.balance.isZero()).toBe(true);
      expect(cf.flows).toEqual([]);
    }
  });
});

describe('scheduledFlow', () => {
  it('keeps flows after the cutoff, in date order (stable), interest defaulting to zero', () => {
    const asset = ScheduledFlow.parse({
      type: 'scheduledFlow',
      id: 'X1',
      obligor: '其他',
      flows: [
        { date: '2021-06-30', principal: '10.00', interest: '1.00' },
        { date: '2021-01-18', principal: '99.00' },
        { date: '2021-03-31', principal: '20.00' },
        { date: '2021-06-30', principal: '30.00', interest: '2.00' },
        { date: '2020-12-31', principal: '99.00' },
      ],
    });
    const cf = run(asset, '2021-01-18');
    expect(rows(cf)).toEqual([
      ['2021-03-31', '20.00', '0.00'],
      ['2021-06-30', '10.00', '1.00'],
      ['2021-06-30', '30.00', '2.00'],
    ]);
    expect(cf.balance.toFixed(2)).toBe('60.00');
  });
});

describe('helpers', () => {
  it('regularDates counts every date from the first', () => {
    expect(regularDates('2024-01-31', 1, 4)).toEqual(['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30']);
  });
  it('equalSplit puts the odd fen first', () => {
    expect(equalSplit(dec('0.07'), 3).map((x) => x.toFixed(2))).toEqual(['0.03', '0.02', '0.02']);
  });
});
