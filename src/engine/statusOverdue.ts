/**
 * Overdue assets (逾期) in a run from a status. An overdue asset's missed instalments (its
 * arrears) and everything that falls due after the status are delayed, not lost: under the
 * scenario's `overdue.mode`
 * - `cure`: all of it is collected in the stated period after the status (curePeriod, default
 *   the first), and the asset pays as scheduled after it;
 * - `roll` (the default): it pays nothing more and defaults, its whole outstanding balance, in
 *   the period its days overdue reach the deal's default definition (pool.defaultOverdueDays,
 *   default 90: an assumption), recovered at the scenario's rate after its lag; the interest it
 *   missed is lost.
 * Its `outstanding` in the status is all the principal it still owes, its overdue principal
 * included (未偿本金余额): its contractual flows are scaled by that over its contractual
 * balance after the status date plus the principal of the instalments it missed.
 */
import { addDays, compareDates, type IsoDate } from '../dates/date.js';
import { fen, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';
import type { DealPeriod } from '../deal/periods.js';
import type { MoneySchedule } from '../scenario/poolTypes.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { resolveDefaults } from '../scenario/defaultRates.js';
import type { AssetSpec } from '../schema/deal.js';
import { scaledSchedule } from './statusSchedule.js';
import type { OverdueAsset } from './statusTypes.js';

/** The deal's default definition when it gives none: 90 days overdue (an assumption; see pool.defaultOverdueDays). */
export const DEFAULT_OVERDUE_DAYS = 90;

/**
 * An asset `days` overdue on `asOf`, `past` periods after closing: the instalments it missed and
 * the period it defaults in when it does not cure.
 */
export function overdueAsset(periods: readonly DealPeriod[], asset: number, asOf: IsoDate, past: number, days: number, threshold: number): OverdueAsset {
  const firstDue = addDays(asOf, -days);
  const missed: number[] = [];
  for (let j = 0; j < past; j++) if (compareDates(periods[j]!.collectionEnd, firstDue) >= 0) missed.push(j);
  if (missed.length === 0) missed.push(past - 1);
  const rollDate = addDays(firstDue, threshold);
  let rollPeriod = periods.findIndex((p, k) => k >= past && compareDates(p.collectionEnd, rollDate) >= 0);
  if (rollPeriod < 0) rollPeriod = periods.length;
  return { asset, days, missed, rollPeriod };
}

/** Start balances from the balance and the principal per period. */
function startBalances(balance: Money, principal: readonly Money[]): Money[] {
  let left = balance as number;
  return principal.map((p) => {
    const start = fen(left);
    left -= p;
    return start;
  });
}

/** An overdue asset's schedule in a run from a status, and what it fails to pay when due in each period (by period; 0 outside the delay). */
export interface OverdueFlows {
  schedule: MoneySchedule;
  delayed: Money[];
}

/**
 * The schedule of an overdue asset in a run from a status `past` periods in, owing `outstanding`:
 * its missed instalments (the arrears) taken out of the periods past, and what falls due from
 * the status until `until` (the cure or default period) taken out of those periods, where it is
 * missed when due (`delayed`: a reserve for missed collections covers it as any). Cured, all of
 * it is collected in `until`; rolled, the principal is in the balance that defaults then and the
 * arrears' interest is missed with that period's. After the deal, nothing more is collected.
 */
export function overdueSchedule(s: MoneySchedule, o: OverdueAsset, past: number, outstanding: Money, until: number, mode: 'roll' | 'cure'): OverdueFlows {
  const contractual = s.startBalance[past - 1]! - s.principal[past - 1]!;
  const missedPrincipal = o.missed.reduce((t, j) => t + s.principal[j]!, 0);
  const owed = contractual + missedPrincipal;
  const x = scaledSchedule(s, owed > 0 ? new Decimal(outstanding).div(owed) : new Decimal(0));
  const n = x.principal.length;
  const principal = x.principal.slice();
  const interest = x.interest.slice();
  const delayed: Money[] = principal.map(() => fen(0));
  const sum = { arrearsP: 0, arrearsI: 0, p: 0, i: 0 };
  for (const j of o.missed) {
    sum.arrearsP += principal[j]!;
    sum.arrearsI += interest[j]!;
    principal[j] = interest[j] = fen(0);
  }
  for (let j = past; j < Math.min(until, n); j++) {
    delayed[j] = fen(principal[j]! + interest[j]!);
    sum.p += principal[j]!;
    sum.i += interest[j]!;
    principal[j] = interest[j] = fen(0);
  }
  if (until < n && mode === 'cure') {
    principal[until] = fen(principal[until]! + sum.arrearsP + sum.p);
    interest[until] = fen(interest[until]! + sum.arrearsI + sum.i);
  } else if (until < n) interest[until] = fen(interest[until]! + sum.arrearsI);
  return { schedule: { ...x, principal, interest, startBalance: startBalances(x.balance, principal) }, delayed };
}

/** The mode of the scenario's overdue assets: roll unless it says cure. */
export const overdueMode = (scenario: ScenarioSpec): 'roll' | 'cure' => scenario.overdue?.mode ?? 'roll';

/** The period (0-based) an overdue asset's arrears are delayed to under `scenario`. */
export function overdueUntil(o: OverdueAsset, past: number, periods: number, scenario: ScenarioSpec): number {
  return overdueMode(scenario) === 'cure' ? Math.min(periods - 1, past + (scenario.overdue?.curePeriod ?? 1) - 1) : o.rollPeriod;
}

/**
 * `scenario` with the defaults of the overdue assets that roll: each defaults in its roll period
 * unless the scenario names an earlier default for it (the earlier wins: a default the scenario
 * names later would otherwise let the roll period collect what was delayed to it).
 */
export function withRolledDefaults(scenario: ScenarioSpec, overdue: readonly OverdueAsset[], assets: readonly AssetSpec[], periods: number): ScenarioSpec {
  if (overdueMode(scenario) !== 'roll' || overdue.length === 0) return scenario;
  const named = resolveDefaults(assets, scenario, periods);
  const rolled = overdue
    .filter((o) => o.rollPeriod < periods && !(named[o.asset] && named[o.asset]!.period - 1 <= o.rollPeriod))
    .map((o) => ({ asset: assets[o.asset]!.id, period: o.rollPeriod + 1, mode: 'default' as const }));
  // First: the first default naming an asset is the one it takes.
  return rolled.length ? { ...scenario, defaults: [...rolled, ...scenario.defaults] } : scenario;
}
