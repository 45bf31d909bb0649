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
    .strictObject({
      kind: z.literal('rateOnBalance'),
      ...feeCommon,
      rate: Rate.meta({ description: 'Annual rate on the base balance at the start of the period.' }),
      base: z.enum(['pool', 'tranches', 'issue', 'issueOutstanding']).default('tranches').meta({
        description:
          'pool: the pool balance; tranches: the outstanding balance of the tranches named (default all; name the senior for 优先级未偿本金); issue: their balance at issue (发行规模), all life; issueOutstanding: the balance at issue of those named still outstanding at the start of the period (a tranche leaves the base when it retires).',
      }),
      tranches: z.array(Id).optional().meta({ description: 'For base "tranches": whose balances (default: all).' }),
      dayCount: DayCount.default('ACT/365F'),
    }),
  z
    .strictObject({
      kind: z.literal('fixed'),
      ...feeCommon,
      amount: Amount,
      per: z.enum(['period', 'year']).meta({ description: 'period: each payment date; year: an annual fee, paid per period as `accrual` says.' }),
      accrual: z.enum(['equal', 'dayCount']).default('equal').meta({
        description:
          'For per "year": equal: a regular period of m months pays amount × m / 12 (a quarterly deal a quarter of it, leap year or not), the first period pro rata by days when it is a stub (see firstPeriod); dayCount: amount × the period’s year fraction by dayCount.',
      }),
      dayCount: DayCount.default('ACT/365F').meta({ description: 'For accrual "dayCount".' }),
      firstPeriod: z.enum(['proRata', 'full']).default('proRata').meta({
        description:
          'For accrual "equal": proRata: the first period (closing to the first payment date) pays the regular share × its days / the days of the regular period ending on the first payment date; full: the regular share.',
      }),
    }),
  z
    .strictObject({
      kind: z.literal('percentOfPayment'),
      ...feeCommon,
      rate: Rate,
      of: z.enum(['interest', 'principal', 'both']).default('both'),
      tranches: z.array(Id).optional().meta({ description: 'Whose payments (default: all).' }),
    })
    .meta({ description: '兑付兑息费: a share of what is paid to investors.' }),
  z
    .strictObject({
      kind: z.literal('vat'),
      ...feeCommon,
      rate: Rate.meta({ description: 'e.g. 0.0326: 3% VAT with surcharges.' }),
      base: z.enum(['poolInterest', 'poolCollections']).default('poolInterest').meta({
        description: 'poolInterest: interest collected, with the interest in guarantee payments; poolCollections: everything collected, recoveries and guarantee payments included.',
      }),
    })
    .meta({ description: 'VAT on the plan’s interest income.' }),
]);
