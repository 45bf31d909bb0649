/** Reports of the stress commands: stress table, break-even rates, obligor tests, Monte Carlo. */
import type { LoadedDeal } from '../io/loadDeal.js';
import type { McResult } from '../stress/montecarlo.js';
import type { MinimalSets, ObligorRun } from '../stress/obligors.js';
import type { StressRow } from '../stress/table.js';
import { Decimal } from '../util/money.js';
import type { Cell, Column, Label, Report, Section, TableSection } from './model.js';
import { trancheName } from './trancheName.js';
import { monteCarloCharts } from './chart/mcCharts.js';
import { obligorCharts, stressCharts } from './chart/sectionCharts.js';

const num = (x: number | undefined) => (x === undefined || Number.isNaN(x) ? undefined : new Decimal(x));
export const dealTitle = (deal: LoadedDeal) => deal.spec.meta.shortName ?? deal.spec.meta.name;

/** A tranche as the tables name it: its short name (else name), with its security code when it has one. */
export function trancheLabel(deal: LoadedDeal, id: string): string {
  const t = deal.spec.tranches.find((x) => x.id === id);
  return t ? trancheName(t, 'zh') : id;
}

/** What the lateness columns of `ipabs stress` mean. */
const STRESS_LATENESS_NOTE: Label = {
  zh: '本金清偿日：本金全部偿付的兑付日（—为未偿清，见损失）；逾期期数：晚于预期到期日的兑付期数；未按时支付利息：未在应付日足额支付的利息（其后补付或未付），精确到分',
  en: 'Repaid: the payment date the principal was repaid in full (—: unpaid, see loss); periods late: payment periods after the expected maturity; interest missed: interest not paid in full on its date (paid later or never), to the fen',
};

/** `ipabs stress`: one row per scenario. */
export function stressReport(deal: LoadedDeal, rows: readonly StressRow[], subtitle: Label[], lang: 'zh' | 'en', only?: readonly string[]): Report {
  const tranches = deal.spec.tranches.filter((t) => !only || only.includes(t.id));
  const columns: Column[] = [{ key: 'scenario', header: { zh: '情景', en: 'Scenario' }, kind: 'text' }];
  for (const t of tranches) {
    columns.push(
      { key: `${t.id}:loss`, header: { zh: `${t.id} 损失`, en: `${t.id} loss` }, kind: 'money' },
      { key: `${t.id}:lossRate`, header: { zh: `${t.id} 损失率`, en: `${t.id} loss rate` }, kind: 'percent' },
      { key: `${t.id}:wal`, header: { zh: `${t.id} 加权期限`, en: `${t.id} WAL` }, kind: 'number', decimals: 4 },
      { key: `${t.id}:final`, header: { zh: `${t.id} 最后兑付日`, en: `${t.id} final payment` }, kind: 'date' },
      { key: `${t.id}:repaid`, header: { zh: `${t.id} 本金清偿日`, en: `${t.id} repaid` }, kind: 'date' },
      { key: `${t.id}:late`, header: { zh: `${t.id} 逾期期数`, en: `${t.id} periods late` }, kind: 'int' },
      { key: `${t.id}:interestMissed`, header: { zh: `${t.id} 未按时支付利息`, en: `${t.id} interest missed` }, kind: 'money' },
    );
  }
  columns.push(
    { key: 'minCoverage', header: { zh: '最低覆盖倍数', en: 'Min coverage' }, kind: 'number' },
    { key: 'defaulted', header: { zh: '违约金额', en: 'Defaulted' }, kind: 'money' },
    { key: 'reserve', header: { zh: '储备金动用', en: 'Reserve drawn' }, kind: 'money' },
    { key: 'guarantee', header: { zh: '担保代偿', en: 'Guarantee paid' }, kind: 'money' },
    { key: 'undertaking', header: { zh: '差额支付', en: 'Undertaking paid' }, kind: 'money' },
    { key: 'liquidity', header: { zh: '流动性支持', en: 'Liquidity paid' }, kind: 'money' },
  );
  const body = rows.map((r) => {
    const row: Record<string, Cell> = { scenario: r.name[lang] };
    for (const t of r.tranches.filter((x) => !only || only.includes(x.id))) {
      row[`${t.id}:loss`] = t.loss;
      row[`${t.id}:lossRate`] = t.lossRate;
      row[`${t.id}:wal`] = num(t.wal);
      row[`${t.id}:final`] = t.finalPaymentDate;
      row[`${t.id}:repaid`] = t.repaidOn;
      row[`${t.id}:late`] = t.periodsLate;
      row[`${t.id}:interestMissed`] = t.interestMissed;
    }
    row['minCoverage'] = r.minCoverage;
    row['defaulted'] = r.defaulted;
    row['reserve'] = r.reserveDrawn;
    row['guarantee'] = r.guaranteeDrawn;
    row['undertaking'] = r.undertakingDrawn;
    row['liquidity'] = r.liquidityDrawn;
    return row;
  });
  return {
    title: { zh: `${dealTitle(deal)} 压力测试`, en: `${dealTitle(deal)}: stress test` },
    subtitle,
    sections: [{ type: 'table', id: 'stress', title: { zh: '压力情景结果', en: 'Stress scenarios' }, columns, rows: body }],
    charts: stressCharts([{ type: 'table', id: 'stress', title: { zh: '', en: '' }, columns, rows: body }]),
    notes: [STRESS_LATENESS_NOTE],
  };
}

