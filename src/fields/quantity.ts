/**
 * The one reader of amounts, rates and multiples, for deal files and tapes alike: what a
 * Chinese spreadsheet or offering document writes (`"1.88亿"`, `"18,800万"`, `"1,234.56"`,
 * `"12.5万元"`, `"4.9%"`) becomes exact decimal text by moving the decimal point in the text
 * itself, never through a float, and then a Decimal.
 */
import { Decimal } from '../util/money.js';

/** The kinds of quantity a field holds. */
export type QuantityKind = 'amount' | 'rate' | 'multiple';

/**
 * The unit of a number written without one: yuan or a decimal fraction by default; a tape
 * column headed `贷款余额（万元）` reads its bare numbers in 万元, one headed `年利率(%)` in per cent.
 */
export type BareUnit = 'plain' | 'wan' | 'percent';

/** The forms each kind accepts, as messages show them. */
export const ACCEPTED_FORMS: Readonly<Record<QuantityKind, string>> = {
  amount: 'a number, or text like "1234.56", "1,234.56", "18,800万", "1.88亿" or "12.5万元"',
  rate: 'a decimal fraction like 0.049 or "0.049", or a percentage like "4.9%"',
  multiple: 'a number like 1.2 or "1.2", or a percentage like "120%"',
};

/** Places the decimal point moves right for each written unit (万 = 10^4, 亿 = 10^8, % = 10^-2). */
const UNIT_SHIFT: Readonly<Record<string, number>> = { 元: 0, 万: 4, 万元: 4, 亿: 8, 亿元: 8, '%': -2, '％': -2 };

/**
 * Digits, with thousands grouped by commas (also the full-width ，) or spaces in threes, or not
 * grouped at all; a decimal point. Groups must be threes so a European decimal comma ("1,5") is
 * refused rather than read as 15.
 */
const NUMBER = String.raw`(\d{1,3}(?:[,， ]\d{3})+|\d+)(?:\.(\d+))?`;
const PLAIN = /^\d+(?:\.\d+)?$/;
const AMOUNT_TEXT = new RegExp(String.raw`^([+-]?)${NUMBER}\s*(亿元|亿|万元|万|元)?$`);
const FRACTION_TEXT = new RegExp(String.raw`^([+-]?)(\d+)(?:\.(\d+))?\s*([%％])?$`);

/**
 * `intPart.frac` with the decimal point moved `shift` places (right when positive), as text:
 * exact whatever the digits. Trailing zeros of the fraction are kept ("100%" → "1.00"), so the
 * text says what was written; leading zeros of the whole part are dropped.
 */
export function shiftPoint(intPart: string, frac: string, shift: number): string {
  if (shift >= 0) {
    const moved = frac.padEnd(shift, '0');
    const whole = `${intPart}${moved.slice(0, shift)}`.replace(/^0+(?=\d)/, '');
    const rest = moved.slice(shift);
    return rest === '' ? whole : `${whole}.${rest}`;
  }
  const places = -shift;
  const padded = intPart.padStart(places + 1, '0');
  const whole = padded.slice(0, -places).replace(/^0+(?=\d)/, '');
  return `${whole}.${padded.slice(-places)}${frac}`;
}

/**
 * The exact decimal text of a quantity written as text, or undefined when the text is not one
 * of the forms of its kind ({@link ACCEPTED_FORMS}). Signs are kept (the field's schema says
 * whether a negative value is allowed).
 *
 * @example quantityText('amount', '1.88亿') // '188000000'
 * @example quantityText('amount', '1,234.5', 'wan') // '12345000'
 * @example quantityText('rate', '4.9%') // '0.049'
 */
export function quantityText(kind: QuantityKind, text: string, bare: BareUnit = 'plain'): string | undefined {
  const t = text.trim();
  // The common case, a plain decimal in the field's own unit, as it is (a tape repeats it a million times).
  if (bare === 'plain' && PLAIN.test(t)) return t;
  if (kind === 'amount') {
    const m = AMOUNT_TEXT.exec(t);
    if (!m) return undefined;
    const shift = m[4] !== undefined ? UNIT_SHIFT[m[4]]! : bare === 'wan' ? 4 : 0;
    return signed(m[1]!, shiftPoint(m[2]!.replace(/[,， ]/g, ''), m[3] ?? '', shift));
  }
  const m = FRACTION_TEXT.exec(t);
  if (!m) return undefined;
  const shift = m[4] !== undefined || bare === 'percent' ? -2 : 0;
  return signed(m[1]!, shift === 0 ? (m[3] !== undefined ? `${m[2]}.${m[3]}` : m[2]!) : shiftPoint(m[2]!, m[3] ?? '', shift));
}

function signed(sign: string, digits: string): string {
  return sign === '-' ? `-${digits}` : digits;
}

/**
 * A quantity as a Decimal: a JSON number as written (finite), or text in one of the kind's forms
 * read by {@link quantityText}; undefined for anything else.
 *
 * @example parseQuantity('amount', '18,800万')?.toFixed() // '188000000'
 */
export function parseQuantity(kind: QuantityKind, value: string | number, bare: BareUnit = 'plain'): Decimal | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? new Decimal(value) : undefined;
  const text = quantityText(kind, value, bare);
  return text === undefined ? undefined : new Decimal(text);
}

/** True when a text is written as a percentage ("4.9%"), so a message can show it as written. */
export function isPercentText(value: unknown): value is string {
  return typeof value === 'string' && /[%％]\s*$/.test(value);
}
