/**
 * The performance scenario: what goes wrong, as data, applied to the pool before the waterfall.
 * Pool-wide defaults (a cumulative rate with a timing vector, or an annual CDR) take a share of
 * every performing asset; named obligors default whole. Recoveries, loss sharing, prepayments,
 * collection delays and haircuts, spread compression and support failures complete it.
 */
import { z } from 'zod';
import { ASSET_TYPES } from '../schema/pool.js';
import { IndexName } from '../fields/floating.js';
import { Amount, Id, IsoDate, MAX_PERIODS, PeriodCount, Rate, wholeNumber, Name, NameText, PathText } from '../schema/primitives.js';

export const ObligorDefault = z
  .object({
    obligor: Name.optional().meta({ description: 'Every asset of this obligor (name or obligorId).' }),
    asset: Id.optional().meta({ description: 'One asset by id.' }),
    period: wholeNumber(1, MAX_PERIODS).meta({ description: 'The deal period (1 = first payment date) whose collection window the first missed payment falls in.' }),
    mode: z.enum(['default', 'stopPaying']).default('default').meta({
      description: 'default: the outstanding balance defaults and is recovered at the recovery rate after the lag; stopPaying: every payment from then on is missed, nothing is recovered.',
    }),
    recoveryRate: Rate.optional().meta({ description: 'Default: the scenario’s recovery.rate.' }),
    recoveryLagPeriods: PeriodCount.optional().meta({ description: 'Default: the scenario’s recovery.lagPeriods.' }),
  })
  .strict();

export const SupportFailure = z
  .object({
    support: Id.optional().meta({ description: 'One support by id.' }),
    provider: Name.optional().meta({ description: 'Every support of this provider.' }),
    from: IsoDate.meta({ description: 'From this date on the provider pays nothing (or only up to `cap`).' }),
    cap: Amount.optional().meta({ description: 'What the provider still pays in all after `from`.' }),
  })
  .strict();

/**
 * The x of front- or back-loaded timing: one half of the periods takes 50% + x of the defaults,
 * the other 50% − x, so x is at most 0.5 (0.5: all of them in that half).
 */
const LoadedShare = Rate.refine((d) => d.lte(0.5), {
  message: 'must be at most 0.5 (that half takes 50% + x of the defaults, the other 50% − x)',
}).meta({ description: 'x, a decimal fraction from 0 to 0.5: 0.2 means 70% of the defaults in that half, 30% in the other.', maximum: 0.5 });

/** Weights of explicit timing: finite, non-negative, at least one above zero. */
const TimingWeights = z
  .array(z.number().nonnegative())
  .min(1)
  .superRefine((w, ctx) => {
    if (w.every((x) => x === 0)) ctx.addIssue({ code: 'custom', message: 'the weights are all zero: give at least one above 0' });
    else if (!Number.isFinite(w.reduce((a, b) => a + b, 0))) ctx.addIssue({ code: 'custom', message: 'the weights add up to more than a number can hold: scale them down' });
  });

/** How cumulative defaults spread over the periods in which the pool has a balance. */
export const Timing = z.union([
  z.literal('even'),
  z.object({ frontLoaded: LoadedShare }).strict().meta({ description: 'The first half of the periods takes 50% + x of the defaults, the second half 50% − x (x ≤ 0.5).' }),
  z.object({ backLoaded: LoadedShare }).strict().meta({ description: 'The second half takes 50% + x, the first half 50% − x (x ≤ 0.5).' }),
  z.object({ explicit: TimingWeights }).strict().meta({ description: 'Weights per period from the first (finite, non-negative, not all zero), normalised to sum to 1.' }),
]);

const rateFields = {
  cumulative: Rate.optional().meta({ description: 'Cumulative defaults as a share of the initial balance (累计违约率). Give this or annualCdr, not both.' }),
  annualCdr: Rate.optional().meta({ description: 'Annual constant default rate on the performing balance. Give this or cumulative, not both.' }),
};

/** A rate is a cumulative rate or an annual CDR, never both. */
const oneRate = (v: { cumulative?: unknown; annualCdr?: unknown }, ctx: z.RefinementCtx) => {
  if (v.cumulative !== undefined && v.annualCdr !== undefined) ctx.addIssue({ code: 'custom', message: 'give cumulative or annualCdr, not both' });
};

export const DefaultRate = z
  .object({
    ...rateFields,
    timing: Timing.default('even'),
    overrides: z
      .array(
        z
          .object({
            assetType: z.enum(ASSET_TYPES).optional(),
            obligor: Name.optional(),
            ...rateFields,
          })
          .strict()
          .superRefine(oneRate),
      )
      .default([])
      .meta({ description: 'Other rates for the assets of one type or one obligor (the first match wins; an override that an earlier one covers entirely would never apply, and is an error).' }),
  })
  .strict()
  .superRefine(oneRate);

