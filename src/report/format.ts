/**
 * Formatting of report values, shared by every renderer (the text formats in asciiTable.ts,
 * csv.ts, markdown.ts and json.ts, the HTML page in html.ts): one formatter, so a figure reads the
 * same in every format. Rounding is ROUND_HALF_UP (四舍五入) on the exact Decimal.
 */
import { Decimal } from '../util/money.js';
import type { Cell, Label, Lang, Section, Unit, ValueKind } from './model.js';
import { FenCell, fenFixed } from './fenCell.js';
import { formatIsoDate } from '../dates/dateText.js';

/** The placeholder for a missing value in the table and Markdown formats (an em dash). */
export const MISSING = '—';

/** Decimal places used when a column does not say. */
const DEFAULT_DECIMALS: Record<ValueKind, number> = {
  text: 0,
  date: 0,
  int: 0,
  number: 2,
  money: 2,
  percent: 2,
  rate: 4,
};

/** Decimal places kept for percent, rate and number values in JSON (then trailing zeros trimmed). */
export const JSON_FRACTION_DECIMALS = 10;

/**
 * Beyond this many integer digits a number is shown in exponential notation instead of being
 * expanded digit by digit (guards against `1e999999999` producing a gigabyte string).
 */
export const MAX_FIXED_DIGITS = 1000;

const WAN_DIVISOR = new Decimal(10_000);
const HUNDRED = new Decimal(100);

/** Options for {@link formatValue}. */
export interface FormatValueOptions {
  /** Unit for `money` values, which are always yuan in the model. Default `'yuan'`. */
  unit?: Unit;
  /** Decimal places; default 2 for money, percent and number, 4 for rate. Ignored for int/text/date. */
  decimals?: number;
  /** Thousands separators (`13,900.00`). Default `true`. */
  grouping?: boolean;
  /** Text for `null`/`undefined`. Default `'—'` ({@link MISSING}). */
  empty?: string;
}

/** The value kinds that are numbers. */
export type NumericKind = 'int' | 'number' | 'money' | 'percent' | 'rate';

/** Which kinds are numbers: one entry per kind, so a new kind must be placed here. */
const NUMERIC: Record<ValueKind, boolean> = { text: false, int: true, number: true, money: true, percent: true, rate: true, date: false };
/** Every value kind, for checking a report built outside the type system. */
export const KINDS = Object.keys(NUMERIC) as readonly ValueKind[];

/** True for the kinds that are numbers (right-aligned, formatted). */
export function isNumericKind(kind: ValueKind): kind is NumericKind {
  return NUMERIC[kind] === true;
}

/** A plain decimal literal: no hex/binary/octal prefixes, no `Infinity`/`NaN`, no separators. */
const DECIMAL_LITERAL = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i;

/**
 * The cell as a finite Decimal of this project's configuration, or `undefined` if it is not a
 * number (non-numeric string, NaN, ±Infinity, null).
 */
export function toDecimal(value: Cell): Decimal | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value === 0 ? 0 : value) : undefined;
  if (typeof value === 'string') {
    const s = value.trim();
    return DECIMAL_LITERAL.test(s) ? new Decimal(s) : undefined;
  }
  if (Decimal.isDecimal(value)) {
    const d = new Decimal(value);
    return d.isFinite() ? d : undefined;
  }
  return undefined;
}

/** The plain text of a cell that is not shown as a number. */
export function cellText(value: Exclude<Cell, null | undefined>): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : String(value);
  return value.toString();
}

function checkDecimals(decimals: number): number {
  if (!Number.isInteger(decimals) || decimals < 0 || decimals > 20) {
    throw new RangeError(`decimals must be an integer from 0 to 20, got ${String(decimals)}`);
  }
  return decimals;
}

/** `d` rounded half-up to `dp` places as fixed-point text; never `-0.00`. */
export function toFixedHalfUp(d: Decimal, dp: number): string {
  const rounded = d.toDecimalPlaces(dp, Decimal.ROUND_HALF_UP);
  if (rounded.isZero()) return new Decimal(0).toFixed(dp);
  if (rounded.e >= MAX_FIXED_DIGITS) return rounded.toExponential(dp, Decimal.ROUND_HALF_UP);
  return rounded.toFixed(dp);
}

