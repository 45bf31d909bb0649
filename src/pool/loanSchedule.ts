/**
 * The contractual flows of a loan repaid on its regular payment dates: bullet (到期一次还本),
 * equal principal (等额本金) and level payments (等额本息). Worked out in whole fen (integers),
 * which gives exactly what the Decimal arithmetic gives: every rounded product is `mulRound`,
 * equal to `toFen(yuan × rate × year fraction)`, and sums and differences of whole fen are exact.
 * A balance too large for the integer products (beyond 2⁴⁶ fen, 703 billion yuan) is worked out
 * in Decimal; a property test runs both on the same loans.
 */
import { compareDates, type IsoDate } from '../dates/date.js';
import { yearFraction, type DayCount } from '../dates/daycount.js';
import { factor, mulRound, NIL, product, type Factor, type Money } from '../util/fen.js';
import { Decimal, ONE, toFen, ZERO } from '../util/money.js';
import { assertNever } from '../util/never.js';
import { equalSplit, levelPayments, loanDates, periodRate } from './common.js';
import { decimalCashflows, type ContractualCashflows, type FenCashflows, type Flow } from './types.js';

/** The terms of a loan that its regular schedule depends on. */
export interface RegularLoan {
  principal: Decimal;
  rate: Decimal;
  dayCount: DayCount;
  startDate: IsoDate;
  maturityDate: IsoDate;
  repayment: 'bullet' | 'equalPrincipal' | 'level' | 'schedule';
  paymentEveryMonths: number;
}

/** A loan's payment dates after the cutoff, each with the date its period starts. */
interface Plan {
  dates: IsoDate[];
  starts: IsoDate[];
  /** Year fractions of the periods by day count, as Decimals and as factors (made when asked). */
  fractions: Map<DayCount, { decimals: Decimal[]; factors: Factor[] }>;
  /** Per day count and rate, each period's rate × year fraction (loans of a pool share rates). Bounded. */
  accruals: Map<string, Factor[]>;
}

/**
 * Plans by start, maturity, frequency and cutoff: the loans of a pool share a few of them, and a
 * pool of 100,000 loans would otherwise compute millions of dates and year fractions. Bounded.
 */
const plans = new Map<string, Plan | null>();

function planOf(loan: RegularLoan, cutoff: IsoDate): Plan | null {
  const key = `${loan.startDate}${loan.maturityDate}${loan.paymentEveryMonths}|${cutoff}`;
  let plan = plans.get(key);
  if (plan === undefined) {
    if (plans.size >= 4096) plans.clear();
    const all = loanDates(loan.startDate, loan.maturityDate, loan.paymentEveryMonths);
    const firstAfter = all.findIndex((d) => compareDates(d, cutoff) > 0);
    // Matured on or before the cutoff: nothing is contractually due after it.
    plan =
      firstAfter < 0
        ? null
        : {
            dates: all.slice(firstAfter),
            starts: all.slice(firstAfter).map((_, i) => (i + firstAfter === 0 ? loan.startDate : all[i + firstAfter - 1]!)),
            fractions: new Map(),
            accruals: new Map(),
          };
    plans.set(key, plan);
  }
  return plan;
}

function fractionsOf(plan: Plan, dayCount: DayCount): { decimals: Decimal[]; factors: Factor[] } {
  let f = plan.fractions.get(dayCount);
  if (!f) {
    const decimals = plan.dates.map((d, i) => yearFraction(plan.starts[i]!, d, dayCount));
    plan.fractions.set(dayCount, (f = { decimals, factors: decimals.map((y) => factor(y)) }));
  }
  return f;
}

/** Each period's rate × year fraction of a loan on its plan, made once per day count and rate. */
function accrualsOf(plan: Plan, loan: RegularLoan): Factor[] {
  const key = `${loan.dayCount}|${loan.rate.toString()}`;
  let a = plan.accruals.get(key);
  if (!a) {
    if (plan.accruals.size >= 256) plan.accruals.clear();
    const rate = factor(loan.rate);
    plan.accruals.set(key, (a = fractionsOf(plan, loan.dayCount).factors.map((y) => product(rate, y))));
  }
  return a;
}

/** Whole fen of an amount that the integer schedule can carry, else undefined. */
function scheduleFen(amount: Decimal): Money | undefined {
  const f = amount.times(100);
  return f.isInteger() && f.lte(2 ** 46) && f.gte(0) ? (f.toNumber() as Money) : undefined;
}

/**
 * The flows of a loan with a regular schedule after `cutoff` in whole fen; undefined when the
 * balance is beyond the integer schedule (then {@link loanSchedule} works in Decimal).
 */
