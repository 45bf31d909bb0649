/**
 * The leaf values of the JSON contracts: amounts, dates, ratios and figures. Each is a zod codec
 * between the JSON text (its input side, what the JSON Schema describes) and the library's value
 * (its output side), so `z.encode` writes a result and `z.decode` reads one back.
 */
import { z } from 'zod';
import { AMOUNT, amountText, type Amount } from './amount.js';
import { Decimal } from '../util/money.js';
import { lazy } from './lazy.js';

/** Yuan with two decimals (`"-1234.50"`). */
export const MONEY_PATTERN = /^-?\d+\.\d{2}$/;
/** A decimal number as text, rounded to at most 10 places (`"0.4460431655"`, `"1"`, `"1e-10"`). */
export const DECIMAL_PATTERN = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

/**
 * A value the library may leave out (an optional field), written as `null`: the contract has
 * every key, always.
 */
export function orNull<T extends z.ZodType>(schema: T) {
  return z.codec(schema.nullable(), z.custom<z.output<T> | undefined>(), {
    decode: (v) => (v === null ? undefined : v),
    encode: (v) => (v === undefined ? null : v),
  });
}

/**
 * An object whose optional fields the library leaves out but the contract writes (as `null`):
 * encoding first gives every key of the shape.
 */
export function complete<S extends z.ZodRawShape>(shape: S) {
  const object = z.object(shape);
  type Full = z.output<typeof object>;
  return z.codec(object, z.custom<Lenient<Full>>(), {
    decode: (v) => v,
    encode: (v) => ({ ...Object.fromEntries(Object.keys(shape).map((k) => [k, undefined])), ...v }) as Full,
  });
}

/** `T` with the keys that may hold `undefined` optional. */
type Lenient<T> = { [K in keyof T as undefined extends T[K] ? K : never]?: T[K] } & { [K in keyof T as undefined extends T[K] ? never : K]: T[K] };

/** The `schemaVersion` field: any 1.x.y reads as this contract says. */
export const schemaVersion = lazy(() =>
  z
    .string()
    .regex(/^1\.\d+\.\d+$/)
    .meta({ description: 'The version of this contract (semver), 1.0.0 first: a later 1.x adds fields, none is ever renamed or removed within 1.x.' }),
);

export const leaves = lazy(() => {
  const moneyText = z.string().regex(MONEY_PATTERN).meta({ description: 'Yuan, two decimals, no grouping, rounded half up: "13900000.00".' });
  const ratioText = z.string().regex(DECIMAL_PATTERN).meta({ description: 'A decimal number as text, rounded to at most 10 places: "0.0435".' });
  const date = z.string().regex(DATE_PATTERN).meta({ description: 'A calendar date, YYYY-MM-DD.' });
  /** An amount: see amount.ts. */
  const money = z.codec(moneyText, z.custom<Amount>((v) => AMOUNT.is(v)), { decode: (s) => AMOUNT.parse(s), encode: amountText });
  /** A ratio (a coupon, a coverage multiple), exact. */
  const ratio = z.codec(ratioText, z.custom<Decimal>((v) => Decimal.isDecimal(v)), {
    decode: (s) => new Decimal(s),
    encode: (d) => d.toDecimalPlaces(10).toString(),
  });
  /** A float figure (WAL, yield, duration), rounded to 10 places. */
  const figure = z.codec(z.number(), z.custom<number>((v) => typeof v === 'number'), { decode: (x) => x, encode: (x) => Number(x.toFixed(10)) });
  return { money, ratio, figure, date };
});
