/** Tranches (资产支持证券): senior, mezzanine, subordinate. */
import { z } from 'zod';
import { Amount, Assumed, Id, IsoDate, Rate, Name, NameText, NoteText } from './primitives.js';
import { DayCount } from './dates.js';
import { FloatingRate } from '../fields/floating.js';

export const TrancheClass = z.enum(['senior', 'mezzanine', 'subordinate']);

export const PrincipalRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('passThrough') }).meta({ description: '过手: principal paid as it is collected.' }),
  z
    .strictObject({ type: z.literal('schedule'), payments: z.array(z.strictObject({ date: IsoDate, amount: Amount })).min(1) })
    .meta({ description: '固定摊还: principal due on the nominal payment dates listed.' }),
  z.strictObject({ type: z.literal('bullet') }).meta({ description: 'All principal due at the expected maturity.' }),
]);

export const Tranche = z
  .strictObject({
    id: Id,
    name: Name.meta({ description: 'The security name, e.g. 福高1A1.' }),
    code: z
      .string()
      .regex(/^[0-9A-Za-z][0-9A-Za-z.]{0,19}$/, 'a security code is letters, digits and dots, such as "168001" or "168001.SZ"')
      .optional()
      .meta({ description: '证券代码: the exchange security code, e.g. "168001" (only when published).' }),
    shortName: NameText.optional().meta({ description: '证券简称: the exchange short name, e.g. 福高1A1 (only when published).' }),
    class: TrancheClass,
    balance: Amount.meta({ description: 'Issued principal in yuan.' }),
    coupon: z
      .union([Rate, FloatingRate])
      .optional()
      .meta({ description: 'Annual coupon: fixed (0.04), or floating ({ "index": "LPR1Y", "spread": "150bp", … }); none for a residual (subordinate) tranche.' }),
    dayCount: DayCount.default('ACT/365F'),
    interestOnShortfall: z.boolean().default(false).meta({ description: 'Unpaid interest itself bears interest at the coupon.' }),
    principal: PrincipalRule.default({ type: 'passThrough' }),
    expectedMaturity: IsoDate.meta({ description: '预期到期日 (YYYY-MM-DD).' }),
    legalMaturity: IsoDate.optional().meta({ description: '法定到期日 (YYYY-MM-DD).' }),
    rating: NameText.optional(),
    issuePrice: Rate.optional().meta({ description: 'Issue price as a fraction of par (1 = 100).' }),
    note: NoteText.optional(),
    assumed: Assumed,
  });
