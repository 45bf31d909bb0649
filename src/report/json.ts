/**
 * The `json` format: amounts always in yuan whatever the display unit, keys in the order of the
 * report, section ids, column keys and kv keys unique. See {@link renderJson}.
 */
import { Decimal } from '../util/money.js';
import type { Cell, Column, RenderOptions, Report, ValueKind } from './model.js';
import { cellText, isNumericKind, JSON_FRACTION_DECIMALS, MAX_FIXED_DIGITS, toDecimal, toFixedHalfUp } from './format.js';
import { ownCell } from './grid.js';
import { assertNever } from '../util/never.js';
import { RESULT_SCHEMA_VERSION } from './kinds.js';

/** A JSON value whose objects keep their keys in insertion order (even integer-like keys). */
type Json = null | string | number | boolean | Json[] | JsonObject;
class JsonObject {
  readonly entries: [string, Json][] = [];
  set(key: string, value: Json): this {
    this.entries.push([key, value]);
    return this;
  }
}

/** Same layout as `JSON.stringify(v, null, 2)`, but object keys stay in the order given. */
function stringifyJson(v: Json, indent = ''): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + stringifyJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v.entries.length === 0) return '{}';
  return `{\n${v.entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${stringifyJson(x, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * The JSON form of one value, independent of the display unit:
 * - `money`: yuan, a decimal string with 2 places (`"13900000.00"`), ROUND_HALF_UP;
 * - `percent`, `rate`, `number`: the value as a decimal string rounded half-up to
 *   {@link JSON_FRACTION_DECIMALS} (10) places, trailing zeros trimmed (`"0.4460431655"`,
 *   `"0.0435"`, `"1"`); percent and rate stay fractions (not ×100);
 * - `int`: a JSON number (rounded half-up), or a decimal string beyond ±2^53−1;
 * - `text`, `date`: strings; `null`/`undefined`: `null`;
 * - a numeric-kind value that is not a finite number: its text as a string.
 *
 * @example
 * jsonValue(new Decimal('13900000'), 'money');         // '13900000.00'
 * jsonValue(new Decimal(62).div(139), 'percent');     // '0.4460431655'
 * jsonValue(12, 'int');                               // 12
 * jsonValue(undefined, 'text');                       // null
 */
export function jsonValue(value: Cell, kind: ValueKind): string | number | null {
  if (value === null || value === undefined) return null;
  if (!isNumericKind(kind)) return cellText(value);
  const d = toDecimal(value);
  if (d === undefined) return cellText(value);
  switch (kind) {
    case 'money':
      return toFixedHalfUp(d, 2);
    case 'int': {
      const i = d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
      if (i.abs().lte(Number.MAX_SAFE_INTEGER)) return i.isZero() ? 0 : i.toNumber();
      return toFixedHalfUp(i, 0);
    }
    case 'number':
    case 'percent':
    case 'rate': {
      const r = d.toDecimalPlaces(JSON_FRACTION_DECIMALS, Decimal.ROUND_HALF_UP);
      if (r.isZero()) return '0';
      return r.e >= MAX_FIXED_DIGITS ? r.toString() : r.toFixed();
    }
    default:
      return assertNever(kind, 'numeric value kind');
  }
}

function uniqueKeys(keys: string[], what: string): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new RangeError(`duplicate ${what}: ${k}`);
    seen.add(k);
  }
}

function jsonRow(columns: Column[], row: Record<string, Cell>): JsonObject {
  const o = new JsonObject();
  for (const c of columns) o.set(c.key, jsonValue(ownCell(row, c.key), c.kind));
  return o;
}

/**
 * JSON: `{ schemaVersion, title, subtitle?, sections: { [id]: section }, notes? }`, labels in `opts.lang`,
 * pretty-printed with 2 spaces and a final newline, keys in the order of the report.
 * A table section is `{ title, columns: [{ key, header, kind }], rows: [{ [key]: value }], total? }`
 * (rows carry exactly the column keys, missing ones as `null`; headers have no unit suffix because
 * amounts are always yuan); a kv section is `{ title, values: { [key]: value } }`. Values follow
 * {@link jsonValue}. `subtitle` and `notes` are present only when non-empty.
 */
export function renderJson(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  uniqueKeys(report.sections.map((s) => s.id), 'section id');
  const root = new JsonObject().set('schemaVersion', RESULT_SCHEMA_VERSION).set('title', report.title[lang]);
  if (report.subtitle && report.subtitle.length > 0) root.set('subtitle', report.subtitle.map((l) => l[lang]));
  const sections = new JsonObject();
  for (const section of report.sections) {
    const s = new JsonObject().set('title', section.title[lang]);
    if (section.type === 'table') {
      uniqueKeys(section.columns.map((c) => c.key), `column key in section ${section.id}`);
      s.set(
        'columns',
        section.columns.map((c) => new JsonObject().set('key', c.key).set('header', c.header[lang]).set('kind', c.kind)),
      );
      s.set('rows', section.rows.map((r) => jsonRow(section.columns, r)));
      if (section.total) s.set('total', jsonRow(section.columns, section.total));
    } else {
      uniqueKeys(section.items.map((i) => i.key), `item key in section ${section.id}`);
      const values = new JsonObject();
      for (const item of section.items) values.set(item.key, jsonValue(item.value, item.kind));
      s.set('values', values);
    }
    sections.set(section.id, s);
  }
  root.set('sections', sections);
  if (report.notes && report.notes.length > 0) root.set('notes', report.notes.map((n) => n[lang]));
  return stringifyJson(root) + '\n';
}
