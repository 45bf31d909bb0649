/** Triggers (加速清偿事件, 违约事件 …): a condition and what it changes. */
import { z } from 'zod';
import { Assumed, Id, IsoDate, Multiple, Rate, Name } from './primitives.js';
import { ReserveTarget } from './accounts.js';

const AnyCondition = z
  .strictObject({
    type: z.literal('any'),
    get conditions() {
      return z.array(Condition).min(1);
    },
  });
const AllCondition = z
  .strictObject({
    type: z.literal('all'),
    get conditions() {
      return z.array(Condition).min(1);
    },
  });

export const Condition = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('cumulativeDefaultRatio'), above: Rate })
    .meta({ description: 'Cumulative defaulted balance over the initial pool balance exceeds `above`.' }),
  z
    .strictObject({ type: z.literal('missedPayment'), tranches: z.array(Id).min(1), item: z.enum(['interest', 'principal', 'any']).default('interest') })
    .meta({ description: 'A named tranche was not paid what was due on a payment date.' }),
  z
    .strictObject({ type: z.literal('coverageBelow'), level: Multiple })
    .meta({ description: 'The period coverage multiple (覆盖倍数) of the senior is below `level`, as it is known before the waterfall runs: the funds available to the seniors (no reserve draws yet, fees ahead as due) over their interest and principal due.' }),
  z
    .strictObject({ type: z.literal('unpaidAtExpectedMaturity'), tranches: z.array(Id).min(1) })
    .meta({
      description:
        '违约事件: a named tranche still owes principal after the payment date of its expected maturity (预期到期日). Tested on the next determination date, as missedPayment is: the waterfall switches from the period after the expected maturity.',
    }),
  z.strictObject({ type: z.literal('onOrAfter'), date: IsoDate }),
  z.strictObject({ type: z.literal('supportFailed'), support: Id }).meta({ description: 'A support provider failed to pay what it owed.' }),
  AnyCondition,
  AllCondition,
]);
export type Condition = z.output<typeof Condition>;

export const DealState = z.enum(['normal', 'accelerated', 'default']);

export const Effect = z.discriminatedUnion('type', [
  z
    .strictObject({ type: z.literal('switchWaterfall'), to: z.enum(['accelerated', 'default']) })
    .meta({ description: 'accelerated: 加速清偿; default: 违约事件.' }),
  z.strictObject({ type: z.literal('setReserveTarget'), account: Id, target: ReserveTarget }),
]);

export const Trigger = z
  .strictObject({
    id: Id,
    name: Name,
    condition: Condition,
    effect: Effect,
    curable: z.boolean().default(false).meta({ description: 'The effect ends when the condition no longer holds.' }),
    assumed: Assumed,
  });
