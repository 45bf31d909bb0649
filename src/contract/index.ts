/**
 * The JSON contracts of ipabs's results, one per command that writes JSON: what `--format json`
 * writes is checked against (run: encoded through) its schema, and `ipabs schema --result KIND`
 * writes the schema as `schemas/KIND-result.schema.json`. Programs read these files: fields are
 * only ever added, never renamed or removed.
 */
import type { z } from 'zod';
import { jsonSchemaOf } from '../schema/deal.js';
import { InternalError } from '../validate/diagnostics.js';
import { runResultSchema } from './runResult.js';
import { priceResultSchema } from './priceResult.js';
import { trackResultSchema } from './trackResult.js';
import { validateResultSchema } from './validateResult.js';
import { breakevenResultSchema, montecarloResultSchema, obligorsResultSchema, poolResultSchema, sizeResultSchema, stressResultSchema } from './reports.js';

import type { ResultKind } from '../report/kinds.js';

export { RESULT_KINDS, type ReportKind, type ResultKind } from '../report/kinds.js';

interface Contract {
  schema: () => z.ZodType;
  title: string;
  description: string;
}

const CONTRACTS: Record<ResultKind, Contract> = {
  run: {
    schema: runResultSchema,
    title: 'ipabs run result',
    description:
      'The output of `ipabs run --format json`: tranche cash flows and analytics, pool collections, fees, accounts, support draws, events, states, coverage, the conservation proof and (with --ledger) every cash movement. Amounts are yuan as strings with two decimals, dates YYYY-MM-DD.',
  },
  stress: { schema: stressResultSchema, title: 'ipabs stress result', description: 'The output of `ipabs stress --format json`: per scenario, each tranche’s loss, loss rate, WAL and final payment date, the lowest coverage and the support drawn.' },
  breakeven: { schema: breakevenResultSchema, title: 'ipabs breakeven result', description: 'The output of `ipabs breakeven --format json`: break-even cumulative default rates with and without external support, implied ratings and target default rates.' },
  obligors: { schema: obligorsResultSchema, title: 'ipabs obligors result', description: 'The output of `ipabs obligors --format json`: the largest obligors defaulting and the smallest sets of obligors that make each tranche lose.' },
  montecarlo: { schema: montecarloResultSchema, title: 'ipabs montecarlo result', description: 'The output of `ipabs montecarlo --format json`: per tranche expected loss, probability of loss, loss percentiles, WAL and the loss histogram.' },
  size: {
    schema: sizeResultSchema,
    title: 'ipabs size result',
    description:
      'The output of `ipabs size --format json`: per tranche its target, balance before and after sizing, share, subordination, break-even with and without external support, multiple and implied rating; the rating scale (multiples and TDRs); the search.',
  },
  price: {
    schema: priceResultSchema,
    title: 'ipabs price result',
    description:
      'The output of `ipabs price --format json`: a tranche’s full price, accrued interest, clean price (per 100 yuan of outstanding face), yield by the PBoC 2007 convention, durations, convexity, the spread over a curve when one is given, and the remaining payments.',
  },
  track: {
    schema: trackResultSchema,
    title: 'ipabs track result',
    description:
      'The output of `ipabs track --format json`: actual figures against the projection — each period’s balance check, the triggers tested on the actuals, every line actual beside projected with its variance, the cumulative default ratio — and the rest of the deal projected from the last actual period (sections rest-…).',
  },
  validate: {
    schema: validateResultSchema,
    title: 'ipabs validate result',
    description: 'The output of `ipabs validate --format json`: each file checked (deal, scenario, or with --status a status file against its deal), whether it is ok, and every problem with its file, JSON path or tape line and column, and message.',
  },
  pool: { schema: poolResultSchema, title: 'ipabs pool report', description: 'The output of `ipabs pool --format json`: pool totals, tranches, obligor concentration, strata and (when asked) contractual cash flows.' },
};

/** The zod schema of a result's JSON, built on first use. */
export function resultSchema(kind: ResultKind): z.ZodType {
  return CONTRACTS[kind].schema();
}

/** The file name of a result's JSON Schema in schemas/. */
export function resultSchemaFile(kind: ResultKind): string {
  return `${kind}-result.schema.json`;
}

/** The JSON Schema of a result, as written to schemas/KIND-result.schema.json. */
export function resultJsonSchema(kind: ResultKind): Record<string, unknown> {
  const c = CONTRACTS[kind];
  return jsonSchemaOf(c.schema(), resultSchemaFile(kind), c.title, c.description);
}

/** The problems of a JSON value against a result's contract, as `path: message` lines (none: it holds). */
export function contractProblems(kind: ResultKind, value: unknown): string[] {
  const parsed = resultSchema(kind).safeDecode(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.map(String).join('.') || '(root)'}: ${i.message}`);
}

/** Checks the JSON text a command is about to write against its contract; a mismatch is a bug. */
export function checkResultJson(kind: ResultKind, text: string): void {
  const problems = contractProblems(kind, JSON.parse(text));
  if (problems.length > 0) throw new InternalError(`the ${kind} JSON does not meet its contract (${resultSchemaFile(kind)}): ${problems.slice(0, 3).join('; ')}`);
}
