/**
 * `ipabs pool DEAL --status STATUS`: the pool as of a status date, as a surveillance report
 * (资产服务机构报告) counts it. The outstanding balance (未偿本金余额) is that of the performing and
 * overdue assets (正常 and 逾期: still in the pool, an overdue one with its overdue principal);
 * defaulted assets (违约) are out of it, shown apart with what was recovered to date and what is
 * still expected (their pending recoveries, which arrive in the cash flows when the status says);
 * written-off, paid-off and prepaid assets hold nothing. The statistics and strata are of the
 * assets outstanding, terms from the status date; the tranches at their outstanding balances.
 * The remaining contractual cash flows are the pool's from the status date with no default or
 * prepayment: performing assets as scheduled (rebased to their status balance), overdue ones
 * paying their arrears in the first period after the status (what the contract says is due),
 * and the defaulted assets' pending recoveries.
 */
import type { LivePool } from '../analytics/poolStats.js';
import type { PreparedDeal } from '../engine/run.js';
import { remainingPerformance } from '../engine/statusPool.js';
import type { EngineStatus } from '../engine/statusTypes.js';
import type { RunResult } from '../engine/types.js';
import { BASE_SCENARIO } from '../scenario/base.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import { sumMoney, toYuan, type Money } from '../util/fen.js';
import { Decimal, sum, ZERO } from '../util/money.js';
import { column, type Cell, type Label, type Lang, type Section, type TableSection } from './model.js';
import { TOTAL } from './poolStrataSections.js';

type Summary = NonNullable<RunResult['status']>;

/** The contractual view from a status: no default, no prepayment, an overdue asset's arrears due at once. */
const CONTRACTUAL: ScenarioSpec = { ...BASE_SCENARIO, overdue: { mode: 'cure', curePeriod: 1 } };

/** What the pool report adds and changes from a status. */
export interface PoolStatusView {
  live: LivePool;
  /** The status sections (first in the report). */
  sections: Section[];
  /** The remaining cash flows by period (with --cashflows). */
  cashflows: TableSection;
  subtitle: Label;
  notes: Label[];
}

const STATES = ['performing', 'overdue', 'defaulted', 'writtenOff', 'prepaid', 'paidOff'] as const;
const STATE_LABEL: Record<(typeof STATES)[number], Label> = {
  performing: { zh: '正常', en: 'Performing' },
  overdue: { zh: '逾期', en: 'Overdue' },
  defaulted: { zh: '违约', en: 'Defaulted' },
  writtenOff: { zh: '核销', en: 'Written off' },
  prepaid: { zh: '提前还款', en: 'Prepaid' },
  paidOff: { zh: '已结清', en: 'Paid off' },
};
const OVERDUE_BANDS: { upTo: number; zh: string; en: string }[] = [
  { upTo: 30, zh: '逾期1-30天', en: 'Overdue 1–30 days' },
  { upTo: 60, zh: '逾期31-60天', en: 'Overdue 31–60 days' },
  { upTo: 90, zh: '逾期61-90天', en: 'Overdue 61–90 days' },
  { upTo: Infinity, zh: '逾期90天以上', en: 'Overdue over 90 days' },
];

const yuan = (m: Money) => toYuan(m);
const col = column;

/** Per asset: its row of the status table (a state, or an overdue band). */
function rowKeys(status: EngineStatus): string[] {
  const days = new Map((status.overdue ?? []).map((o) => [o.asset, o.days]));
  return status.assets.map((_, i) => {
    const state = status.assetStates?.[i] ?? (status.assets[i]! > 0 ? 'performing' : 'paidOff');
    if (state !== 'overdue') return state;
    const d = days.get(i) ?? 1;
    return `overdue:${OVERDUE_BANDS.findIndex((b) => d <= b.upTo)}`;
  });
}

