/**
 * The pool prepared once per deal: each asset's contractual cash flows in whole fen (integer
 * flows where the asset type has them), bucketed into the deal's collection periods by day number.
 */
import { daysBetween, type IsoDate } from '../dates/date.js';
import type { DealPeriod } from '../deal/periods.js';
import { periodFinder } from '../deal/periods.js';
import type { AssetSpec } from '../schema/deal.js';
import { contractualFen } from '../pool/index.js';
import { fen, type Money } from '../util/fen.js';
import type { MoneyPreparedPool, MoneySchedule } from './poolTypes.js';
import type { RateEnv } from '../rates/env.js';

/** n zeros, in a packed array. */
function zeros(n: number): number[] {
  const xs: number[] = [];
  for (let k = 0; k < n; k++) xs.push(0);
  return xs;
}

/** The pool's totals per period, summed as the schedules are made. */
interface Totals {
  principal: number[];
  interest: number[];
  startBalance: number[];
}

function schedule(asset: AssetSpec, cutoff: IsoDate, n: number, periodsOf: (dates: readonly IsoDate[]) => Int32Array, tot: Totals, rates: RateEnv | undefined): MoneySchedule {
  const cf = contractualFen(asset, cutoff, rates);
  const principal = zeros(n);
  const interest = zeros(n);
  let lateFlows = 0;
  const at = periodsOf(cf.dates);
  for (let i = 0; i < at.length; i++) {
    const k = at[i]!;
    if (k < 0) {
      lateFlows++;
      continue;
    }
    principal[k] = principal[k]! + cf.principal[i]!;
    interest[k] = interest[k]! + cf.interest[i]!;
  }
  const balance = cf.balance;
  const startBalance = zeros(n);
  let b: number = balance;
  for (let k = 0; k < n; k++) {
    startBalance[k] = b;
    tot.startBalance[k] = tot.startBalance[k]! + b;
    tot.principal[k] = tot.principal[k]! + principal[k]!;
    tot.interest[k] = tot.interest[k]! + interest[k]!;
    b -= principal[k]!;
  }
  return { balance, principal: principal as Money[], interest: interest as Money[], startBalance: startBalance as Money[], lateFlows };
}

/**
 * Buckets every asset's contractual flows into the deal's periods, in whole fen. Floating-rate
 * assets read their rates from `rates` (one rate path).
 */
export function preparePool(assets: readonly AssetSpec[], cutoff: IsoDate, periods: readonly DealPeriod[], rates?: RateEnv): MoneyPreparedPool {
  const n = periods.length;
  const periodsOf = periodFinder(periods);
  const tot: Totals = { principal: zeros(n), interest: zeros(n), startBalance: zeros(n) };
  const schedules = assets.map((a) => schedule(a, cutoff, n, periodsOf, tot, rates));
  let initial = 0;
  for (const s of schedules) initial += s.balance;
  return {
    periods,
    assets,
    schedules,
    basePrincipal: tot.principal.map(fen),
    baseInterest: tot.interest.map(fen),
    baseStartBalance: tot.startBalance.map(fen),
    initialBalance: fen(initial),
    periodDays: periods.map((p, k) => Math.max(1, daysBetween(k === 0 ? cutoff : periods[k - 1]!.collectionEnd, p.collectionEnd))),
  };
}
