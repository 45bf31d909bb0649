/** Taxes and fees, each paid where a waterfall step names it. */
import { z } from 'zod';
import { Amount, Assumed, Id, Rate, Name, NameText } from './primitives.js';
import { DayCount } from './dates.js';

const feeCommon = {
  id: Id,
  name: Name.meta({ description: 'e.g. 管理费, 托管费, 跟踪评级费, 审计费, 兑付兑息费, 增值税.' }),
  payee: NameText.optional(),
  arrears: z.boolean().default(true).meta({ description: 'Unpaid amounts are carried to the next period.' }),
  assumed: Assumed,
};

export const Fee = z.discriminatedUnion('kind', [
  z
    .object({
      kind: z.literal('rateOnBalance'),
      ...feeCommon,
      rate: Rate.meta({ description: 'Annual rate on the base balance at the start of the period.' }),
      base: z.enum(['pool', 'tranches', 'issue']).default('tranches').meta({
        description: 'pool: the pool balance; tranches: the outstanding balance of the tranches named (default all); issue: their balance at issue.',
      }),
      tranches: z.array(Id).optional().meta({ description: 'For base "tranches": whose balances (default: all).' }),
      dayCount: DayCount.default('ACT/365F'),
    })
    .strict(),
  z
    .object({
      kind: z.literal('fixed'),
      ...feeCommon,
      amount: Amount,
      per: z.enum(['period', 'year']).meta({ description: 'period: each payment date; year: per year, accrued by ACT/365F.' }),
    })
    .strict(),
  z
    .object({
      kind: z.literal('percentOfPayment'),
      ...feeCommon,
      rate: Rate,
      of: z.enum(['interest', 'principal', 'both']).default('both'),
      tranches: z.array(Id).optional().meta({ description: 'Whose payments (default: all).' }),
    })
    .strict()
    .meta({ description: '兑付兑息费: a share of what is paid to investors.' }),
  z
    .object({
      kind: z.literal('vat'),
      ...feeCommon,
      rate: Rate.meta({ description: 'e.g. 0.0326: 3% VAT with surcharges.' }),
      base: z.enum(['poolInterest', 'poolCollections']).default('poolInterest').meta({
        description: 'poolInterest: interest collected, with the interest in guarantee payments; poolCollections: everything collected, recoveries and guarantee payments included.',
      }),
    })
    .strict()
    .meta({ description: 'VAT on the plan’s interest income.' }),
]);
