/**
 * Cross-field rules, run after the shape is valid: small named functions, each adding errors
 * (the deal cannot be run as written) or warnings (legal, but suspicious). Each lives with its
 * kind (idRules.ts, dateRules.ts, referenceRules.ts, structureRules.ts, indexRules.ts); this
 * module runs them in order.
 */
import type { Diagnostic } from './diagnostics.js';
import type { LoadedDeal } from '../deal/loaded.js';
import { indexRules } from './indexRules.js';
import { contextOf, type Rule, type UnknownRef } from './ruleContext.js';
import { repeatedIds, uniqueIds } from './idRules.js';
import { calendarCoverage, dateOrder } from './dateRules.js';
import { references, waterfallSteps } from './referenceRules.js';
import { accountRules, assetTerms, assumedNotes, feeRules, poolAgainstTranches } from './structureRules.js';

/** Every rule, in the order their diagnostics are reported. */
export const RULES: readonly Rule[] = [uniqueIds, repeatedIds, dateOrder, calendarCoverage, assetTerms, references, waterfallSteps, accountRules, poolAgainstTranches, feeRules, assumedNotes, indexRules];

/** Runs every rule on a deal whose shape is valid. */
export function runRules(deal: LoadedDeal): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ctx = contextOf(deal, (d) => out.push(d));
  for (const rule of RULES) {
    try {
      rule(ctx);
    } catch (err) {
      // A rule may trip over what an earlier rule already reported as an error; only a failure
      // on an otherwise valid deal is a bug.
      if (!out.some((d) => d.severity === 'error')) throw err;
    }
  }
  return out;
}

/**
 * Only the unknown references of a deal put together from what was valid of a file that is not
 * (see validate/partial.ts), each with what it names: so one run reports them beside the shape
 * errors. Nothing else is judged (totals and orders would be judged on a part of the deal), and
 * a rule that trips over the partial deal is passed over.
 */
export function unknownReferences(deal: LoadedDeal): { d: Diagnostic; ref: UnknownRef }[] {
  const out: { d: Diagnostic; ref: UnknownRef }[] = [];
  const ctx = contextOf(deal, (d, ref) => {
    if (ref) out.push({ d, ref });
  });
  for (const rule of [references, waterfallSteps]) {
    try {
      rule(ctx);
    } catch {
      // The deal is partial: what this rule would say is left to the run after the fixes.
    }
  }
  return out;
}
