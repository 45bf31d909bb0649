/**
 * The deal's triggers tested on actual figures, period by period, by the engine's own tests
 * (./triggers.ts `stepTriggers`) and with the engine's timing: on a payment date, defaults are
 * counted to the end of its collection period, a missed payment is one of the date before, and a
 * tranche owes principal after its expected maturity when its balance after the date before is
 * above zero. Where the actual figures do not say, the projection does (documented in the README):
 * the interest due when the file gives no 应付利息, the principal due when it gives no 应付本金.
 */
import { fundsForSenior } from '../analytics/coverage.js';
import type { IsoDate } from '../dates/date.js';
import { add, NIL, sub, sumMoney, type Money } from '../util/fen.js';
import { lineKey, type ActualPeriod } from './actuals.js';
import { projectedLines } from './actualsLines.js';
import type { PreparedDeal } from './prepare.js';
import { stepTriggers, waterfallOf, type TriggerFacts } from './triggers.js';
import type { DealState, RunResult } from './types.js';

/** A trigger firing (or cured) on the actual figures. */
export interface ActualTriggerEvent {
  period: number;
  date: IsoDate;
  id: string;
  name: string;
  what: 'fires' | 'cured';
}

const line = (p: ActualPeriod | undefined, item: string, id?: string): Money => p?.lines.get(lineKey(item, id)) ?? NIL;

/** A tranche's interest or principal due on a period: the file's (应付利息, 应付本金) when given, else the projection's. */
const dueOf = (p: ActualPeriod, projected: ReadonlyMap<string, Money>, item: 'interestDue' | 'principalDue', id: string): Money => p.lines.get(lineKey(item, id)) ?? projected.get(lineKey(item, id)) ?? NIL;

/** Whether a tranche missed interest (or principal) on period `p`: paid less than due. */
function missedOn(p: ActualPeriod | undefined, projected: Map<string, Money> | undefined, id: string, item: 'interest' | 'principal' | 'any'): boolean {
  if (!p || !projected) return false;
  const interest = line(p, 'interestPaid', id) < dueOf(p, projected, 'interestDue', id);
  const principal = line(p, 'principalPaid', id) < dueOf(p, projected, 'principalDue', id);
  return item === 'interest' ? interest : item === 'principal' ? principal : interest || principal;
}

/** The facts of period i of the actuals. */
function factsOf(prepared: PreparedDeal, result: RunResult, periods: readonly ActualPeriod[], i: number, opening: Money, seniorDue: Money): TriggerFacts {
  const p = periods[i]!;
  const before = periods[i - 1];
  const projectedBefore = before ? projectedLines(result, before.k) : undefined;
  const upTo = periods.slice(0, i + 1);
  const balanceBefore = (t: number) => sub(prepared.issued[t]!, sumMoney(periods.slice(0, i).map((x) => line(x, 'principalPaid', prepared.deal.spec.tranches[t]!.id))));
  return {
    cumulativeDefaulted: sumMoney(upTo.map((x) => line(x, 'defaulted'))),
    initialPoolBalance: prepared.initialPoolBalance,
    nominalDate: prepared.periods[p.k]!.nominalDate,
    missed: (id, item) => missedOn(before, projectedBefore, id, item),
    coverage: () => {
      const collections = sumMoney(['principalCollected', 'interestCollected', 'recoveries', 'compensation', 'guarantee', 'callProceeds', 'otherIncome'].map((k) => line(p, k)));
      const fees = sumMoney(prepared.deal.spec.fees.map((f) => line(p, 'feePaid', f.id)));
      return { funds: fundsForSenior({ broughtForward: opening, collections, reserves: NIL, paidAhead: fees }), due: seniorDue };
    },
    unpaidAtExpectedMaturity: (id) => {
      const t = prepared.trancheIndex.get(id)!;
      return p.k > 0 && prepared.matured[t]![p.k - 1]! && balanceBefore(t) > 0;
    },
    supportFailed: (id) => sumMoney(upTo.map((x) => line(x, 'supportUnpaid', id))) > 0,
  };
}

/** The seniors' interest and principal due on a period: the actual figures (应付利息, 应付本金) when given, else the projection's. */
function seniorDueOf(prepared: PreparedDeal, result: RunResult, p: ActualPeriod): Money {
  const projected = projectedLines(result, p.k);
  const seniors = prepared.deal.spec.tranches.filter((t) => t.class === 'senior');
  return sumMoney(seniors.map((t) => add(dueOf(p, projected, 'interestDue', t.id), dueOf(p, projected, 'principalDue', t.id))));
}

/**
 * The triggers on the actual figures: what fires (or is cured) on which date, the triggers in
 * force and the waterfall after the last period. `collectionOpen` is the collection account's
 * balance at the start of each period.
 */
export function actualTriggers(prepared: PreparedDeal, result: RunResult, periods: readonly ActualPeriod[], collectionOpen: readonly Money[]): { events: ActualTriggerEvent[]; fired: string[]; state: DealState } {
  const fired = new Set<string>();
  const events: ActualTriggerEvent[] = [];
  const triggers = prepared.deal.spec.triggers;
  periods.forEach((p, i) => {
    const facts = factsOf(prepared, result, periods, i, collectionOpen[i]!, seniorDueOf(prepared, result, p));
    stepTriggers(triggers, fired, facts, (t, what) => events.push({ period: p.k + 1, date: p.date, id: t.id, name: t.name, what }));
  });
  return { events, fired: triggers.filter((t) => fired.has(t.id)).map((t) => t.id), state: waterfallOf(triggers, fired) };
}
