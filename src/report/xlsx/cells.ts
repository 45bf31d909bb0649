/**
 * Report values as workbook cells: numbers stored as numbers with a number format, dates as
 * dates, everything else as text. What a cell holds is the figure the JSON result has (amounts
 * to the fen, fractions to 10 places); the number format rounds it for display as the text
 * formats do, so the CSV and the workbook show the same figures.
 */
import { Decimal } from '../../util/money.js';
import { printableCell } from '../../util/printable.js';
import { FenCell } from '../fenCell.js';
import { cellText, isNumericKind, JSON_FRACTION_DECIMALS, toDecimal, unitSuffix, type NumericKind } from '../format.js';
import type { Cell, Label, Lang, Unit, ValueKind } from '../model.js';
import { displayWidth } from '../width.js';
import { assertNever } from '../../util/never.js';

/** A cell of the workbook: its value, for numbers and dates its number format, and how wide it shows. */
export interface XlsxCell {
  value: string | number | Date | null;
  numFmt?: string;
  /** The display width of what the cell shows (a CJK character counts two), for the column's width. */
  width: number;
}

/** Decimal places shown when the column does not say: as the text formats, but multiples `0.0000`. */
const DEFAULT_DECIMALS: Record<NumericKind, number> = { money: 2, percent: 2, rate: 4, number: 4, int: 0 };

/** The number format of dates: ISO, as the text formats write them (Excel's built-in 14 follows the reader's locale). */
export const DATE_FORMAT = 'yyyy-mm-dd';
const DATE_WIDTH = 'yyyy-mm-dd'.length;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FEN_PER_YUAN = 100;
const FEN_PER_WAN = 1_000_000;
const WAN = new Decimal(10_000);
/** A number in yuan whose shortest decimal form has at most two places is a whole number of fen. */
const WHOLE_FEN = /^-?\d+(\.\d{1,2})?$/;
const MAX_EXACT_YUAN = Number.MAX_SAFE_INTEGER / FEN_PER_YUAN;

/** `.00`-style zeros after the point, or none. */
const places = (n: number): string => (n > 0 ? '.' + '0'.repeat(n) : '');

/**
 * The number format of a kind: money `#,##0.00`, percent `0.00%`, rate `0.0000%`, number
 * (multiples, years) `0.0000`, int `#,##0`; `decimals` as the column says.
 *
 * @example numberFormat('percent', undefined) // '0.00%'
 */
export function numberFormat(kind: NumericKind, decimals: number | undefined): string {
  const dp = kind === 'int' ? 0 : (decimals ?? DEFAULT_DECIMALS[kind]);
  switch (kind) {
    case 'money':
    case 'int':
      return '#,##0' + places(dp);
    case 'percent':
    case 'rate':
      return '0' + places(dp) + '%';
    case 'number':
      return '0' + places(dp);
    default:
      return assertNever(kind, 'numeric value kind');
  }
}

/** The amount in fen of a money cell that is whole fen without Decimal arithmetic, else undefined. */
function wholeFen(value: Cell): number | undefined {
  if (value instanceof FenCell) return value.fen;
  if (typeof value === 'number' && Math.abs(value) < MAX_EXACT_YUAN && WHOLE_FEN.test(String(value))) return Math.round(value * FEN_PER_YUAN);
  return undefined;
}

/** The number a numeric cell stores (never -0): money to the fen (÷ 10,000 for wan), int whole, fractions to 10 places. */
function numberOf(value: Cell, kind: NumericKind, unit: Unit): number | undefined {
  const fen = kind === 'money' ? wholeFen(value) : undefined;
  let n: number;
  if (fen !== undefined) n = fen / (unit === 'wan' ? FEN_PER_WAN : FEN_PER_YUAN);
  else {
    const d = toDecimal(value);
    if (d === undefined) return undefined;
    if (kind === 'money') {
      const yuan = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
      n = (unit === 'wan' ? yuan.div(WAN) : yuan).toNumber();
    } else n = d.toDecimalPlaces(kind === 'int' ? 0 : JSON_FRACTION_DECIMALS, Decimal.ROUND_HALF_UP).toNumber();
  }
  return n === 0 ? 0 : n;
}

/** How wide `n` shows in `numFmt` of `kind`: digits, group commas, sign, point and places, `%`. */
function numberWidth(n: number, kind: NumericKind, decimals: number | undefined): number {
  const percent = kind === 'percent' || kind === 'rate';
  const fixed = Math.abs(percent ? n * 100 : n).toFixed(kind === 'int' ? 0 : (decimals ?? DEFAULT_DECIMALS[kind]));
  const point = fixed.indexOf('.');
  const digits = point < 0 ? fixed.length : point;
  const commas = kind === 'money' || kind === 'int' ? Math.floor((digits - 1) / 3) : 0;
  return fixed.length + commas + (n < 0 ? 1 : 0) + (percent ? 1 : 0);
}

/** An ISO date as the Date of that day at 00:00 UTC (Excel's serial day), or undefined. */
function isoDate(s: string): Date | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const [year, month, day] = [Number(m[1]), Number(m[2]) - 1, Number(m[3])];
  const date = new Date(Date.UTC(year, month, day));
  // Date.UTC rolls 2023-02-29 over to March: such a day is no date.
  return date.getUTCFullYear() === year && date.getUTCMonth() === month && date.getUTCDate() === day ? date : undefined;
}

/** Text as a cell: control characters escaped as in CSV (XML cannot hold most of them). */
export function textCell(s: string): XlsxCell {
  const text = printableCell(s);
  return { value: text, width: displayWidth(text) };
}

/**
 * One report value as a workbook cell. A missing value is an empty cell; a value of a numeric
 * kind that is not a number (`'n/a'`), and a date that is no ISO date, are text, as in CSV.
 * Text is stored as text (never a formula, whatever it starts with), control characters escaped.
 *
 * @example xlsxCell(new FenCell(1234550 as Money), 'money', undefined, 'wan') // { value: 1.23455, numFmt: '#,##0.00', width: 4 }
 */
export function xlsxCell(value: Cell, kind: ValueKind, decimals: number | undefined, unit: Unit): XlsxCell {
  if (value === null || value === undefined) return { value: null, width: 0 };
  if (kind === 'date') {
    const date = typeof value === 'string' ? isoDate(value) : undefined;
    return date ? { value: date, numFmt: DATE_FORMAT, width: DATE_WIDTH } : textCell(cellText(value));
  }
  if (!isNumericKind(kind)) return textCell(cellText(value));
  const n = numberOf(value, kind, unit);
  if (n === undefined) return textCell(cellText(value));
  return { value: n, numFmt: numberFormat(kind, decimals), width: numberWidth(n, kind, decimals) };
}

/** A column header or kv label: with the unit of money, since a sheet has no title line to say it. */
export function labelText(label: Label, kind: ValueKind, lang: Lang, unit: Unit): string {
  return printableCell(label[lang] + (kind === 'money' ? unitSuffix(unit, lang) : ''));
}
