/** Builds the `ipabs pool` report from pool statistics: what a 计划说明书 prints about the pool. */
import type { LoadedDeal } from '../io/loadDeal.js';
import { dealSchedule, periodOfDate } from '../deal/periods.js';
import { poolStats, type PoolStats, type StratumKey } from '../analytics/poolStats.js';
import { contractualCashflowsOnce } from '../pool/index.js';
import { dealRates } from '../deal/rates.js';
import { sum, ZERO, type Decimal } from '../util/money.js';
import type { Cell, Label, Lang, Report, Section, TableSection } from './model.js';
import { CLASS_LABEL } from './model.js';
import { poolCharts } from './chart/sectionCharts.js';
import { collectAssumptions } from '../deal/assumptions.js';
import type { AssetLabels } from '../pool/assets/model.js';
import { poolLabels } from './poolLabels.js';
import { codeColumns } from './trancheName.js';
import { formatIsoDate } from '../dates/dateText.js';

export { poolLabels } from './poolLabels.js';

const STRATUM_TITLE: Record<StratumKey, (labels: AssetLabels) => Label> = {
  industry: () => ({ zh: '按行业分布', en: 'By industry' }),
  ipType: (l) => ({ zh: `按${l.ipType.zh}分布`, en: `By ${l.ipType.en}` }),
  region: () => ({ zh: '按地区分布', en: 'By region' }),
  sizeBand: () => ({ zh: '按单笔金额分布', en: 'By contract size' }),
  remainingTerm: () => ({ zh: '按剩余期限分布', en: 'By remaining term' }),
};
const STRATUM_LABEL: Record<StratumKey, (labels: AssetLabels) => Label> = {
  industry: () => ({ zh: '行业', en: 'Industry' }),
  ipType: (l) => ({ zh: l.ipType.zh, en: cap(l.ipType.en) }),
  region: () => ({ zh: '地区', en: 'Region' }),
  sizeBand: () => ({ zh: '金额区间', en: 'Size band' }),
  remainingTerm: () => ({ zh: '剩余期限', en: 'Remaining term' }),
};

const TOTAL: Record<Lang, string> = { zh: '合计', en: 'Total' };

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface PoolReportOptions {
  lang: Lang;
  /** Add the contractual cash flows per collection period. */
  cashflows?: boolean;
  /** Add every asset's contractual payments. */
  assetFlows?: boolean;
}

/** The pool report of a loaded deal. */
export function poolReport(deal: LoadedDeal, options: PoolReportOptions): Report {
  const { spec } = deal;
  const stats = poolStats(spec, deal.assets, options.lang);
  const labels = poolLabels(deal);
  const sections: Section[] = [summarySection(stats, labels), trancheSection(stats, options.lang)];
  if (stats.royalty) sections.push(royaltySection(stats));
  sections.push(topObligorSection(stats, deal, labels));
  for (const s of stats.strata) sections.push(stratumSection(s.key, s.rows, labels, options.lang));
  if (stats.ipRights) sections.push(ipRightsSection(stats.ipRights, options.lang));
  if (options.cashflows) sections.push(periodCashflowSection(deal, stats));
  if (options.assetFlows) sections.push(assetFlowSection(deal, stats));
  return {
    title: { zh: `${spec.meta.shortName ?? spec.meta.name} 资产池`, en: `${spec.meta.shortName ?? spec.meta.name}: pool` },
    subtitle: [
      { zh: spec.meta.name, en: spec.meta.name },
      { zh: `初始起算日 ${formatIsoDate(stats.cutoff)}`, en: `Cutoff date ${formatIsoDate(stats.cutoff)}` },
    ],
    sections,
    charts: poolCharts(sections),
    notes: collectAssumptions(deal).map((a) => ({ zh: `假设 ${a.path}：${a.note}`, en: `Assumed ${a.path}: ${a.note}` })),
  };
}

function summarySection(s: PoolStats, labels: AssetLabels): Section {
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
      { key: 'issueBalance', label: { zh: '发行规模', en: 'Issue size' }, value: s.issueBalance, kind: 'money' },
      { key: 'issueCoverage', label: { zh: '资产池对发行规模覆盖倍数', en: 'Pool over issue (coverage)' }, value: s.issueCoverage, kind: 'number' },
    ],
  };
  return items;
}

