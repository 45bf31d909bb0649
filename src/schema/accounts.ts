/** Accounts: the collection account and reserves (风险金, 流动性储备). */
import { z } from 'zod';
import { Amount, Assumed, Id, IsoDate, Multiple, Rate, Name, NoteText } from './primitives.js';

export const ReserveTarget = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('fixed'), amount: Amount }),
  z
    .strictObject({
      type: z.literal('nextInterest'),
      tranches: z.array(Id).min(1),
      fees: z.array(Id).optional(),
      multiple: Multiple.prefault(1),
    })
    .meta({ description: 'The interest (and fees) due on the next payment date, times a multiple.' }),
  z.strictObject({ type: z.literal('shareOfPool'), rate: Rate }).meta({ description: 'A share of the current pool balance.' }),
]);

export const ReleaseRule = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('atEnd') }).meta({ description: 'Held to the last payment date, then released into available funds.' }),
  z.strictObject({ type: z.literal('excessOverTarget') }).meta({ description: 'Each period what exceeds the target.' }),
  z.strictObject({ type: z.literal('onDate'), date: IsoDate }),
  z.strictObject({ type: z.literal('never') }),
]);

export const Account = z
  .strictObject({
    id: Id,
    name: Name,
    kind: z.enum(['collection', 'reserve']),
    initialBalance: Amount.prefault(0).meta({ description: 'Funded at closing.' }),
    fundedBy: NoteText.optional(),
    target: ReserveTarget.optional(),
    release: ReleaseRule.default({ type: 'atEnd' }),
    assumed: Assumed,
  });
