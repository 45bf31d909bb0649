/** 应收账款 / 保理债权: a receivable paid at face on its due date (supply-chain factoring). */
import { compareDates } from '../dates/date.js';
import { ZERO } from '../util/money.js';
import type { AssetModel } from './types.js';

export const receivable: AssetModel<'receivable'> = {
  type: 'receivable',
  label: { zh: '知识产权供应链应收账款', en: 'IP supply-chain receivable' },
  contractual(asset, cutoff) {
    if (compareDates(asset.dueDate, cutoff) <= 0) return { balance: ZERO, flows: [] };
    return { balance: asset.face, flows: [{ date: asset.dueDate, principal: asset.face, interest: ZERO }] };
  },
};
