/**
 * 知识产权质押贷款: loans secured by pledged IP. `principal` is the balance at the cutoff; it is
 * repaid over the loan's payment dates after the cutoff.
 */
import { compareDates, type IsoDate } from '../dates/date.js';
import { yearFraction, type DayCount as DayCountName } from '../dates/daycount.js';
import { sum, toFen, ZERO, type Decimal } from '../util/money.js';
import { afterCutoff, equalSplit, levelPayments, loanDates, periodRate } from './common.js';
import type { AssetModel, Flow } from './types.js';
import { assertNever } from '../util/never.js';

/**
 * Year fractions by start, end and day count: the loans of a pool share their payment dates, and
 * a pool of 100,000 loans asks for millions of fractions of a few thousand periods. Bounded.
 */
const fractions = new Map<string, Decimal>();
function cachedYearFraction(from: IsoDate, to: IsoDate, dayCount: DayCountName): Decimal {
  const key = `${from}${to}${dayCount}`;
  let f = fractions.get(key);
  if (f === undefined) {
    if (fractions.size >= 65_536) fractions.clear();
    fractions.set(key, (f = yearFraction(from, to, dayCount)));
  }
  return f;
}

export const pledgeLoan: AssetModel<'pledgeLoan'> = {
  type: 'pledgeLoan',
  label: { zh: '知识产权质押贷款', en: 'IP-pledged loan' },
  contractual(loan, cutoff) {
    const balance = loan.principal;
    if (loan.repayment === 'schedule') {
      // Interest accrues by the day count on the balance between scheduled dates; the first
      // payment after the cutoff accrues from the last scheduled date before it (or the start
      // date), as bullet, equal-principal and level loans do: the pool buys the whole coupon.
      // The schedule may be written in any order: it is taken in date order (stable for equal
      // dates), as accruing backwards between out-of-order dates would give negative interest.
      const schedule = afterCutoff(
        (loan.schedule ?? []).map((s) => ({ date: s.date, principal: s.principal, interest: ZERO })),
        cutoff,
      );
      // The balance is what the schedule repays after the cutoff, so the flows always sum to it
      // (the validation rules require it to equal `principal`).
      const scheduled = sum(schedule.map((s) => s.principal));
      let left = scheduled;
      const before = (loan.schedule ?? [])
        .map((x) => x.date)
        .filter((d) => compareDates(d, cutoff) <= 0 && compareDates(d, loan.startDate) > 0)
        .sort(compareDates);
      let from = before.length > 0 ? before[before.length - 1]! : loan.startDate;
      const flows: Flow[] = schedule.map((s) => {
        const interest = toFen(left.times(loan.rate).times(yearFraction(from, s.date, loan.dayCount)));
        left = left.minus(s.principal);
        from = s.date;
        return { date: s.date, principal: s.principal, interest };
      });
      return { balance: scheduled, flows };
    }
    const all = loanDates(loan.startDate, loan.maturityDate, loan.paymentEveryMonths);
    const firstAfter = all.findIndex((d) => compareDates(d, cutoff) > 0);
    // Matured on or before the cutoff: nothing is contractually due after it, so, as for a
    // receivable past due, the balance is zero (the flows' principal must sum to the balance).
    if (firstAfter < 0) return { balance: ZERO, flows: [] };
    const dates = all.slice(firstAfter);
    const starts = dates.map((_, i) => (i + firstAfter === 0 ? loan.startDate : all[i + firstAfter - 1]!));
    const n = dates.length;
    const repayment = loan.repayment;
    let parts: { principal: Decimal; interest?: Decimal }[];
    switch (repayment) {
      case 'bullet':
        parts = dates.map((_, i) => ({ principal: i === n - 1 ? balance : ZERO }));
        break;
      case 'equalPrincipal':
        parts = equalSplit(balance, n).map((p) => ({ principal: p }));
        break;
      case 'level':
        parts = levelPayments(balance, periodRate(loan.rate, loan.paymentEveryMonths), n);
        break;
      default:
        return assertNever(repayment, 'loan repayment');
    }
    // Bullet and equal-principal loans accrue interest by the day count on the balance of each
    // period; level (等额本息) loans use the periodic rate, as their payment is fixed by it.
    let left = balance;
    const flows = dates.map((date, i) => {
      const part = parts[i]!;
      const interest = part.interest ?? toFen(left.times(loan.rate).times(cachedYearFraction(starts[i]!, date, loan.dayCount)));
      left = left.minus(part.principal);
      return { date, principal: part.principal, interest };
    });
    return { balance, flows };
  },
  outline(loan, cutoff) {
    if (loan.repayment === 'schedule') {
      const after = (loan.schedule ?? []).filter((s) => compareDates(s.date, cutoff) > 0);
      const dates = after.map((s) => s.date).sort(compareDates);
      return { balance: sum(after.map((s) => s.principal)), lastDate: dates[dates.length - 1], dates: () => dates };
    }
    // The payment dates rise to maturity, the last: none is after the cutoff unless maturity is.
    if (compareDates(loan.maturityDate, cutoff) <= 0) return { balance: ZERO, lastDate: undefined, dates: () => [] };
    return {
      balance: loan.principal,
      lastDate: loan.maturityDate,
      dates: () => loanDates(loan.startDate, loan.maturityDate, loan.paymentEveryMonths).filter((d) => compareDates(d, cutoff) > 0),
    };
  },
};
