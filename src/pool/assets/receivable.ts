/**
 * 应收账款 / 保理债权: a receivable paid at face on its due date (supply-chain factoring). With a
 * balance basis (../basis.ts) the balance is the basis (e.g. the price the factor paid) and the
 * face splits into principal and income (the discount).
 */
import { z } from 'zod';
import { compareDates } from '../../dates/date.js';
import { Amount, IsoDate, Rate, NameText } from '../../fields/primitives.js';
import { ZERO } from '../../util/money.js';
import { assetCommon } from './common.js';
import { Basis, basisProblems, basisTerms, withBasis } from '../basis.js';
import type { IsoDate as IsoDateText } from '../../dates/date.js';
import { defineAsset } from './model.js';

export const Receivable = z
  .strictObject({
    type: z.literal('receivable'),
    ...assetCommon,
    creditor: NameText.optional().meta({ description: 'The supplier whose receivable was factored.' }),
    face: Amount.meta({ description: 'Face amount due from the debtor.' }),
    dueDate: IsoDate,
    factoringDiscount: Rate.optional().meta({ description: 'Annual factoring discount rate.' }),
    purchasePrice: Amount.optional().meta({ description: 'Price the factor paid for the claim.' }),
    basis: Basis.optional(),
  });

/** The face, due after the cutoff, before any split. */
function duePayments(a: z.output<typeof Receivable>, cutoff: IsoDateText) {
  return compareDates(a.dueDate, cutoff) > 0 ? [{ date: a.dueDate, amount: a.face }] : [];
}

export const receivable = defineAsset({
  type: 'receivable',
  schema: Receivable,
  tape: {
    aliases: { 债权人: 'creditor', 供应商: 'creditor', 应收账款金额: 'face', 票面金额: 'face', 应收账款到期日: 'dueDate', 保理折扣率: 'factoringDiscount', 转让价款: 'purchasePrice' },
    units: { amount: ['face', 'purchasePrice'], rate: ['factoringDiscount'], date: ['dueDate'] },
  },
  labels: {
    name: { zh: '知识产权供应链应收账款', en: 'IP supply-chain receivable' },
    obligors: { zh: '债务人', en: 'debtors' },
    obligor: { zh: '债务人', en: 'debtor' },
    balance: { zh: '应收账款余额', en: 'Receivable balance' },
    ipType: { zh: '知识产权类型', en: 'IP type' },
  },
  check(a, { cutoff, report }) {
    if (compareDates(a.dueDate, cutoff) <= 0) report('dueDate', `the receivable fell due on ${a.dueDate}, before the cutoff ${cutoff}`);
    if (a.purchasePrice !== undefined && a.purchasePrice.gt(a.face)) report('purchasePrice', 'the purchase price exceeds the face amount', 'warning');
    if (a.basis && compareDates(a.dueDate, cutoff) > 0) for (const m of basisProblems(a.basis, duePayments(a, cutoff))) report('basis', m);
  },
  annualRate: (a, cutoff) => (a.basis && compareDates(a.dueDate, cutoff) > 0 ? basisTerms(a.basis, duePayments(a, cutoff), cutoff).yield : undefined),
  contractual(asset, cutoff) {
    if (compareDates(asset.dueDate, cutoff) <= 0) return { balance: ZERO, flows: [] };
    const flows = [{ date: asset.dueDate, principal: asset.face, interest: ZERO }];
    return asset.basis ? withBasis(asset.basis, flows, cutoff) : { balance: asset.face, flows };
  },
});
