/**
 * 每百元本息: a tranche's payments per 100 yuan of issued face, as offering documents and the
 * exchanges' payment notices print them. Each figure is rounded half up to 0.0001 yuan. So that
 * the principal column sums to exactly 100.0000 when the tranche is repaid, principal is rounded
 * cumulatively: a date's principal is the rounded cumulative principal to it less the rounded
 * cumulative principal to the date before, and the remaining face is 100 less the rounded
 * cumulative principal (the largest difference from rounding each date alone is 0.0001).
 * Interest and residual are rounded on each date alone, as each date's notice prints them.
 * Computed in integers (fen and 0.0001 yuan), exact.
 */
import type { IsoDate } from '../dates/date.js';
import type { Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';

/** What the schedule reads of a tranche's period rows. */
export interface PerHundredInput {
  period: number;
  date: IsoDate;
  interestPaid: Money;
  principalPaid: Money;
  residualPaid: Money;
  beginBalance: Money;
}

export interface PerHundredRow {
  period: number;
  date: IsoDate;
  interest: Decimal;
  principal: Decimal;
  residual: Decimal;
  total: Decimal;
  remainingFace: Decimal;
}

/** A payment of p fen on a face of F fen is p × 100 / F yuan per 100 yuan: p × 1,000,000 / F units of 0.0001 yuan; 100 yuan is 1,000,000 units. */
const UNITS_PER_100 = 1_000_000n;

/** fen × 1,000,000 ÷ face, rounded half up, in 0.0001 yuan per 100 yuan of face (amounts are ≥ 0). */
function units(fen: bigint, face: bigint): bigint {
  return (2n * fen * UNITS_PER_100 + face) / (2n * face);
}

const asYuan = (u: bigint) => new Decimal(u.toString()).div(10_000);

/**
 * The schedule of a tranche issued at `issued` fen: one row per date from the first to the last
 * on which anything is paid or principal is outstanding.
 *
 * @example perHundred(rows, 28_595_000_000)[0].principal.toFixed(4) // '5.9654'
 */
export function perHundred(rows: readonly PerHundredInput[], issued: Money): PerHundredRow[] {
  if (issued <= 0) return [];
  const face = BigInt(issued);
  let cumulative = 0n;
  let repaidUnits = 0n;
  const out: PerHundredRow[] = [];
  for (const r of rows) {
    const paid = r.interestPaid + r.principalPaid + r.residualPaid;
    if (paid === 0 && r.beginBalance === 0) continue;
    cumulative += BigInt(r.principalPaid);
    const nowRepaid = units(cumulative, face);
    const principal = nowRepaid - repaidUnits;
    repaidUnits = nowRepaid;
    const interest = units(BigInt(r.interestPaid), face);
    const residual = units(BigInt(r.residualPaid), face);
    out.push({
      period: r.period,
      date: r.date,
      interest: asYuan(interest),
      principal: asYuan(principal),
      residual: asYuan(residual),
      total: asYuan(interest + principal + residual),
      remainingFace: asYuan(UNITS_PER_100 - nowRepaid),
    });
  }
  return out;
}
