/** The 每百元本息 section of the `run` report: a tranche's payments per 100 yuan of issued face (../analytics/perHundred.ts). */
import { perHundred } from '../analytics/perHundred.js';
import type { TrancheResult } from '../engine/types.js';
import type { Label, Lang, TableSection } from './model.js';
import { trancheName } from './trancheName.js';
import { sum } from '../util/money.js';

const four = { kind: 'number' as const, decimals: 4 };

/** How the figures are rounded, for the report's notes. */
export const PER_HUNDRED_NOTE: Label = {
  zh: '每百元本息：按每百元发行面值计，四舍五入至0.0001元；本金按累计额取整后逐期相减，故本金合计恰为100.0000元、剩余面值 = 100 − 累计已还本金；利息与超额收益逐期取整。',
  en: 'Per 100 yuan of face: per 100 yuan of issued face, rounded half up to 0.0001 yuan; principal is rounded cumulatively and differenced, so it sums to exactly 100.0000 and the remaining face is 100 less the principal repaid; interest and residual are rounded on each date.',
};

/** The section `per100-<id>`. */
export function perHundredSection(t: TrancheResult, lang: Lang): TableSection {
  const rows = perHundred(t.periods, t.balance);
  const hasResidual = rows.some((r) => r.residual.gt(0));
  return {
    type: 'table',
    id: `per100-${t.id}`,
    title: { zh: `${trancheName(t, 'zh')} 每百元本息（元）`, en: `${trancheName(t, 'en')}: payments per 100 yuan of face (CNY)` },
    columns: [
      { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' },
      { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' },
      { key: 'interest', header: { zh: '利息', en: 'Interest' }, ...four },
      { key: 'principal', header: { zh: '本金', en: 'Principal' }, ...four },
      ...(hasResidual ? [{ key: 'residual', header: { zh: '超额收益', en: 'Residual' }, ...four }] : []),
      { key: 'total', header: { zh: '本息合计', en: 'Total' }, ...four },
      { key: 'remainingFace', header: { zh: '剩余面值', en: 'Remaining face' }, ...four },
    ],
    rows: rows.map((r) => ({ ...r })),
    total: {
      date: lang === 'zh' ? '合计' : 'Total',
      interest: sum(rows.map((r) => r.interest)),
      principal: sum(rows.map((r) => r.principal)),
      residual: sum(rows.map((r) => r.residual)),
      total: sum(rows.map((r) => r.total)),
    },
  };
}
