/**
 * Floating rates, unit by unit: the spread's forms, the index value in force on a date and a
 * scenario's shift of it, the reset rules (each period, anniversaries), the fixing lag in
 * business and calendar days, the floor and the cap, and a level-payment loan re-amortised when
 * its rate changes. Every expected figure is worked out by hand in the comments.
 */
import { describe, expect, it } from 'vitest';
import { getCalendar } from '../../src/dates/calendar.js';
import { FloatingRate, Spread } from '../../src/fields/floating.js';
import { indexPath, valueOn } from '../../src/rates/path.js';
import { fixingDate, lastAnniversary, MissingFixingError, periodRates } from '../../src/rates/reset.js';
import { rateEnv } from '../../src/rates/env.js';
import { floatingLoanFlows } from '../../src/pool/floatingLoan.js';
import { Decimal } from '../../src/util/money.js';

const d = (x: string) => new Decimal(x);
/** The published 1-year LPR around its 2024 cuts. */
const LPR1Y = {
  history: [
    { date: '2023-08-21', value: d('0.0345') },
    { date: '2024-07-22', value: d('0.0335') },
    { date: '2024-10-21', value: d('0.0310') },
  ],
  forward: [{ date: '2025-05-20', value: d('0.0300') }],
};
const cn = getCalendar('cn-exchange');
const terms = (over: Record<string, unknown> = {}) => FloatingRate.parse({ index: 'LPR1Y', spread: '50bp', ...over });

describe('the spread', () => {
  it('reads a decimal, per cent or basis points, signed', () => {
    expect(Spread.parse(0.015).toString()).toBe('0.015');
    expect(Spread.parse('1.5%').toString()).toBe('0.015');
    expect(Spread.parse('150bp').toString()).toBe('0.015');
    expect(Spread.parse('-20bp').toString()).toBe('-0.002');
    expect(Spread.safeParse('1.5 percent').success).toBe(false);
    expect(Spread.safeParse('20000bp').success).toBe(false);
  });

  it('refuses a floor above the cap', () => {
    const r = FloatingRate.safeParse({ index: 'LPR1Y', floor: 0.05, cap: 0.04 });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['floor']);
  });
});

describe('the index value in force', () => {
  const path = indexPath('LPR1Y', LPR1Y);

  it('is the last value dated on or before the date', () => {
    expect(valueOn(path, '2023-08-20')).toBeUndefined();
    expect(valueOn(path, '2024-07-21')!.toString()).toBe('0.0345');
    expect(valueOn(path, '2024-07-22')!.toString()).toBe('0.0335');
    expect(valueOn(path, '2025-06-01')!.toString()).toBe('0.03');
  });

  it('moves by a shift only after the last fixing (published fixings are facts)', () => {
    const up = indexPath('LPR1Y', LPR1Y, { shiftBp: 50 });
    expect(valueOn(up, '2024-10-21')!.toString()).toBe('0.031');
    // After the last fixing's date: the fixing carried flat, shifted, then the forward path, shifted.
    expect(valueOn(up, '2024-10-22')!.toString()).toBe('0.036');
    expect(valueOn(up, '2025-06-01')!.toString()).toBe('0.035');
  });

  it('takes a replacement forward path, keeping the fixings', () => {
    const path2 = indexPath('LPR1Y', LPR1Y, { path: [{ date: '2024-01-01', value: d('0.09') }, { date: '2025-01-20', value: d('0.028') }] });
    // The replacement's value dated before the last fixing is dropped.
    expect(valueOn(path2, '2024-06-01')!.toString()).toBe('0.0345');
    expect(valueOn(path2, '2025-06-01')!.toString()).toBe('0.028');
  });

  it('refuses a scenario change to an index the deal lacks', () => {
    expect(() => rateEnv({ LPR1Y }, cn, { LPR5Y: { shiftBp: 10 } })).toThrow(/scenario rates\.LPR5Y: the deal has no index LPR5Y/);
  });
});

