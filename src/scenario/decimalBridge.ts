/**
 * TEMPORARY (issue 8, drop at merge): today's Decimal engine reads pool performance in Decimal;
 * this bridge gives it the whole-fen performance (scenario/performance.ts) converted back, so
 * that every engine test and golden runs on it until the Money engine reads it directly.
 */
import type { DealPeriod } from '../deal/periods.js';
import type { IsoDate } from '../dates/date.js';
import type { AssetSpec } from '../schema/deal.js';
import { toYuan, type Money } from '../util/fen.js';
import type { Decimal } from '../util/money.js';
import { poolPerformance as moneyPerformance, preparePool as moneyPool } from './performance.js';
import type { MoneyDefaultEvent, MoneyPoolPeriod, MoneyPreparedPool } from './poolTypes.js';
import type { ScenarioSpec } from './schema.js';

type Dec<T> = { [K in keyof T]: T[K] extends Money ? Decimal : T[K] extends Money[] ? Decimal[] : T[K] };
export type AssetSchedule = Dec<MoneyPreparedPool['schedules'][number]>;
export type PreparedPool = Omit<Dec<MoneyPreparedPool>, 'schedules'> & { schedules: AssetSchedule[]; money: MoneyPreparedPool };
export type PoolPeriodPerformance = Dec<MoneyPoolPeriod>;
export type DefaultEvent = Omit<Dec<MoneyDefaultEvent>, 'arrivals'> & { arrivals: { period: number; amount: Decimal; kind: 'recovery' | 'compensation' }[] };
export interface PoolPerformance {
  periods: PoolPeriodPerformance[];
  afterEnd: Decimal;
  events: DefaultEvent[];
  eventsByPeriod: DefaultEvent[][];
  arrivalsByPeriod: { event: DefaultEvent; amount: Decimal; kind: 'recovery' | 'compensation' }[][];
}

const ys = (xs: readonly Money[]) => xs.map(toYuan);
function dec<T extends object>(o: T): Dec<T> {
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, typeof v === 'number' && k !== 'lateFlows' && k !== 'asset' && k !== 'period' ? toYuan(v as Money) : Array.isArray(v) && typeof v[0] === 'number' && k !== 'periodDays' ? ys(v as Money[]) : v])) as Dec<T>;
}

export function preparePool(assets: readonly AssetSpec[], cutoff: IsoDate, periods: readonly DealPeriod[]): PreparedPool {
  const money = moneyPool(assets, cutoff, periods);
  return { ...dec(money), schedules: money.schedules.map((s) => dec(s)), money };
}

export function poolPerformance(pool: PreparedPool, scenario: ScenarioSpec): PoolPerformance {
  const m = moneyPerformance(pool.money, scenario);
  const events = new Map(m.events.map((e): [MoneyDefaultEvent, DefaultEvent] => [e, { ...dec(e), arrivals: e.arrivals.map((a) => ({ ...a, amount: toYuan(a.amount) })) }]));
  return {
    periods: m.periods.map((p) => dec(p)),
    afterEnd: toYuan(m.afterEnd),
    events: [...events.values()],
    eventsByPeriod: m.eventsByPeriod.map((es) => es.map((e) => events.get(e)!)),
    arrivalsByPeriod: m.arrivalsByPeriod.map((as) => as.map((a) => ({ event: events.get(a.event)!, amount: toYuan(a.amount), kind: a.kind }))),
  };
}
