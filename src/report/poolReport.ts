/** Builds the `ipabs pool` report from pool statistics: what a 计划说明书 prints about the pool. */
import type { LoadedDeal } from '../io/loadDeal.js';
import { poolStats, type PoolStats } from '../analytics/poolStats.js';
import { sum } from '../util/money.js';
import type { Lang, Report, Section, TableSection } from './model.js';
import { poolCharts } from './chart/sectionCharts.js';
import { collectAssumptions } from '../deal/assumptions.js';
import type { AssetLabels } from '../pool/assets/model.js';
import { poolLabels } from './poolLabels.js';
import { trancheIdCells, trancheIdColumns } from './trancheName.js';
import { formatIsoDate } from '../dates/dateText.js';
import { ipRightsSection, stratumSection, topObligorSection, TOTAL } from './poolStrataSections.js';
import { assetFlowSection, periodCashflowSection } from './poolCashflowSections.js';
import type { PoolStatusView } from './poolStatus.js';

export { poolLabels } from './poolLabels.js';

export interface PoolReportOptions {
  lang: Lang;
  /** Add the contractual cash flows per collection period. */
  cashflows?: boolean;
  /** Add every asset's contractual payments. */
  assetFlows?: boolean;
  /** From a status (`pool --status`): the remaining pool (./poolStatus.ts). */
  live?: PoolStatusView;
}

/** The pool report of a loaded deal. */
export function poolReport(deal: LoadedDeal, options: PoolReportOptions): Report {
  const { spec } = deal;
  const live = options.live;
  const stats = poolStats(spec, deal.assets, options.lang, live?.live);
  const labels = poolLabels(deal);
  const sections: Section[] = [...(live?.sections ?? []), summarySection(stats, labels, live !== undefined), trancheSection(stats, options.lang, live !== undefined)];
  if (stats.royalty) sections.push(royaltySection(stats));
  sections.push(topObligorSection(stats, deal, labels));
  for (const s of stats.strata) sections.push(stratumSection(s.key, s.rows, labels, options.lang));
  if (stats.ipRights) sections.push(ipRightsSection(stats.ipRights, options.lang));
  if (options.cashflows) sections.push(live ? live.cashflows : periodCashflowSection(deal, stats));
  if (options.assetFlows) sections.push(assetFlowSection(deal, stats));
  return {
    title: { zh: `${spec.meta.shortName ?? spec.meta.name} 资产池`, en: `${spec.meta.shortName ?? spec.meta.name}: pool` },
    subtitle: [
      { zh: spec.meta.name, en: spec.meta.name },
      { zh: `初始起算日 ${formatIsoDate(spec.dates.cutoff)}`, en: `Cutoff date ${formatIsoDate(spec.dates.cutoff)}` },
      ...(live ? [live.subtitle] : []),
    ],
    sections,
    charts: poolCharts(sections),
    notes: [...(live?.notes ?? []), ...collectAssumptions(deal).map((a) => ({ zh: `假设 ${a.path}：${a.note}`, en: `Assumed ${a.path}: ${a.note}` }))],
  };
}

