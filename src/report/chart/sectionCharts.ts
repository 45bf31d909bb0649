/**
 * Charts drawn from a report's own tables (the figures the page prints beside them): pool
 * strata and cash flows, the stress grid as heat maps, break-even rates against the rating
 * scale, obligor defaults, tranche sizing.
 */
import type { Cell, Chart, Column, Label, Section, TableSection } from '../model.js';

const TRANCHE: Label = { zh: '证券', en: 'Tranche' };
const DEFAULT_RATE: Label = { zh: '违约率', en: 'Default rate' };

function table(sections: readonly Section[], id: string): TableSection | undefined {
  const s = sections.find((x) => x.id === id);
  return s?.type === 'table' ? s : undefined;
}

const column = (t: TableSection, key: string): Column | undefined => t.columns.find((c) => c.key === key);
const text = (v: Cell): string => (v === null || v === undefined ? '' : String(v));

/** A series of a table's column (its header as the series name). */
function seriesOf(t: TableSection, key: string): { name: Label; values: Cell[] } {
  return { name: column(t, key)?.header ?? { zh: key, en: key }, values: t.rows.map((r) => r[key]) };
}

const STRATA = ['industry', 'ipType', 'sizeBand', 'region', 'remainingTerm'];

/** `ipabs pool`: a bar chart of each stratum's balances; with --cashflows, the contractual flows per period. */
export function poolCharts(sections: readonly Section[]): Chart[] {
  const charts: Chart[] = [];
  for (const key of STRATA) {
    const t = table(sections, key);
    if (!t) continue;
    charts.push({
      id: key,
      title: t.title,
      kind: 'bar',
      valueKind: 'money',
      horizontal: true,
      x: t.rows.map((r) => text(r['label'])),
      xTitle: column(t, 'label')!.header,
      yTitle: { zh: '余额', en: 'Balance' },
      series: [seriesOf(t, 'amount')],
    });
  }
  const flows = table(sections, 'cashflows');
  if (flows) {
    const dated = { ...flows, rows: flows.rows.filter((r) => r['paymentDate']) };
    charts.push({
      id: 'cashflows',
      title: flows.title,
      kind: 'stack',
      valueKind: 'money',
      x: dated.rows.map((r) => text(r['paymentDate'])),
      xTitle: { zh: '兑付日', en: 'Payment date' },
      yTitle: { zh: '金额', en: 'Amount' },
      series: [seriesOf(dated, 'principal'), seriesOf(dated, 'interest')],
    });
  }
  return charts;
}

/** A heat map of one figure of the stress table: a row per scenario, a column per tranche. */
function stressHeat(t: TableSection, tranches: readonly string[], suffix: string, id: string, title: Label, valueKind: Chart['valueKind']): Chart {
  return {
    id,
    title,
    kind: 'heatmap',
    valueKind,
    x: [...tranches],
    xTitle: TRANCHE,
    yTitle: { zh: '情景', en: 'Scenario' },
    series: t.rows.map((r) => ({ name: { zh: text(r['scenario']), en: text(r['scenario']) }, values: tranches.map((id) => r[`${id}${suffix}`]) })),
  };
}

const isPositive = (v: Cell) => v !== null && v !== undefined && Number(String(v)) > 0;

/** `ipabs stress`: the loss rates as a heat map, and the periods late when any tranche is late. */
export function stressCharts(sections: readonly Section[]): Chart[] {
  const t = table(sections, 'stress');
  if (!t) return [];
  const tranches = t.columns.filter((c) => c.key.endsWith(':lossRate')).map((c) => c.key.slice(0, -':lossRate'.length));
  const charts = [stressHeat(t, tranches, ':lossRate', 'stress-loss', { zh: '各情景证券损失率', en: 'Tranche loss rate by scenario' }, 'percent')];
  if (t.rows.some((r) => tranches.some((id) => isPositive(r[`${id}:late`])))) {
    charts.push(stressHeat(t, tranches, ':late', 'stress-late', { zh: '各情景本金逾期期数', en: 'Periods of principal late by scenario' }, 'int'));
  }
  return charts;
}

/** The rating scale's target default rates as reference lines: a table with `grade` and `tdr`. */
function scaleMarks(t: TableSection | undefined): Chart['marks'] {
  return t?.rows.filter((r) => r['tdr'] !== undefined).map((r) => ({ name: { zh: text(r['grade']), en: text(r['grade']) }, value: r['tdr'] }));
}

/** Break-even rates per tranche (bars) against the rating scale's target default rates (lines). */
function breakevenChart(id: string, x: string[], series: Chart['series'], marks: Chart['marks']): Chart {
  const title = { zh: '临界违约率与评级量表', en: 'Break-even default rates against the rating scale' };
  return { id, title, kind: 'bar', valueKind: 'percent', x, xTitle: TRANCHE, yTitle: DEFAULT_RATE, series, marks };
}

/** `ipabs breakeven`: each tranche's lowest break-even rate, with support and without, against the grades' target default rates. */
export function breakevenCharts(sections: readonly Section[]): Chart[] {
  const t = table(sections, 'ratings');
  if (!t || t.rows.length === 0) return [];
  return [breakevenChart('breakeven', t.rows.map((r) => text(r['tranche'])), [seriesOf(t, 'minWith'), seriesOf(t, 'minWithout')], scaleMarks(table(sections, 'tdr')))];
}

/** `ipabs obligors`: the balance defaulted and each tranche's loss as more of the largest obligors default. */
export function obligorCharts(sections: readonly Section[]): Chart[] {
  const t = table(sections, 'top');
  if (!t || t.rows.length === 0) return [];
  const losses = t.columns.filter((c) => c.key.endsWith(':loss')).map((c) => seriesOf(t, c.key));
  return [
    {
      id: 'obligors',
      title: { zh: '最大债务人违约：违约余额与证券损失', en: 'Largest obligors defaulting: balance and tranche losses' },
      kind: 'bar',
      valueKind: 'money',
      x: t.rows.map((r) => text(r['n'])),
      xTitle: { zh: '违约户数', en: 'Obligors defaulting' },
      yTitle: { zh: '金额', en: 'Amount' },
      series: [seriesOf(t, 'balance'), ...losses],
    },
  ];
}

/** `ipabs size`: balances before and after sizing, and the break-even rates against the scale. */
export function sizeCharts(sections: readonly Section[]): Chart[] {
  const t = table(sections, 'structure');
  if (!t || t.rows.length === 0) return [];
  const x = t.rows.map((r) => text(r['tranche']));
  return [
    { id: 'size', title: { zh: '分层规模：原规模与测算规模', en: 'Tranche balances before and after sizing' }, kind: 'bar', valueKind: 'money', x, xTitle: TRANCHE, yTitle: { zh: '规模', en: 'Balance' }, series: [seriesOf(t, 'balanceBefore'), seriesOf(t, 'balance')] },
    breakevenChart('size-breakeven', x, [seriesOf(t, 'breakevenWith'), seriesOf(t, 'breakevenWithout')], scaleMarks(table(sections, 'scale'))),
  ];
}
