/**
 * The pool's performance in whole fen, for the engine. Until `scenario/performance.ts` returns
 * the Money types of `scenario/poolTypes.ts` itself, this converts its Decimal results (every
 * amount there is a whole number of fen, so the conversion is exact). The engine calls
 * `preparePool` and `poolPerformance` here and nowhere else: when performance speaks Money,
 * these two functions become re-exports and this file goes.
 */
import type { DealPeriod } from '../deal/periods.js';
import type { AssetSpec } from '../schema/deal.js';
import * as performance from '../scenario/performance.js';
import type { MoneyDefaultEvent, MoneyPoolPerformance, MoneyPoolPeriod, MoneyPreparedPool } from '../scenario/poolTypes.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { fen, fromYuan, type Money } from '../util/fen.js';
import type { Decimal } from '../util/money.js';

/** The Decimal pool each Money pool was made from (performance still works on it). */
const decimalPools = new WeakMap<MoneyPreparedPool, performance.PreparedPool>();

/** Decimal objects shared between the prepared pool and a performance convert once. */
const converted = new WeakMap<Decimal, Money>();

/** 2^50 fen: below it, a whole-fen amount's double times 100 rounds back to its exact fen. */
const EXACT = 2 ** 50;

function fenOf(d: Decimal): Money {
  let m = converted.get(d);
  if (m === undefined) {
    // Fast and exact for whole fen (every amount performance gives is toFen'd); else exactly.
    const x = d.toNumber() * 100;
    const r = Math.round(x);
    m = Math.abs(r) < EXACT && Math.abs(x - r) < 1e-3 ? fen(r) : fromYuan(d);
    converted.set(d, m);
  }
  return m;
}

const fenList = (list: readonly Decimal[]) => list.map(fenOf);

/** Buckets every asset's contractual flows into the deal's periods, in whole fen. */
export function preparePool(assets: readonly AssetSpec[], cutoff: string, periods: readonly DealPeriod[]): MoneyPreparedPool {
  const pool = performance.preparePool(assets, cutoff, periods);
  const money: MoneyPreparedPool = {
    periods: pool.periods,
    assets: pool.assets,
    schedules: pool.schedules.map((s) => ({ balance: fenOf(s.balance), principal: fenList(s.principal), interest: fenList(s.interest), startBalance: fenList(s.startBalance), lateFlows: s.lateFlows })),
    basePrincipal: fenList(pool.basePrincipal),
    baseInterest: fenList(pool.baseInterest),
    baseStartBalance: fenList(pool.baseStartBalance),
    initialBalance: fenOf(pool.initialBalance),
    periodDays: pool.periodDays,
  };
  decimalPools.set(money, pool);
  return money;
}

function periodOf(p: performance.PoolPeriodPerformance): MoneyPoolPeriod {
  return {
    scheduledPrincipal: fenOf(p.scheduledPrincipal),
    scheduledInterest: fenOf(p.scheduledInterest),
    principal: fenOf(p.principal),
    interest: fenOf(p.interest),
    prepaid: fenOf(p.prepaid),
    missed: fenOf(p.missed),
    defaulted: fenOf(p.defaulted),
    endBalance: fenOf(p.endBalance),
  };
}

/** Applies a scenario to the prepared pool, in whole fen. */
export function poolPerformance(pool: MoneyPreparedPool, scenario: ScenarioSpec): MoneyPoolPerformance {
  const source = decimalPools.get(pool);
  if (!source) throw new Error('poolPerformance: a pool not prepared by poolAdapter.preparePool');
  const perf = performance.poolPerformance(source, scenario);
  const events = new Map<performance.DefaultEvent, MoneyDefaultEvent>();
  for (const e of perf.events) {
    events.set(e, {
      asset: e.asset,
      period: e.period,
      balance: fenOf(e.balance),
      interestMissed: fenOf(e.interestMissed),
      share: e.share,
      mode: e.mode,
      arrivals: e.arrivals.map((a) => ({ period: a.period, amount: fenOf(a.amount), kind: a.kind })),
    });
  }
  return {
    periods: perf.periods.map(periodOf),
    afterEnd: fenOf(perf.afterEnd),
    events: [...events.values()],
    eventsByPeriod: perf.eventsByPeriod.map((list) => list.map((e) => events.get(e)!)),
    arrivalsByPeriod: perf.arrivalsByPeriod.map((list) => list.map((a) => ({ event: events.get(a.event)!, amount: fenOf(a.amount), kind: a.kind }))),
  };
}
