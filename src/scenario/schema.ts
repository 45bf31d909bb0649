/**
 * The performance scenario: what goes wrong, as data. Applied to the pool before the waterfall.
 */
import { z } from 'zod';
import { Amount, Id, IsoDate, NonNegInt, PositiveInt, Rate } from '../schema/primitives.js';

export const ObligorDefault = z
  .object({
    obligor: z.string().min(1).optional().meta({ description: 'Every asset of this obligor (name or obligorId).' }),
    asset: Id.optional().meta({ description: 'One asset by id.' }),
    period: PositiveInt.meta({ description: 'The deal period (1 = first payment date) whose collection window the first missed payment falls in.' }),
    mode: z.enum(['default', 'stopPaying']).default('default').meta({
      description: 'default: the outstanding balance defaults, recovered at recoveryRate after recoveryLagPeriods; stopPaying: every payment from then on is missed, nothing is recovered.',
    }),
    recoveryRate: Rate.prefault(0),
    recoveryLagPeriods: NonNegInt.default(0),
  })
  .strict();

export const SupportFailure = z
  .object({
    support: Id.optional().meta({ description: 'One support by id.' }),
    provider: z.string().min(1).optional().meta({ description: 'Every support of this provider.' }),
    from: IsoDate.meta({ description: 'From this date on the provider pays nothing (or only up to `cap`).' }),
    cap: Amount.optional().meta({ description: 'What the provider still pays in all after `from`.' }),
  })
  .strict();

export const Scenario = z
  .object({
    $schema: z.string().optional(),
    name: z.string().optional(),
    defaults: z.array(ObligorDefault).default([]),
    supportFailures: z.array(SupportFailure).default([]),
  })
  .strict();

export type ScenarioSpec = z.output<typeof Scenario>;
export type ScenarioInput = z.input<typeof Scenario>;

/** The base case: everything paid as the contracts say. */
export const BASE_SCENARIO: ScenarioSpec = { defaults: [], supportFailures: [] };