/** The largest obligors defaulting, one more at a time: their balance and each tranche's loss and unpaid interest. */
function topObligorsSection(deal: LoadedDeal, top: readonly ObligorRun[], lang: 'zh' | 'en'): TableSection {
  const tranches = deal.spec.tranches;
  return {
    type: 'table',
    id: 'top',
    title: { zh: '最大债务人违约测试', en: 'Largest obligors defaulting' },
    columns: [
      { key: 'n', header: { zh: '违约户数', en: 'Obligors' }, kind: 'int' },
      { key: 'obligors', header: { zh: '违约债务人', en: 'Who' }, kind: 'text' },
      { key: 'balance', header: { zh: '违约余额', en: 'Balance' }, kind: 'money' },
      ...tranches.flatMap((t): Column[] => [
        { key: `${t.id}:loss`, header: { zh: `${t.id} 本金损失`, en: `${t.id} loss` }, kind: 'money' },
        { key: `${t.id}:shortfall`, header: { zh: `${t.id} 未付利息`, en: `${t.id} unpaid interest` }, kind: 'money' },
      ]),
    ],
    rows: top.map((r) => {
      const row: Record<string, Cell> = {
        n: r.obligors.length,
        obligors: r.obligors.map((o) => o.name).join(lang === 'zh' ? '、' : ', '),
        balance: r.obligors.reduce((a, o) => a.plus(o.balance), new Decimal(0)),
      };
      for (const t of tranches) {
        row[`${t.id}:loss`] = r.losses.get(t.id)!.loss;
        row[`${t.id}:shortfall`] = r.losses.get(t.id)!.interestShortfall;
      }
      return row;
    }),
  };
}

/** Per tranche, the smallest sets of obligors whose default makes it lose. */
function minimalSetsSection(deal: LoadedDeal, minimal: readonly MinimalSets[], lang: 'zh' | 'en'): TableSection {
  return {
    type: 'table',
    id: 'minimal',
    title: { zh: '导致损失的最小债务人组合', en: 'Smallest sets of obligors that make a tranche lose' },
    columns: [
      { key: 'tranche', header: { zh: '证券', en: 'Tranche' }, kind: 'text' },
      { key: 'size', header: { zh: '最少户数', en: 'Fewest obligors' }, kind: 'int' },
      { key: 'count', header: { zh: '组合数', en: 'Sets' }, kind: 'int' },
      { key: 'tried', header: { zh: '已测组合', en: 'Combinations run' }, kind: 'int' },
      { key: 'sets', header: { zh: '组合', en: 'Sets of obligors' }, kind: 'text' },
    ],
    rows: minimal.map((m) => ({
      tranche: trancheLabel(deal, m.trancheId),
      size: m.size,
      count: m.sets.length,
      tried: m.tried,
      sets:
        m.size === undefined
          ? lang === 'zh'
            ? '所测范围内无'
            : 'none within the sizes tried'
          : m.sets
              .slice(0, 12)
              .map((s) => `{${s.map((o) => o.name).join(lang === 'zh' ? '、' : ', ')}}`)
              .join(' ') + (m.sets.length > 12 ? ` … (+${m.sets.length - 12})` : ''),
    })),
  };
}

