/**
 * 知识产权质押贷款: loans secured by pledged IP. `principal` is the balance at the cutoff; it is
 * repaid over the loan's payment dates after the cutoff.
 */
import { z } from 'zod';
import { compareDates, type IsoDate } from '../../dates/date.js';
import { DayCount } from '../../fields/primitives.js';
import { Amount, IsoDate as IsoDateSchema, Rate, wholeNumber, NameText } from '../../fields/primitives.js';
import { sum, toFen, ZERO, type Decimal } from '../../util/money.js';
import { afterCutoff, loanDates } from '../common.js';
import { loanSchedule, loanScheduleFen } from '../loanSchedule.js';
import type { Flow } from '../types.js';
import { assetCommon, DatedPrincipal } from './common.js';
import { defineAsset } from './model.js';
import { yearFraction } from '../../dates/daycount.js';
import { FloatingRate } from '../../fields/floating.js';
import { floatingLoanFlows } from '../floatingLoan.js';

export const PledgeLoan = z
  .strictObject({
    type: z.literal('pledgeLoan'),
    ...assetCommon,
    principal: Amount.meta({ description: 'Outstanding principal at the cutoff date (贷款余额).' }),
    originalPrincipal: Amount.optional(),
    rate: Rate.meta({ description: 'Annual interest rate (执行利率): for a floating loan, the rate in force at the cutoff, until its first reset after it.' }),
    floating: FloatingRate.optional().meta({ description: 'A floating rate (e.g. LPR1Y + spread): reset on its rule after the cutoff from the deal’s `indices`.' }),
    dayCount: DayCount.default('ACT/365F'),
    startDate: IsoDateSchema,
    maturityDate: IsoDateSchema,
    repayment: z.enum(['bullet', 'equalPrincipal', 'level', 'schedule']).meta({
      description: 'bullet 到期一次还本, equalPrincipal 等额本金, level 等额本息, schedule: an explicit principal schedule.',
    }),
    paymentEveryMonths: wholeNumber(1, 120).default(3).meta({ description: 'Months between payment dates, counted from startDate.' }),
    schedule: z.array(DatedPrincipal).optional().meta({ description: 'Principal payments after the cutoff, for repayment "schedule".' }),
    guarantor: NameText.optional(),
  });
export type PledgeLoanSpec = z.output<typeof PledgeLoan>;

/**
 * A loan repaid on an explicit schedule: interest accrues by the day count on the balance
 * between scheduled dates; the first payment after the cutoff accrues from the last scheduled
 * date before it (or the start date), as bullet, equal-principal and level loans do: the pool
 * buys the whole coupon. The schedule may be written in any order: it is taken in date order
 * (stable for equal dates), as accruing backwards between out-of-order dates would give
 * negative interest.
 */
function scheduledLoan(loan: PledgeLoanSpec, cutoff: IsoDate): { balance: Decimal; flows: Flow[] } {
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

/** Chinese names of the repayment methods. */
const CN_REPAYMENT: Record<string, string> = {
  到期一次还本: 'bullet', 到期一次性还本: 'bullet', 一次还本: 'bullet', 按期付息到期还本: 'bullet', 先息后本: 'bullet',
  等额本金: 'equalPrincipal', 等额本息: 'level', 按计划还款: 'schedule',
};

export const pledgeLoan = defineAsset({
  type: 'pledgeLoan',
  schema: PledgeLoan,
  tape: {
    aliases: {
      贷款余额: 'principal', 未偿本金余额: 'principal', 本金余额: 'principal', 剩余本金: 'principal',
      合同金额: 'originalPrincipal', 贷款金额: 'originalPrincipal', 发放金额: 'originalPrincipal',
      利率: 'rate', 年利率: 'rate', 贷款利率: 'rate', 执行利率: 'rate',
      计息方式: 'dayCount', 放款日: 'startDate', 起始日: 'startDate', 起息日: 'startDate', 贷款起始日: 'startDate',
      到期日: 'maturityDate', 贷款到期日: 'maturityDate',
      还款方式: 'repayment', 付息频率: 'paymentEveryMonths', '付息频率(月)': 'paymentEveryMonths', '付息频率（月）': 'paymentEveryMonths',
      担保人: 'guarantor', 保证人: 'guarantor',
      定价基准: 'floating.index', 基准利率: 'floating.index', 加点: 'floating.spread', 利率加点: 'floating.spread', 重定价方式: 'floating.reset', 重定价日: 'floating.anchor',
    },
    values: { repayment: CN_REPAYMENT, 'floating.reset': { 按期: 'eachPeriod', 每期: 'eachPeriod', 按年: 'anniversary', 周年日: 'anniversary', 每年: 'anniversary' } },
    units: {
      amount: ['principal', 'originalPrincipal'],
      rate: ['rate', 'floating.floor', 'floating.cap'],
      int: ['paymentEveryMonths', 'floating.lagDays'],
      date: ['startDate', 'maturityDate', 'floating.anchor'],
    },
  },
  labels: {
    name: { zh: '知识产权质押贷款', en: 'IP-pledged loan' },
    obligors: { zh: '借款人', en: 'borrowers' },
    obligor: { zh: '借款人', en: 'borrower' },
    balance: { zh: '贷款余额', en: 'Loan balance' },
    ipType: { zh: '质押知识产权类型', en: 'pledged IP type' },
  },
  check(a, { cutoff, report }) {
    if (compareDates(a.startDate, a.maturityDate) >= 0) report('maturityDate', `the maturity date ${a.maturityDate} is not after the start date ${a.startDate}`);
    else if (compareDates(a.maturityDate, cutoff) <= 0) report('maturityDate', `the loan matured on ${a.maturityDate}, before the cutoff ${cutoff}`);
    else if (compareDates(a.startDate, cutoff) > 0) report('startDate', `the loan starts on ${a.startDate}, after the cutoff ${cutoff}: principal is the balance at the cutoff`, 'warning');
    if (a.originalPrincipal !== undefined && a.principal.gt(a.originalPrincipal)) report('principal', `the balance ${a.principal.toFixed(2)} exceeds the original principal ${a.originalPrincipal.toFixed(2)}`);
    if (a.repayment === 'schedule') {
      if (!a.schedule || a.schedule.length === 0) report('schedule', 'repayment "schedule" needs a schedule of principal payments');
      else {
        const total = sum(a.schedule.filter((s) => compareDates(s.date, cutoff) > 0).map((s) => s.principal));
        if (!total.eq(a.principal)) report('schedule', `the scheduled principal after the cutoff sums to ${total.toFixed(2)}, not the balance ${a.principal.toFixed(2)}`);
        if (a.schedule.some((s) => compareDates(s.date, a.maturityDate) > 0)) report('schedule', `a scheduled payment falls after the maturity date ${a.maturityDate}`);
      }
    } else if (a.schedule) report('schedule', `a schedule is given but repayment is "${a.repayment}"; it is ignored`, 'warning');
    if (a.rate.gt('0.24')) report('rate', `an annual rate of ${a.rate.times(100).toString()}% is unusually high`, 'warning');
  },
  annualRate: (a) => a.rate,
  floats: (loan) => loan.floating !== undefined,
  contractual(loan, cutoff, rates) {
    if (loan.floating && rates) return floatingLoanFlows({ ...loan, floating: loan.floating }, cutoff, rates);
    if (loan.repayment === 'schedule') return scheduledLoan(loan, cutoff);
    return loanSchedule(loan, cutoff);
  },
  contractualFen(loan, cutoff, rates) {
    return loan.repayment === 'schedule' || (loan.floating && rates) ? undefined : loanScheduleFen(loan, cutoff);
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
});
