/**
 * The JSON contract of a report (`--format json` of pool, stress, breakeven, obligors and
 * montecarlo): `{ schemaVersion, title, subtitle?, sections: { [id]: section }, notes? }`, a table section
 * `{ title, columns: [{ key, header, kind }], rows: [{ [key]: value }], total? }`, a kv section
 * `{ title, values: { [key]: value } }`, values as src/report/json.ts `jsonValue` writes them.
 * Each command names the sections and the row keys it always writes ({@link table}, {@link kv});
 * other keys (one per tranche, say) are allowed with any cell value.
 */
import { z } from 'zod';
import type { ValueKind } from '../report/model.js';
import { DATE_PATTERN, DECIMAL_PATTERN, MONEY_PATTERN, schemaVersion } from './fields.js';
import { lazy } from './lazy.js';

const VALUE_KINDS = ['text', 'int', 'number', 'money', 'percent', 'rate', 'date'] as const satisfies readonly ValueKind[];

/** The cell of each value kind (`null` when there is none). */
const cells = lazy((): Record<ValueKind, z.ZodType> => {
  const fraction = z.string().regex(DECIMAL_PATTERN);
  return {
    text: z.string().nullable(),
    date: z.string().regex(DATE_PATTERN).nullable().meta({ description: 'YYYY-MM-DD' }),
    money: z.string().regex(MONEY_PATTERN).nullable().meta({ description: 'Yuan, two decimals: "13900000.00".' }),
    int: z.union([z.number().int(), z.string().regex(/^-?\d+$/)]).nullable().meta({ description: 'A whole number (as text beyond ±2^53−1).' }),
    number: fraction.nullable().meta({ description: 'A decimal number as text, at most 10 places.' }),
    percent: fraction.nullable().meta({ description: 'A fraction as text (0.05 for 5%), at most 10 places.' }),
    rate: fraction.nullable().meta({ description: 'A rate as a fraction, as text, at most 10 places.' }),
  };
});

/** A value of a column the contract does not name. */
const anyCell = lazy(() => z.union([z.string(), z.number(), z.null()]));

/** The row keys a section always writes, each with its kind. */
export type RowKeys = Record<string, ValueKind>;

function row(keys: RowKeys, optional: RowKeys = {}) {
  const c = cells();
  return z
    .object(Object.fromEntries([...Object.entries(keys).map(([key, kind]) => [key, c[kind]]), ...Object.entries(optional).map(([key, kind]) => [key, c[kind].optional()])]))
    .catchall(anyCell());
}

/**
 * A table section whose rows have at least `keys`, and `optional` keys when an option asks for
 * them (a total row, when there is one, has any cells).
 */
export function table(keys: RowKeys = {}, optional: RowKeys = {}) {
  const column = z.object({ key: z.string(), header: z.string(), kind: z.enum(VALUE_KINDS) });
  return z.object({
    title: z.string(),
    columns: z.array(column),
    rows: z.array(row(keys, optional)),
    total: z.record(z.string(), anyCell()).optional().meta({ description: 'Totals under the rows; cells without one are null.' }),
  });
}

/** A kv section with at least the values `keys`. */
export function kv(keys: RowKeys = {}) {
  return z.object({ title: z.string(), values: row(keys) });
}

/** A report with these sections. */
export function report(sections: z.ZodType) {
  return z.object({
    schemaVersion: schemaVersion(),
    title: z.string(),
    subtitle: z.array(z.string()).optional().meta({ description: 'Present only when not empty.' }),
    sections,
    notes: z.array(z.string()).optional().meta({ description: 'Present only when not empty.' }),
  });
}
