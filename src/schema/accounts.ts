/** Accounts: the collection account and reserves (风险金, 流动性储备). */
import { z } from 'zod';
import { Amount, Assumed, Id, IsoDate, Multiple, Rate, Name, NoteText } from './primitives.js';

export const ReserveTarget = z.discriminatedUnion('type', [
  z.object({ type: z.literal('fixed'), amount: Amount }).strict(),
  z
    .object({
      type: z.literal('nextInterest'),
      tranches: z.array(Id).min(1),
      fees: z.array(Id).optional(),
      multiple: Multiple.prefault(1),
    })
    .strict()
    .meta({ description: 'The interest (and fees) due on the next payment date, times a multiple.' }),
  z.object({ type: z.literal('shareOfPool'), rate: Rate }).strict().meta({ description: 'A share of the current pool balance.' }),
]);

export const ReleaseRule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('atEnd') }).strict().meta({ description: 'Held to the last payment date, then released into available funds.' }),
  z.object({ type: z.literal('excessOverTarget') }).strict().meta({ description: 'Each period what exceeds the target.' }),
  z.object({ type: z.literal('onDate'), date: IsoDate }).strict(),
  z.object({ type: z.literal('never') }).strict(),
]);

export const Account = z
  .object({
    id: Id,
    name: Name,
    kind: z.enum(['collection', 'reserve']),
    initialBalance: Amount.prefault(0).meta({ description: 'Funded at closing.' }),
    fundedBy: NoteText.optional(),
    target: ReserveTarget.optional(),
    release: ReleaseRule.default({ type: 'atEnd' }),
    assumed: Assumed,
  })
  .strict();
