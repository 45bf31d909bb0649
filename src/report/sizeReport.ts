/** `ipabs size`: the sized structure, the rating scale it was sized on, and how it was searched. */
import type { LoadedDeal } from '../io/loadDeal.js';
import type { PrincipalBasis } from '../stress/breakeven.js';
import type { RatingScale } from '../stress/ratingScale.js';
import { stepText, type StructureRow } from '../stress/size.js';
import { toYuan, type Money } from '../util/fen.js';
import { Decimal } from '../util/money.js';
import type { Label, Report, Section } from './model.js';
import { sizeCharts } from './chart/sectionCharts.js';
import { scaleTable } from './ratingScaleTable.js';
import type { RunResult } from '../engine/types.js';

type StatusSummary = NonNullable<RunResult['status']>;

export interface SizeReportInput {
  deal: LoadedDeal;
  rows: readonly StructureRow[];
  scale: RatingScale;
  baseRate: Decimal;
  step: Money;
  basis: PrincipalBasis;
  /** Sized with external support (else on the pool and internal enhancement alone). */
  support: boolean;
  runs: number;
  /** Lines on the scenario the default rate is set on (recovery, lag). */
  scenarioLine: Label;
  /** The names of the scenarios a grade must hold in (the base case alone, or a preset's). */
  scenarioNames: readonly Label[];
  /** Sized from a status (a live deal): its date and the periods past. */
  status?: StatusSummary;
}

const CLASS: Record<StructureRow['class'], Label> = {
  senior: { zh: '优先级', en: 'senior' },
  mezzanine: { zh: '中间级', en: 'mezzanine' },
  subordinate: { zh: '次级', en: 'subordinate' },
};

const LIMIT: Record<NonNullable<StructureRow['limitedBy']>, Label> = {
  target: { zh: '目标评级（再加一档即不满足）', en: 'target (one step more fails it)' },
  floor: { zh: '下档证券保留一档', en: 'the tranche below keeps one step' },
};

const below = (lang: 'zh' | 'en') => (lang === 'zh' ? '低于量表' : 'below the scale');

function structureSection(x: SizeReportInput, lang: 'zh' | 'en'): Section {
  const grade = (g: StructureRow['withSupport']) => g.grade?.grade ?? below(lang);
  return {
    type: 'table',
    id: 'structure',
    title: { zh: '分层结构', en: 'Structure' },
    columns: [
      { key: 'tranche', header: { zh: '证券', en: 'Tranche' }, kind: 'text' },
      { key: 'name', header: { zh: '名称', en: 'Name' }, kind: 'text' },
      { key: 'class', header: { zh: '档次', en: 'Class' }, kind: 'text' },
      { key: 'target', header: { zh: '目标评级', en: 'Target' }, kind: 'text' },
      { key: 'balanceBefore', header: x.status ? { zh: '未偿余额', en: 'Outstanding' } : { zh: '原规模', en: 'Balance before' }, kind: 'money' },
      { key: 'balance', header: { zh: '测算规模', en: 'Balance' }, kind: 'money' },
      { key: 'share', header: { zh: '占比', en: 'Share' }, kind: 'percent' },
      { key: 'subordination', header: { zh: '次级支持', en: 'Subordination' }, kind: 'percent' },
      { key: 'breakevenWith', header: { zh: '临界违约率（含外部增信）', en: 'Break-even, with support' }, kind: 'percent', decimals: 4 },
      { key: 'breakevenWithout', header: { zh: '临界违约率（不含外部增信）', en: 'Break-even, structure alone' }, kind: 'percent', decimals: 4 },
      { key: 'multiple', header: { zh: '倍数', en: 'Multiple' }, kind: 'number' },
      { key: 'rating', header: { zh: '隐含评级', en: 'Implied rating' }, kind: 'text' },
      { key: 'multipleWithout', header: { zh: '倍数（不含外部增信）', en: 'Multiple, structure alone' }, kind: 'number' },
      { key: 'ratingWithout', header: { zh: '隐含评级（不含外部增信）', en: 'Rating, structure alone' }, kind: 'text' },
      { key: 'binding', header: { zh: '最低临界违约率所在情景', en: 'Lowest break-even in' }, kind: 'text' },
      { key: 'limitedBy', header: { zh: '规模上限来自', en: 'Limited by' }, kind: 'text' },
      ...(x.status
        ? [
            { key: 'multipleNow', header: { zh: '倍数（现余额）', en: 'Multiple, as it stands' }, kind: 'number' as const },
            { key: 'ratingNow', header: { zh: '隐含评级（现余额）', en: 'Implied rating, as it stands' }, kind: 'text' as const },
          ]
        : []),
    ],
    rows: x.rows.map((r) => {
      const sized = x.support ? r.withSupport : r.withoutSupport;
      return {
        tranche: r.id,
        name: r.name,
        class: CLASS[r.class][lang],
        target: r.target?.grade,
        balanceBefore: toYuan(r.before),
        balance: toYuan(r.after),
        share: r.share,
        subordination: r.subordination,
        breakevenWith: new Decimal(r.withSupport.rate),
        breakevenWithout: new Decimal(r.withoutSupport.rate),
        multiple: sized.multiple,
        rating: grade(sized),
        multipleWithout: r.withoutSupport.multiple,
        ratingWithout: grade(r.withoutSupport),
        binding: x.scenarioNames[sized.scenario]?.[lang],
        limitedBy: r.limitedBy ? LIMIT[r.limitedBy][lang] : undefined,
        ...(r.current ? { multipleNow: (x.support ? r.current.withSupport : r.current.withoutSupport).multiple, ratingNow: grade(x.support ? r.current.withSupport : r.current.withoutSupport) } : {}),
      };
    }),
    total: { tranche: lang === 'zh' ? '合计' : 'Total', balanceBefore: toYuan(sumOf(x.rows, 'before')), balance: toYuan(sumOf(x.rows, 'after')), share: new Decimal(1) },
  };
}

