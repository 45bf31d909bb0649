/**
 * 知识产权质押贷款: loans secured by pledged IP. `principal` is the balance at the cutoff; it is
 * repaid over the loan's payment dates after the cutoff.
 */
import { compareDates } from '../dates/date.js';
import { yearFraction } from '../dates/daycount.js';
import { toFen, ZERO, type Decimal } from '../util/money.js';
import { equalSplit, levelPayments, loanDates, periodRate } from './common.js';
import type { AssetModel, Flow } from './types.js';

export const pledgeLoan: AssetModel<'pledgeLoan'> = {
  type: 'pledgeLoan',
  label: { zh: '知识产权质押贷款', en: 'IP-pledged loan' },
  contractual(loan, cutoff) {
    const balance = loan.principal;
    if (loan.repayment === 'schedule') {
      // Interest accrues by the day count on the balance between scheduled dates, from the later
      // of the start date and the cutoff (interest earned before the cutoff is not the pool's).
      const schedule = (loan.schedule ?? []).filter((s) => compareDates(s.date, cutoff) > 0);
      let left = balance;
      let from = compareDates(loan.startDate, cutoff) > 0 ? loan.startDate : cutoff;
      const flows: Flow[] = schedule.map((s) => {
        const interest = toFen(left.times(loan.rate).times(yearFraction(from, s.date, loan.dayCount)));
        left = left.minus(s.principal);
        from = s.date;
        return { date: s.date, principal: s.principal, interest };
      });
      return { balance, flows };
    }
    const all = loanDates(loan.startDate, loan.maturityDate, loan.paymentEveryMonths);
    const firstAfter = all.findIndex((d) => compareDates(d, cutoff) > 0);
    if (firstAfter < 0) return { balance, flows: [] };
    const dates = all.slice(firstAfter);
    const starts = dates.map((_, i) => (i + firstAfter === 0 ? loan.startDate : all[i + firstAfter - 1]!));
    const n = dates.length;
    let parts: { principal: Decimal; interest?: Decimal }[];
    if (loan.repayment === 'bullet') parts = dates.map((_, i) => ({ principal: i === n - 1 ? balance : ZERO }));
    else if (loan.repayment === 'equalPrincipal') parts = equalSplit(balance, n).map((p) => ({ principal: p }));
    else parts = levelPayments(balance, periodRate(loan.rate, loan.paymentEveryMonths), n);
    // Bullet and equal-principal loans accrue interest by the day count on the balance of each
    // period; level (等额本息) loans use the periodic rate, as their payment is fixed by it.
    let left = balance;
    const flows = dates.map((date, i) => {
      const part = parts[i]!;
      const interest = part.interest ?? toFen(left.times(loan.rate).times(yearFraction(starts[i]!, date, loan.dayCount)));
      left = left.minus(part.principal);
      return { date, principal: part.principal, interest };
    });
    return { balance, flows };
  },
};
