/**
 * Triggers (事件): each condition tested on what is known on the determination date; a trigger
 * that fires switches the waterfall (加速清偿, 违约事件) or changes a reserve's target, and a
 * curable one may be cured.
 */
import type { Condition } from '../schema/triggers.js';
import type { TriggerSpec as Trigger } from '../schema/deal.js';
import type { IsoDate } from '../dates/date.js';
import { compareDates } from '../dates/date.js';
import { add, type Money } from '../util/fen.js';
import { ZERO } from '../util/money.js';
import { assertNever } from '../util/never.js';
import { fundsBeforeWaterfall } from './coverage.js';
import { compareRatio } from './ratio.js';
import type { Frame } from './state.js';
import type { DealState } from './types.js';

const SEVERITY: Record<DealState, number> = { normal: 0, accelerated: 1, default: 2 };

/**
 * What a trigger condition tests on a determination date: a run's state (here), or a period of
 * actual figures (engine/actualsTriggers.ts). Coverage is asked only when a condition needs it.
 */
export interface TriggerFacts {
  cumulativeDefaulted: Money;
  initialPoolBalance: Money;
  nominalDate: IsoDate;
  missed(tranche: string, item: Extract<Condition, { type: 'missedPayment' }>['item']): boolean;
  /** The funds for the seniors before the waterfall and their interest and principal due. */
  coverage(): { funds: Money; due: Money };
  unpaidAtExpectedMaturity(tranche: string): boolean;
  supportFailed(support: string): boolean;
}

function missed(f: Frame, id: string, item: Extract<Condition, { type: 'missedPayment' }>['item']): boolean {
  const t = f.st.tranches[f.ctx.prepared.trancheIndex.get(id)!]!;
  return item === 'interest' ? t.missedInterest : item === 'principal' ? t.missedPrincipal : t.missedInterest || t.missedPrincipal;
}

/**
 * Whether the tranche still owes principal after the payment date of its expected maturity: on
 * this determination date its opening balance is above zero, and the last date paid was on or
 * after the expected maturity.
 */
function unpaidAtExpectedMaturity(f: Frame, id: string): boolean {
  const i = f.ctx.prepared.trancheIndex.get(id)!;
  return f.k > 0 && f.ctx.prepared.matured[i]![f.k - 1]! && f.st.tranches[i]!.balance > 0;
}

/** The facts of a run's period (funds for the senior worked out once, when asked). */
function frameFacts(f: Frame): TriggerFacts {
  let funds: Money | undefined;
  return {
    cumulativeDefaulted: f.st.cumulativeDefaulted,
    initialPoolBalance: f.ctx.prepared.initialPoolBalance,
    nominalDate: f.p.nominalDate,
    missed: (id, item) => missed(f, id, item),
    coverage: () => ({ funds: (funds ??= fundsBeforeWaterfall(f)), due: f.seniorDue }),
    unpaidAtExpectedMaturity: (id) => unpaidAtExpectedMaturity(f, id),
    supportFailed: (id) => {
      const i = f.ctx.prepared.supportIndex.get(id);
      return i === undefined ? false : f.st.supports[i]!.failed;
    },
  };
}

/** Whether a trigger's condition holds on these facts. */
export function conditionHolds(c: Condition, facts: TriggerFacts): boolean {
  switch (c.type) {
    case 'cumulativeDefaultRatio': {
      const initial = facts.initialPoolBalance;
      // The ratio as the Decimal quotient (rounded to its precision) compares, as ever.
      return initial === 0 ? ZERO.gt(c.above) : compareRatio(facts.cumulativeDefaulted, initial, c.above) > 0;
    }
    case 'missedPayment':
      return c.tranches.some((id) => facts.missed(id, c.item));
    case 'coverageBelow': {
      // Nothing due: no multiple, nothing below.
      const { funds, due } = facts.coverage();
      return due > 0 && compareRatio(funds, due, c.level) < 0;
    }
    case 'unpaidAtExpectedMaturity':
      return c.tranches.some((id) => facts.unpaidAtExpectedMaturity(id));
    case 'onOrAfter':
      return compareDates(facts.nominalDate, c.date) >= 0;
    case 'supportFailed':
      return facts.supportFailed(c.support);
    case 'any':
      return c.conditions.some((x) => conditionHolds(x, facts));
    case 'all':
      return c.conditions.every((x) => conditionHolds(x, facts));
    default:
      return assertNever(c, 'trigger condition');
  }
}

/**
 * Tests every trigger on `facts`: one that holds fires (once), a curable one that no longer
 * holds is cured; `fired` is updated and `on` told of each change.
 */
export function stepTriggers(triggers: readonly Trigger[], fired: Set<string>, facts: TriggerFacts, on?: (trig: Trigger, what: 'fires' | 'cured') => void): void {
  for (const trig of triggers) {
    const holds = conditionHolds(trig.condition, facts);
    if (holds && !fired.has(trig.id)) {
      fired.add(trig.id);
      on?.(trig, 'fires');
    } else if (!holds && trig.curable && fired.has(trig.id)) {
      fired.delete(trig.id);
      on?.(trig, 'cured');
    }
  }
}

/** 3. triggers — the senior's due, every trigger tested, the deal's state switched. */
export function testTriggers(f: Frame): void {
  const { ctx, st, p, period } = f;
  const { spec } = ctx;
  let seniorDue = f.seniorDue;
  for (const i of ctx.seniors) {
    const row = st.tranches[i]!.row;
    seniorDue = add(add(seniorDue, row.interestDue), row.principalDue);
  }
  f.seniorDue = seniorDue;
  const on = ctx.detail ? (trig: Trigger, what: 'fires' | 'cured') => st.events.push({ period, date: p.date, type: 'trigger', id: trig.id, name: trig.name, detail: what, message: `${trig.name} (${trig.id}) ${what === 'fires' ? 'fires' : 'is cured'}` }) : undefined;
  stepTriggers(spec.triggers, st.fired, frameFacts(f), on);
  switchState(f);
}

/** The waterfall the fired triggers put in force: the most severe they switch to (normal when none). */
export function waterfallOf(triggers: readonly Trigger[], fired: ReadonlySet<string>): DealState {
  let next: DealState = 'normal';
  for (const trig of triggers) {
    const effect = trig.effect;
    if (fired.has(trig.id) && effect.type === 'switchWaterfall' && SEVERITY[effect.to] > SEVERITY[next]) next = effect.to;
  }
  return next;
}

/** The effects of the triggers that hold: the most severe waterfall, reserve targets. */
function switchState(f: Frame): void {
  const { ctx, st, p, period } = f;
  const next = waterfallOf(ctx.spec.triggers, st.fired);
  ctx.reserves.forEach((r, j) => (st.reserveTargets[j] = r.target));
  for (const trig of ctx.spec.triggers) {
    const effect = trig.effect;
    if (!st.fired.has(trig.id) || effect.type !== 'setReserveTarget') continue;
    const j = ctx.reserves.findIndex((r) => r.id === effect.account);
    if (j >= 0) st.reserveTargets[j] = effect.target;
  }
  // A non-curable switch never goes back; a curable one may.
  if (next !== st.state) {
    if (ctx.detail) st.events.push({ period, date: p.date, type: 'stateChange', detail: next, message: `waterfall switches from ${st.state} to ${next}` });
    st.state = next;
  }
  st.states.push({ period, date: p.date, state: st.state });
}
