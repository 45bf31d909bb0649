/**
 * Building blocks of the deal-file language: dates, amounts, rates, ids and the `assumed` note.
 * Values arrive as JSON (amounts as decimal strings or numbers) and leave as exact Decimals.
 */
import { z } from 'zod';
import { Decimal } from '../util/money.js';
import { DATE_FORMS, readDateText } from '../dates/dateText.js';
import { DAY_COUNTS } from '../dates/daycount.js';
import { ACCEPTED_FORMS, isPercentText, parseQuantity, type QuantityKind } from './quantity.js';

/**
 * A calendar date, written in any of the forms people type ({@link DATE_FORMS}: `2024-01-15`,
 * `2024/1/15`, `2024年1月15日`, `20240115`, an Excel serial), read as `YYYY-MM-DD`.
 */
export const IsoDate = z
  .string()
  .refine((s) => readDateText(s) !== undefined, { message: `must be a real date written ${DATE_FORMS}`, abort: true })
  // In place, not a transform: the JSON Schema keeps the defaults of objects holding dates.
  .overwrite((s) => readDateText(s)!)
  .refine((s) => s >= '1900-01-01' && s <= '2199-12-31', { message: 'must be a date from 1900-01-01 to 2199-12-31' })
  .meta({ description: `A calendar date from 1900 to 2199: ${DATE_FORMS}; read as YYYY-MM-DD.`, examples: ['2021-01-28', '2021/1/28', '2021年1月28日'] });

/**
 * The Decimal of a field of `kind`, read by the one quantity reader ({@link parseQuantity}), or
 * an issue showing the forms the kind accepts.
 */
function decimalFrom(value: string | number, ctx: z.RefinementCtx, kind: QuantityKind, what: string): Decimal | typeof z.NEVER {
  const d = parseQuantity(kind, value);
  if (d === undefined) {
    ctx.addIssue({ code: 'custom', message: `must be ${what}: ${ACCEPTED_FORMS[kind]}` });
    return z.NEVER;
  }
  return d;
}

/** A value as a range message shows it: a percentage as written, else the number. */
function shown(value: string | number, d: Decimal): string {
  return isPercentText(value) ? JSON.stringify(value.trim()) : d.toString();
}

const numberOrText = z.union([z.string(), z.number()]);

/**
 * The largest amount the language accepts: 10^15 yuan (1,000 trillion, 1,000 万亿), far beyond any
 * real deal (the largest Chinese ABS issues are in the tens of billions) and small enough that sums
 * over a million assets and products with rates keep every fen within the 40 significant digits
 * of the engine's decimals.
 */
export const MAX_AMOUNT = new Decimal('1e15');
/** The largest multiple (coverage level, reserve multiple): 100×. */
export const MAX_MULTIPLE = 100;
/** The most periods a lag or delay may span, and the highest period number: 100 years of months. */
export const MAX_PERIODS = 1200;
/** The largest whole number anywhere else (counts): one million. */
export const MAX_COUNT = 1_000_000;

/** A non-negative amount of money in yuan, at most two decimals (whole fen), at most 10^15. */
export const Amount = numberOrText
  .transform((v, ctx) => {
    const d = decimalFrom(v, ctx, 'amount', 'an amount in yuan');
    if (d === z.NEVER) return d;
    if (d.lt(0)) {
      ctx.addIssue({ code: 'custom', message: 'must not be negative' });
      return z.NEVER;
    }
    if (d.gt(MAX_AMOUNT)) {
      ctx.addIssue({ code: 'custom', message: 'must be at most 10^15 yuan (1,000 trillion: beyond any real deal)' });
      return z.NEVER;
    }
    if (d.decimalPlaces() > 2) {
      ctx.addIssue({ code: 'custom', message: 'must be in whole fen (at most 2 decimals)' });
      return z.NEVER;
    }
    return d;
  })
  .meta({
    description:
      'An amount in yuan (元): a number, or text like "1234.56", "1,234.56" (thousands in threes), "18,800万", "1.88亿" or "12.5万元"; at most 2 decimals of yuan (whole fen), from 0 to 10^15 (1,000 trillion).',
    examples: ['139000000.00', '1.39亿', '13,900万'],
    minimum: 0,
    maximum: 1e15,
  });

/** A rate or share as a decimal fraction: 0.04 is 4%. */
export const Rate = numberOrText
  .transform((v, ctx) => {
    const d = decimalFrom(v, ctx, 'rate', 'a rate');
    if (d === z.NEVER) return d;
    if (d.lt(0) || d.gt(1)) {
      ctx.addIssue({ code: 'custom', message: `must be between 0 and 1, or 0% to 100% (0.04 and "4%" both mean 4%), got ${shown(v, d)}` });
      return z.NEVER;
    }
    return d;
  })
  .meta({ description: 'A rate or share: a decimal fraction from 0 to 1 (0.049) or a percentage from 0% to 100% ("4.9%").', examples: [0.049, '4.9%'], minimum: 0, maximum: 1 });

