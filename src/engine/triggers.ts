/**
 * Triggers (事件): each condition tested on what is known on the determination date; a trigger
 * that fires switches the waterfall (加速清偿, 违约事件) or changes a reserve's target, and a
 * curable one may be cured.
 */
import type { Condition } from '../schema/triggers.js';
import { compareDates } from '../dates/date.js';
import { add, type Money } from '../util/fen.js';
import { ZERO } from '../util/money.js';
import { assertNever } from '../util/never.js';
import { fundsBeforeWaterfall } from './coverage.js';
import { compareRatio } from './ratio.js';
import type { Frame } from './state.js';
import type { DealState } from './types.js';

const SEVERITY: Record<DealState, number> = { normal: 0, accelerated: 1, default: 2 };

/** The period's facts a condition may test, worked out only when one asks. */
interface EvalContext {
  f: Frame;
  /** Funds for the senior before the waterfall, once asked. */
  funds?: Money;
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

function evaluate(c: Condition, ec: EvalContext): boolean {
  const { f } = ec;
  switch (c.type) {
    case 'cumulativeDefaultRatio': {
      const initial = f.ctx.prepared.initialPoolBalance;
      // The ratio as the Decimal quotient (rounded to its precision) compares, as ever.
      return initial === 0 ? ZERO.gt(c.above) : compareRatio(f.st.cumulativeDefaulted, initial, c.above) > 0;
    }
    case 'missedPayment':
      return c.tranches.some((id) => missed(f, id, c.item));
    case 'coverageBelow': {
      // Nothing due: no multiple, nothing below.
      ec.funds ??= fundsBeforeWaterfall(f);
      return f.seniorDue > 0 && compareRatio(ec.funds, f.seniorDue, c.level) < 0;
    }
    case 'unpaidAtExpectedMaturity':
      return c.tranches.some((id) => unpaidAtExpectedMaturity(f, id));
    case 'onOrAfter':
      return compareDates(f.p.nominalDate, c.date) >= 0;
    case 'supportFailed': {
      const i = f.ctx.prepared.supportIndex.get(c.support);
      return i === undefined ? false : f.st.supports[i]!.failed;
    }
    case 'any':
      return c.conditions.some((x) => evaluate(x, ec));
    case 'all':
      return c.conditions.every((x) => evaluate(x, ec));
    default:
      return assertNever(c, 'trigger condition');
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
  const ec: EvalContext = { f };
  for (const trig of spec.triggers) {
    const holds = evaluate(trig.condition, ec);
    if (holds && !st.fired.has(trig.id)) {
      st.fired.add(trig.id);
      if (ctx.detail) st.events.push({ period, date: p.date, type: 'trigger', id: trig.id, name: trig.name, detail: 'fires', message: `${trig.name} (${trig.id}) fires` });
    } else if (!holds && trig.curable && st.fired.has(trig.id)) {
      st.fired.delete(trig.id);
      if (ctx.detail) st.events.push({ period, date: p.date, type: 'trigger', id: trig.id, name: trig.name, detail: 'cured', message: `${trig.name} (${trig.id}) is cured` });
    }
  }
  switchState(f);
}

/** The effects of the triggers that hold: the most severe waterfall, reserve targets. */
function switchState(f: Frame): void {
  const { ctx, st, p, period } = f;
  let next: DealState = 'normal';
  ctx.reserves.forEach((r, j) => (st.reserveTargets[j] = r.target));
  for (const trig of ctx.spec.triggers) {
    if (!st.fired.has(trig.id)) continue;
    const effect = trig.effect;
    switch (effect.type) {
      case 'switchWaterfall':
        if (SEVERITY[effect.to] > SEVERITY[next]) next = effect.to;
        break;
      case 'setReserveTarget': {
        const j = ctx.reserves.findIndex((r) => r.id === effect.account);
        if (j >= 0) st.reserveTargets[j] = effect.target;
        break;
      }
      default:
        assertNever(effect, 'trigger effect');
    }
  }
  // A non-curable switch never goes back; a curable one may.
  if (next !== st.state) {
    if (ctx.detail) st.events.push({ period, date: p.date, type: 'stateChange', detail: next, message: `waterfall switches from ${st.state} to ${next}` });
    st.state = next;
  }
  st.states.push({ period, date: p.date, state: st.state });
}