/** The assets by status: count, outstanding balance (in it or not), defaulted, recovered and still expected. */
function statusTable(status: EngineStatus, lang: Lang): TableSection {
  const keys = rowKeys(status);
  const outstanding = sumMoney(status.assets);
  const order = STATES.flatMap((s) => (s === 'overdue' ? OVERDUE_BANDS.map((_, b) => `overdue:${b}`) : [s]));
  const yes = lang === 'zh' ? '是' : 'yes';
  const no = lang === 'zh' ? '否' : 'no';
  const rows: Record<string, Cell>[] = order
    .map((key) => {
      const idx = keys.map((k, i) => (k === key ? i : -1)).filter((i) => i >= 0);
      const defaults = status.defaults.filter((d) => idx.includes(d.asset));
      const balance = sumMoney(idx.map((i) => status.assets[i]!));
      const band = key.startsWith('overdue:') ? OVERDUE_BANDS[Number(key.slice(8))]! : undefined;
      const label = band ? band[lang] : STATE_LABEL[key as (typeof STATES)[number]][lang];
      return {
        status: label,
        inOutstanding: key === 'performing' || band ? yes : no,
        count: idx.length,
        balance: yuan(balance),
        share: outstanding === 0 ? ZERO : new Decimal(balance).div(outstanding),
        defaulted: yuan(sumMoney(defaults.map((d) => d.balance))),
        recovered: yuan(sumMoney(defaults.map((d) => d.recovered))),
        pending: yuan(sumMoney(defaults.flatMap((d) => d.pending.map((a) => a.amount)))),
      };
    })
    .filter((r) => r.count > 0);
  return {
    type: 'table',
    id: 'assetStatus',
    title: { zh: '资产状态分布', en: 'Assets by status' },
    columns: [
      col('status', '资产状态', 'Status', 'text'),
      col('inOutstanding', '计入未偿本金余额', 'In the outstanding balance', 'text'),
      col('count', '笔数', 'Assets', 'int'),
      col('balance', '未偿本金余额', 'Outstanding balance', 'money'),
      col('share', '占比', 'Share', 'percent'),
      col('defaulted', '违约金额', 'Defaulted', 'money'),
      col('recovered', '已回收金额', 'Recovered to date', 'money'),
      col('pending', '待回收金额', 'Still to recover', 'money'),
    ],
    rows,
    total: { status: TOTAL[lang], count: status.assets.length, balance: yuan(outstanding), share: sum(rows.map((r) => r.share as Decimal)), defaulted: sum(rows.map((r) => r.defaulted as Decimal)), recovered: sum(rows.map((r) => r.recovered as Decimal)), pending: sum(rows.map((r) => r.pending as Decimal)) },
  };
}

/** The remaining contractual flows by period, from the status date: principal, interest, pending recoveries. */
function remainingFlows(prepared: PreparedDeal, status: EngineStatus): TableSection {
  const perf = remainingPerformance(prepared.pool, CONTRACTUAL, status).performance;
  let balance = sumMoney(status.assets);
  const rows: Record<string, Cell>[] = [];
  for (let k = status.past; k < prepared.periods.length; k++) {
    const p = perf.periods[k]!;
    const period = prepared.periods[k]!;
    const recoveries = sumMoney(perf.arrivalsByPeriod[k]!.map((a) => a.amount));
    rows.push({ period: k + 1, collectionStart: period.collectionStart, collectionEnd: period.collectionEnd, paymentDate: period.date, beginBalance: yuan(balance), principal: yuan(p.principal), interest: yuan(p.interest), recoveries: yuan(recoveries), total: yuan((p.principal + p.interest + recoveries) as Money), endBalance: yuan(p.endBalance) });
    balance = p.endBalance;
  }
  const total = (key: string) => sum(rows.map((r) => r[key] as Decimal));
  return {
    type: 'table',
    id: 'cashflows',
    title: { zh: '剩余资产池合同现金流（自状态日起，按收款期间）', en: 'Remaining contractual pool cash flows from the status date, by collection period' },
    columns: [
      col('period', '期数', 'Period', 'int'),
      col('collectionStart', '收款期间起', 'Collection from', 'date'),
      col('collectionEnd', '收款期间止', 'Collection to', 'date'),
      col('paymentDate', '兑付日', 'Payment date', 'date'),
      col('beginBalance', '期初余额', 'Opening balance', 'money'),
      col('principal', '应收本金', 'Principal', 'money'),
      col('interest', '应收利息', 'Interest', 'money'),
      col('recoveries', '违约回收', 'Recoveries', 'money'),
      col('total', '合计', 'Total', 'money'),
      col('endBalance', '期末余额', 'Closing balance', 'money'),
    ],
    rows,
    total: { period: null, principal: total('principal'), interest: total('interest'), recoveries: total('recoveries'), total: total('total') },
  };
}

