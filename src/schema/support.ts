/** Credit support: loan guarantee, shortfall payment undertaking, liquidity support. */
import { z } from 'zod';
import { Amount, Assumed, Id, PeriodCount, Rate, wholeNumber, Name, NameText } from './primitives.js';

/** A waterfall item a support or reserve covers. */
export const Cover = z.discriminatedUnion('item', [
  z.strictObject({ item: z.literal('fees'), fees: z.array(Id).optional().meta({ description: 'Default: every fee.' }) }),
  z.strictObject({ item: z.literal('interest'), tranches: z.array(Id).min(1) }),
  z
    .strictObject({
      item: z.literal('principal'),
      tranches: z.array(Id).min(1),
      when: z.enum(['expectedMaturity', 'due']).default('expectedMaturity').meta({
        description:
          'expectedMaturity: the whole balance on and after the expected maturity (and on the deal’s last date); due: the principal due by the tranche’s rule (a schedule’s amounts, a bullet at maturity).',
      }),
    }),
]);

const supportCommon = {
  id: Id,
  name: NameText.optional(),
  provider: Name,
  cap: Amount.optional().meta({ description: 'Most the provider pays over the life of the deal.' }),
  assumed: Assumed,
};

export const Support = z.discriminatedUnion('kind', [
  z
    .strictObject({
      kind: z.literal('loanGuarantee'),
      ...supportCommon,
      assets: z.array(Id).optional().meta({ description: 'Guaranteed assets (default: all).' }),
      share: Rate.prefault(1).meta({ description: 'Share of the defaulted amount the guarantor pays.' }),
      delayPeriods: PeriodCount.default(0).meta({ description: 'Collection periods between the default and the payment (at most 1200).' }),
      pays: z.array(z.enum(['principal', 'interest'])).min(1).default(['principal', 'interest']),
    })
    .meta({ description: '保证担保: pays a defaulted asset’s principal and interest.' }),
  z
    .strictObject({
      kind: z.literal('shortfallUndertaking'),
      ...supportCommon,
      businessDaysBefore: wholeNumber(0, 250).default(0).meta({ description: 'The trigger date: this many business days before the payment date (at most 250, about a year).' }),
      covers: z.array(Cover).min(1),
      repaid: z.enum(['never', 'fromResidual']).default('never').meta({
        description: 'never; fromResidual: repaid from what is left before the subordinate’s residual.',
      }),
    })
    .meta({ description: '差额支付承诺: pays what available funds lack for the covered items.' }),
  z
    .strictObject({
      kind: z.literal('liquiditySupport'),
      ...supportCommon,
      covers: z.array(Cover).min(1),
      repayment: z.enum(['senior', 'junior']).default('junior').meta({
        description: 'senior: repaid first from the next available funds, before any waterfall step; junior: where a repaySupport step says.',
      }),
    })
    .meta({ description: '流动性支持: advances repaid later.' }),
]);
