/**
 * 二次许可应收许可费: royalties a licensee owes under a patent second-license contract. The
 * receivable is the royalties still due after the cutoff; each royalty reduces it in full.
 */
import { sum, toFen, ZERO } from '../util/money.js';
import { afterCutoff, equalSplit, regularDates } from './common.js';
import type { AssetModel, AssetOf, Flow } from './types.js';
import type { Decimal } from '../util/money.js';
import { assertNever } from '../util/never.js';

/** Every royalty of the contract, before and after the cutoff. */
export function royaltySchedule(asset: AssetOf<'royalty'>): Flow[] {
  const r = asset.royalties;
  switch (r.type) {
    case 'schedule':
      return r.payments.map((p) => ({ date: p.date, principal: p.amount, interest: ZERO }));
    case 'level': {
      const dates = regularDates(r.first, r.everyMonths, r.count);
      const amounts = r.amount !== undefined ? dates.map(() => r.amount!) : equalSplit(r.total ?? ZERO, r.count);
      return dates.map((date, i) => ({ date, principal: amounts[i]!, interest: ZERO }));
    }
    default:
      return assertNever(r, 'royalty schedule type');
  }
}

/** The risk reserve (风险金) the contract contributes: first-license fee × reserve rate, to the fen. */
export function riskReserveOf(asset: AssetOf<'royalty'>): Decimal | undefined {
  if (asset.firstLicenseFee === undefined || asset.riskReserveRate === undefined) return undefined;
  return toFen(asset.firstLicenseFee.times(asset.riskReserveRate));
}

export const royalty: AssetModel<'royalty'> = {
  type: 'royalty',
  label: { zh: '知识产权二次许可应收许可费', en: 'Patent second-license royalty' },
  contractual(asset, cutoff) {
    const flows = afterCutoff(royaltySchedule(asset), cutoff);
    return { balance: sum(flows.map((f) => f.principal)), flows };
  },
};
