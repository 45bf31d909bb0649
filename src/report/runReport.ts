/**
 * The `ipabs run` report: tranche cash-flow tables, pool collections, fees, accounts, support
 * draws, events and the analytics, built from a run result. The JSON contract for programs is
 * src/contract/runResult.ts.
 */
import type { RunEvent, RunResult, TrancheResult } from '../engine/types.js';
import type { LedgerEntry } from '../engine/ledger.js';
import { formatValue } from './render.js';
import { assertNever } from '../util/never.js';
import { Decimal, ZERO } from '../util/money.js';
import { sumMoney, type Money } from '../util/fen.js';
import { fenCell, FenCell } from './fenCell.js';
import type { Cell, Lang, Report, Section, TableSection, Unit } from './model.js';
import { CLASS_LABEL } from './model.js';
import { couponCell, couponColumn, indexPathSection } from './floatingReport.js';
import { conventionName } from '../analytics/cnYield.js';
import { codeColumns, trancheName } from './trancheName.js';
import { PER_HUNDRED_NOTE, perHundredSection } from './perHundredSection.js';
import { runCharts } from './chart/runCharts.js';

const STATE: Record<string, { zh: string; en: string }> = {
  normal: { zh: '正常', en: 'normal' },
  accelerated: { zh: '加速清偿', en: 'accelerated' },
  default: { zh: '违约', en: 'default' },
};

const num = (x: number | undefined) => (x === undefined ? undefined : new Decimal(x));
/** An amount of the run (whole fen) as the report's cell, in yuan. */
const y = fenCell;
/** A row of the run with its amounts (the keys given) in yuan. */
function yuanRow(row: object, money: readonly string[]): Record<string, Cell> {
  const out: Record<string, Cell> = { ...(row as Record<string, Cell>) };
  for (const key of money) out[key] = y(out[key] as Money | undefined);
  return out;
}

/** The human report of a run. */
export function runReport(result: RunResult, lang: Lang, unit: Unit = 'yuan', options: { ledger?: boolean } = {}): Report {
  const sections: Section[] = [overviewSection(result), summarySection(result, lang)];
  for (const t of result.tranches) sections.push(trancheSection(t, lang), perHundredSection(t, lang));
  sections.push(poolSection(result));
  if (result.fees.length) sections.push(feeSection(result));
  for (const a of result.accounts) sections.push(accountSection(result, a.id));
  if (result.supports.length) sections.push(supportSection(result));
  sections.push(coverageSection(result, lang));
  if (result.indexPaths) sections.push(indexPathSection(result.indexPaths, lang));
  sections.push(eventSection(result, lang, unit));
  if (options.ledger) sections.push(ledgerSection(result));
  return {
    title: { zh: `${result.deal.shortName ?? result.deal.name} 现金流`, en: `${result.deal.shortName ?? result.deal.name}: cash flows` },
    subtitle: [
      { zh: result.deal.name, en: result.deal.name },
      { zh: `情景：${result.scenario.name ?? '基准情景（无违约）'}`, en: `Scenario: ${result.scenario.name ?? 'base case (no defaults)'}` },
      ...(result.status ? [statusLine(result.status)] : []),
    ],
    sections,
    charts: runCharts(result),
    notes: [
      {
        zh: '发行收益率：于设立日按发行价（未给出时按面值）结算，依中国人民银行2007年《关于完善银行间债券市场债券到期收益率计算标准有关事项的通知》：剩余多次兑付时按付息频率复利、首期按d/TS计（TS为当期付息周期实际天数），处于最后付息周期时按单利（D/TY）；久期与凸性按同一贴现方式计算。',
        en: 'Yield at issue: settled on the closing date at the issue price (par when the deal gives none), by the PBoC 2007 yield-to-maturity standard of the interbank bond market: compounded at the coupon frequency with a first period of d/TS (TS the days of the current coupon period) while more than one payment is left, simple interest (D/TY) in the last coupon period; durations and convexity by the same discounting.',
      },
      PER_HUNDRED_NOTE,
      {
        zh: '覆盖倍数 = 可供优先级分配资金 ÷ 优先级当期应付利息与应付本金。可供优先级分配资金 = 上期结转 + 当期回收（含违约回收、风险分担补偿、担保代偿、清仓回购）+ 储备金动用与释放（扣除排在优先级之前的补足）− 排在优先级之前的税费及其他支付；差额支付与流动性支持不计入。过手型证券的应付本金只在预期到期日（或最后兑付日）计入。超额利差 = 资产池利息收入 − 当期税费 − 各档证券当期应计利息。',
        en: 'Coverage = funds for the senior ÷ the senior’s interest and principal due. Funds for the senior = cash brought forward + the period’s collections (recoveries, loss sharing, guarantee payments and a clean-up call included) + reserve draws and releases (less top-ups ranking ahead) − taxes, fees and other payments ranking ahead of the senior; shortfall undertakings and liquidity advances are not counted. A pass-through tranche’s principal is due only on its expected maturity (or the last date). Excess spread = pool interest − the period’s taxes and fees − the tranches’ coupon accruals.',
      },
    ],
  };
}

