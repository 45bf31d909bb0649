/**
 * The senior's coverage on a payment date (覆盖倍数), as the engine gathers its parts: before the
 * waterfall for the `coverageBelow` trigger, and after it for the period's row. What the funds
 * are is defined once, in analytics/coverage.ts.
 */
import { coverageMultiple, fundsForSenior, type SeniorFundsParts } from '../analytics/coverage.js';
import type { StepSpec } from '../schema/deal.js';
import { add, NIL, sub, type Money } from '../util/fen.js';
import { assertNever } from '../util/never.js';
import type { Frame } from './state.js';

/**
 * Which part of the senior's funds a step ranking ahead of the senior moves (see
 * fundsForSenior): external support's draws are not counted.
 */
export const AHEAD_PART = {
  payFees: 'paidAhead',
  payInterest: 'paidAhead',
  payPrincipal: 'paidAhead',
  payResidual: 'paidAhead',
  repaySupport: 'paidAhead',
  fundReserve: 'reserves',
  drawReserve: 'reserves',
  callSupport: 'notCounted',
} as const satisfies Record<StepSpec['type'], keyof SeniorFundsParts | 'notCounted'>;

/** Per waterfall: which steps pay a senior tranche, and the last that does (-1: none). */
export interface SeniorShape {
  senior: boolean[];
  last: number;
}
const seniorShapes = new WeakMap<readonly StepSpec[], SeniorShape>();

/** The senior steps of a waterfall, worked out once per waterfall (a deal's steps never change). */
export function seniorShape(steps: readonly StepSpec[], seniorIds: readonly string[]): SeniorShape {
  let shape = seniorShapes.get(steps);
  if (!shape) {
    const senior = steps.map((step) => paysTranches(step).some((id) => seniorIds.includes(id)));
    shape = { senior, last: senior.lastIndexOf(true) };
    seniorShapes.set(steps, shape);
  }
  return shape;
}

/** The tranches a step pays. */
function paysTranches(step: StepSpec): readonly string[] {
  switch (step.type) {
    case 'payInterest':
    case 'payPrincipal':
      return step.tranches;
    case 'payResidual':
      return [step.tranche];
    case 'payFees':
    case 'fundReserve':
    case 'drawReserve':
    case 'callSupport':
    case 'repaySupport':
      return [];
    default:
      return assertNever(step, 'waterfall step');
  }
}

/** The waterfall of the deal's current state. */
export function currentSteps(f: Frame): readonly StepSpec[] {
  const w = f.ctx.spec.waterfalls;
  return w[f.st.state] ?? w.normal;
}

/**
 * The taxes and fees of the steps before the senior's first, as due before the waterfall runs
 * (a fee on what the senior is about to be paid is not known yet): the coverage trigger's
 * `paidAhead`.
 */
function feesDueAhead(f: Frame, steps: readonly StepSpec[]): Money {
  const shape = seniorShape(steps, f.ctx.seniorIds);
  let ahead = NIL;
  for (let i = 0; i < steps.length && !shape.senior[i]; i++) {
    const step = steps[i]!;
    if (step.type === 'payFees') for (const id of step.fees) ahead = add(ahead, f.st.fees[f.ctx.prepared.feeIndex.get(id)!]!.due);
  }
  return ahead;
}

/** Funds for the senior as known on the determination date, before the waterfall draws anything. */
export function fundsBeforeWaterfall(f: Frame): Money {
  return fundsForSenior({ broughtForward: f.collectionBegin, collections: f.collected, reserves: f.released, paidAhead: feesDueAhead(f, currentSteps(f)) });
}

/** What moves ahead of the senior during the waterfall, step by step. */
export class AheadOfSenior {
  private readonly shape: SeniorShape;
  reserves: Money;
  paidAhead: Money;

  constructor(f: Frame, steps: readonly StepSpec[], repaidAhead: Money) {
    this.shape = seniorShape(steps, f.ctx.seniorIds);
    this.reserves = f.released;
    this.paidAhead = repaidAhead;
  }

  /** Whether step i counts: it ranks before the senior's last step and pays no senior. */
  counts(i: number): boolean {
    return i <= this.shape.last && !this.shape.senior[i];
  }

  /** Counts what step i moved in or out of the collection account. */
  moved(type: StepSpec['type'], before: Money, after: Money): void {
    if (after === before) return;
    const part = AHEAD_PART[type];
    if (part === 'paidAhead') this.paidAhead = sub(this.paidAhead, sub(after, before));
    else if (part === 'reserves') this.reserves = add(this.reserves, sub(after, before));
  }

  /** The period's coverage, after the waterfall (the multiple itself only for a detailed run: see RunOptions). */
  finish(f: Frame): void {
    const funds = fundsForSenior({ broughtForward: f.collectionBegin, collections: f.collected, reserves: this.reserves, paidAhead: this.paidAhead });
    f.coverage = { funds, due: f.seniorDue, multiple: f.ctx.detail ? coverageMultiple(funds, f.seniorDue) : undefined };
  }
}
