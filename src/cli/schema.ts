import { dealJsonSchema, jsonSchemaOf } from '../schema/deal.js';
import { Scenario } from '../scenario/schema.js';
import type { Io } from './io.js';
import { resolveOutput } from '../io/output.js';
import { emit } from './load.js';
import { requireJsonName } from './options.js';

/** The deal file's JSON Schema, as written to schemas/deal.schema.json. */
export function schemaText(): string {
  return `${JSON.stringify(dealJsonSchema(), null, 2)}\n`;
}

/** The scenario file's JSON Schema, as written to schemas/scenario.schema.json. */
export function scenarioSchemaText(): string {
  const schema = jsonSchemaOf(Scenario, 'scenario.schema.json', 'ipabs scenario file', 'A performance scenario: defaults, recoveries, prepayments, collection delays, spread compression, support failures.');
  return `${JSON.stringify(schema, null, 2)}\n`;
}

/** `ipabs schema`: the schema on stdout, or in `--out`, a `.json` file or a stream, device or FIFO. */
export function schemaCommand(opts: { out?: string; scenario?: boolean }, io: Io): number {
  if (opts.out !== undefined) {
    const target = resolveOutput(opts.out);
    if (target.kind === 'replace' || target.kind === 'create') requireJsonName(opts.out);
  }
  emit(opts.scenario ? scenarioSchemaText() : schemaText(), opts.out, io);
  return 0;
}
