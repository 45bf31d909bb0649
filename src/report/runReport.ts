/**
 * The `ipabs run` report: tranche cash-flow tables, pool collections, fees, accounts, support
 * draws, events and the analytics, built from a run result (the cash-flow tables are in
 * runCashSections.ts, the events in runEvents.ts). The JSON contract for programs is
 * src/contract/runResult.ts.
 */
import type { RunResult } from '../engine/types.js';
import { Decimal } from '../util/money.js';
import { fenCell } from './fenCell.js';
import type { Lang, Report, Section, TableSection, Unit } from './model.js';
import { indexPathSection } from './floatingReport.js';
import { conventionName } from '../analytics/cnYield.js';
import { trancheIdCells, trancheIdColumns } from './trancheName.js';
import { PER_HUNDRED_NOTE, perHundredSection } from './perHundredSection.js';
import { runCharts } from './chart/runCharts.js';
import { accountSection, coverageSection, feeSection, ledgerSection, poolSection, supportSection, trancheSection } from './runCashSections.js';
import { eventSection } from './runEvents.js';

const num = (x: number | undefined) => (x === undefined ? undefined : new Decimal(x));
/** An amount of the run (whole fen) as the report's cell, in yuan. */
const y = fenCell;

/** The human report of a run. */
export function runReport(result: RunResult, lang: Lang, unit: Unit = 'yuan', options: { ledger?: boolean } = {}): Report {
  const sections: Section[] = [overviewSection(result), summarySection(result, lang)];
  for (const t of result.tranches) sections.push(trancheSection(t, lang), perHundredSection(t, lang));
  sections.push(poolSection(result));
  if (result.fees.length) sections.push(feeSection(result));
  for (const a of result.accounts) sections.push(accountSection(result, a.id));
  if (result.supports.length) sections.push(supportSection(result, lang));
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
      ...trancheIdColumns(r.tranches),
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
      ...trancheIdCells(t, lang),
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

/** The subtitle of a run from a status: its date and the periods already past. */
export function statusLine(s: NonNullable<RunResult['status']>): { zh: string; en: string } {
  return {
    zh: `自存续状态起：状态日 ${s.asOf}，已过 ${s.periodsPast} 期（最近兑付日 ${s.lastPaymentDate}），以下为剩余各期`,
    en: `From a status: as of ${s.asOf}, ${s.periodsPast} period${s.periodsPast === 1 ? '' : 's'} past (last payment date ${s.lastPaymentDate}); the tables show the periods after`,
  };
}
