/**
 * `ipabs breakeven`: per scenario and tranche, the break-even default rate with and without
 * external support, on each principal basis asked for (the headline one in the first columns,
 * the other beside it with the basis in its key and header), and the implied ratings.
 */
import type { LoadedDeal } from '../io/loadDeal.js';
import type { PrincipalBasis } from '../stress/breakeven.js';
import { BASIS_LABEL, BASIS_TAG, type BreakevenRow, type TrancheRating } from '../stress/breakevenRows.js';
import { Decimal } from '../util/money.js';
import type { Cell, Column, Label, Report, Section, TableSection } from './model.js';
import { dealTitle, trancheLabel } from './stressReports.js';
import { breakevenCharts } from './chart/sectionCharts.js';
import { notchesOf, scaleTable } from './ratingScaleTable.js';

/** The key suffix of a basis shown beside the headline one: `withLegal`, `minWithoutExpected`. */
const SUFFIX: Record<PrincipalBasis, string> = { expected: 'Expected', legal: 'Legal' };

const withBasis = (l: Label, basis: PrincipalBasis): Label => ({ zh: l.zh.endsWith('）') ? `${l.zh.slice(0, -1)}，${BASIS_TAG[basis].zh}）` : `${l.zh}（${BASIS_TAG[basis].zh}）`, en: `${l.en} (${BASIS_TAG[basis].en})` });

function breakevenColumns(bases: readonly PrincipalBasis[]): Column[] {
  const [head, ...others] = bases;
  const h = head ?? 'expected';
  const pct = (key: string, header: Label): Column => ({ key, header, kind: 'percent', decimals: 4 });
  return [
    { key: 'scenario', header: { zh: '情景', en: 'Scenario' }, kind: 'text' },
    { key: 'tranche', header: { zh: '证券', en: 'Tranche' }, kind: 'text' },
    pct('with', withBasis({ zh: '临界违约率（含外部增信）', en: 'With external support' }, h)),
    pct('withRealized', withBasis({ zh: '实际违约（含外部增信）', en: 'Defaults realised, with support' }, h)),
    pct('without', withBasis({ zh: '临界违约率（不含外部增信）', en: 'Structure alone' }, h)),
    pct('withoutRealized', withBasis({ zh: '实际违约（不含外部增信）', en: 'Defaults realised, structure alone' }, h)),
    { key: 'multipleWith', header: { zh: '对基准违约率倍数', en: 'Times base rate' }, kind: 'number' },
    ...others.flatMap((b) => [
      pct(`with${SUFFIX[b]}`, withBasis({ zh: '临界违约率（含外部增信）', en: 'With external support' }, b)),
      pct(`without${SUFFIX[b]}`, withBasis({ zh: '临界违约率（不含外部增信）', en: 'Structure alone' }, b)),
    ]),
  ];
}

function ratingColumns(bases: readonly PrincipalBasis[]): Column[] {
  return [
    { key: 'tranche', header: { zh: '证券', en: 'Tranche' }, kind: 'text' },
    ...bases.flatMap((b, j): Column[] => {
      const s = j === 0 ? '' : SUFFIX[b];
      return [
        { key: `minWith${s}`, header: withBasis({ zh: '最低临界违约率（含外部增信）', en: 'Lowest break-even, with support' }, b), kind: 'percent', decimals: 4 },
        { key: `multipleWith${s}`, header: withBasis({ zh: '倍数（含外部增信）', en: 'Multiple, with support' }, b), kind: 'number' },
        { key: `gradeWith${s}`, header: withBasis({ zh: '隐含评级（含外部增信）', en: 'Implied rating, with support' }, b), kind: 'text' },
        { key: `minWithout${s}`, header: withBasis({ zh: '最低临界违约率（不含外部增信）', en: 'Lowest break-even, structure alone' }, b), kind: 'percent', decimals: 4 },
        { key: `multipleWithout${s}`, header: withBasis({ zh: '倍数（不含外部增信）', en: 'Multiple, structure alone' }, b), kind: 'number' },
        { key: `gradeWithout${s}`, header: withBasis({ zh: '隐含评级（不含外部增信）', en: 'Implied rating, structure alone' }, b), kind: 'text' },
      ];
    }),
  ];
}

/** Per scenario and tranche, the break-even rates on each basis. */
function breakevenSection(deal: LoadedDeal, rows: readonly BreakevenRow[], bases: readonly PrincipalBasis[], baseRate: number | undefined, lang: 'zh' | 'en'): TableSection {
  return {
    type: 'table',
    id: 'breakeven',
    title: { zh: '临界违约率', en: 'Break-even cumulative default rate' },
    columns: breakevenColumns(bases),
    rows: rows.map((r) => {
      const [head, ...others] = r.bases;
      const row: Record<string, Cell> = {
        scenario: r.scenario[lang],
        tranche: trancheLabel(deal, r.tranche),
        with: new Decimal(head!.withSupport.rate),
        withRealized: new Decimal(head!.withSupport.realized),
        without: new Decimal(head!.withoutSupport.rate),
        withoutRealized: new Decimal(head!.withoutSupport.realized),
        multipleWith: baseRate ? new Decimal(head!.withSupport.rate / baseRate) : undefined,
      };
      for (const b of others) {
        row[`with${SUFFIX[b.basis]}`] = new Decimal(b.withSupport.rate);
        row[`without${SUFFIX[b.basis]}`] = new Decimal(b.withoutSupport.rate);
      }
      return row;
    }),
  };
}

