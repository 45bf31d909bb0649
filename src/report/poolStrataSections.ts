/** The pool report's concentration tables: the top obligors, each stratum, the IP rights. */
import type { LoadedDeal } from '../io/loadDeal.js';
import { obligorTotals, type PoolStats } from '../analytics/poolStats.js';
import type { StratumKey } from '../analytics/strata.js';
import { sum, ZERO } from '../util/money.js';
import type { Label, Lang, TableSection } from './model.js';
import type { AssetLabels } from '../pool/assets/model.js';

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

/** The label of a total row. */
export const TOTAL: Record<Lang, string> = { zh: '合计', en: 'Total' };

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The ten largest obligors: balance, contracts, share and cumulative share. */
export function topObligorSection(s: PoolStats, deal: LoadedDeal, labels: AssetLabels): TableSection {
  const one = labels.obligor;
  // From a status, obligors that owe nothing more (repaid, defaulted) are not in the pool.
  const top = obligorTotals(deal.assets, s.balances)
    .filter((o) => o.amount.gt(0) || s.balances.every((b) => b.isZero()))
    .slice(0, 10);
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

/** One stratum: per label its balance and count and their shares, and the total. */
export function stratumSection(key: StratumKey, rows: PoolStats['strata'][number]['rows'], labels: AssetLabels, lang: Lang): TableSection {
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

/** The number of IP rights per IP type, and the contracts that do not state one. */
export function ipRightsSection(rows: NonNullable<PoolStats['ipRights']>, lang: Lang): TableSection {
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
