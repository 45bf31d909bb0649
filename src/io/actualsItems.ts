/**
 * The lines of an actuals file (`ipabs track --actuals`): what a 收益分配报告 / 资产服务机构报告 says
 * happened on a payment date. Each line is an item (项目) of the pool or of one of the deal's
 * objects (对象: a fee, tranche, account or support, named by id, name, code or short name), and
 * whether it is cash in, cash out, an account's closing balance or a memo figure.
 */
import type { Label } from '../util/label.js';

/** What an item belongs to: the pool (no object) or an object of the deal. */
export type ObjectKind = 'pool' | 'fee' | 'tranche' | 'account' | 'support';

/** How an item enters the period's balance: cash in, cash out, a closing balance, or not at all. */
export type ItemFlow = 'in' | 'out' | 'closing' | 'memo';

export interface ActualItemSpec {
  key: string;
  of: ObjectKind;
  flow: ItemFlow;
  label: Label;
  /** The words a file may name it by (项目 column); the first is the one reports print. */
  words: readonly string[];
  /** A pool item that may name one asset (对象 or 资产编号: the asset's id): 违约金额 and 回收金额. */
  perAsset?: boolean;
}

const item = (key: string, of: ObjectKind, flow: ItemFlow, zh: string, en: string, aliases: string[]): ActualItemSpec => ({ key, of, flow, label: { zh, en }, words: [zh, ...aliases, key] });

/** Every item an actuals file may give, in the order reports print them. */
export const ACTUAL_ITEMS: readonly ActualItemSpec[] = [
  item('principalCollected', 'pool', 'in', '本金回收', 'principal collected', ['回收本金', '许可费回收', '许可使用费回收', '租金回收', '应收账款回收']),
  item('interestCollected', 'pool', 'in', '利息回收', 'interest collected', ['回收利息']),
  item('prepaid', 'pool', 'memo', '提前还款', 'prepaid', ['提前还款金额']),
  { ...item('defaulted', 'pool', 'memo', '违约金额', 'defaulted', ['新增违约金额']), perAsset: true },
  { ...item('recoveries', 'pool', 'in', '回收金额', 'recoveries', ['违约回收金额']), perAsset: true },
  item('compensation', 'pool', 'in', '损失补偿', 'compensation', ['补偿金额']),
  item('guarantee', 'pool', 'in', '担保代偿', 'guarantee payments', ['保证担保', 'guaranteePayments']),
  item('callProceeds', 'pool', 'in', '清仓回购', 'clean-up call', []),
  item('otherIncome', 'pool', 'in', '其他收入', 'other income', ['存款利息', '利息收入']),
  item('feePaid', 'fee', 'out', '税费', 'fee paid', ['费用', 'fee']),
  item('feeDue', 'fee', 'memo', '应付税费', 'fee due', ['应付费用']),
  item('interestDue', 'tranche', 'memo', '应付利息', 'interest due', []),
  item('principalDue', 'tranche', 'memo', '应付本金', 'principal due', []),
  item('interestPaid', 'tranche', 'out', '利息', 'interest paid', ['兑付利息', '实付利息', 'interest']),
  item('principalPaid', 'tranche', 'out', '本金', 'principal paid', ['兑付本金', '实付本金', 'principal']),
  item('residualPaid', 'tranche', 'out', '超额收益', 'residual paid', ['剩余收益', 'residual']),
  item('draw', 'account', 'memo', '提取', 'drawn', ['动用', '转出']),
  item('topUp', 'account', 'memo', '补足', 'topped up', ['转入']),
  item('closing', 'account', 'closing', '期末余额', 'closing balance', ['余额', 'closingBalance']),
  item('supportDrawn', 'support', 'in', '支付', 'support paid', ['划付', '支持金额', 'drawn']),
  item('supportRepaid', 'support', 'out', '偿还', 'support repaid', ['返还', 'repaid']),
  item('supportUnpaid', 'support', 'memo', '未付', 'support unpaid', ['应付未付', 'unpaid']),
];

const BY_WORD = new Map(ACTUAL_ITEMS.flatMap((i) => i.words.map((w) => [w.toLowerCase(), i] as const)));

/** The item a word names (case does not matter), or undefined. */
export function actualItem(word: string): ActualItemSpec | undefined {
  return BY_WORD.get(word.trim().toLowerCase());
}

/** The item of a key. */
export function itemOfKey(key: string): ActualItemSpec {
  return ACTUAL_ITEMS.find((i) => i.key === key)!;
}

/** What the pool's principal collections are called, by its asset type: royalties, rents, receivables, a loan's principal. */
const COLLECTED_BY_TYPE: Readonly<Record<string, Label>> = {
  royalty: { zh: '许可费回收', en: 'royalties collected' },
  lease: { zh: '租金回收', en: 'rents collected' },
  receivable: { zh: '应收账款回收', en: 'receivables collected' },
  pledgeLoan: { zh: '本金回收', en: 'principal collected' },
};

/**
 * The label reports print for an item of a deal whose assets are of `assetTypes`: the one place
 * that decides it. The pool's principal collections follow the pool (许可费回收 for royalties,
 * 租金回收 for leases, 应收账款回收 for receivables, 本金回收 for loans and for a mixed pool);
 * every other item has its own label.
 */
export function itemLabel(key: string, assetTypes: readonly string[]): Label {
  const types = new Set(assetTypes);
  const only = types.size === 1 ? COLLECTED_BY_TYPE[[...types][0]!] : undefined;
  return key === 'principalCollected' && only ? only : itemOfKey(key).label;
}

/** The columns of an actuals file → fields. */
export const ACTUALS_HEADERS: Readonly<Record<string, 'date' | 'period' | 'item' | 'object' | 'amount' | 'note' | 'asset' | 'defaultDate'>> = {
  兑付日: 'date', 支付日: 'date', 日期: 'date', date: 'date', paymentdate: 'date',
  期数: 'period', 期次: 'period', period: 'period',
  项目: 'item', item: 'item',
  对象: 'object', object: 'object',
  金额: 'amount', 金额元: 'amount', 'amount': 'amount',
  备注: 'note', 说明: 'note', note: 'note',
  资产编号: 'asset', asset: 'asset', assetid: 'asset',
  违约日: 'defaultDate', 违约日期: 'defaultDate', defaultdate: 'defaultDate',
};