const sumOf = (rows: readonly StructureRow[], key: 'before' | 'after'): Money => rows.reduce((a, r) => (a + r[key]) as Money, 0 as Money);

/** The report of `ipabs size`. */
export function sizeReport(x: SizeReportInput, lang: 'zh' | 'en'): Report {
  const report = sizeTables(x, lang);
  return { ...report, charts: sizeCharts(report.sections) };
}

function sizeTables(x: SizeReportInput, lang: 'zh' | 'en'): Report {
  const title = x.deal.spec.meta.shortName ?? x.deal.spec.meta.name;
  const pct = (d: Decimal) => `${d.times(100).toDecimalPlaces(4).toString()}%`;
  const basis: Label = x.basis === 'expected' ? { zh: '预期到期日', en: 'expected maturity' } : { zh: '法定到期日', en: 'legal maturity' };
  return {
    title: { zh: `${title} 分层规模测算`, en: `${title}: tranche sizing` },
    subtitle: [
      {
        zh: `${x.support ? '含外部增信' : '不含外部增信（仅资产池与内部增信）'}测算；基准累计违约率 ${pct(x.baseRate)}；目标违约率 = 倍数 × 基准；按期足额付息、本金于${basis.zh}前足额偿付；步长 ${stepText(x.step)}；${x.status ? '未偿余额合计不变' : '发行规模不变'}`,
        en: `Sized ${x.support ? 'with external support' : 'without external support (pool and internal enhancement alone)'}; base cumulative default rate ${pct(x.baseRate)}; TDR = multiple × base; timely interest and principal in full by the ${basis.en}; step ${stepText(x.step)}; ${x.status ? 'outstanding total kept' : 'issue size kept'}`,
      },
      x.scenarioLine,
      ...(x.scenarioNames.length > 1
        ? [{ zh: `每个级别须在全部 ${x.scenarioNames.length} 个情景中满足（违约率设为目标违约率）；临界违约率取各情景最低值`, en: `Each grade must hold in all ${x.scenarioNames.length} scenarios (default rate set to the TDR); break-evens are the lowest over them` }]
        : []),
      { zh: `评级量表：${x.scale.source}`, en: `Rating scale: ${x.scale.source}` },
      ...(x.status
        ? [
            {
              zh: `自存续状态起：状态日 ${x.status.asOf}，已过 ${x.status.periodsPast} 期（最近兑付日 ${x.status.lastPaymentDate}）`,
              en: `From a status: as of ${x.status.asOf}, ${x.status.periodsPast} period${x.status.periodsPast === 1 ? '' : 's'} past (last payment date ${x.status.lastPaymentDate})`,
            },
            {
              zh: '自存续状态测算：调整的是状态日各档未偿余额（合计不变）；资产池为剩余资产池，账户、增信与状态日所载一致；目标违约率按初始资产池计、作用于剩余资产池（状态日前的违约以状态所载为准）；“现余额”列为各档按状态日未偿余额的隐含评级',
              en: 'Sized from a status: the outstanding balances on its date move (their total kept); the pool is what is left, the accounts, supports and deal state are the status’s; a TDR is a rate over the initial pool applied to the remaining pool (defaults before the status date are the status’s own); “as it stands” is each tranche’s implied rating at its outstanding balance',
            },
          ]
        : []),
    ],
    sections: [
      structureSection(x, lang),
      scaleTable(x.scale.notches, x.baseRate, 'size'),
      {
        type: 'kv',
        id: 'search',
        title: { zh: '搜索', en: 'Search' },
        items: [
          { key: 'step', label: { zh: '步长', en: 'Step' }, value: toYuan(x.step), kind: 'money' },
          { key: 'runs', label: { zh: '搜索中瀑布运行次数', en: 'Waterfall runs in the search' }, value: x.runs, kind: 'int' },
        ],
      },
    ],
    notes: [
      {
        zh: '只调整目标证券及其下一档证券的规模；票面利率、到期日、资产池、储备金额、增信上限、触发条件与支付顺序不变；按证券余额计提的费用随新规模变化',
        en: 'Only the balances of each targeted tranche and the tranche below it move; coupons, maturities, the pool, reserve amounts, support caps, triggers and the waterfall are kept; fees on tranche balances follow the new balances',
      },
    ],
  };
}
