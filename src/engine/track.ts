/**
 * Tracking a live deal (`ipabs track`): actual figures beside the projection, period by period
 * and line by line (variance = actual − projected, and its running sum), the cumulative default
 * ratio both ways, each period's balance, the triggers tested on the actuals, and the rest of the
 * deal projected from the status after the last actual period.
 */
import type { IsoDate } from '../dates/date.js';
import { ACTUAL_ITEMS } from '../io/actualsItems.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { add, NIL, sub, type Money } from '../util/fen.js';
import type { Decimal } from '../util/money.js';
import { dealObjects, lineKey, type ActualPeriod } from './actuals.js';
import { balanceActuals, type Finding, type PeriodBalance } from './actualsCheck.js';
import { openingBalances, projectedLines } from './actualsLines.js';
import { actualTriggers, type ActualTriggerEvent } from './actualsTriggers.js';
import { namedDefaults, withNamedDefaults, type NamedDefault } from './actualsAssets.js';
import type { PreparedDeal } from './prepare.js';
import { runFromStatus } from './status.js';
import type { EngineStatus } from './statusTypes.js';
import { actualsEnd, defaultRatio, statusFromActuals, statusMismatches, type ActualsEnd } from './trackStatus.js';
import type { RunEvent, RunResult } from './types.js';

/** One line of one period: actual, projected, the variance and its sum to date. */
export interface TrackLine {
  period: number;
  date: IsoDate;
  item: string;
  object?: string;
  actual: Money;
  projected: Money;
  variance: Money;
  cumulative: Money;
}

/** The cumulative default ratio on a date, actual and projected. */
export interface DefaultRatioRow {
  period: number;
  date: IsoDate;
  actual: Money;
  actualRatio: Decimal;
  projected: Money;
  projectedRatio: Decimal;
}

/** What `ipabs track` found. */
export interface TrackResult {
  projected: RunResult;
  periods: number;
  lastDate: IsoDate;
  balances: PeriodBalance[];
  findings: Finding[];
  triggers: ActualTriggerEvent[];
  /** The projection's trigger events on the same dates. */
  projectedTriggers: RunEvent[];
  lines: TrackLine[];
  defaults: DefaultRatioRow[];
  end: ActualsEnd;
  /** Where the status of the rest came from: a status file, or the actuals and the projection. */
  statusFrom: 'file' | 'actuals';
  /** The periods (1-based) whose 应付本金 the file gives for some tranche: the trigger tests use it there, the projection's principal due elsewhere. */
  principalDueGiven: number[];
  /** The defaults the actuals name by asset (违约金额 / 回收金额 with an asset's id): the status from the actuals carries them. */
  namedDefaults: NamedDefault[];
  /** The periods (1-based) whose 违约金额 names no asset: the defaulted assets' statuses then come from the scenario. */
  unnamedDefaults: number[];
  /** The deal's asset types (each once, in the deal's order): what its reports call the pool's collections. */
  assetTypes: string[];
  /** The rest of the deal from the last actual period (none when the actuals reach the last date). */
  rest?: RunResult;
}

/** Every line the actuals give or the projection has, in the order of the items, then the deal's objects. */
function lineOrder(prepared: PreparedDeal): { item: string; object?: string }[] {
  const objects = dealObjects(prepared);
  return ACTUAL_ITEMS.flatMap((i) => (i.of === 'pool' ? [{ item: i.key }] : objects[i.of].map((o) => ({ item: i.key, object: o.id }))));
}

