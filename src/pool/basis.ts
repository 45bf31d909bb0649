/**
 * A balance basis for assets whose payments are all "principal" by default (royalties,
 * receivables): the price paid for them at the cutoff, amortised at the payments' own yield, so
 * each payment splits into principal (the basis amortisation) and income (basis × yield × the
 * period's year fraction). What a 计划说明书 calls 应收本金 and 应收利息 of a royalty pool.
 *
 * The yield y is the rate at which the basis B₀ amortises to zero over the payments: each
 * period Bₖ = Bₖ₋₁ × (1 + y × yfₖ) − paymentₖ, yfₖ the year fraction by the basis's day count
 * from the previous payment (the cutoff for the first). Given a price, y is solved (bisection in
 * binary floating point, then fixed at 12 decimals: a rate, not an amount); given a yield, the
 * basis is the payments' present value at it, to the fen. The split is whole fen: income is
 * rounded half up each period, principal is the payment less it, and the last payment takes
 * what is left of the basis, so principal sums to the basis exactly and the basis ends at zero.
 * Should rounding leave more than the last payment (a fen or two, on a tiny last payment), the
 * rest goes to the principal of the latest payments before it.
 */
import { z } from 'zod';
import type { IsoDate } from '../dates/date.js';
import { yearFraction, type DayCount as DayCountName } from '../dates/daycount.js';
import { Amount, DayCount, Rate } from '../fields/primitives.js';
import { Decimal, ONE, sum, toFen, ZERO } from '../util/money.js';
import { add, decimalOfFen, factorOf, fromYuan, maxMoney, minMoney, mulRound, NIL, product, sub, sumMoney, type Money } from '../util/fen.js';
import type { Flow } from './types.js';

export const Basis = z
  .strictObject({
    price: Amount.optional().meta({ description: 'The price paid at the cutoff (本金 / 购买价款): amortised at the yield that makes it equal to the payments after the cutoff.' }),
    yield: Rate.optional().meta({ description: 'Or the annual yield: the basis is the payments’ present value at it, to the fen.' }),
    dayCount: DayCount.default('ACT/365F').meta({ description: 'Income accrues basis × yield × the year fraction between payments.' }),
  })
  .meta({ description: 'A balance basis: each payment splits into principal (the basis amortising) and income. Give exactly one of price and yield.' });
export type BasisSpec = z.output<typeof Basis>;

/** A payment of an asset, before its split. */
export interface Payment {
  date: IsoDate;
  amount: Decimal;
}

/**
 * Year fractions by day count and pair of dates, shared by every asset: a pool's payments fall on
 * few distinct dates, and a Decimal division per payment was most of a large pool's basis cost.
 * Emptied when it grows past a bound, so a long-lived process does not keep every pair.
 */
const yearFractions = new Map<string, Decimal>();
const MAX_KEPT_FRACTIONS = 100_000;

function sharedYearFraction(from: IsoDate, to: IsoDate, dayCount: DayCountName): Decimal {
  const key = `${dayCount}|${from}|${to}`;
  let yf = yearFractions.get(key);
  if (yf === undefined) {
    if (yearFractions.size >= MAX_KEPT_FRACTIONS) yearFractions.clear();
    yearFractions.set(key, (yf = yearFraction(from, to, dayCount)));
  }
  return yf;
}

/** The year fractions between the cutoff and each payment, payment to payment. */
function fractions(payments: readonly { date: IsoDate }[], cutoff: IsoDate, dayCount: DayCountName): Decimal[] {
  return payments.map((p, k) => sharedYearFraction(k === 0 ? cutoff : payments[k - 1]!.date, p.date, dayCount));
}

/** The payments' present value at `y`: Σ paymentₖ / Π (1 + y × yfⱼ), exact. */
export function presentValue(payments: readonly Payment[], y: Decimal, cutoff: IsoDate, dayCount: DayCountName): Decimal {
  const yf = fractions(payments, cutoff, dayCount);
  let discount = ONE;
  let pv = ZERO;
  payments.forEach((p, k) => {
    discount = discount.div(ONE.plus(y.times(yf[k]!)));
    pv = pv.plus(p.amount.times(discount));
  });
  return pv;
}

/**
 * The yield at which `price` amortises to zero over the payments, to 12 decimals; 0 when the
 * price is the payments' total or more (a basis above the payments has no positive yield: the
 * validation rules refuse it).
 */
export function solveYield(payments: readonly Payment[], price: Decimal, cutoff: IsoDate, dayCount: DayCountName): Decimal {
  return yieldOver(inFen(payments), fromYuan(price), fractions(payments, cutoff, dayCount));
}

/** A payment in whole fen: the basis works on integers, exactly as the Decimal expressions it states. */
interface FenPayment {
  date: IsoDate;
  amount: Money;
}

const inFen = (payments: readonly Payment[]): FenPayment[] => payments.map((p) => ({ date: p.date, amount: fromYuan(p.amount) }));

/**
 * The bisection works in binary floating point on the amounts in yuan (fen ÷ 100 is the double
 * nearest the amount, as Decimal's toNumber gives it) and the year fractions' doubles.
 */
function yieldOver(payments: readonly FenPayment[], price: Money, fractionsOf: readonly Decimal[]): Decimal {
  const total = sumMoney(payments.map((p) => p.amount));
  if (payments.length === 0 || price >= total || price <= 0) return ZERO;
  const yf = fractionsOf.map((x) => factorOf(x).approx);
  const amounts = payments.map((p) => p.amount / 100);
  const target = price / 100;
  const pv = (y: number) => {
    let d = 1;
    let v = 0;
    for (let k = 0; k < amounts.length; k++) (d /= 1 + y * yf[k]!), (v += amounts[k]! * d);
    return v;
  };
  let lo = 0;
  let hi = 1;
  while (pv(hi) > target && hi < 1e6) hi *= 2;
  for (let i = 0; i < 200 && hi - lo > 1e-15; i++) {
    const mid = (lo + hi) / 2;
    if (pv(mid) > target) lo = mid;
    else hi = mid;
  }
  return new Decimal((lo + hi) / 2).toDecimalPlaces(12, Decimal.ROUND_HALF_UP);
}

