/** Rules of the deal's dates: their order, and the payment dates under the business-day calendar. */
import { compareDates, type IsoDate } from '../dates/date.js';
import { nominalDates } from '../dates/schedule.js';
import { CalendarRangeError } from '../dates/calendar.js';
import { dealSchedule } from '../deal/periods.js';
import { contractualOutline } from '../pool/index.js';
import { sum } from '../util/money.js';
import type { Rule, RuleContext } from './ruleContext.js';

function checkIncreasing(ctx: RuleContext, dates: readonly IsoDate[], path: readonly PropertyKey[]): void {
  for (let i = 1; i < dates.length; i++) {
    if (compareDates(dates[i - 1]!, dates[i]!) >= 0) {
      ctx.at([...path, i], `dates must be in increasing order: ${dates[i]} does not come after ${dates[i - 1]}`);
      return;
    }
  }
}

/** Dates in order: cutoff, closing, collection and payment dates, maturities, scheduled principal. */
export const dateOrder: Rule = (ctx) => {
  const d = ctx.spec.dates;
  if (compareDates(d.cutoff, d.closing) > 0) ctx.at(['dates', 'closing'], `the closing date ${d.closing} is before the cutoff date ${d.cutoff}`);
  const checkSchedule = (key: 'paymentDates' | 'collectionDates') => {
    const s = d[key];
    if (!s) return undefined;
    if ('dates' in s) {
      checkIncreasing(ctx, s.dates, ['dates', key, 'dates']);
      return s.dates;
    }
    if (compareDates(s.first, s.last) > 0) {
      ctx.at(['dates', key, 'last'], `the last date ${s.last} is before the first date ${s.first}`);
      return undefined;
    }
    return nominalDates(s);
  };
  const payments = checkSchedule('paymentDates');
  const collections = checkSchedule('collectionDates');
  if (collections && collections.length > 0 && d.collectionDates) {
    const firstPath = 'dates' in d.collectionDates ? ['dates', 'collectionDates', 'dates', 0] : ['dates', 'collectionDates', 'first'];
    if (compareDates(collections[0]!, d.cutoff) <= 0) ctx.at(firstPath, `the first collection date ${collections[0]} is not after the cutoff date ${d.cutoff}`);
    else if (payments) {
      // Period k's collections pay out on payment date k: its collection period must end first.
      const k = collections.findIndex((c, i) => i < payments.length && compareDates(c, payments[i]!) > 0);
      if (k >= 0) {
        const path = 'dates' in d.collectionDates ? ['dates', 'collectionDates', 'dates', k] : ['dates', 'collectionDates'];
        ctx.at(path, `collection period ${k + 1} ends on ${collections[k]}, after its payment date ${payments[k]}`);
      }
    }
  }
  if (!payments || payments.length === 0) return;
  const first = payments[0]!;
  const last = payments[payments.length - 1]!;
  const firstPath = 'dates' in d.paymentDates ? ['dates', 'paymentDates', 'dates', 0] : ['dates', 'paymentDates', 'first'];
  if (compareDates(first, d.closing) <= 0) ctx.at(firstPath, `the first payment date ${first} is not after the closing date ${d.closing}`);
  ctx.spec.tranches.forEach((t, i) => {
    if (compareDates(t.expectedMaturity, d.closing) <= 0) ctx.at(['tranches', i, 'expectedMaturity'], `the expected maturity ${t.expectedMaturity} is not after the closing date ${d.closing}`);
    if (compareDates(t.expectedMaturity, last) > 0) ctx.at(['tranches', i, 'expectedMaturity'], `the expected maturity ${t.expectedMaturity} is after the last payment date ${last}`);
    else if (!payments.includes(t.expectedMaturity)) ctx.at(['tranches', i, 'expectedMaturity'], `the expected maturity ${t.expectedMaturity} is not a nominal payment date`, 'warning');
    if (t.legalMaturity !== undefined && compareDates(t.legalMaturity, t.expectedMaturity) < 0) {
      ctx.at(['tranches', i, 'legalMaturity'], `the legal maturity ${t.legalMaturity} is before the expected maturity ${t.expectedMaturity}`);
    }
    if (t.principal.type === 'schedule') {
      t.principal.payments.forEach((p, j) => {
        if (!payments.includes(p.date)) ctx.at(['tranches', i, 'principal', 'payments', j, 'date'], `${p.date} is not a nominal payment date`);
      });
      const total = sum(t.principal.payments.map((p) => p.amount));
      if (!total.eq(t.balance)) ctx.at(['tranches', i, 'principal', 'payments'], `the scheduled principal sums to ${total.toFixed(2)}, not the balance ${t.balance.toFixed(2)}`);
    }
  });
};

/** Payment dates must fall within the business-day calendar's published years. */
export const calendarCoverage: Rule = (ctx) => {
  try {
    const { calendar, periods } = dealSchedule(ctx.spec.dates);
    // After business-day adjustment two payment dates may fall on one day, or a payment may come
    // before the end of the collection period it pays out (what the nominal dates already get
    // wrong is reported by dateOrder).
    const nominalOk = periods.every((p, k) => compareDates(p.collectionEnd, p.nominalDate) <= 0 && (k === 0 || compareDates(periods[k - 1]!.nominalDate, p.nominalDate) < 0));
    if (nominalOk) {
      for (let k = 1; k < periods.length; k++) {
        const a = periods[k - 1]!;
        const b = periods[k]!;
        if (compareDates(a.date, b.date) >= 0) {
          ctx.at(['dates', 'paymentDates'], `payment dates ${a.nominalDate} and ${b.nominalDate} both move to ${b.date} under the "${ctx.spec.dates.businessDayRule}" rule`);
          break;
        }
      }
      const early = periods.find((p) => compareDates(p.collectionEnd, p.date) > 0);
      if (early) {
        ctx.at(['dates', 'businessDayRule'], `period ${early.index} pays on ${early.date} (moved from ${early.nominalDate} under the "${ctx.spec.dates.businessDayRule}" rule), before its collection period ends on ${early.collectionEnd}`);
      }
    }
    const beyond = calendar.beyondDataDates();
    if (beyond.length > 0) {
      ctx.at(['dates', 'calendarBeyondData'], `payment dates from ${beyond[0]} on fall past the last year (${calendar.lastYear}) of published exchange holidays; they are adjusted for weekends only`, 'warning');
    }
    // Counted asset by asset from outlines: a pool of a million loans has tens of millions of flows.
    const lastEnd = periods[periods.length - 1]?.collectionEnd;
    let late = 0;
    let firstLate: IsoDate | undefined;
    for (const a of lastEnd ? ctx.deal.assets : []) {
      const outline = contractualOutline(a, ctx.spec.dates.cutoff);
      if (outline.lastDate === undefined || compareDates(outline.lastDate, lastEnd!) <= 0) continue;
      for (const d of outline.dates()) {
        if (compareDates(d, lastEnd!) <= 0) continue;
        late++;
        if (firstLate === undefined || compareDates(d, firstLate) < 0) firstLate = d;
      }
    }
    if (late > 0) ctx.at(['dates', 'paymentDates'], `${late} pool payment${late > 1 ? 's fall' : ' falls'} after the last collection date ${lastEnd} (the first on ${firstLate}); they are not collected by the deal`, 'warning');
  } catch (err) {
    if (err instanceof CalendarRangeError) ctx.at(['dates', 'paymentDates'], err.message);
    else if (!(err instanceof RangeError)) throw err;
    // Other RangeErrors are broken date rules, which dateOrder reports.
  }
};