describe('reset rules', () => {
  const path = indexPath('LPR1Y', LPR1Y);
  const starts = ['2024-04-01', '2024-07-01', '2024-10-01', '2025-01-01'];

  it('each period: the index on the period start + spread', () => {
    // 3.45% + 0.50% before the July 2024 cut; 3.35% + 0.50% after it; 3.10% + 0.50% after October's.
    expect(periodRates(terms(), starts, path, { calendar: cn, anchor: '2024-04-01' }).map((f) => f.rate.toString())).toEqual(['0.0395', '0.0395', '0.0385', '0.036']);
  });

  it('on anniversaries: the rate fixed on the anchor holds a year', () => {
    const fixings = periodRates(terms({ reset: 'anniversary' }), starts, path, { calendar: cn, anchor: '2024-04-01' });
    expect(fixings.map((f) => f.reset)).toEqual(['2024-04-01', '2024-04-01', '2024-04-01', '2024-04-01']);
    expect(fixings.map((f) => f.rate.toString())).toEqual(['0.0395', '0.0395', '0.0395', '0.0395']);
    expect(lastAnniversary('2024-02-29', '2025-03-01')).toBe('2025-02-28');
    expect(lastAnniversary('2024-02-29', '2028-02-29')).toBe('2028-02-29');
    expect(lastAnniversary('2024-04-01', '2024-03-01')).toBe('2024-04-01');
  });

  it('a lag in business days counts the exchange calendar, in calendar days every day', () => {
    // 2024-10-08 is the first business day after National Day (10-01 to 10-07); the exchanges stay
    // shut on the make-up Sunday 2024-09-29, so two business days back is Friday 2024-09-27.
    expect(fixingDate(terms({ lagDays: 1 }), '2024-10-08', cn)).toBe('2024-09-30');
    expect(fixingDate(terms({ lagDays: 2 }), '2024-10-08', cn)).toBe('2024-09-27');
    expect(fixingDate(terms({ lagDays: 1, lagDayType: 'calendar' }), '2024-10-08', cn)).toBe('2024-10-07');
    // 2025-01-01 − 72 calendar days = 2024-10-21 (the cut's own date: 3.10%); − 73 = 2024-10-20 (3.35%).
    const lagged = (n: number) => periodRates(terms({ lagDays: n, lagDayType: 'calendar' }), ['2025-01-01'], path, { calendar: cn, anchor: '2024-04-01' })[0]!;
    expect(lagged(72).fixing).toBe('2024-10-21');
    expect(lagged(72).rate.toString()).toBe('0.036');
    expect(lagged(73).rate.toString()).toBe('0.0385');
  });

  it('floor and cap bind', () => {
    const ctx = { calendar: cn, anchor: '2024-04-01' };
    expect(periodRates(terms({ floor: 0.038 }), starts, path, ctx).map((f) => f.rate.toString())).toEqual(['0.0395', '0.0395', '0.0385', '0.038']);
    expect(periodRates(terms({ cap: 0.039 }), starts, path, ctx).map((f) => f.rate.toString())).toEqual(['0.039', '0.039', '0.0385', '0.036']);
    // A rate below zero (index − a wide spread) is held at zero.
    expect(periodRates(terms({ spread: '-400bp' }), starts, path, ctx)[0]!.rate.toString()).toBe('0');
  });

  it('a fixing before the index’s first value is an input error naming the index and the date', () => {
    expect(() => periodRates(terms(), ['2023-01-01'], path, { calendar: cn, anchor: '2023-01-01' })).toThrow(MissingFixingError);
    expect(() => periodRates(terms(), ['2023-01-01'], path, { calendar: cn, anchor: '2023-01-01' })).toThrow(/index LPR1Y has no value on or before 2023-01-01/);
  });
});

describe('a floating level-payment loan (等额本息)', () => {
  it('re-amortises over the remaining periods when its rate changes', () => {
    // 1,000,000 over 4 quarters; 6% until the reset on 2025-01-01 reads a made-up 8% (index 8%, spread 0).
    const env = rateEnv({ X: { history: [{ date: '2024-01-01', value: d('0.06') }, { date: '2024-12-01', value: d('0.08') }], forward: [] } }, cn);
    const cf = floatingLoanFlows(
      {
        principal: d('1000000'),
        rate: d('0.06'),
        floating: FloatingRate.parse({ index: 'X', reset: 'eachPeriod' }),
        dayCount: 'ACT/365F',
        startDate: '2024-07-01',
        maturityDate: '2025-07-01',
        repayment: 'level',
        paymentEveryMonths: 3,
      },
      '2024-06-30',
      env,
    );
    // Payment at 1.5% a quarter over 4: 1,000,000 × 0.015 / (1 − 1.015⁻⁴) = 259,444.79; interest 15,000.00 then 11,333.33.
    // From 2025-01-01, 2% a quarter on 507,444.75 over 2: 261,358.65; interest 10,148.88 then 5,124.68; the last clears.
    expect(cf.flows.map((f) => [f.date, f.interest.toFixed(2), f.principal.toFixed(2)])).toEqual([
      ['2024-10-01', '15000.00', '244444.79'],
      ['2025-01-01', '11333.33', '248111.46'],
      ['2025-04-01', '10148.88', '251209.77'],
      ['2025-07-01', '5124.68', '256233.98'],
    ]);
  });
});