function summarySection(s: PoolStats, labels: AssetLabels, outstanding: boolean): Section {
  const ob = labels.obligors;
  const one = labels.obligor;
  const bal = labels.balance;
  const items: Section & { type: 'kv' } = {
    type: 'kv',
    id: 'summary',
    title: { zh: '资产池概况', en: 'Pool summary' },
    items: [
      { key: 'balance', label: { zh: bal.zh, en: bal.en }, value: s.balance, kind: 'money' },
      { key: 'obligors', label: { zh: `${ob.zh}户数`, en: `Number of ${ob.en}` }, value: s.obligorCount, kind: 'int' },
      { key: 'contracts', label: { zh: '合同笔数', en: 'Number of contracts' }, value: s.assetCount, kind: 'int' },
      ...(s.ipRights ? [{ key: 'ipRights', label: { zh: '知识产权数量', en: 'Number of IP rights' }, value: s.ipRights.reduce((n, r) => n + r.rights, 0), kind: 'int' as const }] : []),
      { key: 'largestContract', label: { zh: '单笔合同最高余额', en: 'Largest contract' }, value: s.largestAsset, kind: 'money' },
      { key: 'averageContract', label: { zh: '单笔合同平均余额', en: 'Average contract' }, value: s.averageAsset, kind: 'money' },
      { key: 'largestObligor', label: { zh: `单户${one.zh}最高余额`, en: `Largest ${one.en} total` }, value: s.largestObligor.amount, kind: 'money' },
      { key: 'averageObligor', label: { zh: `单户${one.zh}平均余额`, en: `Average per ${one.en}` }, value: s.averageObligor, kind: 'money' },
      ...s.topObligors.map((t) => ({
        key: `top${t.n}Share`,
        label: { zh: `前${t.n}大${ob.zh}余额占比`, en: `Top ${t.n} ${ob.en}' share` },
        value: t.share,
        kind: 'percent' as const,
      })),
      { key: 'top3IndustryShare', label: { zh: '前三大行业余额占比', en: 'Top 3 industries’ share' }, value: sum(s.strata.find((x) => x.key === 'industry')!.rows.slice(0, 3).map((r) => r.share)), kind: 'percent' },
      ...(s.weightedRate ? [{ key: 'weightedRate', label: { zh: '加权平均利率', en: 'Weighted average rate' }, value: s.weightedRate, kind: 'rate' as const }] : []),
      { key: 'weightedRemainingTerm', label: { zh: '加权平均剩余期限（年）', en: 'Weighted average remaining term (years)' }, value: s.weightedRemainingTerm, kind: 'number' },
      { key: 'scheduledPrincipal', label: { zh: '应收本金（合同）', en: 'Contractual principal' }, value: s.scheduledPrincipal, kind: 'money' },
      { key: 'scheduledInterest', label: { zh: '应收利息（合同）', en: 'Contractual interest' }, value: s.scheduledInterest, kind: 'money' },
      { key: 'purchasePrice', label: { zh: '购买价款', en: 'Purchase price' }, value: s.purchasePrice, kind: 'money' },
      { key: 'issueBalance', label: outstanding ? { zh: '证券未偿余额', en: 'Securities outstanding' } : { zh: '发行规模', en: 'Issue size' }, value: s.issueBalance, kind: 'money' },
      { key: 'issueCoverage', label: { zh: '资产池对发行规模覆盖倍数', en: 'Pool over issue (coverage)' }, value: s.issueCoverage, kind: 'number' },
    ],
  };
  return items;
}

function trancheSection(s: PoolStats, lang: Lang, outstanding: boolean): TableSection {
  return {
    type: 'table',
    id: 'tranches',
    title: { zh: '证券分层', en: 'Tranches' },
    columns: [
      ...trancheIdColumns(s.tranches),
      { key: 'balance', header: outstanding ? { zh: '未偿余额', en: 'Outstanding' } : { zh: '发行规模', en: 'Size' }, kind: 'money' },
      { key: 'share', header: { zh: '占比', en: 'Share' }, kind: 'percent' },
      { key: 'coupon', header: { zh: '票面利率', en: 'Coupon' }, kind: 'rate', decimals: 2 },
      { key: 'expectedMaturity', header: { zh: '预期到期日', en: 'Expected maturity' }, kind: 'date' },
      { key: 'rating', header: { zh: '评级', en: 'Rating' }, kind: 'text' },
      { key: 'subordination', header: { zh: '次级支持', en: 'Subordination' }, kind: 'percent' },
      { key: 'coverage', header: { zh: '资产池覆盖倍数', en: 'Pool coverage' }, kind: 'number' },
    ],
    rows: s.tranches.map((t) => ({
      ...trancheIdCells(t, lang),
      balance: t.balance,
      share: t.share,
      coupon: t.coupon,
      expectedMaturity: t.expectedMaturity,
      rating: t.rating,
      subordination: t.subordination,
      coverage: t.coverage,
    })),
    total: { id: TOTAL[lang], balance: s.issueBalance, share: sum(s.tranches.map((t) => t.share)), coverage: s.issueCoverage },
  };
}

function royaltySection(s: PoolStats): Section {
  const r = s.royalty!;
  return {
    type: 'kv',
    id: 'riskReserve',
    title: { zh: '许可费与风险金', en: 'License fees and risk reserve' },
    items: [
      { key: 'firstLicenseFees', label: { zh: '首次许可费合计', en: 'First-license fees' }, value: r.firstLicenseFees, kind: 'money' },
      { key: 'riskReserve', label: { zh: '风险金合计', en: 'Risk reserve (风险金)' }, value: r.riskReserve, kind: 'money' },
      { key: 'riskReserveRatio', label: { zh: '加权平均风险金比例', en: 'Weighted risk-reserve ratio' }, value: r.riskReserveRatio, kind: 'percent', decimals: 1 },
      { key: 'receivableOverFees', label: { zh: '应收许可费/首次许可费', en: 'Receivable over first-license fees' }, value: r.firstLicenseFees.isZero() ? undefined : s.balance.div(r.firstLicenseFees), kind: 'number' },
    ],
  };
}
