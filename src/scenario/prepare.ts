/**
 * The pool prepared once per deal: each asset's contractual cash flows in whole fen (integer
 * flows where the asset type has them), bucketed into the deal's collection periods by day number.
 */
import { daysBetween, type IsoDate } from '../dates/date.js';
import type { DealPeriod } from '../deal/periods.js';
import { periodLookup } from '../deal/periods.js';
import type { AssetSpec } from '../schema/deal.js';
import { contractualFen } from '../pool/index.js';
import { fen, type Money } from '../util/fen.js';
import type { MoneyPreparedPool, MoneySchedule } from './poolTypes.js';

function schedule(asset: AssetSpec, cutoff: IsoDate, n: number, periodOf: (date: IsoDate) => number): MoneySchedule {
  const cf = contractualFen(asset, cutoff);
  const principal = new Array<number>(n).fill(0);
  const interest = new Array<number>(n).fill(0);
  let lateFlows = 0;
  const { dates } = cf;
  for (let i = 0; i < dates.length; i++) {
    const k = periodOf(dates[i]!);
    if (k < 0) {
      lateFlows++;
      continue;
    }
    principal[k] = principal[k]! + cf.principal[i]!;
    interest[k] = interest[k]! + cf.interest[i]!;
  }
  const balance = cf.balance;
  const startBalance = new Array<number>(n);
  let b: number = balance;
  for (let k = 0; k < n; k++) {
    startBalance[k] = b;
    b -= principal[k]!;
  }
  return { balance, principal: principal as Money[], interest: interest as Money[], startBalance: startBalance as Money[], lateFlows };
}

/** Per period, the sum over the schedules of one of their series. */
function totals(schedules: readonly MoneySchedule[], n: number, pick: (s: MoneySchedule) => readonly Money[]): Money[] {
  const out = new Array<number>(n).fill(0);
  for (const s of schedules) {
    const xs = pick(s);
    for (let k = 0; k < n; k++) out[k] = out[k]! + xs[k]!;
  }
  return out.map(fen);
}

/** Buckets every asset's contractual flows into the deal's periods, in whole fen. */
export function preparePool(assets: readonly AssetSpec[], cutoff: IsoDate, periods: readonly DealPeriod[]): MoneyPreparedPool {
  const n = periods.length;
  const periodOf = periodLookup(periods);
  const schedules = assets.map((a) => schedule(a, cutoff, n, periodOf));
  let initial = 0;
  for (const s of schedules) initial += s.balance;
  return {
    periods,
    assets,
    schedules,
    basePrincipal: totals(schedules, n, (s) => s.principal),
    baseInterest: totals(schedules, n, (s) => s.interest),
    baseStartBalance: totals(schedules, n, (s) => s.startBalance),
    initialBalance: fen(initial),
    periodDays: periods.map((p, k) => Math.max(1, daysBetween(k === 0 ? cutoff : periods[k - 1]!.collectionEnd, p.collectionEnd))),
  };
}
