/**
 * The run report's cash-flow tables: each tranche's payments, the pool's collections, fees,
 * accounts, support draws, senior coverage and the ledger. Amounts are the run's whole fen,
 * shown in yuan.
 */
import type { RunResult, TrancheResult } from '../engine/types.js';
import type { LedgerEntry } from '../engine/ledger.js';
import { ZERO } from '../util/money.js';
import { sub, sumMoney, type Money } from '../util/fen.js';
import { fenCell } from './fenCell.js';
import type { Cell, Column, Lang, TableSection } from './model.js';
import { CLASS_LABEL } from './model.js';
import { couponCell, couponColumn } from './floatingReport.js';
import { trancheName } from './trancheName.js';
import { STATE_LABEL } from './runEvents.js';

/** An amount of the run (whole fen) as the report's cell, in yuan. */
const y = fenCell;

/** The reason of a support's brought-forward line in a run from a status. */
const BROUGHT_FORWARD = { zh: '存续状态日前累计已支付（承前）', en: 'paid before the status date (brought forward)' } as const;

/** The first columns of a table by payment date: the period and its payment date. */
const PERIOD_COLUMNS: Column[] = [
  { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
  { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
];

/** A row of the run with its amounts (the keys given) in yuan. */
function yuanRow(row: object, money: readonly string[]): Record<string, Cell> {
  const out: Record<string, Cell> = { ...(row as Record<string, Cell>) };
  for (const key of money) out[key] = y(out[key] as Money | undefined);
  return out;
}

/** The phase of a ledger entry: `guarantee`, `waterfall[3] payInterest` (the step's 0-based index in the state's waterfall, as the deal file's JSON path). */
function phaseText(e: LedgerEntry): string {
  return e.step === undefined ? e.phase : `${e.phase}[${e.step}] ${e.stepType}`;
}

/** Every transfer of the run: who paid whom, how much, why, and at which step. */
export function ledgerSection(r: RunResult): TableSection {
  return {
    type: 'table',
    id: 'ledger',
    title: { zh: '资金流水', en: 'Ledger' },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'date', header: { zh: '日期', en: 'Date' }, kind: 'date' },
      { key: 'from', header: { zh: '付款方', en: 'From' }, kind: 'text' },
      { key: 'to', header: { zh: '收款方', en: 'To' }, kind: 'text' },
      { key: 'amount', header: { zh: '金额', en: 'Amount' }, kind: 'money' },
      { key: 'reason', header: { zh: '事由', en: 'Reason' }, kind: 'text' },
      { key: 'phase', header: { zh: '环节', en: 'Phase' }, kind: 'text' },
    ],
    rows: r.ledger.map((e) => ({ period: e.period, date: e.date, from: e.from, to: e.to, amount: y(e.amount), reason: e.reason, phase: phaseText(e) })),
  };
}

/** A tranche's payments period by period, with the totals. */
export function trancheSection(t: TrancheResult, lang: Lang): TableSection {
  const hasResidual = t.summary.residualPaid > 0;
  return {
    type: 'table',
    id: `tranche-${t.id}`,
    title: { zh: `${trancheName(t, 'zh')}（${CLASS_LABEL[t.class]?.zh ?? t.class}）现金流`, en: `${trancheName(t, 'en')} (${CLASS_LABEL[t.class]?.en ?? t.class}) cash flows` },
    columns: [
      ...PERIOD_COLUMNS,
      { key: 'beginBalance', header: { zh: '期初本金', en: 'Opening balance' }, kind: 'money' },
      { key: 'interestDue', header: { zh: '应付利息', en: 'Interest due' }, kind: 'money' },
      { key: 'interestPaid', header: { zh: '实付利息', en: 'Interest paid' }, kind: 'money' },
      { key: 'principalPaid', header: { zh: '本金', en: 'Principal paid' }, kind: 'money' },
      ...(hasResidual ? [{ key: 'residualPaid', header: { zh: '超额收益', en: 'Residual' }, kind: 'money' as const }] : []),
      { key: 'endBalance', header: { zh: '期末本金', en: 'Closing balance' }, kind: 'money' },
      { key: 'interestShortfall', header: { zh: '未付利息', en: 'Interest shortfall' }, kind: 'money' },
      ...couponColumn(t),
    ],
    rows: t.periods.map((p, k) => yuanRow({ ...p, ...couponCell(t, k) }, ['beginBalance', 'interestDue', 'interestPaid', 'principalDue', 'principalPaid', 'residualPaid', 'endBalance', 'interestShortfall'])),
    total: {
      period: null,
      date: lang === 'zh' ? '合计' : 'Total',
      interestDue: undefined,
      interestPaid: y(t.summary.interestPaid),
      principalPaid: y(t.summary.principalPaid),
      residualPaid: y(t.summary.residualPaid),
    },
  };
}

