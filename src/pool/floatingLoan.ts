/**
 * A floating-rate pledge loan's contractual flows on one rate path (LPR + spread, 浮动利率): each
 * payment period accrues at its own rate, fixed by the loan's reset rule; the rate in force at the
 * cutoff (the loan's `rate`, 执行利率) holds until the first reset after the cutoff. Principal is
 * repaid as for a fixed loan (bullet, equal principal, an explicit schedule); a level-payment loan
 * (等额本息) recomputes its payment over the remaining periods whenever its rate changes, as
 * Chinese lenders re-amortise an LPR loan on its repricing date. Worked in Decimal, rounded to
 * the fen exactly as the fixed-rate schedule rounds (toFen(balance × rate × year fraction)).
 */
import { compareDates, type IsoDate } from '../dates/date.js';
import { yearFraction, type DayCount } from '../dates/daycount.js';
import type { FloatingRateSpec } from '../fields/floating.js';
import { pathOf, type RateEnv } from '../rates/env.js';
import { periodRates, type PeriodFixing } from '../rates/reset.js';
import { Decimal, sum, toFen, ZERO } from '../util/money.js';
import { afterCutoff, equalSplit, levelPayments, loanDates, periodRate } from './common.js';
import type { ContractualCashflows, Flow } from './types.js';

/** The terms of a floating loan that its flows depend on. */
export interface FloatingLoan {
  principal: Decimal;
  rate: Decimal;
  floating: FloatingRateSpec;
  dayCount: DayCount;
  startDate: IsoDate;
  maturityDate: IsoDate;
  repayment: 'bullet' | 'equalPrincipal' | 'level' | 'schedule';
  paymentEveryMonths: number;
  schedule?: readonly { date: IsoDate; principal: Decimal }[];
}

/** The payment dates after the cutoff, each with its period's start and its scheduled principal (if any). */
function plan(loan: FloatingLoan, cutoff: IsoDate): { dates: IsoDate[]; starts: IsoDate[]; scheduled?: Decimal[] } {
  if (loan.repayment === 'schedule') {
    const all = (loan.schedule ?? []).map((s) => ({ date: s.date, principal: s.principal, interest: ZERO }));
    const after = afterCutoff(all, cutoff);
    const before = all.map((x) => x.date).filter((d) => compareDates(d, cutoff) <= 0 && compareDates(d, loan.startDate) > 0).sort(compareDates);
    let from = before.length > 0 ? before[before.length - 1]! : loan.startDate;
    const starts = after.map((s) => {
      const start = from;
      from = s.date;
      return start;
    });
    return { dates: after.map((s) => s.date), starts, scheduled: after.map((s) => s.principal) };
  }
  const all = loanDates(loan.startDate, loan.maturityDate, loan.paymentEveryMonths);
  const first = all.findIndex((d) => compareDates(d, cutoff) > 0);
  if (first < 0) return { dates: [], starts: [] };
  return { dates: all.slice(first), starts: all.slice(first).map((_, i) => (i + first === 0 ? loan.startDate : all[i + first - 1]!)) };
}

/** Each period's fixing: a reset on or before the cutoff keeps the rate in force (the loan's `rate`). */
function fixingsOf(loan: FloatingLoan, starts: readonly IsoDate[], cutoff: IsoDate, env: RateEnv): PeriodFixing[] {
  return periodRates(loan.floating, starts, pathOf(env, loan.floating.index), { calendar: env.calendar, anchor: loan.startDate, inForce: { rate: loan.rate, through: cutoff } });
}

/** The rate of each payment period of the loan on the environment's path, with how it was fixed. */
export function floatingLoanFixings(loan: FloatingLoan, cutoff: IsoDate, env: RateEnv): { dates: IsoDate[]; fixings: PeriodFixing[] } {
  const p = plan(loan, cutoff);
  return { dates: p.dates, fixings: fixingsOf(loan, p.starts, cutoff, env) };
}

/** The loan's contractual flows after the cutoff on the environment's rate path. */
export function floatingLoanFlows(loan: FloatingLoan, cutoff: IsoDate, env: RateEnv): ContractualCashflows {
  const p = plan(loan, cutoff);
  const n = p.dates.length;
  if (n === 0) return { balance: ZERO, flows: [] };
  const rates = fixingsOf(loan, p.starts, cutoff, env).map((f) => f.rate);
  const balance = p.scheduled ? sum(p.scheduled) : loan.principal;
  if (loan.repayment === 'level') return { balance, flows: levelFlows(loan, p.dates, rates, balance) };
  const principal = p.scheduled ?? (loan.repayment === 'bullet' ? p.dates.map((_, i) => (i === n - 1 ? balance : ZERO)) : equalSplit(balance, n));
  let left = balance;
  const flows: Flow[] = p.dates.map((date, i) => {
    const interest = toFen(left.times(rates[i]!).times(yearFraction(p.starts[i]!, date, loan.dayCount)));
    left = left.minus(principal[i]!);
    return { date, principal: principal[i]!, interest };
  });
  return { balance, flows };
}

/** Level payments re-amortised over the remaining periods at each change of rate. */
function levelFlows(loan: FloatingLoan, dates: readonly IsoDate[], rates: readonly Decimal[], balance: Decimal): Flow[] {
  const n = dates.length;
  const flows: Flow[] = [];
  let left = balance;
  let k = 0;
  while (k < n) {
    let end = k + 1;
    while (end < n && rates[end]!.eq(rates[k]!)) end++;
    const parts = levelPayments(left, periodRate(rates[k]!, loan.paymentEveryMonths), n - k);
    for (let i = k; i < end; i++) {
      const part = parts[i - k]!;
      flows.push({ date: dates[i]!, principal: part.principal, interest: part.interest });
      left = left.minus(part.principal);
    }
    k = end;
  }
  return flows;
}