/** A positive multiple (coverage levels, reserve multiples), at most 100. */
export const Multiple = numberOrText
  .transform((v, ctx) => {
    const d = decimalFrom(v, ctx, 'multiple', 'a multiple');
    if (d === z.NEVER) return d;
    if (!d.gt(0)) {
      ctx.addIssue({ code: 'custom', message: 'must be greater than 0' });
      return z.NEVER;
    }
    if (d.gt(MAX_MULTIPLE)) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_MULTIPLE}` });
      return z.NEVER;
    }
    return d;
  })
  .meta({ description: `A positive multiple, 1.2 or "120%", at most ${MAX_MULTIPLE}.`, exclusiveMinimum: 0, maximum: MAX_MULTIPLE });

/**
 * Bounds of free text. Text only names and explains, so these are far beyond any real value (the
 * sample deals' longest name is 32 characters, longest note 451) and keep a hostile file from
 * growing every table and report that repeats a name (a 50 MiB obligor once did not fit a string).
 */
/** The longest id: 64 characters. */
export const MAX_ID_LENGTH = 64;
/** The longest name of a deal, party, tranche, fee, obligor, industry or region: 200 characters. */
export const MAX_NAME_LENGTH = 200;
/** The longest note, description, source or `assumed` basis: 2,000 characters. */
export const MAX_NOTE_LENGTH = 2000;
/** The longest file path or URL (`$schema`, a tape's path): 4,096 characters, Linux's PATH_MAX. */
export const MAX_PATH_LENGTH = 4096;

/**
 * Text of at most `max` characters (UTF-16 code units, as JSON Schema's maxLength counts them).
 * The bound aborts, so an overlong value is told its bound once and not also matched against a
 * pattern.
 */
export function boundedText(max: number) {
  const count = (n: number) => n.toLocaleString('en-US');
  return z.string().max(max, {
    abort: true,
    // The text itself is not quoted: it may be megabytes long.
    error: (issue) => `must be at most ${count(max)} characters long (got ${typeof issue.input === 'string' ? count(issue.input.length) : 'more'})`,
  });
}

/** A name (of a deal, party, tranche, obligor…): 1 to 200 characters. */
export const Name = boundedText(MAX_NAME_LENGTH).min(1);
/** Optional short text that names something (industry, region, rating): at most 200 characters. */
export const NameText = boundedText(MAX_NAME_LENGTH);
/** A note or description: at most 2,000 characters. */
export const NoteText = boundedText(MAX_NOTE_LENGTH);
/** A file path or URL: at most 4,096 characters. */
export const PathText = boundedText(MAX_PATH_LENGTH);

/** An identifier that other parts of the deal refer to: 1 to 64 characters. */
export const Id = boundedText(MAX_ID_LENGTH)
  .regex(/^[A-Za-z0-9_.\-\u4e00-\u9fff]+$/, { message: 'must be a non-empty id of letters, digits, _ . - or Chinese characters' })
  .meta({ description: `An identifier other parts of the deal refer to, at most ${MAX_ID_LENGTH} characters.` });

/**
 * A whole number from `min` (0 or 1) to `max`. The maximum is checked first, so a huge number is
 * told its bound once (not also that it is beyond a safe integer).
 */
export function wholeNumber(min: 0 | 1, max: number) {
  const n = z.number().max(max, { abort: true }).int({ message: 'must be a whole number' });
  return min === 1 ? n.positive({ message: 'must be at least 1' }) : n.nonnegative({ message: 'must not be negative' });
}

/** A count of at least 1, at most a million. */
export const PositiveInt = wholeNumber(1, MAX_COUNT);
/** A count of at least 0, at most a million. */
export const NonNegInt = wholeNumber(0, MAX_COUNT);
/** A number of periods (a lag, a delay): 0 to 1200. */
export const PeriodCount = wholeNumber(0, MAX_PERIODS);

/**
 * Values a source does not publish are assumptions, said next to the value: each key names a
 * field of the object it sits in, each value says why (or on what basis) the value was chosen.
 */
export const Assumed = z
  .record(z.string(), NoteText)
  .optional()
  .meta({
    description:
      'Fields of this object whose values are assumed (not published by any source): field name → the basis of the assumption.',
    examples: [{ rate: 'not published; typical AAA 1-year coupon in 2021' }],
  });

/** A textual note on where a value comes from. */
export const Sources = z.array(NoteText).optional();

export type DecimalValue = Decimal;

export const DayCount = z.enum(DAY_COUNTS).meta({ description: 'Day count: ACT/365F (market default), ACT/360, ACT/ACT (ISDA), 30/360.' });
