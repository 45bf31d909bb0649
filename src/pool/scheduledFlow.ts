/** Any dated list of principal and interest, for what the four IP types do not cover. */
import { sum, ZERO } from '../util/money.js';
import { afterCutoff } from './common.js';
import type { AssetModel } from './types.js';

export const scheduledFlow: AssetModel<'scheduledFlow'> = {
  type: 'scheduledFlow',
  label: { zh: '其他现金流', en: 'Scheduled cash flow' },
  contractual(asset, cutoff) {
    const flows = afterCutoff(
      asset.flows.map((f) => ({ date: f.date, principal: f.principal, interest: f.interest ?? ZERO })),
      cutoff,
    );
    return { balance: sum(flows.map((f) => f.principal)), flows };
  },
};
