import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  addBusinessDays,
  addMonths,
  adjust,
  businessDaysBetween,
  dateParts,
  fromDayNumber,
  getCalendar,
  isIsoDate,
  lastDayOfMonth,
  nominalDates,
  toDayNumber,
  yearFraction,
  type BusinessDayRule,
  type CalendarName,
} from '../../src/dates/index.js';

/** Any date in 1900–2200 as an ISO string. */
const anyDate = fc
  .integer({ min: toDayNumber('1900-01-01'), max: toDayNumber('2200-12-31') })
  .map(fromDayNumber);

/**
 * Dates well inside the holiday data, so that adjusting in either direction never leaves it:
 * no closure lasts more than about ten days.
 */
const cnDate = fc.integer({ min: toDayNumber('2004-02-01'), max: toDayNumber('2026-12-15') }).map(fromDayNumber);

const cnDateInner = fc.integer({ min: toDayNumber('2004-04-01'), max: toDayNumber('2026-10-15') }).map(fromDayNumber);

const calendars: CalendarName[] = ['cn-exchange', 'weekends', 'none'];

describe('date properties', () => {
  it('day numbers round-trip and agree with Date.UTC', () => {
    fc.assert(
      fc.property(fc.integer({ min: toDayNumber('0100-01-01'), max: toDayNumber('9999-12-31') }), (n) => {
        const d = fromDayNumber(n);
        expect(isIsoDate(d)).toBe(true);
        expect(toDayNumber(d)).toBe(n);
        const { year, month, day } = dateParts(d);
        expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(n);
        expect(new Date(n * 86_400_000).toISOString().slice(0, 10)).toBe(d);
      }),
    );
  });

  it('addMonths never produces an invalid date and lands in the right month', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: -1200, max: 1200 }), fc.boolean(), (d, n, eom) => {
        const r = addMonths(d, n, { endOfMonth: eom });
        expect(isIsoDate(r)).toBe(true);
        const a = dateParts(d);
        const b = dateParts(r);
        expect(b.year * 12 + b.month - (a.year * 12 + a.month)).toBe(n);
        const last = lastDayOfMonth(b.year, b.month);
        expect(b.day).toBe(eom ? last : Math.min(a.day, last));
      }),
    );
  });
});

describe('calendar properties', () => {
  const cn = getCalendar('cn-exchange');

  it('following returns a business day not earlier than the input, and the first such', () => {
    fc.assert(
      fc.property(cnDate, (d) => {
        const r = adjust(d, 'following', cn);
        expect(cn.isBusinessDay(r)).toBe(true);
        expect(r >= d).toBe(true);
        for (let x = toDayNumber(d); x < toDayNumber(r); x++) expect(cn.isBusinessDayNumber(x)).toBe(false);
      }),
    );
  });

  it('every rule returns a business day; preceding is not later; modified following stays in the month', () => {
    const rules: BusinessDayRule[] = ['following', 'modifiedFollowing', 'preceding'];
    fc.assert(
      fc.property(cnDate, fc.constantFrom(...rules), fc.constantFrom(...calendars), (d, rule, name) => {
        const cal = getCalendar(name);
        const r = adjust(d, rule, cal);
        expect(cal.isBusinessDay(r)).toBe(true);
        if (cal.isBusinessDay(d)) expect(r).toBe(d);
        if (rule === 'preceding') expect(r <= d).toBe(true);
        if (rule === 'modifiedFollowing') expect(r.slice(0, 7)).toBe(d.slice(0, 7));
      }),
    );
  });

  it('addBusinessDays lands on a business day n business days away', () => {
    fc.assert(
      // ±30 business days is at most about two months: keep that far from the data's ends.
      fc.property(cnDateInner, fc.integer({ min: -30, max: 30 }), (d, n) => {
        const r = addBusinessDays(d, n, cn);
        expect(cn.isBusinessDay(r)).toBe(true);
        if (n > 0) expect(businessDaysBetween(d, r, cn)).toBe(n);
        if (n < 0 && cn.isBusinessDay(d)) expect(businessDaysBetween(d, r, cn)).toBe(n);
        if (n === 0) expect(r).toBe(adjust(d, 'following', cn));
      }),
    );
  });
});

describe('schedule properties', () => {
  it('nominal dates are valid, strictly increasing, start at first and end at last', () => {
    fc.assert(
      fc.property(
        anyDate,
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 1, max: 24 }),
        fc.oneof(fc.integer({ min: 1, max: 31 }), fc.constant('monthEnd' as const)),
        (first, span, everyMonths, day) => {
          const last = fromDayNumber(toDayNumber(first) + span);
          const dates = nominalDates({ everyMonths, day, first, last });
          expect(dates[0]).toBe(first);
          expect(dates.at(-1)).toBe(last);
          for (let i = 1; i < dates.length; i++) {
            const d = dates[i] as string;
            expect(isIsoDate(d)).toBe(true);
            expect(d > (dates[i - 1] as string)).toBe(true);
            if (i < dates.length - 1) {
              const p = dateParts(d);
              const want = day === 'monthEnd' ? lastDayOfMonth(p.year, p.month) : Math.min(day, lastDayOfMonth(p.year, p.month));
              expect(p.day).toBe(want);
            }
          }
        },
      ),
    );
  });
});

describe('day count properties', () => {
  it('ACT conventions are additive over adjacent periods', () => {
    fc.assert(
      fc.property(anyDate, fc.integer({ min: 0, max: 2000 }), fc.integer({ min: 0, max: 2000 }), (a, x, y) => {
        const b = fromDayNumber(toDayNumber(a) + x);
        const c = fromDayNumber(toDayNumber(b) + y);
        for (const dc of ['ACT/365F', 'ACT/360', 'ACT/ACT'] as const) {
          const diff = yearFraction(a, b, dc).plus(yearFraction(b, c, dc)).minus(yearFraction(a, c, dc));
          expect(diff.abs().lt('1e-35')).toBe(true);
        }
      }),
    );
  });
});