/** What `pool --status` shows: the live pool for the statistics, the status sections, the remaining flows, the words. */
export function poolStatusView(prepared: PreparedDeal, status: EngineStatus, summary: Summary, lang: Lang): PoolStatusView {
  const cashflows = remainingFlows(prepared, status);
  const totals = cashflows.total!;
  const defaulted = status.defaults;
  const initial = sumMoney(prepared.pool.schedules.map((s) => s.balance));
  const kv: Section = {
    type: 'kv',
    id: 'liveStatus',
    title: { zh: '存续状态', en: 'Status' },
    items: [
      { key: 'asOf', label: { zh: '状态日', en: 'Status date' }, value: summary.asOf, kind: 'date' },
      { key: 'lastPaymentDate', label: { zh: '最近兑付日', en: 'Last payment date' }, value: summary.lastPaymentDate, kind: 'date' },
      { key: 'periodsPast', label: { zh: '已过期数', en: 'Periods past' }, value: summary.periodsPast, kind: 'int' },
      { key: 'periodsLeft', label: { zh: '剩余期数', en: 'Periods left' }, value: prepared.periods.length - summary.periodsPast, kind: 'int' },
      { key: 'outstanding', label: { zh: '未偿本金余额（正常及逾期）', en: 'Outstanding balance (performing and overdue)' }, value: yuan(sumMoney(status.assets)), kind: 'money' },
      { key: 'initialBalance', label: { zh: '初始资产池余额', en: 'Initial pool balance' }, value: yuan(initial), kind: 'money' },
      { key: 'poolFactor', label: { zh: '资产池因子', en: 'Pool factor' }, value: initial === 0 ? ZERO : new Decimal(sumMoney(status.assets)).div(initial), kind: 'number' },
      { key: 'cumulativeDefaulted', label: { zh: '累计违约金额', en: 'Cumulative defaults' }, value: yuan(status.cumulativeDefaulted), kind: 'money' },
      { key: 'cumulativeDefaultRate', label: { zh: '累计违约率', en: 'Cumulative default rate' }, value: initial === 0 ? ZERO : new Decimal(status.cumulativeDefaulted).div(initial), kind: 'percent' },
      { key: 'recoveredToDate', label: { zh: '累计回收金额', en: 'Recovered to date' }, value: yuan(sumMoney(defaulted.map((d) => d.recovered))), kind: 'money' },
      { key: 'pendingRecoveries', label: { zh: '待回收金额', en: 'Recoveries still to come' }, value: totals['recoveries'] as Decimal, kind: 'money' },
    ],
  };
  const live: LivePool = {
    asOf: summary.asOf,
    balances: status.assets.map(yuan),
    scheduledPrincipal: totals['principal'] as Decimal,
    scheduledInterest: totals['interest'] as Decimal,
    trancheBalances: status.tranches.map((t) => yuan(t.balance)),
  };
  const subtitle = {
    zh: `存续状态：状态日 ${summary.asOf}，已过 ${summary.periodsPast} 期（最近兑付日 ${summary.lastPaymentDate}），以下为剩余资产池`,
    en: `From a status: as of ${summary.asOf}, ${summary.periodsPast} period${summary.periodsPast === 1 ? '' : 's'} past (last payment date ${summary.lastPaymentDate}); the tables show the remaining pool`,
  };
  const notes = [
    {
      zh: '未偿本金余额计入正常及逾期资产（逾期资产含其逾期本金）；违约资产不计入，单列其违约金额、已回收金额及待回收金额，待回收金额按状态文件所载时间计入剩余现金流的“违约回收”；核销、已结清及提前还款资产余额为零。统计与分布按未偿资产计算，剩余期限自状态日起算；证券分层为各档未偿余额。',
      en: 'The outstanding balance counts the performing and overdue assets (an overdue one with its overdue principal); defaulted assets are not in it: their defaulted amount, recovered to date and still to recover are shown apart, and what is still to recover arrives in the remaining cash flows (Recoveries) when the status says. Written-off, paid-off and prepaid assets hold nothing. Statistics and strata are of the assets outstanding, remaining terms from the status date; the tranches at their outstanding balances.',
    },
    {
      zh: '剩余合同现金流：自状态日起不计违约与提前还款；正常资产按合同计划（按状态余额等比调整），逾期资产的逾期款项于状态日后第一期收回，其后按合同计划。',
      en: 'Remaining contractual cash flows: from the status date, no default and no prepayment; performing assets as scheduled (scaled to their status balance), overdue assets paying what they owe in the first period after the status, then as scheduled.',
    },
  ];
  return { live, sections: [kv, statusTable(status, lang)], cashflows, subtitle, notes };
}
