/**
 * What the waterfall still owes: the cash the steps from a point on need this period, as due (not
 * as a pass-through could take), for a reserve drawn for a shortfall and for a support asked to
 * pay what is missing for the items it covers.
 */
import type { StepSpec, SupportSpec } from '../schema/deal.js';
import { add, NIL, type Money } from '../util/fen.js';
import { assertNever } from '../util/never.js';
import type { Frame } from './state.js';
import { interestOwed, matured, principalDue } from './tranches.js';

export type Covers = Extract<SupportSpec, { covers: unknown }>['covers'];
type PrincipalCover = Extract<Covers[number], { item: 'principal' }>;

/** Whether a step pays an item a support covers. */
export function stepCovered(step: StepSpec, covers: Covers): boolean {
  return covers.some((c) => {
    switch (c.item) {
      case 'fees':
        return step.type === 'payFees' && (!c.fees || step.fees.some((f) => c.fees!.includes(f)));
      case 'interest':
        return step.type === 'payInterest' && step.tranches.some((t) => c.tranches.includes(t));
      case 'principal':
        return step.type === 'payPrincipal' && step.tranches.some((t) => c.tranches.includes(t));
      default:
        return assertNever(c, 'support cover');
    }
  });
}

/**
 * Principal a step's tranche needs. Without a cover, what is due. A support pays only for the
 * tranches it covers, as its cover says; within the last covered step the others rank after
 * them and are not its concern (before it, they are).
 */
function principalNeed(f: Frame, id: string, covers: Covers | undefined, lastStep: boolean): Money {
  const i = f.ctx.prepared.trancheIndex.get(id)!;
  if (!covers) return principalDue(f, i);
  const cover = covers.find((c): c is PrincipalCover => c.item === 'principal' && c.tranches.includes(id));
  if (!cover) return lastStep ? NIL : principalDue(f, i);
  if (cover.when === 'expectedMaturity') return matured(f, i) ? f.st.tranches[i]!.balance : NIL;
  return principalDue(f, i);
}

/** What one step owes this period. */
function stepNeed(f: Frame, step: StepSpec, covers: Covers | undefined, lastStep: boolean): Money {
  const { st, ctx } = f;
  let need = NIL;
  switch (step.type) {
    case 'payFees':
      for (const id of step.fees) need = add(need, st.fees[ctx.prepared.feeIndex.get(id)!]!.due);
      return need;
    case 'payInterest':
      for (const id of step.tranches) need = add(need, interestOwed(st.tranches[ctx.prepared.trancheIndex.get(id)!]!));
      return need;
    case 'payPrincipal':
      for (const id of step.tranches) need = add(need, principalNeed(f, id, covers, lastStep));
      return need;
    // What is left over, reserve movements and supports are owed nothing by the waterfall.
    case 'payResidual':
    case 'fundReserve':
    case 'drawReserve':
    case 'callSupport':
    case 'repaySupport':
      return NIL;
    default:
      return assertNever(step, 'waterfall step');
  }
}

/** Per waterfall and cover (none: every step), the last covered step from each index on: found once. */
const lastCoveredSteps = new WeakMap<readonly StepSpec[], Map<Covers | undefined, number[]>>();

function lastCovered(steps: readonly StepSpec[], from: number, covers: Covers | undefined): number {
  let byCover = lastCoveredSteps.get(steps);
  if (!byCover) lastCoveredSteps.set(steps, (byCover = new Map()));
  let last = byCover.get(covers);
  if (!last) {
    last = [];
    let found = -1;
    for (let i = steps.length - 1; i >= 0; i--) {
      if (found < 0 && (!covers || stepCovered(steps[i]!, covers))) found = i;
      last[i] = found;
    }
    byCover.set(covers, last);
  }
  return from < steps.length ? last[from]! : -1;
}

/**
 * The cash the steps from `from` up to the last one a support covers (every step when `covers`
 * is undefined) need this period.
 */
export function dueThrough(f: Frame, steps: readonly StepSpec[], from: number, covers?: Covers): Money {
  const last = lastCovered(steps, from, covers);
  let need = NIL;
  for (let i = from; i <= last; i++) need = add(need, stepNeed(f, steps[i]!, covers, i === last));
  return need;
}
