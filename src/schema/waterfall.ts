/** Waterfalls: ordered steps per deal state, run by one interpreter. */
import { z } from 'zod';
import { Id } from './primitives.js';
import { Cover } from './support.js';

export const Step = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('payFees'), fees: z.array(Id).min(1) }).meta({ description: 'Taxes and fees, pro rata among those listed. Each fee once, in one payFees step of a waterfall.' }),
  z.strictObject({ type: z.literal('payInterest'), tranches: z.array(Id).min(1) }).meta({ description: 'Interest due (and arrears), pro rata. Each tranche once, in one payInterest step of a waterfall.' }),
  z
    .strictObject({
      type: z.literal('payPrincipal'),
      tranches: z.array(Id).min(1),
      mode: z.enum(['sequential', 'proRata']).default('sequential'),
    })
    .meta({
      description:
        'Principal by each tranche’s principal rule: sequential (a tranche is paid only once those listed before it are repaid) or pro rata. Principal steps come in order of seniority: a step pays nothing while a tranche of an earlier principal step still has a balance. Each tranche once, in one payPrincipal step of a waterfall (it may also take the payResidual step).',
    }),
  z.strictObject({ type: z.literal('fundReserve'), account: Id }).meta({ description: 'Top the reserve up to its target.' }),
  z
    .strictObject({
      type: z.literal('drawReserve'),
      account: Id,
      for: z.enum(['missedCollections', 'shortfall']).default('shortfall').meta({
        description: 'missedCollections: what obligors failed to pay this period (风险金); shortfall: what the rest of the waterfall lacks.',
      }),
      covers: z.array(Cover).min(1).optional().meta({ description: 'For "shortfall": only what these items lack (default: every later step).' }),
    }),
  z.strictObject({ type: z.literal('callSupport'), support: Id }).meta({ description: 'Draw an undertaking or liquidity support for what the covered items lack.' }),
  z.strictObject({ type: z.literal('repaySupport'), support: Id }),
  z
    .strictObject({
      type: z.literal('payResidual'),
      tranche: Id,
      whileOthersOutstanding: z.enum(['retain', 'pay']).default('retain').meta({
        description: 'retain: while another tranche still has a balance, what is left stays in the collection account for it; pay: it goes to this tranche every period.',
      }),
    })
    .meta({ description: 'Everything left to the subordinate (超额收益); on the last date, always.' }),
]);

export const Waterfalls = z
  .strictObject({
    normal: z.array(Step).min(1),
    accelerated: z.array(Step).min(1).optional(),
    default: z.array(Step).min(1).optional(),
  });