/** The comparison lines: every line given, or projected other than zero (a line not given is zero; a closing balance not given is carried). */
function compare(prepared: PreparedDeal, projected: RunResult, periods: readonly ActualPeriod[], closings: readonly Map<string, Money>[]): TrackLine[] {
  const order = lineOrder(prepared);
  const running = new Map<string, Money>();
  const out: TrackLine[] = [];
  periods.forEach((p, i) => {
    const proj = projectedLines(projected, p.k);
    for (const { item, object } of order) {
      const key = lineKey(item, object);
      const given = p.lines.get(key);
      const actual = given ?? (item === 'closing' ? closings[i]!.get(object!)! : NIL);
      const projectedValue = proj.get(key) ?? NIL;
      if (given === undefined && projectedValue === 0 && actual === 0) continue;
      if (given === undefined && (item === 'interestDue' || item === 'principalDue' || item === 'feeDue' || item === 'draw' || item === 'topUp' || item === 'supportUnpaid')) continue;
      const variance = sub(actual, projectedValue);
      const cumulative = add(running.get(key) ?? NIL, variance);
      running.set(key, cumulative);
      out.push({ period: p.k + 1, date: p.date, item, ...(object ? { object } : {}), actual, projected: projectedValue, variance, cumulative });
    }
  });
  return out;
}

function defaultRows(prepared: PreparedDeal, projected: RunResult, periods: readonly ActualPeriod[]): DefaultRatioRow[] {
  let actual = NIL;
  return periods.map((p) => {
    actual = add(actual, p.lines.get('defaulted') ?? NIL);
    const proj = projected.pool.periods.find((x) => x.period === p.k + 1)?.cumulativeDefaulted ?? projected.pool.totalDefaulted;
    return { period: p.k + 1, date: p.date, actual, actualRatio: defaultRatio(prepared, actual), projected: proj, projectedRatio: defaultRatio(prepared, proj) };
  });
}

/** The status file's disagreements with the actuals, when a status is given: an InputError's lines. */
export type StatusCheck = (status: EngineStatus, end: ActualsEnd, accountIds: readonly string[]) => string[];

/**
 * Tracks the actuals against `projected` (the run under `scenario`); the rest of the deal runs
 * from `status` when given (after checking it against the actuals: `mismatches` lists where
 * they disagree, and nothing is projected), else from the status the actuals leave.
 */
export function trackDeal(prepared: PreparedDeal, projected: RunResult, periods: readonly ActualPeriod[], scenario: ScenarioSpec, status?: EngineStatus): TrackResult & { mismatches: string[] } {
  const accountIds = dealObjects(prepared).account.map((a) => a.id);
  const { rows, findings, closings } = balanceActuals(periods, accountIds, openingBalances(projected));
  const collectionOpen = periods.map((_, i) => (i === 0 ? (openingBalances(projected).get(accountIds[0]!) ?? NIL) : closings[i - 1]!.get(accountIds[0]!)!));
  const triggers = actualTriggers(prepared, projected, periods, collectionOpen);
  const end = actualsEnd(prepared, periods, closings[closings.length - 1]!, accountIds, triggers, projectedLines(projected, periods[periods.length - 1]!.k));
  const last = periods.length;
  const named = namedDefaults(prepared, periods.flatMap((p) => p.named ?? []), scenario, last);
  const mismatches = status ? statusMismatches(prepared, status, end, accountIds, named) : [];
  const base: TrackResult = {
    projected,
    periods: last,
    lastDate: periods[last - 1]!.date,
    balances: rows,
    findings,
    triggers: triggers.events,
    projectedTriggers: projected.events.filter((e) => e.type === 'trigger' && e.period <= last),
    lines: compare(prepared, projected, periods, closings),
    defaults: defaultRows(prepared, projected, periods),
    end,
    statusFrom: status ? 'file' : 'actuals',
    namedDefaults: named,
    unnamedDefaults: periods.filter((p) => (p.lines.get('defaulted') ?? 0) > 0 && !(p.named ?? []).some((f) => f.item === 'defaulted')).map((p) => p.k + 1),
    principalDueGiven: periods.filter((p) => [...p.lines.keys()].some((key) => key.startsWith('principalDue|'))).map((p) => p.k + 1),
    assetTypes: [...new Set(prepared.deal.assets.map((a) => a.type))],
  };
  if (mismatches.length || last >= prepared.periods.length) return { ...base, mismatches };
  const from = status ?? withNamedDefaults(prepared, statusFromActuals(prepared, end, scenario), named);
  const rest = runFromStatus(prepared, from, scenario);
  return { ...base, rest: { ...rest, status: { asOf: base.lastDate, lastPaymentDate: base.lastDate, periodsPast: last } }, mismatches };
}