/** Inserts `,` every three digits of the integer part of a fixed-point string. */
function group(fixed: string): string {
  const m = /^(-?)(\d+)(\.\d*)?$/.exec(fixed);
  if (!m) return fixed; // exponential notation: leave as is
  const [, sign = '', int = '', frac = ''] = m;
  return sign + int.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + frac;
}

/**
 * Formats one value for display. `money` is an amount in yuan shown in `unit` (÷10,000 for
 * `'wan'`); `percent` and `rate` are fractions shown ×100 with `%`; `int` has no decimals;
 * `number` has `decimals` (default 2). Rounding is ROUND_HALF_UP. `null`/`undefined` give
 * `empty`. A value of a numeric kind that is not a finite number is returned as its text.
 * `text` is returned as given, a `date` as yyyy-MM-dd (date-fns, UTC). Throws `RangeError` only for an invalid `decimals`.
 *
 * @example
 * formatValue(new Decimal('13900000'), 'money', { unit: 'wan' });       // '1,390.00'
 * formatValue('13900.005', 'money', { grouping: false });                // '13900.01'
 * formatValue(new Decimal('0.446043165'), 'percent', {});                // '44.60%'
 * formatValue(0.0435, 'rate', {});                                       // '4.3500%'
 * formatValue(1234.5, 'int', {});                                        // '1,235'
 * formatValue(null, 'money', { empty: '' });                             // ''
 */
export function formatValue(value: Cell, kind: ValueKind, opts: FormatValueOptions = {}): string {
  if (value === null || value === undefined) return opts.empty ?? MISSING;
  // Dates through date-fns, in UTC (yyyy-MM-dd: sorts as text, reads alike in Chinese and English).
  if (kind === 'date' && typeof value === 'string') return formatIsoDate(value);
  if (!isNumericKind(kind)) return cellText(value);
  if (value instanceof FenCell && kind === 'money' && (opts.decimals ?? 2) === 2) {
    const fixed = fenFixed(value.fen, opts.unit ?? 'yuan');
    return opts.grouping ?? true ? group(fixed) : fixed;
  }
  const d = toDecimal(value);
  if (d === undefined) return cellText(value);
  const grouping = opts.grouping ?? true;
  const decimals = kind === 'int' ? 0 : checkDecimals(opts.decimals ?? DEFAULT_DECIMALS[kind]);
  let scaled = d;
  let suffix = '';
  if (kind === 'money' && (opts.unit ?? 'yuan') === 'wan') scaled = d.div(WAN_DIVISOR);
  if (kind === 'percent' || kind === 'rate') {
    scaled = d.times(HUNDRED);
    suffix = '%';
  }
  const fixed = toFixedHalfUp(scaled, decimals);
  return (grouping ? group(fixed) : fixed) + suffix;
}

/** The unit suffix appended to a money header or label. */
export function unitSuffix(unit: Unit, lang: Lang): string {
  if (lang === 'zh') return unit === 'wan' ? '（万元）' : '（元）';
  return unit === 'wan' ? ' (CNY 10k)' : ' (CNY)';
}

/**
 * A column header or kv label in `lang`. The unit of money is said once, in the section title
 * (see sectionTitle), not in each header; kind and unit are kept in the signature for callers.
 *
 * @example
 * headerText({ zh: '贷款余额', en: 'Balance' }, 'money', 'zh', 'wan'); // '贷款余额'
 */
export function headerText(label: Label, _kind: ValueKind, lang: Lang, _unit: Unit): string {
  // The unit of money is said once, in the section title (单位：万元), not in every header.
  return label[lang];
}

/**
 * A section's title, with the unit of its amounts when it has any: `资产池概况（单位：万元）`,
 * `Pool summary (CNY 10k)`.
 *
 * @example sectionTitle(section, 'zh', 'wan') // '资产池概况（单位：万元）'
 */
export function sectionTitle(section: Section, lang: Lang, unit: Unit): string {
  const hasMoney = section.type === 'table' ? section.columns.some((c) => c.kind === 'money') : section.items.some((i) => i.kind === 'money');
  if (!hasMoney) return section.title[lang];
  if (lang === 'zh') return `${section.title.zh}（单位：${unit === 'wan' ? '万元' : '元'}）`;
  return `${section.title.en} (${unit === 'wan' ? 'CNY 10k' : 'CNY'})`;
}

