/**
 * A tranche's break-even on the rating scale: its break-even default rate, that rate over the
 * base rate (the multiple), and the highest grade whose TDR it is paid timely at.
 *
 * Bisection stops within 0.01 bp of the true break-even and reports the rate below it. A TDR that
 * falls inside that last bracket is run as it is: when the tranche is paid timely there, the
 * break-even reported is that TDR. So the grade read off the reported rate is always the grade
 * a run at the TDR gives (the test `ipabs size` sizes by), even for a tranche sized to sit
 * exactly at its target.
 */
import type { PreparedDeal } from '../engine/run.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type { EngineStatus } from '../engine/statusTypes.js';
import { Decimal } from '../util/money.js';
import { atDefaultRate, breakeven, repaidInFull, type Breakeven, type PrincipalBasis } from './breakeven.js';
import { targetDefaultRate, type Notch, type RatingScale } from './ratingScale.js';

/** The rating scale and base case a break-even is graded against. */
export interface GradeOptions {
  scale: RatingScale;
  /** The base-case cumulative default rate; without one there is no multiple and no grade. */
  baseRate?: Decimal;
  basis: PrincipalBasis;
  /** Search on the rest of a live deal, from this status. */
  status?: EngineStatus;
}

/** A break-even with its multiple of the base-case default rate and the grade that multiple earns on the rating scale. */
export interface GradedBreakeven extends Breakeven {
  /** rate ÷ base rate. */
  multiple?: Decimal;
  /** The highest grade earned (none: below the scale). */
  grade?: Notch;
}

/** The highest notch whose TDR is at most `rate`. */
export function gradeAt(rate: number, scale: RatingScale, baseRate: Decimal): Notch | undefined {
  const r = new Decimal(rate);
  return scale.notches.find((n) => targetDefaultRate(n, baseRate).lte(r));
}

/** The break-even of a tranche with its multiple and grade (see the module comment on TDRs inside the last bracket). */
export function gradedBreakeven(prepared: PreparedDeal, trancheId: string, scenario: ScenarioSpec, o: GradeOptions): GradedBreakeven {
  const be: GradedBreakeven = { ...breakeven(prepared, trancheId, scenario, { basis: o.basis, status: o.status }) };
  if (o.baseRate === undefined) return be;
  const base = o.baseRate;
  const upper = be.failsAt;
  if (upper !== undefined) {
    // Highest first: the first TDR in the bracket that passes is the largest.
    for (const n of o.scale.notches) {
      const t = targetDefaultRate(n, base).toNumber();
      if (!(t > be.rate && t < upper)) continue;
      be.runs++;
      if (repaidInFull(prepared, trancheId, atDefaultRate(scenario, t), o.basis, o.status)) {
        be.rate = t;
        break;
      }
    }
  }
  if (!base.isZero()) be.multiple = new Decimal(be.rate).div(base);
  be.grade = gradeAt(be.rate, o.scale, base);
  return be;
}

/** The lowest graded break-even over several scenarios, and which scenario it was. */
export interface LowestBreakeven extends GradedBreakeven {
  /** The index of the scenario with the lowest break-even (the binding one). */
  scenario: number;
}

/**
 * The lowest graded break-even over scenarios, and which one gives it. A scenario is searched
 * only when the tranche fails it at the lowest rate found so far (else its break-even is no
 * lower): a scenario no worse than one before it costs one run, not a search.
 */
export function lowestGradedBreakeven(prepared: PreparedDeal, trancheId: string, scenarios: readonly ScenarioSpec[], o: GradeOptions): LowestBreakeven {
  let best: LowestBreakeven = { ...gradedBreakeven(prepared, trancheId, scenarios[0]!, o), scenario: 0 };
  let extra = 0;
  for (let i = 1; i < scenarios.length && best.rate > 0; i++) {
    extra++;
    if (repaidInFull(prepared, trancheId, atDefaultRate(scenarios[i]!, best.rate), o.basis, o.status)) continue;
    const g = gradedBreakeven(prepared, trancheId, scenarios[i]!, o);
    extra += g.runs;
    if (g.rate < best.rate) best = { ...g, runs: best.runs, scenario: i };
  }
  best.runs += extra;
  return best;
}