export function loanScheduleFen(loan: RegularLoan, cutoff: IsoDate): FenCashflows | undefined {
  const plan = planOf(loan, cutoff);
  // Matured on or before the cutoff: as for a receivable past due, the balance is zero (the
  // flows' principal must sum to the balance).
  if (!plan) return { balance: NIL, dates: [], principal: [], interest: [] };
  const balance = scheduleFen(loan.principal);
  return balance === undefined ? undefined : fenFlows(loan, plan, balance);
}

/**
 * The flows of a loan with a regular schedule after `cutoff`; `arithmetic` chooses the
 * integer (default) or the Decimal computation, which give the same flows.
 */
export function loanSchedule(loan: RegularLoan, cutoff: IsoDate, arithmetic: 'fen' | 'decimal' = 'fen'): ContractualCashflows {
  const fen = arithmetic === 'fen' ? loanScheduleFen(loan, cutoff) : undefined;
  if (fen) return decimalCashflows(fen);
  const plan = planOf(loan, cutoff);
  return plan ? { balance: loan.principal, flows: decimalFlows(loan, plan) } : { balance: ZERO, flows: [] };
}

/**
 * Bullet and equal-principal loans accrue interest by the day count on the balance of each
 * period; level (等额本息) loans use the periodic rate, as their payment is fixed by it.
 */
function fenFlows(loan: RegularLoan, plan: Plan, balance: Money): FenCashflows {
  const { dates } = plan;
  const n = dates.length;
  const repayment = loan.repayment;
  switch (repayment) {
    case 'bullet':
    case 'equalPrincipal': {
      const accruals = accrualsOf(plan, loan);
      const principal: Money[] = new Array(n);
      const interest: Money[] = new Array(n);
      // Equal parts, the odd fen to the earliest (equalSplit in whole fen).
      const part = repayment === 'bullet' ? 0 : Math.floor(balance / n);
      const odd = repayment === 'bullet' ? 0 : balance - part * n;
      let left: number = balance;
      for (let i = 0; i < n; i++) {
        interest[i] = mulRound(left as Money, accruals[i]!);
        const p = repayment === 'bullet' ? (i === n - 1 ? balance : 0) : i < odd ? part + 1 : part;
        principal[i] = p as Money;
        left -= p;
      }
      return { balance, dates, principal, interest };
    }
    case 'level':
      return { balance, dates, ...levelPaymentsFen(balance, periodRate(loan.rate, loan.paymentEveryMonths), n) };
    case 'schedule':
      throw new RangeError('a scheduled loan has no regular schedule');
    default:
      return assertNever(repayment, 'loan repayment');
  }
}

/** Annuity divisors 1 − (1 + r)⁻ⁿ by periodic rate and count: loans of a pool share them. Bounded. */
const divisors = new Map<string, Decimal>();

/**
 * Level payments (等额本息) in whole fen: exactly `levelPayments` of ./common.ts (the payment
 * rounded to the fen; each period's interest the balance × rate rounded to the fen; the last
 * payment clears what is left). A zero rate gives equal principal.
 */
export function levelPaymentsFen(balance: Money, rate: Decimal, count: number): { principal: Money[]; interest: Money[] } {
  const principal: Money[] = new Array(count);
  const interest: Money[] = new Array(count).fill(NIL);
  if (rate.isZero()) {
    const part = Math.floor(balance / count);
    const odd = balance - part * count;
    for (let k = 0; k < count; k++) principal[k] = (k < odd ? part + 1 : part) as Money;
    return { principal, interest };
  }
  const key = `${rate.toString()}|${count}`;
  let divisor = divisors.get(key);
  if (divisor === undefined) {
    if (divisors.size >= 4096) divisors.clear();
    divisors.set(key, (divisor = ONE.minus(ONE.plus(rate).pow(-count))));
  }
  const payment = toFen(new Decimal(balance).div(100).times(rate).div(divisor)).times(100).toNumber();
  const perPeriod = factor(rate);
  let left = balance as number;
  for (let k = 0; k < count; k++) {
    const i = mulRound(left as Money, perPeriod);
    const p = k === count - 1 ? left : Math.min(left, Math.max(0, payment - i));
    interest[k] = i;
    principal[k] = p as Money;
    left -= p;
  }
  return { principal, interest };
}

/** The same flows in Decimal, for balances beyond the integer schedule. */
function decimalFlows(loan: RegularLoan, plan: Plan): Flow[] {
  const { dates } = plan;
  const n = dates.length;
  const balance = loan.principal;
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
    case 'schedule':
      throw new RangeError('a scheduled loan has no regular schedule');
    default:
      return assertNever(repayment, 'loan repayment');
  }
  const fractions = parts.some((p) => p.interest === undefined) ? fractionsOf(plan, loan.dayCount).decimals : [];
  let left = balance;
  return dates.map((date, i) => {
    const part = parts[i]!;
    const interest = part.interest ?? toFen(left.times(loan.rate).times(fractions[i]!));
    left = left.minus(part.principal);
    return { date, principal: part.principal, interest };
  });
}
