/**
 * A floating rate (浮动利率): a named index (LPR1Y, LPR5Y, SHIBOR3M, DR007 or any name the deal's
 * `indices` define) plus a spread (加点), reset on a rule, with a floor and a cap. Tranche coupons
 * and pledge-loan rates use the same terms.
 */
import { z } from 'zod';
import { Decimal } from '../util/money.js';
import { Assumed, IsoDate, NoteText, Rate, wholeNumber } from './primitives.js';

/** The longest index name: 32 characters. */
export const MAX_INDEX_NAME = 32;

/** An index's name: letters, digits, _ . - (LPR1Y, SHIBOR3M, DR007). */
export const IndexName = z
  .string()
  .max(MAX_INDEX_NAME, { message: `must be at most ${MAX_INDEX_NAME} characters`, abort: true })
  .regex(/^[A-Za-z][A-Za-z0-9_.-]*$/, { message: 'must be an index name of letters, digits, _ . - starting with a letter (LPR1Y, SHIBOR3M)' })
  .meta({ description: 'The name of an index defined under the deal’s `indices` (LPR1Y, LPR5Y, SHIBOR3M, DR007 …).', examples: ['LPR1Y'] });

const SPREAD_TEXT = /^([+-]?\d+(\.\d+)?)\s*(bp|%)?$/i;

/**
 * A spread over the index, signed: a decimal fraction (0.015, "-0.002"), per cent ("1.5%") or
 * basis points ("150bp"). At most ±100% (10,000bp).
 */
export const Spread = z
  .union([z.string(), z.number()])
  .transform((v, ctx) => {
    const m = typeof v === 'string' ? SPREAD_TEXT.exec(v.trim()) : null;
    if (typeof v === 'number' ? !Number.isFinite(v) : !m) {
      ctx.addIssue({ code: 'custom', message: 'must be a spread: a decimal fraction (0.015), per cent ("1.5%") or basis points ("150bp"), signed' });
      return z.NEVER;
    }
    const unit = (m?.[3] ?? '').toLowerCase();
    const d = new Decimal(m ? m[1]! : v).div(unit === 'bp' ? 10_000 : unit === '%' ? 100 : 1);
    if (d.abs().gt(1)) {
      ctx.addIssue({ code: 'custom', message: `must be at most 100% (10000bp) either way, got ${d.toString()}` });
      return z.NEVER;
    }
    return d;
  })
  .meta({ description: 'A signed spread: a decimal fraction (0.015), per cent ("1.5%") or basis points ("150bp", "-20bp").', examples: ['150bp', '1.5%', 0.015] });

export const RESET_RULES = ['eachPeriod', 'anniversary'] as const;
export type ResetRule = (typeof RESET_RULES)[number];

/** The zod schema of a floating rate in a deal file: index + spread, reset rule, lag, floor and cap. */
export const FloatingRate = z
  .strictObject({
    index: IndexName,
    spread: Spread.prefault(0).meta({ description: 'Added to the index value (加点): 0.015, "1.5%" or "150bp"; may be negative.' }),
    reset: z.enum(RESET_RULES).default('eachPeriod').meta({
      description:
        'eachPeriod: the rate of each accrual period is fixed at its start; anniversary: on each anniversary of `anchor` (重定价日), the rate then fixed applies to every period starting on or after it until the next.',
    }),
    anchor: IsoDate.optional().meta({ description: 'The date whose anniversaries are the reset dates (default: the closing date for a tranche, the start date for a loan). 2020-01-01 gives every 1 January.' }),
    lagDays: wholeNumber(0, 366).default(0).meta({ description: 'The fixing date is this many days before the reset date.' }),
    lagDayType: z.enum(['business', 'calendar']).default('business').meta({ description: 'business: days of the deal’s holiday calendar; calendar: every day counts.' }),
    floor: Rate.optional().meta({ description: 'The rate is at least this (after the spread).' }),
    cap: Rate.optional().meta({ description: 'The rate is at most this (after the spread).' }),
    note: NoteText.optional(),
    assumed: Assumed,
  })
  .superRefine((v, ctx) => {
    if (v.floor !== undefined && v.cap !== undefined && v.floor.gt(v.cap)) ctx.addIssue({ code: 'custom', path: ['floor'], message: `the floor ${v.floor.toString()} is above the cap ${v.cap.toString()}` });
  })
  .meta({ description: 'A floating rate: index + spread, reset on a rule (fixed from the last index value dated on or before the fixing date), with a floor and a cap.' });

/** A floating rate as parsed by {@link FloatingRate}. */
export type FloatingRateSpec = z.output<typeof FloatingRate>;

/** A coupon or rate when it floats (a fixed rate is a Decimal). */
export function floatingCoupon(coupon: Decimal | FloatingRateSpec | undefined): FloatingRateSpec | undefined {
  return coupon === undefined || coupon instanceof Decimal ? undefined : coupon;
}
