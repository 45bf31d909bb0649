/**
 * Report values as workbook cells: numbers stored as numbers with a number format, dates as
 * dates, everything else as text. What a cell holds is the figure the JSON result has (amounts
 * to the fen, fractions to 10 places); the number format rounds it for display as the text
 * formats do, so the CSV and the workbook show the same figures.
 */
import { Decimal } from '../../util/money.js';
import { printableCell } from '../../util/printable.js';
import { FenCell } from '../fenCell.js';
import { cellText, formatValue, isNumericKind, JSON_FRACTION_DECIMALS, toDecimal, unitSuffix } from '../format.js';
import type { Cell, Label, Lang, Unit, ValueKind } from '../model.js';
import { assertNever } from '../../util/never.js';

/** A cell of the workbook: its value and, for numbers and dates, its number format. */
export interface XlsxCell {
  value: string | number | Date | null;
  numFmt?: string;
  /** The text the cell shows, for fitting the column's width. */
  shown: string;
}

/** Decimal places a number is shown with when its column does not say (multiples: `0.0000`). */
const NUMBER_DECIMALS = 4;
/** Decimal places of the other kinds when the column does not say: as the text formats. */
const DEFAULT_DECIMALS = { money: 2, percent: 2, rate: 4 } as const;

/** The number format of dates: ISO, as the text formats write them (Excel's built-in 14 follows the reader's locale). */
export const DATE_FORMAT = 'yyyy-mm-dd';

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const FEN_PER_YUAN = 100;
const FEN_PER_WAN = 1_000_000;
const WAN = new Decimal(10_000);

/** `0.00`-style zeros after the point, or none. */
const places = (n: number): string => (n > 0 ? '.' + '0'.repeat(n) : '');

/**
 * The number format of a kind: money `#,##0.00`, percent `0.00%`, rate `0.0000%`, number
 * (multiples, years) `0.0000`, int `#,##0`; `decimals` as the column says.
 *
 * @example numberFormat('percent', undefined) // '0.00%'
 */
export function numberFormat(kind: 'int' | 'number' | 'money' | 'percent' | 'rate', decimals: number | undefined): string {
  switch (kind) {
    case 'money':
      return '#,##0' + places(decimals ?? DEFAULT_DECIMALS.money);
    case 'percent':
    case 'rate':
      return '0' + places(decimals ?? DEFAULT_DECIMALS[kind]) + '%';
    case 'number':
      return '0' + places(decimals ?? NUMBER_DECIMALS);
    case 'int':
      return '#,##0';
    default:
      return assertNever(kind, 'numeric value kind');
  }
}

/** A money cell in `unit`: the amount to the fen (a FenCell exactly), ÷ 10,000 for wan. */
function moneyNumber(value: Cell, d: Decimal, unit: Unit): number {
  if (value instanceof FenCell) return value.fen / (unit === 'wan' ? FEN_PER_WAN : FEN_PER_YUAN);
  const yuan = d.toDecimalPlaces(2, Decimal.ROUND_HALF_UP);
  return (unit === 'wan' ? yuan.div(WAN) : yuan).toNumber();
}

/** The number a numeric cell stores (never -0). */
function numberOf(value: Cell, d: Decimal, kind: 'int' | 'number' | 'money' | 'percent' | 'rate', unit: Unit): number {
  const n =
    kind === 'money'
      ? moneyNumber(value, d, unit)
      : kind === 'int'
        ? d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP).toNumber()
        : d.toDecimalPlaces(JSON_FRACTION_DECIMALS, Decimal.ROUND_HALF_UP).toNumber();
  return n === 0 ? 0 : n;
}

/** An ISO date as the Date of that day at 00:00 UTC (Excel's serial day), or undefined. */
function isoDate(s: string): Date | undefined {
  const m = ISO_DATE.exec(s);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return date.toISOString().startsWith(s) ? date : undefined;
}

/**
 * One report value as a workbook cell. A missing value is an empty cell; a value of a numeric
 * kind that is not a number (`'n/a'`), and a date that is no ISO date, are text, as in CSV.
 * Text is stored as text (never a formula, whatever it starts with), control characters escaped.
 *
 * @example xlsxCell(new FenCell(1234550 as Money), 'money', undefined, 'wan') // { value: 1.23455, numFmt: '#,##0.00', shown: '1.23' }
 */
export function xlsxCell(value: Cell, kind: ValueKind, decimals: number | undefined, unit: Unit): XlsxCell {
  if (value === null || value === undefined) return { value: null, shown: '' };
  const text = (): XlsxCell => {
    const s = printableCell(cellText(value));
    return { value: s, shown: s };
  };
  if (kind === 'date') {
    const date = typeof value === 'string' ? isoDate(value) : undefined;
    return date ? { value: date, numFmt: DATE_FORMAT, shown: value as string } : text();
  }
  if (!isNumericKind(kind)) return text();
  const d = toDecimal(value);
  if (d === undefined) return text();
  const shownDecimals = kind === 'number' ? (decimals ?? NUMBER_DECIMALS) : decimals;
  return {
    value: numberOf(value, d, kind, unit),
    numFmt: numberFormat(kind, decimals),
    shown: formatValue(value, kind, { unit, decimals: shownDecimals }),
  };
}

/** A column header or kv label: with the unit of money, since a sheet has no title line to say it. */
export function labelText(label: Label, kind: ValueKind, lang: Lang, unit: Unit): string {
  return printableCell(label[lang] + (kind === 'money' ? unitSuffix(unit, lang) : ''));
}