/** The phase of a ledger entry: `guarantee`, `waterfall[3] payInterest` (the step's 0-based index in the state's waterfall, as the deal file's JSON path). */
function phaseText(e: LedgerEntry): string {
  return e.step === undefined ? e.phase : `${e.phase}[${e.step}] ${e.stepType}`;
}

function ledgerSection(r: RunResult): TableSection {
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

function overviewSection(r: RunResult): Section {
  return {
    type: 'kv',
    id: 'overview',
    title: { zh: '概览', en: 'Overview' },
    items: [
      { key: 'closing', label: { zh: '设立日', en: 'Closing date' }, value: r.deal.closing, kind: 'date' },
      { key: 'poolBalance', label: { zh: '初始资产池余额', en: 'Initial pool balance' }, value: y(r.pool.initialBalance), kind: 'money' },
      { key: 'collected', label: { zh: '资产池回收合计', en: 'Pool cash collected' }, value: y(r.pool.totalCollected), kind: 'money' },
      { key: 'defaulted', label: { zh: '违约余额合计', en: 'Defaulted balance' }, value: y(r.pool.totalDefaulted), kind: 'money' },
      { key: 'recovered', label: { zh: '违约回收合计', en: 'Recoveries' }, value: y(r.pool.totalRecovered), kind: 'money' },
      ...(r.pool.recoveriesAfterEnd > 0
        ? [{ key: 'recoveriesAfterEnd', label: { zh: '晚于最后兑付日的回收（未计入）', en: 'Recoveries after the last payment date (not collected)' }, value: y(r.pool.recoveriesAfterEnd), kind: 'money' as const }]
        : []),
      { key: 'minCoverage', label: { zh: '最低当期覆盖倍数', en: 'Lowest period coverage' }, value: r.coverage.minimum, kind: 'number' },
      { key: 'wholeLifeCoverage', label: { zh: '存续期覆盖倍数', en: 'Whole-life coverage' }, value: r.coverage.wholeLife, kind: 'number' },
      { key: 'cashIn', label: { zh: '现金流入合计', en: 'Cash in' }, value: y(r.checks.cashIn), kind: 'money' },
      ...(r.checks.fundedAtClosing > 0
        ? [{ key: 'fundedAtClosing', label: { zh: '其中：设立日账户初始资金', en: 'of which opening balances at closing' }, value: y(r.checks.fundedAtClosing), kind: 'money' as const }]
        : []),
      { key: 'cashOut', label: { zh: '现金流出合计', en: 'Cash out' }, value: y(r.checks.cashOut), kind: 'money' },
      { key: 'held', label: { zh: '期末留存现金', en: 'Cash held at the end' }, value: y(r.checks.held), kind: 'money' },
      { key: 'conservation', label: { zh: '现金守恒校验', en: 'Conservation check' }, value: r.checks.conservation ? 'ok' : 'FAILED', kind: 'text' },
      { key: 'periodsChecked', label: { zh: '校验期数（含设立日）', en: 'Periods checked (closing included)' }, value: r.checks.periodsChecked, kind: 'int' },
      { key: 'largestDifference', label: { zh: '最大单期差额', en: 'Largest difference in a period' }, value: y(r.checks.largestDifference), kind: 'money' },
    ],
  };
}

function summarySection(r: RunResult, lang: Lang): TableSection {
  return {
    type: 'table',
    id: 'summary',
    title: { zh: '证券兑付汇总', en: 'Tranche summary' },
    columns: [
      { key: 'id', header: { zh: '编号', en: 'Id' }, kind: 'text' },
      { key: 'name', header: { zh: '证券名称', en: 'Name' }, kind: 'text' },
      ...codeColumns(r.tranches),
      { key: 'class', header: { zh: '类别', en: 'Class' }, kind: 'text' },
      { key: 'balance', header: { zh: '发行规模', en: 'Size' }, kind: 'money' },
      { key: 'interestPaid', header: { zh: '利息', en: 'Interest' }, kind: 'money' },
      { key: 'principalPaid', header: { zh: '本金', en: 'Principal' }, kind: 'money' },
      { key: 'residualPaid', header: { zh: '超额收益', en: 'Residual' }, kind: 'money' },
      { key: 'loss', header: { zh: '本金损失', en: 'Loss' }, kind: 'money' },
      { key: 'finalPaymentDate', header: { zh: '最后兑付日', en: 'Final payment' }, kind: 'date' },
      { key: 'windowFirst', header: { zh: '本金首付日', en: 'Principal from' }, kind: 'date' },
      { key: 'windowLast', header: { zh: '本金末付日', en: 'Principal to' }, kind: 'date' },
      { key: 'wal', header: { zh: '加权平均期限（年）', en: 'WAL (years)' }, kind: 'number', decimals: 4 },
      { key: 'yield', header: { zh: '发行收益率', en: 'Yield at issue' }, kind: 'rate', decimals: 4 },
      { key: 'macaulay', header: { zh: '麦考利久期', en: 'Macaulay duration' }, kind: 'number', decimals: 4 },
      { key: 'modified', header: { zh: '修正久期', en: 'Modified duration' }, kind: 'number', decimals: 4 },
      { key: 'convexity', header: { zh: '凸性', en: 'Convexity' }, kind: 'number', decimals: 4 },
      { key: 'yieldConvention', header: { zh: '收益率计算标准', en: 'Yield convention' }, kind: 'text' },
    ],
    rows: r.tranches.map((t) => ({
      id: t.id,
      name: t.name,
      code: t.code,
      shortName: t.shortName,
      class: CLASS_LABEL[t.class]?.[lang] ?? t.class,
      balance: y(t.balance),
      interestPaid: y(t.summary.interestPaid),
      principalPaid: y(t.summary.principalPaid),
      residualPaid: y(t.summary.residualPaid),
      loss: y(t.summary.loss),
      finalPaymentDate: t.summary.finalPaymentDate,
      windowFirst: t.summary.principalWindow?.first,
      windowLast: t.summary.principalWindow?.last,
      wal: num(t.summary.wal),
      yield: num(t.summary.yield),
      macaulay: num(t.summary.macaulayDuration),
      modified: num(t.summary.modifiedDuration),
      convexity: num(t.summary.convexity),
      yieldConvention: t.summary.yieldMethod && conventionName(t.summary.yieldMethod, t.summary.couponFrequency ?? 1, lang),
    })),
  };
}

function trancheSection(t: TrancheResult, lang: Lang): TableSection {
  const hasResidual = t.summary.residualPaid > 0;
  return {
    type: 'table',
    id: `tranche-${t.id}`,
    title: { zh: `${trancheName(t, 'zh')}（${CLASS_LABEL[t.class]?.zh ?? t.class}）现金流`, en: `${trancheName(t, 'en')} (${CLASS_LABEL[t.class]?.en ?? t.class}) cash flows` },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
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

const POOL_MONEY = ['beginBalance', 'scheduledPrincipal', 'scheduledInterest', 'principal', 'interest', 'missed', 'defaulted', 'recoveries', 'compensation', 'prepaid', 'guaranteePayments', 'callProceeds', 'endBalance', 'cumulativeDefaulted'];

function poolSection(r: RunResult): TableSection {
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
    total: {
      principal: y(sumMoney(rows.map((p) => p.principal))),
      interest: y(sumMoney(rows.map((p) => p.interest))),
      missed: y(sumMoney(rows.map((p) => p.missed))),
      defaulted: y(sumMoney(rows.map((p) => p.defaulted))),
      recoveries: y(sumMoney(rows.map((p) => p.recoveries))),
      compensation: y(sumMoney(rows.map((p) => p.compensation))),
      prepaid: y(sumMoney(rows.map((p) => p.prepaid))),
      guaranteePayments: y(sumMoney(rows.map((p) => p.guaranteePayments))),
      callProceeds: y(sumMoney(rows.map((p) => p.callProceeds))),
    },
  };
}

function feeSection(r: RunResult): TableSection {
  const periods = r.pool.periods;
  return {
    type: 'table',
    id: 'fees',
    title: { zh: '税费支付', en: 'Taxes and fees paid' },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
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

function accountSection(r: RunResult, id: string): TableSection {
  const a = r.accounts.find((x) => x.id === id)!;
  return {
    type: 'table',
    id: `account-${a.id}`,
    title: { zh: `账户：${a.name}`, en: `Account: ${a.name}` },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
      { key: 'begin', header: { zh: '期初', en: 'Opening' }, kind: 'money' },
      { key: 'in', header: { zh: '流入', en: 'In' }, kind: 'money' },
      { key: 'out', header: { zh: '流出', en: 'Out' }, kind: 'money' },
      { key: 'end', header: { zh: '期末', en: 'Closing' }, kind: 'money' },
    ],
    rows: a.periods.map((p) => yuanRow(p, ['begin', 'in', 'out', 'end'])),
  };
}

function supportSection(r: RunResult): TableSection {
  const rows: Record<string, Cell>[] = [];
  for (const s of r.supports) {
    if (s.draws.length === 0) rows.push({ support: s.name ?? s.id, provider: s.provider, date: undefined, requested: ZERO, amount: ZERO, reason: '—' });
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

function coverageSection(r: RunResult, lang: Lang): TableSection {
  return {
    type: 'table',
    id: 'coverage',
    title: { zh: '优先级覆盖倍数', en: 'Senior coverage' },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
      { key: 'state', header: { zh: '状态', en: 'State' }, kind: 'text' },
      { key: 'fundsForSenior', header: { zh: '可供优先级分配资金', en: 'Funds for the senior' }, kind: 'money' },
      { key: 'seniorDue', header: { zh: '优先级应付本息', en: 'Senior due' }, kind: 'money' },
      { key: 'multiple', header: { zh: '覆盖倍数', en: 'Coverage' }, kind: 'number' },
      { key: 'excessSpread', header: { zh: '超额利差', en: 'Excess spread' }, kind: 'money' },
    ],
    rows: r.coverage.periods.map((c, k) => ({ ...yuanRow(c, ['fundsForSenior', 'seniorDue', 'excessSpread']), state: STATE[r.states[k]!.state]![lang] })),
  };
}

const EVENT_TYPE: Record<RunEvent['type'], { zh: string; en: string }> = {
  default: { zh: '违约', en: 'default' },
  trigger: { zh: '触发事件', en: 'trigger' },
  stateChange: { zh: '分配顺序变更', en: 'waterfall' },
  reserveDraw: { zh: '储备金动用', en: 'reserve draw' },
  reserveRelease: { zh: '储备金释放', en: 'reserve release' },
  supportShortfall: { zh: '增信未足额', en: 'support short' },
  cleanUpCall: { zh: '清仓回购', en: 'clean-up call' },
  legalMaturity: { zh: '法定到期未清偿', en: 'legal maturity' },
};

/** An event in the reader's language, amounts in the chosen unit. */
export function eventText(e: RunEvent, lang: Lang, unit: Unit): string {
  const amt = (d: Money | undefined) => (d === undefined ? '' : `${formatValue(new FenCell(d), 'money', { unit })}${unit === 'wan' ? (lang === 'zh' ? '万元' : ' (CNY 10k)') : lang === 'zh' ? '元' : ' CNY'}`);
  const zh = lang === 'zh';
  switch (e.type) {
    case 'default':
      if (e.detail === 'pool') return zh ? `资产池违约 ${amt(e.amount)}` : `pool defaults ${amt(e.amount)}`;
      return zh
        ? `${e.id}（${e.name}）${e.detail === 'stopPaying' ? '停止付款' : '违约'}，未偿余额 ${amt(e.amount)}${e.fromStatus ? '（存续状态所载）' : ''}`
        : `${e.id} (${e.name}) ${e.detail === 'stopPaying' ? 'stops paying' : 'defaults'}: ${amt(e.amount)} outstanding${e.fromStatus ? ' (from the status)' : ''}`;
    case 'trigger':
      return zh ? `${e.name}（${e.id}）${e.detail === 'cured' ? '解除' : '触发'}` : `${e.name} (${e.id}) ${e.detail === 'cured' ? 'is cured' : 'fires'}`;
    case 'stateChange':
      return zh ? `转为${STATE[e.detail ?? 'normal']?.zh ?? e.detail}分配顺序` : `waterfall switches to ${STATE[e.detail ?? 'normal']?.en ?? e.detail}`;
    case 'reserveDraw':
      return zh
        ? `${e.name ?? e.id}支付 ${amt(e.amount)}，用于${e.detail === 'missedCollections' ? '弥补未按期回收款' : '弥补资金缺口'}`
        : `${e.name ?? e.id} pays ${amt(e.amount)} for ${e.detail === 'missedCollections' ? 'missed collections' : 'a shortfall'}`;
    case 'reserveRelease':
      return zh ? `${e.name ?? e.id}释放 ${amt(e.amount)}` : `${e.name ?? e.id} releases ${amt(e.amount)}`;
    case 'supportShortfall':
      return zh
        ? `${e.name ?? e.id}应付 ${amt(e.requested)}，实付 ${amt(e.amount)}（${e.detail === 'failed' ? '提供方未履约' : '已达上限'}）`
        : `${e.name ?? e.id} pays ${amt(e.amount)} of ${amt(e.requested)} asked (${e.detail === 'failed' ? 'the provider has failed' : 'its cap is reached'})`;
    case 'legalMaturity':
      return zh ? `${e.name}（${e.id}）于法定到期日仍有未偿本金 ${amt(e.amount)}` : `${e.name} (${e.id}) still owes ${amt(e.amount)} of principal on its legal maturity`;
    case 'cleanUpCall':
      return zh ? `资产池余额 ${amt(e.amount)} 低于初始余额的${new Decimal(e.detail ?? 0).times(100).toString()}%，清仓回购` : `pool balance ${amt(e.amount)} below ${new Decimal(e.detail ?? 0).times(100).toString()}% of the initial balance: clean-up call`;
    default:
      return assertNever(e.type, 'run event');
  }
}

function eventSection(r: RunResult, lang: Lang, unit: Unit): TableSection {
  return {
    type: 'table',
    id: 'events',
    title: { zh: '事件', en: 'Events' },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'date', header: { zh: '日期', en: 'Date' }, kind: 'date' },
      { key: 'type', header: { zh: '类型', en: 'Type' }, kind: 'text' },
      { key: 'message', header: { zh: '说明', en: 'Message' }, kind: 'text' },
    ],
    rows: r.events.map((e) => ({ period: e.period, date: e.date, type: EVENT_TYPE[e.type][lang], message: eventText(e, lang, unit) })),
  };
}

/** The subtitle of a run from a status: its date and the periods already past. */
export function statusLine(s: NonNullable<RunResult['status']>): { zh: string; en: string } {
  return {
    zh: `自存续状态起：状态日 ${s.asOf}，已过 ${s.periodsPast} 期（最近兑付日 ${s.lastPaymentDate}），以下为剩余各期`,
    en: `From a status: as of ${s.asOf}, ${s.periodsPast} period${s.periodsPast === 1 ? '' : 's'} past (last payment date ${s.lastPaymentDate}); the tables show the periods after`,
  };
}