/** `ipabs obligors`: the largest obligors defaulting, and the smallest sets that make each tranche lose. */
export function obligorReport(deal: LoadedDeal, top: readonly ObligorRun[], minimal: readonly MinimalSets[] | undefined, assumptions: Label | readonly Label[], lang: 'zh' | 'en'): Report {
  const sections: Section[] = [topObligorsSection(deal, top, lang)];
  if (minimal) sections.push(minimalSetsSection(deal, minimal, lang));
  return {
    title: { zh: `${dealTitle(deal)} 债务人违约测试`, en: `${dealTitle(deal)}: obligor default tests` },
    subtitle: Array.isArray(assumptions) ? [...assumptions] : [assumptions as Label],
    sections,
    charts: obligorCharts(sections),
  };
}

/**
 * A histogram band as text: `0 (no loss)` / `无损失` for the paths without a loss, then
 * `(0%, 5%]`, `(5%, 10%]` … (a loss above the lower bound, up to and including the upper).
 */
export function lossBand(from: number, to: number, lang: 'zh' | 'en'): string {
  if (to === 0) return lang === 'zh' ? '无损失' : '0 (no loss)';
  const p = (x: number) => `${Number((x * 100).toFixed(6))}%`;
  return `(${p(from)}, ${p(to)}]`;
}

/**
 * The distribution of delay: per tranche, the paths whose principal was repaid in full 0, 1, 2 …
 * payment periods after the expected maturity, and never (unpaid).
 */
function delaySection(deal: LoadedDeal, r: McResult, lang: 'zh' | 'en'): Section {
  const seen = [...new Set(r.tranches.flatMap((t) => t.delay.map((d) => d.periods ?? Number.POSITIVE_INFINITY)))].sort((a, b) => a - b);
  const columns: Column[] = [
    { key: 'late', header: { zh: '逾期期数', en: 'Periods late' }, kind: 'text' },
  ];
  for (const t of r.tranches) {
    columns.push(
      { key: `${t.id}:paths`, header: { zh: `${trancheLabel(deal, t.id)} 路径数`, en: `${trancheLabel(deal, t.id)} paths` }, kind: 'int' },
      { key: `${t.id}:share`, header: { zh: `${trancheLabel(deal, t.id)} 占比`, en: `${trancheLabel(deal, t.id)} share` }, kind: 'percent', decimals: 4 },
    );
  }
  const rows = seen.map((p) => {
    const unpaid = p === Number.POSITIVE_INFINITY;
    const row: Record<string, Cell> = { late: unpaid ? (lang === 'zh' ? '未偿清' : 'unpaid') : String(p) };
    for (const t of r.tranches) {
      const paths = t.delay.find((d) => (d.periods ?? Number.POSITIVE_INFINITY) === p)?.paths ?? 0;
      row[`${t.id}:paths`] = paths;
      row[`${t.id}:share`] = new Decimal(r.paths ? paths / r.paths : 0);
    }
    return row;
  });
  return { type: 'table', id: 'delay', title: { zh: '本金逾期分布（相对预期到期日）', en: 'Delay of principal against the expected maturity' }, columns, rows };
}