/** The basis at the cutoff and its yield, as the spec gives them. */
export function basisTerms(spec: BasisSpec, payments: readonly Payment[], cutoff: IsoDate): { basis: Decimal; yield: Decimal } {
  const { basis, yield: y } = termsOver(spec, inFen(payments), cutoff, fractions(payments, cutoff, spec.dayCount));
  return { basis: decimalOfFen(basis), yield: y };
}

function termsOver(spec: BasisSpec, payments: readonly FenPayment[], cutoff: IsoDate, yf: readonly Decimal[]): { basis: Money; yield: Decimal } {
  if (spec.yield !== undefined) {
    const pv = presentValue(payments.map((p) => ({ date: p.date, amount: decimalOfFen(p.amount) })), spec.yield, cutoff, spec.dayCount);
    return { basis: fromYuan(toFen(pv)), yield: spec.yield };
  }
  const price = spec.price === undefined ? NIL : fromYuan(spec.price);
  return { basis: price, yield: yieldOver(payments, price, yf) };
}

/**
 * The payments split into principal and income (see the module's note); principal sums to
 * `basis` exactly. Income is at least zero and at most the payment; a payment that the income
 * takes whole leaves the basis where it is.
 *
 * @example
 * // 1,000.00 paid for two payments of 550.00 and 525.00 a year apart: 5% a year.
 * amortise([{ date: '2025-01-01', amount: new Decimal(550) }, { date: '2026-01-01', amount: new Decimal(525) }],
 *   new Decimal(1000), new Decimal('0.05'), '2024-01-01', 'ACT/365F')
 */
export function amortise(payments: readonly Payment[], basis: Decimal, y: Decimal, cutoff: IsoDate, dayCount: DayCountName): Flow[] {
  return amortiseOver(inFen(payments), fromYuan(basis), y, fractions(payments, cutoff, dayCount));
}

/**
 * In whole fen: each income is `mulRound(basis left, y × yf)`, exactly the Decimal
 * `toFen(left × y × yf)` (util/fen.ts), and the rest is integer arithmetic; the flows leave as
 * Decimals again. A large pool on a purchase-price basis splits millions of payments.
 */
function amortiseOver(payments: readonly FenPayment[], basis: Money, y: Decimal, yf: readonly Decimal[]): Flow[] {
  const rate = factorOf(y);
  let left = basis;
  const split = payments.map((p, k) => {
    const income = k === payments.length - 1 ? NIL : minMoney(p.amount, maxMoney(NIL, mulRound(left, product(rate, factorOf(yf[k]!)))));
    const principal = minMoney(left, sub(p.amount, income));
    left = sub(left, principal);
    return { principal, interest: sub(p.amount, principal) };
  });
  // What rounding left over (a fen or so, when the last payment cannot take it): moved to the
  // principal of the latest payments before it that have income, so principal sums to the basis.
  for (let k = split.length - 2; k >= 0 && left > 0; k--) {
    const moved = minMoney(left, split[k]!.interest);
    split[k] = { principal: add(split[k]!.principal, moved), interest: sub(split[k]!.interest, moved) };
    left = sub(left, moved);
  }
  return split.map((f, k) => ({ date: payments[k]!.date, principal: decimalOfFen(f.principal), interest: decimalOfFen(f.interest) }));
}

/** Payments (all principal) split on a basis: the asset's balance is the basis. */
export function withBasis(spec: BasisSpec, flows: readonly Flow[], cutoff: IsoDate): { balance: Decimal; flows: Flow[] } {
  const payments = flows.map((f) => ({ date: f.date, amount: add(fromYuan(f.principal), fromYuan(f.interest)) }));
  // The fractions once for both the yield and the split.
  const yf = fractions(payments, cutoff, spec.dayCount);
  const { basis, yield: y } = termsOver(spec, payments, cutoff, yf);
  return { balance: decimalOfFen(basis), flows: amortiseOver(payments, basis, y, yf) };
}

/** Validation of a basis against its asset's payments after the cutoff. */
export function basisProblems(spec: BasisSpec, payments: readonly Payment[]): string[] {
  const out: string[] = [];
  if ((spec.price === undefined) === (spec.yield === undefined)) out.push('a basis needs exactly one of price and yield');
  if (payments.length === 0) out.push('a basis needs payments after the cutoff to amortise over');
  const total = sum(payments.map((p) => p.amount));
  if (spec.price !== undefined && spec.price.gt(total)) out.push(`the basis price ${spec.price.toFixed(2)} exceeds the payments after the cutoff (${total.toFixed(2)}): it cannot amortise to zero`);
  return out;
}

export const PoolBasis = z
  .strictObject({
    price: z.literal('purchasePrice').optional().meta({
      description: 'purchasePrice: the pool’s purchase price, allocated to the assets in proportion to their payments due (largest remainder, to the fen); each asset amortises its share at its own yield. Every asset must be a royalty or receivable without a basis of its own.',
    }),
    yield: Rate.optional().meta({ description: 'Or one annual yield for every royalty and receivable without a basis of its own.' }),
    dayCount: DayCount.default('ACT/365F'),
  })
  .meta({ description: 'A balance basis for the pool’s royalties and receivables (see an asset’s basis). Give exactly one of price and yield.' });
export type PoolBasisSpec = z.output<typeof PoolBasis>;
