/**
 * The pool's performance after a status date. Each asset is rebased to the balance the status
 * gives it: its contractual flows scaled by the status's balance over the balance the scenario
 * projects for it at that date (so an asset the status leaves as projected keeps its flows to
 * the fen), and the scenario runs on the rebased pool; its defaults before the status date give
 * way to the status's own, whose pending recoveries arrive when the status says. An asset the
 * scenario had written off but the status says performs keeps its contractual flows, scaled.
 */
import { Decimal } from '../util/money.js';
import { fen, type Money } from '../util/fen.js';
import { scaledSchedule } from './statusSchedule.js';
import { overdueMode, overdueSchedule, overdueUntil, withRolledDefaults } from './statusOverdue.js';
import { poolPerformance } from '../scenario/performance.js';
import type { MoneyDefaultEvent, MoneyPoolPerformance, MoneyPreparedPool, MoneySchedule } from '../scenario/poolTypes.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type { EngineStatus, StatusDefault } from './statusTypes.js';

const zeroSchedule = (s: MoneySchedule): MoneySchedule => scaledSchedule(s, new Decimal(0));

function rebuiltPool(pool: MoneyPreparedPool, schedules: MoneySchedule[]): MoneyPreparedPool {
  const n = pool.periods.length;
  const sum = (pick: (s: MoneySchedule) => Money[]) => Array.from({ length: n }, (_, k) => fen(schedules.reduce((t, s) => t + pick(s)[k]!, 0)));
  return { ...pool, schedules, basePrincipal: sum((s) => s.principal), baseInterest: sum((s) => s.interest), baseStartBalance: sum((s) => s.startBalance), initialBalance: fen(schedules.reduce((t, s) => t + s.balance, 0)) };
}

/**
 * The rebased pool, and the contractual flows (scaled) of assets the scenario had written off.
 * An overdue asset's schedule is its own (./statusOverdue.ts); one the scenario had written off
 * before the status cures as an orphan, or under `roll` stays written off.
 */
function rebase(pool: MoneyPreparedPool, scenario: ScenarioSpec, status: EngineStatus): { pool: MoneyPreparedPool; orphans: MoneySchedule[]; delayed: Money[][] } {
  const k = status.past - 1;
  const n = pool.periods.length;
  const projected = poolPerformance(pool, scenario, { balancesAfter: k }).assetBalances!;
  const overdue = new Map((status.overdue ?? []).map((o) => [o.asset, o]));
  const orphans: MoneySchedule[] = [];
  const delayed: Money[][] = [];
  let changed = false;
  const schedules = pool.schedules.map((s, i) => {
    const has = status.assets[i]!;
    const was = projected[i]!;
    const late = overdue.get(i);
    if (late) {
      changed = true;
      const mode = overdueMode(scenario);
      const flows = overdueSchedule(s, late, status.past, has, overdueUntil(late, status.past, n, scenario), mode);
      if (was > 0 || mode === 'cure') delayed.push(flows.delayed);
      if (was > 0) return flows.schedule;
      if (mode === 'cure') orphans.push(flows.schedule);
      return zeroSchedule(s);
    }
    if (has === was) return s;
    changed = true;
    if (was > 0) return scaledSchedule(s, new Decimal(has).div(was));
    const contractual = s.startBalance[k]! - s.principal[k]!;
    if (contractual > 0) orphans.push(scaledSchedule(s, new Decimal(has).div(contractual)));
    else orphans.push({ ...zeroSchedule(s), principal: s.principal.map((_, j) => fen(j === k + 1 ? has : 0)) });
    return zeroSchedule(s);
  });
  return { pool: changed ? rebuiltPool(pool, schedules) : pool, orphans, delayed };
}

/** Adds what overdue assets fail to pay when due to the periods' missed payments (from the status date on). */
function addDelayed(perf: MoneyPoolPerformance, delayed: Money[][], past: number): MoneyPoolPerformance {
  if (delayed.length === 0) return perf;
  const periods = perf.periods.map((p, k) => (k < past ? p : { ...p, missed: fen(delayed.reduce((t, d) => t + d[k]!, p.missed as number)) }));
  return { ...perf, periods };
}

/** The status's defaults as the engine's default events (their pending arrivals only). */
function statusEvents(status: EngineStatus): Map<StatusDefault, MoneyDefaultEvent> {
  return new Map(status.defaults.map((d) => [d, { asset: d.asset, period: d.period, balance: d.balance, interestMissed: d.interestMissed, share: d.share, mode: d.mode, arrivals: d.pending.map((a) => ({ ...a })) }]));
}

/** Adds the orphans' contractual flows (from the status date on) to the performance's periods. */
function addOrphans(perf: MoneyPoolPerformance, orphans: MoneySchedule[], past: number): MoneyPoolPerformance {
  if (orphans.length === 0) return perf;
  const periods = perf.periods.map((p, k) => {
    if (k < past) return p;
    let principal = p.principal as number;
    let interest = p.interest as number;
    let end = p.endBalance as number;
    for (const o of orphans) {
      principal += o.principal[k]!;
      interest += o.interest[k]!;
      end += o.startBalance[k]! - o.principal[k]!;
    }
    return { ...p, principal: fen(principal), interest: fen(interest), endBalance: fen(end) };
  });
  return { ...perf, periods };
}

/**
 * The pool and its performance for a run from `status`, with the engine's event for each of the
 * status's defaults (a loan guarantee's record of a claim is keyed by it).
 */
export function remainingPerformance(pool: MoneyPreparedPool, scenario: ScenarioSpec, status: EngineStatus): { pool: MoneyPreparedPool; performance: MoneyPoolPerformance; events: Map<StatusDefault, MoneyDefaultEvent> } {
  const past = status.past;
  const rebased = rebase(pool, scenario, status);
  const rolled = withRolledDefaults(scenario, status.overdue ?? [], pool.assets, pool.periods.length);
  const perf = addDelayed(addOrphans(poolPerformance(rebased.pool, rolled), rebased.orphans, past), rebased.delayed, past);
  const events = statusEvents(status);
  const later = perf.events.filter((e) => e.period >= past);
  const all = [...events.values(), ...later];
  const n = perf.periods.length;
  const eventsByPeriod: MoneyDefaultEvent[][] = Array.from({ length: n }, () => []);
  const arrivalsByPeriod: MoneyPoolPerformance['arrivalsByPeriod'] = Array.from({ length: n }, () => []);
  let lastDefault = -1;
  let lastArrival = -1;
  for (const e of all) {
    eventsByPeriod[e.period]!.push(e);
    lastDefault = Math.max(lastDefault, e.period);
    for (const a of e.arrivals) {
      if (a.period < past || a.period >= n) continue;
      arrivalsByPeriod[a.period]!.push({ event: e, amount: a.amount, kind: a.kind });
      lastArrival = Math.max(lastArrival, a.period);
    }
  }
  const performance: MoneyPoolPerformance = { ...perf, events: all, eventsByPeriod, arrivalsByPeriod, pooledArrivals: undefined, lastDefaultPeriod: lastDefault, lastArrivalPeriod: lastArrival };
  return { pool: rebased.pool, performance, events };
}