/** The pool row's amounts (whole fen), shown in yuan. */
const POOL_MONEY = ['beginBalance', 'scheduledPrincipal', 'scheduledInterest', 'principal', 'interest', 'missed', 'defaulted', 'recoveries', 'compensation', 'prepaid', 'guaranteePayments', 'callProceeds', 'endBalance', 'cumulativeDefaulted'];

/** The pool columns whose total row is their sum. */
const POOL_TOTALS = ['principal', 'interest', 'missed', 'defaulted', 'recoveries', 'compensation', 'prepaid', 'guaranteePayments', 'callProceeds'] as const;

/** The pool's collections period by period. */
export function poolSection(r: RunResult): TableSection {
  const rows = r.pool.periods;
  return {
    type: 'table',
    id: 'pool',
    title: { zh: '资产池回收', en: 'Pool collections' },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'collectionEnd', header: { zh: '收款期间止', en: 'Collection to' }, kind: 'date' },
      { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
      { key: 'beginBalance', header: { zh: '期初余额', en: 'Opening balance' }, kind: 'money' },
      { key: 'principal', header: { zh: '回收本金', en: 'Principal' }, kind: 'money' },
      { key: 'interest', header: { zh: '回收利息', en: 'Interest' }, kind: 'money' },
      { key: 'missed', header: { zh: '未按期回收', en: 'Missed' }, kind: 'money' },
      { key: 'defaulted', header: { zh: '新增违约', en: 'Defaulted' }, kind: 'money' },
      { key: 'recoveries', header: { zh: '违约回收', en: 'Recoveries' }, kind: 'money' },
      ...(rows.some((p) => p.compensation > 0) ? [{ key: 'compensation', header: { zh: '风险分担补偿', en: 'Loss sharing' }, kind: 'money' as const }] : []),
      ...(rows.some((p) => p.prepaid > 0) ? [{ key: 'prepaid', header: { zh: '其中：提前还款', en: 'of which prepaid' }, kind: 'money' as const }] : []),
      { key: 'guaranteePayments', header: { zh: '担保代偿', en: 'Guarantee' }, kind: 'money' },
      { key: 'callProceeds', header: { zh: '清仓回购', en: 'Clean-up call' }, kind: 'money' },
      { key: 'endBalance', header: { zh: '期末余额', en: 'Closing balance' }, kind: 'money' },
    ],
    rows: rows.map((p) => yuanRow(p, POOL_MONEY)),
    total: Object.fromEntries(POOL_TOTALS.map((key) => [key, y(sumMoney(rows.map((p) => p[key])))])),
  };
}

/** Each fee paid period by period, and the arrears of all fees. */
export function feeSection(r: RunResult): TableSection {
  const periods = r.pool.periods;
  return {
    type: 'table',
    id: 'fees',
    title: { zh: '税费支付', en: 'Taxes and fees paid' },
    columns: [
      ...PERIOD_COLUMNS,
      ...r.fees.map((f) => ({ key: `fee:${f.id}`, header: { zh: f.name, en: f.id }, kind: 'money' as const })),
      { key: 'arrears', header: { zh: '累计欠付', en: 'Arrears' }, kind: 'money' },
    ],
    rows: periods.map((p, k) => {
      const row: Record<string, Cell> = { period: p.period, date: p.date };
      for (const f of r.fees) row[`fee:${f.id}`] = y(f.periods[k]?.paid);
      row['arrears'] = y(sumMoney(r.fees.map((f) => f.periods[k]?.arrears ?? (0 as Money))));
      return row;
    }),
    total: Object.fromEntries(r.fees.map((f) => [`fee:${f.id}`, y(f.totalPaid)])),
  };
}