/** Per tranche: expected loss, its standard error, the probability of a loss, loss percentiles, WAL and the probability of late principal. */
function lossSection(deal: LoadedDeal, r: McResult): TableSection {
  return {
    type: 'table',
    id: 'losses',
    title: { zh: '损失分布', en: 'Loss distribution' },
    columns: [
      { key: 'tranche', header: { zh: '证券', en: 'Tranche' }, kind: 'text' },
      { key: 'el', header: { zh: '预期损失率', en: 'Expected loss' }, kind: 'percent', decimals: 4 },
      { key: 'se', header: { zh: '标准误', en: 'Std error' }, kind: 'percent', decimals: 4 },
      { key: 'pl', header: { zh: '损失概率', en: 'P(loss)' }, kind: 'percent', decimals: 4 },
      { key: 'p95', header: { zh: '95%分位损失', en: 'Loss p95' }, kind: 'percent', decimals: 2 },
      { key: 'p99', header: { zh: '99%分位损失', en: 'Loss p99' }, kind: 'percent', decimals: 2 },
      { key: 'p999', header: { zh: '99.9%分位损失', en: 'Loss p99.9' }, kind: 'percent', decimals: 2 },
      { key: 'walMean', header: { zh: '平均加权期限', en: 'WAL mean' }, kind: 'number', decimals: 4 },
      { key: 'walP5', header: { zh: '期限5%分位', en: 'WAL p5' }, kind: 'number', decimals: 4 },
      { key: 'walP50', header: { zh: '期限中位数', en: 'WAL p50' }, kind: 'number', decimals: 4 },
      { key: 'walP95', header: { zh: '期限95%分位', en: 'WAL p95' }, kind: 'number', decimals: 4 },
      { key: 'pLate', header: { zh: '本金逾期概率', en: 'P(principal late)' }, kind: 'percent', decimals: 4 },
    ],
    rows: r.tranches.map((t) => ({
      tranche: trancheLabel(deal, t.id),
      el: new Decimal(t.expectedLoss),
      se: new Decimal(t.standardError),
      pl: new Decimal(t.probabilityOfLoss),
      p95: num(t.percentiles[0]!.loss),
      p99: num(t.percentiles[1]!.loss),
      p999: num(t.percentiles[2]!.loss),
      walMean: num(t.wal.mean),
      walP5: num(t.wal.p5),
      walP50: num(t.wal.p50),
      walP95: num(t.wal.p95),
      pLate: new Decimal(t.probabilityLate),
    })),
  };
}

/** A tranche's loss histogram: paths per loss band, with a bar of `#`. */
function histogramSection(deal: LoadedDeal, r: McResult, t: McResult['tranches'][number], lang: 'zh' | 'en'): TableSection {
  return {
    type: 'table',
    id: `histogram-${t.id}`,
    title: { zh: `${trancheLabel(deal, t.id)} 损失分布直方图`, en: `${trancheLabel(deal, t.id)} loss histogram` },
    columns: [
      { key: 'band', header: { zh: '损失率区间', en: 'Loss' }, kind: 'text' },
      { key: 'paths', header: { zh: '路径数', en: 'Paths' }, kind: 'int' },
      { key: 'share', header: { zh: '占比', en: 'Share' }, kind: 'percent', decimals: 3 },
      { key: 'bar', header: { zh: '', en: '' }, kind: 'text', textOnly: true },
    ],
    rows: t.histogram
      .filter((b, i) => i === 0 || b.paths > 0)
      .map((b) => ({
        band: lossBand(b.from, b.to, lang),
        paths: b.paths,
        share: new Decimal(r.paths ? b.paths / r.paths : 0),
        bar: '#'.repeat(r.paths ? Math.round((40 * b.paths) / r.paths) : 0),
      })),
  };
}

/** `ipabs montecarlo`: per tranche the loss distribution, WAL, and lateness against the expected maturity. */
export function monteCarloReport(deal: LoadedDeal, r: McResult, subtitle: Label[], lang: 'zh' | 'en' = 'zh'): Report {
  const sections: Section[] = [
    {
      type: 'kv',
      id: 'run',
      title: { zh: '模拟', en: 'Simulation' },
      items: [
        { key: 'paths', label: { zh: '路径数', en: 'Paths' }, value: r.paths, kind: 'int' },
        { key: 'seed', label: { zh: '随机种子', en: 'Seed' }, value: r.seed, kind: 'int' },
        { key: 'pathsWithDefaults', label: { zh: '发生违约的路径', en: 'Paths with a default' }, value: r.pathsWithDefaults, kind: 'int' },
        { key: 'distinctPatterns', label: { zh: '不同违约组合（瀑布运行次数）', en: 'Distinct default patterns (waterfall runs)' }, value: r.distinctPatterns, kind: 'int' },
      ],
    },
    lossSection(deal, r),
    delaySection(deal, r, lang),
  ];
  for (const t of r.tranches) sections.push(histogramSection(deal, r, t, lang));
  const charts = monteCarloCharts(r, (id) => trancheLabel(deal, id));
  return { title: { zh: `${dealTitle(deal)} 蒙特卡洛模拟`, en: `${dealTitle(deal)}: Monte Carlo` }, subtitle, sections, charts };
}