/** Per tranche, the lowest break-even on each basis, its multiple of the base rate and the grade it earns (`below` when none). */
function ratingsSection(deal: LoadedDeal, ratings: readonly TrancheRating[], bases: readonly PrincipalBasis[], baseRate: number | undefined, below: string): TableSection {
  const times = (rate: number) => (baseRate ? new Decimal(rate).div(baseRate) : undefined);
  return {
    type: 'table',
    id: 'ratings',
    title: { zh: '隐含评级', en: 'Implied rating' },
    columns: ratingColumns(bases),
    rows: ratings.map((r) => {
      const row: Record<string, Cell> = { tranche: trancheLabel(deal, r.tranche) };
      r.bases.forEach((b, j) => {
        const s = j === 0 ? '' : SUFFIX[b.basis];
        row[`minWith${s}`] = new Decimal(b.minWith);
        row[`multipleWith${s}`] = times(b.minWith);
        row[`multipleWithout${s}`] = times(b.minWithout);
        row[`gradeWith${s}`] = b.gradeWith ?? below;
        row[`minWithout${s}`] = new Decimal(b.minWithout);
        row[`gradeWithout${s}`] = b.gradeWithout ?? below;
      });
      return row;
    }),
  };
}

/** `ipabs breakeven`: the break-even table, the implied ratings and (with a base rate) the target default rates. */
export function breakevenReport(
  deal: LoadedDeal,
  rows: readonly BreakevenRow[],
  ratings: readonly TrancheRating[],
  baseRate: number | undefined,
  multipliers: readonly { grade: string; multiplier: number }[],
  lang: 'zh' | 'en',
  notes: Label[] = [],
): Report {
  const bases = rows[0]?.bases.map((b) => b.basis) ?? ratings[0]?.bases.map((b) => b.basis) ?? ['expected'];
  // Below the lowest grade of the scale.
  const lowest = [...multipliers].sort((a, b) => a.multiplier - b.multiplier)[0]?.grade ?? '';
  const below = lang === 'zh' ? `${lowest}以下` : `below ${lowest}`;
  const sections: Section[] = [
    breakevenSection(deal, rows, bases, baseRate, lang),
    ratingsSection(deal, ratings, bases, baseRate, below),
    {
      type: 'kv',
      id: 'basis',
      title: { zh: '本金偿付基准', en: 'Principal basis' },
      items: [
        { key: 'principalBy', label: { zh: '主列', en: 'Headline columns' }, value: bases[0], kind: 'text' },
        { key: 'alsoBy', label: { zh: '另列', en: 'Also shown' }, value: bases.slice(1).join(',') || undefined, kind: 'text' },
      ],
    },
  ];
  if (baseRate !== undefined) sections.push(scaleTable(notchesOf(multipliers), new Decimal(baseRate), 'breakeven'));
  const also = bases.slice(1).map((b) => BASIS_LABEL[b]);
  return {
    title: { zh: `${dealTitle(deal)} 临界违约率`, en: `${dealTitle(deal)}: break-even default rates` },
    subtitle: [
      baseRate !== undefined
        ? { zh: `基准累计违约率 ${(baseRate * 100).toFixed(4)}%；二分法精度0.01bp`, en: `Base cumulative default rate ${(baseRate * 100).toFixed(4)}%; bisection to 0.01 bp` }
        : { zh: '二分法精度0.01bp', en: 'Bisection to 0.01 bp' },
      {
        zh: '临界违约率为情景设定的累计违约率；实际违约为该情景下实际发生的违约占初始资产池的比例（后期余额不足时低于设定值）',
        en: 'The break-even rate is the scenario’s cumulative default rate; defaults realised are what it really defaults, over the initial pool (less when late defaults find too little balance left)',
      },
      {
        zh: `通过标准：每期利息按时足额支付，${BASIS_LABEL[bases[0]!].zh}足额偿付${also.length ? `（另列：${also.map((l) => l.zh).join('、')}）` : ''}`,
        en: `Passing: every interest payment in full on its date, ${BASIS_LABEL[bases[0]!].en}${also.length ? ` (also shown: ${also.map((l) => l.en).join(', ')})` : ''}`,
      },
    ],
    sections,
    charts: breakevenCharts(sections),
    notes,
  };
}
