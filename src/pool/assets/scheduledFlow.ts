/** Any dated list of principal and interest, for what the four IP types do not cover. */
import { z } from 'zod';
import { compareDates } from '../../dates/date.js';
import { Amount, IsoDate } from '../../fields/primitives.js';
import { sum, ZERO } from '../../util/money.js';
import { afterCutoff } from '../common.js';
import { assetCommon } from './common.js';
import { defineAsset } from './model.js';

export const ScheduledFlow = z
  .strictObject({
    type: z.literal('scheduledFlow'),
    ...assetCommon,
    flows: z.array(z.strictObject({ date: IsoDate, principal: Amount, interest: Amount.optional() })).min(1),
  });

export const scheduledFlow = defineAsset({
  type: 'scheduledFlow',
  schema: ScheduledFlow,
  // Its flows are lists: a tape carries only the common fields.
  tape: { aliases: {}, units: {} },
  labels: {
    name: { zh: '其他现金流', en: 'Scheduled cash flow' },
    obligors: { zh: '债务人', en: 'obligors' },
    obligor: { zh: '债务人', en: 'obligor' },
    balance: { zh: '资产余额', en: 'Asset balance' },
    ipType: { zh: '知识产权类型', en: 'IP type' },
  },
  check(a, { report }) {
    for (let k = 1; k < a.flows.length; k++) {
      if (compareDates(a.flows[k - 1]!.date, a.flows[k]!.date) > 0) { report('flows', `flow dates must not go backwards: ${a.flows[k]!.date} after ${a.flows[k - 1]!.date}`); break; }
    }
  },
  annualRate: () => undefined,
  contractual(asset, cutoff) {
    const flows = afterCutoff(
      asset.flows.map((f) => ({ date: f.date, principal: f.principal, interest: f.interest ?? ZERO })),
      cutoff,
    );
    return { balance: sum(flows.map((f) => f.principal)), flows };
  },
});
