import { dealJsonSchema, jsonSchemaOf } from '../schema/deal.js';
import { Scenario } from '../scenario/schema.js';
import { Status } from '../schema/status.js';
import { resultJsonSchema } from '../contract/index.js';
import { RESULT_KINDS, type ResultKind } from '../report/kinds.js';
import type { Io } from './io.js';
import { resolveOutput } from '../io/outputTarget.js';
import { emit } from './load.js';
import { requireJsonName } from './options.js';
import { InputError } from '../validate/diagnostics.js';

/** The deal file's JSON Schema, as written to schemas/deal.schema.json. */
export function schemaText(): string {
  return `${JSON.stringify(dealJsonSchema(), null, 2)}\n`;
}

/** The scenario file's JSON Schema, as written to schemas/scenario.schema.json. */
export function scenarioSchemaText(): string {
  const schema = jsonSchemaOf(Scenario, 'scenario.schema.json', 'ipabs scenario file', 'A performance scenario: defaults, recoveries, prepayments, collection delays, spread compression, support failures.');
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** The status file's JSON Schema, as written to schemas/status.schema.json. */
export function statusSchemaText(): string {
  const schema = jsonSchemaOf(Status, 'status.schema.json', 'ipabs status file', 'A live deal on a date: tranche balances and unpaid interest, account balances, fee arrears, the deal state, supports, and each asset’s status.');
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** The JSON Schema of a command's `--format json` output, as written to schemas/KIND-result.schema.json. */
export function resultSchemaText(kind: ResultKind): string {
  return `${JSON.stringify(resultJsonSchema(kind), null, 2)}\n`;
}

export interface SchemaOptions {
  out?: string;
  scenario?: boolean;
  /** The status file's schema. */
  status?: boolean;
  /** A command whose JSON output's schema to write: run, stress, breakeven, obligors, montecarlo, pool. */
  result?: string;
  /** The same as `result: 'run'`. */
  runResult?: boolean;
}

/** Which schema the options ask for (at most one of --scenario, --result, --run-result). */
function chosenSchema(opts: SchemaOptions): () => string {
  const given = [opts.scenario && '--scenario', opts.status && '--status', opts.result !== undefined && '--result', opts.runResult && '--run-result'].filter((x): x is string => Boolean(x));
  if (given.length > 1) throw new InputError(`give one of ${given.join(', ')}: each names a schema`);
  if (opts.scenario) return scenarioSchemaText;
  if (opts.status) return statusSchemaText;
  if (opts.runResult) return () => resultSchemaText('run');
  if (opts.result === undefined) return schemaText;
  const kind = RESULT_KINDS.find((k) => k === opts.result);
  if (kind === undefined) throw new InputError(`--result ${JSON.stringify(opts.result)}: give one of ${RESULT_KINDS.join(', ')}`);
  return () => resultSchemaText(kind);
}

/**
 * `ipabs schema`: the deal file's JSON Schema (or the scenario file's, or with `--result KIND` that
 * of a command's JSON output) on stdout, or in `--out`, a `.json` file or a stream, device or FIFO.
 */
export function schemaCommand(opts: SchemaOptions, io: Io): number {
  const text = chosenSchema(opts);
  if (opts.out !== undefined) {
    const target = resolveOutput(opts.out);
    if (target.kind === 'replace' || target.kind === 'create') requireJsonName(opts.out);
  }
  emit(text(), opts.out, io);
  return 0;
}
