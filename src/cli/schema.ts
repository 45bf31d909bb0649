import { dealJsonSchema } from '../schema/deal.js';
import type { Io } from './io.js';
import { emit } from './load.js';

/** The deal file's JSON Schema, as written to schemas/deal.schema.json. */
export function schemaText(): string {
  return `${JSON.stringify(dealJsonSchema(), null, 2)}\n`;
}

export function schemaCommand(opts: { out?: string }, io: Io): number {
  emit(schemaText(), opts.out, io);
  return 0;
}