export { LOSS_SHARING_MODELS } from './base.js';
import { BASE_SCENARIO as BASE, LOSS_SHARING_MODELS } from './base.js';

export const Recovery = z
  .object({
    rate: Rate.prefault(0).meta({ description: 'Share of a defaulted balance recovered (pledged-IP disposal).' }),
    lagPeriods: PeriodCount.default(0),
    delayed: z
      .object({ share: Rate, extraPeriods: wholeNumber(1, MAX_PERIODS) })
      .strict()
      .optional()
      .meta({ description: 'A share of every recovery arrives this many periods later still (e.g. 30% delayed 6 months).' }),
    lossSharing: z
      .union([
        z.object({ model: z.enum(Object.keys(LOSS_SHARING_MODELS) as [keyof typeof LOSS_SHARING_MODELS, ...(keyof typeof LOSS_SHARING_MODELS)[]]) }).strict(),
        z.object({ lenderShare: Rate }).strict(),
      ])
      .optional()
      .meta({
        description:
          'The plan, as lender, bears only its share of a loss after recovery; the other parties (government fund, insurer, guarantor…) pay theirs into the plan when the recovery arrives.',
      }),
  })
  .strict();

export const Collections = z
  .object({
    assetTypes: z.array(z.enum(ASSET_TYPES)).min(1).default(['royalty', 'lease']),
    delayPeriods: PeriodCount.default(0).meta({ description: 'Payments arrive this many periods late (collected in the last period at the latest).' }),
    haircut: Rate.prefault(0).meta({ description: 'Share of every payment that is never paid.' }),
  })
  .strict()
  .meta({ description: 'Delays and haircuts of royalties and rents.' });

/** What a scenario does to one index: a parallel shift and/or a replacement forward path. */
export const RateChange = z
  .object({
    shiftBp: z.number().min(-10000).max(10000).optional().meta({ description: 'Added to every value of the index read on a date after its last published fixing (the forward path, or the last fixing carried flat), in basis points; may be negative.' }),
    path: z
      .array(z.object({ date: IsoDate, value: Rate, note: NameText.optional() }).strict())
      .min(1)
      .superRefine((values, ctx) => {
        for (let i = 1; i < values.length; i++) {
          if (values[i]!.date <= values[i - 1]!.date) {
            ctx.addIssue({ code: 'custom', path: [i, 'date'], message: `dates must be in increasing order: ${values[i]!.date} does not come after ${values[i - 1]!.date}` });
            return;
          }
        }
      })
      .optional()
      .meta({ description: 'Replaces the index’s forward path (values dated after its last published fixing; the fixings stay).' }),
  })
  .strict();

export const Scenario = z
  .object({
    $schema: PathText.optional(),
    name: NameText.optional(),
    defaultRate: DefaultRate.optional(),
    defaults: z.array(ObligorDefault).default([]).meta({
      description: 'Named obligors or assets that default: one entry per obligor and per asset (an asset named again, by its id or its obligor, is an error).',
    }),
    recovery: Recovery.prefault({}),
    prepayment: z.object({ cpr: Rate }).strict().optional().meta({ description: 'Annual constant prepayment rate on the performing balance.' }),
    collections: Collections.optional(),
    spreadCompressionBp: z.number().min(0).max(10000).default(0).meta({ description: 'Added to the coupon of every tranche that bears one (利差缩减), in basis points.' }),
    supportFailures: z.array(SupportFailure).default([]).meta({
      description: 'Supports whose provider fails: one entry per support and per provider (a support named again, by its id or its provider, is an error).',
    }),
    rates: z.record(IndexName, RateChange).optional().meta({ description: 'Changes to the deal’s interest-rate indices by name: { "LPR1Y": { "shiftBp": 50 } } or a replacement path.' }),
    overdue: z
      .object({
        mode: z.enum(['roll', 'cure']).default('roll').meta({ description: 'roll (default): an overdue asset pays nothing more and defaults when its days overdue reach the deal’s pool.defaultOverdueDays; cure: it pays its arrears and what falls due meanwhile in period curePeriod after the status, then as scheduled.' }),
        curePeriod: wholeNumber(1, MAX_PERIODS).default(1).meta({ description: 'With cure: the period after the status date (1 = the first) in which the arrears are collected.' }),
      })
      .strict()
      .optional()
      .meta({ description: 'What the overdue assets (逾期) of a status do in a run from it; default: they roll into default.' }),
    externalSupport: z.boolean().default(true).meta({ description: 'false: guarantees, undertakings and liquidity support pay nothing (the structure alone).' }),
  })
  .strict();

/** A scenario as parsed, every default filled in (exported as `Scenario` from the package). */
export type ScenarioSpec = z.output<typeof Scenario>;
/** What a scenario file may contain, as written. */
export type ScenarioInput = z.input<typeof Scenario>;

/** The base case: everything paid as the contracts say. */
export const BASE_SCENARIO: ScenarioSpec = BASE;