/** An account's balance and flows period by period. */
export function accountSection(r: RunResult, id: string): TableSection {
  const a = r.accounts.find((x) => x.id === id)!;
  return {
    type: 'table',
    id: `account-${a.id}`,
    title: { zh: `账户：${a.name}`, en: `Account: ${a.name}` },
    columns: [
      ...PERIOD_COLUMNS,
      { key: 'begin', header: { zh: '期初', en: 'Opening' }, kind: 'money' },
      { key: 'in', header: { zh: '流入', en: 'In' }, kind: 'money' },
      { key: 'out', header: { zh: '流出', en: 'Out' }, kind: 'money' },
      { key: 'end', header: { zh: '期末', en: 'Closing' }, kind: 'money' },
    ],
    rows: a.periods.map((p) => yuanRow(p, ['begin', 'in', 'out', 'end'])),
  };
}

/**
 * Every draw on a credit support (a line for one never drawn). From a status, what a support had
 * paid before it (the status's drawn to date) is a brought-forward line dated the last payment
 * date past, so the rows add up to the total, which counts every draw of the deal's life.
 */
export function supportSection(r: RunResult, lang: Lang): TableSection {
  const rows: Record<string, Cell>[] = [];
  for (const s of r.supports) {
    const before = sub(s.totalDrawn, sumMoney(s.draws.map((d) => d.amount)));
    if (r.status && before > 0) rows.push({ support: s.name ?? s.id, provider: s.provider, date: r.status.lastPaymentDate, requested: undefined, amount: y(before), reason: BROUGHT_FORWARD[lang] });
    else if (s.draws.length === 0) rows.push({ support: s.name ?? s.id, provider: s.provider, date: undefined, requested: ZERO, amount: ZERO, reason: '—' });
    for (const d of s.draws) rows.push({ support: s.name ?? s.id, provider: s.provider, date: d.date, requested: y(d.requested), amount: y(d.amount), reason: d.reason });
  }
  return {
    type: 'table',
    id: 'supports',
    title: { zh: '增信措施支付', en: 'Credit support draws' },
    columns: [
      { key: 'support', header: { zh: '增信措施', en: 'Support' }, kind: 'text' },
      { key: 'provider', header: { zh: '提供方', en: 'Provider' }, kind: 'text' },
      { key: 'date', header: { zh: '日期', en: 'Date' }, kind: 'date' },
      { key: 'requested', header: { zh: '应付', en: 'Asked' }, kind: 'money' },
      { key: 'amount', header: { zh: '实付', en: 'Paid' }, kind: 'money' },
      { key: 'reason', header: { zh: '事由', en: 'Reason' }, kind: 'text' },
    ],
    rows,
    total: { requested: y(sumMoney(r.supports.flatMap((s) => s.draws.map((d) => d.requested)))), amount: y(sumMoney(r.supports.map((s) => s.totalDrawn))) },
  };
}

/** Senior coverage period by period, with the waterfall's state. */
export function coverageSection(r: RunResult, lang: Lang): TableSection {
  return {
    type: 'table',
    id: 'coverage',
    title: { zh: '优先级覆盖倍数', en: 'Senior coverage' },
    columns: [
      ...PERIOD_COLUMNS,
      { key: 'state', header: { zh: '状态', en: 'State' }, kind: 'text' },
      { key: 'fundsForSenior', header: { zh: '可供优先级分配资金', en: 'Funds for the senior' }, kind: 'money' },
      { key: 'seniorDue', header: { zh: '优先级应付本息', en: 'Senior due' }, kind: 'money' },
      { key: 'multiple', header: { zh: '覆盖倍数', en: 'Coverage' }, kind: 'number' },
      { key: 'excessSpread', header: { zh: '超额利差', en: 'Excess spread' }, kind: 'money' },
    ],
    rows: r.coverage.periods.map((c, k) => ({ ...yuanRow(c, ['fundsForSenior', 'seniorDue', 'excessSpread']), state: STATE_LABEL[r.states[k]!.state]![lang] })),
  };
}