function trancheSection(s: PoolStats, lang: Lang): TableSection {
  return {
    type: 'table',
    id: 'tranches',
    title: { zh: '证券分层', en: 'Tranches' },
    columns: [
      { key: 'id', header: { zh: '编号', en: 'Id' }, kind: 'text' },
      { key: 'name', header: { zh: '证券名称', en: 'Name' }, kind: 'text' },
      ...codeColumns(s.tranches),
      { key: 'class', header: { zh: '类别', en: 'Class' }, kind: 'text' },
      { key: 'balance', header: { zh: '发行规模', en: 'Size' }, kind: 'money' },
      { key: 'share', header: { zh: '占比', en: 'Share' }, kind: 'percent' },
      { key: 'coupon', header: { zh: '票面利率', en: 'Coupon' }, kind: 'rate', decimals: 2 },
      { key: 'expectedMaturity', header: { zh: '预期到期日', en: 'Expected maturity' }, kind: 'date' },
      { key: 'rating', header: { zh: '评级', en: 'Rating' }, kind: 'text' },
      { key: 'subordination', header: { zh: '次级支持', en: 'Subordination' }, kind: 'percent' },
      { key: 'coverage', header: { zh: '资产池覆盖倍数', en: 'Pool coverage' }, kind: 'number' },
    ],
    rows: s.tranches.map((t) => ({
      id: t.id,
      name: t.name,
      code: t.code,
      shortName: t.shortName,
      class: CLASS_LABEL[t.class]![lang],
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

function topObligorSection(s: PoolStats, deal: LoadedDeal, labels: AssetLabels): TableSection {
  const one = labels.obligor;
  const totals = new Map<string, { name: string; amount: Decimal; count: number }>();
  deal.assets.forEach((a, i) => {
    const key = a.obligorId ?? a.obligor;
    const t = totals.get(key) ?? { name: a.obligor, amount: ZERO, count: 0 };
    t.amount = t.amount.plus(s.balances[i]!);
    t.count += 1;
    totals.set(key, t);
  });
  const top = [...totals.values()].sort((a, b) => b.amount.comparedTo(a.amount) || (a.name < b.name ? -1 : 1)).slice(0, 10);
  let cumulative = ZERO;
  return {
    type: 'table',
    id: 'topObligors',
    title: { zh: `前十大${one.zh}`, en: `Top ten ${one.en}s` },
    columns: [
      { key: 'rank', header: { zh: '排名', en: 'Rank' }, kind: 'int' },
      { key: 'obligor', header: { zh: one.zh, en: cap(one.en) }, kind: 'text' },
      { key: 'count', header: { zh: '合同笔数', en: 'Contracts' }, kind: 'int' },
      { key: 'amount', header: { zh: '余额', en: 'Balance' }, kind: 'money' },
      { key: 'share', header: { zh: '占比', en: 'Share' }, kind: 'percent' },
      { key: 'cumulativeShare', header: { zh: '累计占比', en: 'Cumulative share' }, kind: 'percent' },
    ],
    rows: top.map((t, i) => {
      cumulative = cumulative.plus(t.amount);
      return {
        rank: i + 1,
        obligor: t.name,
        count: t.count,
        amount: t.amount,
        share: s.balance.isZero() ? ZERO : t.amount.div(s.balance),
        cumulativeShare: s.balance.isZero() ? ZERO : cumulative.div(s.balance),
      };
    }),
  };
}

function stratumSection(key: StratumKey, rows: PoolStats['strata'][number]['rows'], labels: AssetLabels, lang: Lang): TableSection {
  return {
    type: 'table',
    id: key,
    title: STRATUM_TITLE[key](labels),
    columns: [
      { key: 'label', header: STRATUM_LABEL[key](labels), kind: 'text' },
      { key: 'amount', header: { zh: '余额', en: 'Balance' }, kind: 'money' },
      { key: 'share', header: { zh: '余额占比', en: 'Share' }, kind: 'percent' },
      { key: 'count', header: { zh: '笔数', en: 'Count' }, kind: 'int' },
      { key: 'countShare', header: { zh: '笔数占比', en: 'Count share' }, kind: 'percent' },
    ],
    rows: rows.map((r) => ({ label: r.label, amount: r.amount, share: r.share, count: r.count, countShare: r.countShare })),
    total: {
      label: TOTAL[lang],
      amount: sum(rows.map((r) => r.amount)),
      share: sum(rows.map((r) => r.share)),
      count: rows.reduce((n, r) => n + r.count, 0),
      countShare: sum(rows.map((r) => r.countShare)),
    },
  };
}

function ipRightsSection(rows: NonNullable<PoolStats['ipRights']>, lang: Lang): TableSection {
  return {
    type: 'table',
    id: 'ipRights',
    title: { zh: '知识产权数量', en: 'Number of IP rights' },
    columns: [
      { key: 'label', header: { zh: '知识产权类型', en: 'IP type' }, kind: 'text' },
      { key: 'rights', header: { zh: '知识产权数量', en: 'IP rights' }, kind: 'int' },
      { key: 'contracts', header: { zh: '合同笔数', en: 'Contracts' }, kind: 'int' },
      { key: 'uncounted', header: { zh: '未披露数量笔数', en: 'Contracts without a count' }, kind: 'int' },
    ],
    rows: rows.map((r) => ({ label: r.label, rights: r.rights, contracts: r.contracts, uncounted: r.uncounted })),
    total: {
      label: TOTAL[lang],
      rights: rows.reduce((n, r) => n + r.rights, 0),
      contracts: rows.reduce((n, r) => n + r.contracts, 0),
      uncounted: rows.reduce((n, r) => n + r.uncounted, 0),
    },
  };
}

function periodCashflowSection(deal: LoadedDeal, s: PoolStats): TableSection {
  const { periods } = dealSchedule(deal.spec.dates);
  const principal = periods.map(() => ZERO);
  const interest = periods.map(() => ZERO);
  let latePrincipal = ZERO;
  let lateInterest = ZERO;
  // One asset's flows at a time: a large pool's flows are not all kept.
  for (const a of deal.assets) {
    for (const f of contractualCashflowsOnce(a, s.cutoff, dealRates(deal.spec)).flows) {
      const k = periodOfDate(periods, f.date);
      if (k < 0) {
        latePrincipal = latePrincipal.plus(f.principal);
        lateInterest = lateInterest.plus(f.interest);
      } else {
        principal[k] = principal[k]!.plus(f.principal);
        interest[k] = interest[k]!.plus(f.interest);
      }
    }
  }
  let balance = s.balance;
  const rows: Record<string, Cell>[] = periods.map((p, k) => {
    const begin = balance;
    balance = balance.minus(principal[k]!);
    return {
      period: p.index,
      collectionStart: p.collectionStart,
      collectionEnd: p.collectionEnd,
      paymentDate: p.date,
      beginBalance: begin,
      principal: principal[k]!,
      interest: interest[k]!,
      total: principal[k]!.plus(interest[k]!),
      endBalance: balance,
    };
  });
  if (!latePrincipal.isZero() || !lateInterest.isZero()) {
    rows.push({ period: null, collectionStart: periods[periods.length - 1]?.collectionEnd, collectionEnd: '—', paymentDate: null, beginBalance: balance, principal: latePrincipal, interest: lateInterest, total: latePrincipal.plus(lateInterest), endBalance: balance.minus(latePrincipal) });
  }
  return {
    type: 'table',
    id: 'cashflows',
    title: { zh: '资产池合同现金流（按收款期间）', en: 'Contractual pool cash flows by collection period' },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'collectionStart', header: { zh: '收款期间起', en: 'Collection from' }, kind: 'date' },
      { key: 'collectionEnd', header: { zh: '收款期间止', en: 'Collection to' }, kind: 'date' },
      { key: 'paymentDate', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
      { key: 'beginBalance', header: { zh: '期初余额', en: 'Opening balance' }, kind: 'money' },
      { key: 'principal', header: { zh: '应收本金', en: 'Principal' }, kind: 'money' },
      { key: 'interest', header: { zh: '应收利息', en: 'Interest' }, kind: 'money' },
      { key: 'total', header: { zh: '合计', en: 'Total' }, kind: 'money' },
      { key: 'endBalance', header: { zh: '期末余额', en: 'Closing balance' }, kind: 'money' },
    ],
    rows,
    total: {
      period: null,
      principal: sum(principal).plus(latePrincipal),
      interest: sum(interest).plus(lateInterest),
      total: sum(principal).plus(sum(interest)).plus(latePrincipal).plus(lateInterest),
    },
  };
}

function assetFlowSection(deal: LoadedDeal, s: PoolStats): TableSection {
  const rows: Record<string, Cell>[] = [];
  deal.assets.forEach((a) => {
    const cf = contractualCashflowsOnce(a, s.cutoff, dealRates(deal.spec));
    let balance = cf.balance;
    for (const f of cf.flows) {
      balance = balance.minus(f.principal);
      rows.push({ asset: a.id, obligor: a.obligor, date: f.date, principal: f.principal, interest: f.interest, total: f.principal.plus(f.interest), endBalance: balance });
    }
  });
  return {
    type: 'table',
    id: 'assetFlows',
    title: { zh: '逐笔资产合同现金流', en: 'Contractual cash flows by asset' },
    columns: [
      { key: 'asset', header: { zh: '资产', en: 'Asset' }, kind: 'text' },
      { key: 'obligor', header: { zh: '债务人', en: 'Obligor' }, kind: 'text' },
      { key: 'date', header: { zh: '应收日', en: 'Due date' }, kind: 'date' },
      { key: 'principal', header: { zh: '本金', en: 'Principal' }, kind: 'money' },
      { key: 'interest', header: { zh: '利息', en: 'Interest' }, kind: 'money' },
      { key: 'total', header: { zh: '合计', en: 'Total' }, kind: 'money' },
      { key: 'endBalance', header: { zh: '剩余余额', en: 'Balance after' }, kind: 'money' },
    ],
    rows,
  };
}

