/**
 * The defaults a status carries in, as events of the run from it: each listed where the run
 * lists defaults, in the period of its default (before the status date), marked `fromStatus`.
 */
import { fmtFen } from '../util/fen.js';
import type { RunContext } from './state.js';
import type { EngineStatus } from './statusTypes.js';
import type { RunEvent } from './types.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { overdueMode } from './statusOverdue.js';

/** One default event per default of the status, by its date, with what it recovered so far. */
export function statusDefaultEvents(ctx: RunContext, status: EngineStatus): RunEvent[] {
  return status.defaults.map((d) => {
    const asset = ctx.pool.assets[d.asset]!;
    const verb = d.mode === 'stopPaying' ? 'stopped paying' : 'defaulted';
    return {
      period: d.period + 1,
      date: d.date,
      type: 'default',
      id: asset.id,
      name: asset.obligor,
      amount: d.balance,
      detail: d.mode,
      fromStatus: true,
      message: `${asset.id} (${asset.obligor}) ${verb} on ${d.date} (from the status): balance ${fmtFen(d.balance)} outstanding, ${fmtFen(d.recovered)} recovered to date`,
    };
  });
}

/**
 * The default events of overdue assets that rolled into default, saying so in their message
 * (the reports' default lines are the engine's; this is for programs and logs).
 */
export function markRolled(events: RunEvent[], ctx: RunContext, status: EngineStatus, scenario: ScenarioSpec): RunEvent[] {
  if (overdueMode(scenario) !== 'roll') return events;
  const rolled = new Map((status.overdue ?? []).map((o) => [ctx.pool.assets[o.asset]!.id, o]));
  if (rolled.size === 0) return events;
  return events.map((e) => {
    const o = e.type === 'default' && e.id !== undefined ? rolled.get(e.id) : undefined;
    return o && e.period === o.rollPeriod + 1 ? { ...e, message: `${e.message} (${o.days} days overdue on the status date: rolls into default)` } : e;
  });
}
