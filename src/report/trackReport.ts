/**
 * The `ipabs track` report: each period's balance check, the triggers on the actual figures,
 * actual beside projected line by line with the variances, the cumulative default ratio both
 * ways, then the rest of the deal projected from the last actual period (the run report's
 * sections, ids prefixed `rest-`). The JSON contract is src/contract/trackResult.ts.
 */
import type { TrackResult } from '../engine/track.js';
import type { RunResult } from '../engine/types.js';
import { itemLabel } from '../io/actualsItems.js';
import { fenCell } from './fenCell.js';
import { column, type Cell, type Column, type Label, type Lang, type Report, type Section, type TableSection, type Unit } from './model.js';
import { runReport } from './runReport.js';
import { trancheName } from './trancheName.js';
import { trackCharts } from './chart/trackCharts.js';
import type { Money } from '../util/fen.js';
import { amountText } from './runEvents.js';

const PERIOD = { key: 'period', header: { zh: '期数', en: 'Period' }, kind: 'int' } as const;
const DATE = { key: 'date', header: { zh: '兑付日', en: 'Payment date' }, kind: 'date' } as const;
const WHAT: Record<'fires' | 'cured', Label> = { fires: { zh: '触发', en: 'fires' }, cured: { zh: '解除', en: 'cured' } };

/** A column of a track table. */
const col = column;

/** A table of the actual periods: period and payment date, then `columns`. */
function periodTable(id: string, title: Label, columns: Column[], rows: Record<string, Cell>[]): TableSection {
  return { type: 'table', id, title, columns: [PERIOD, DATE, ...columns], rows };
}

/** The name a report gives an object of the deal (a tranche by its short name and code, others by name). */
function objectName(r: RunResult, id: string, lang: Lang): string {
  const t = r.tranches.find((x) => x.id === id);
  if (t) return trancheName(t, lang);
  const named = [...r.fees, ...r.accounts, ...r.supports].find((x) => x.id === id);
  return named?.name && lang === 'zh' ? named.name : id;
}

function balanceSection(t: TrackResult, lang: Lang): TableSection {
  const check = (period: number) => (t.findings.some((f) => f.period === period) ? { zh: '不平衡', en: 'unbalanced' } : { zh: '平衡', en: 'balances' })[lang];
  return periodTable(
    'balance',
    { zh: '各期资金平衡检查（流入 = 流出 + 账户余额变动）', en: 'Each period balances (cash in = cash out + change in the accounts)' },
    [col('cashIn', '现金流入', 'Cash in', 'money'), col('cashOut', '现金流出', 'Cash out', 'money'), col('opening', '账户期初余额', 'Held at start', 'money'), col('closing', '账户期末余额', 'Held at end', 'money'), col('gap', '差额', 'Gap', 'money'), col('check', '检查', 'Check', 'text')],
    t.balances.map((b) => ({ period: b.period, date: b.date, cashIn: fenCell(b.cashIn), cashOut: fenCell(b.cashOut), opening: fenCell(b.opening), closing: fenCell(b.closing), gap: fenCell(b.gap), check: check(b.period) })),
  );
}

function triggerSection(t: TrackResult, lang: Lang): TableSection {
  const rows: Record<string, Cell>[] = [
    ...t.triggers.map((e) => ({ period: e.period, date: e.date, trigger: e.id, name: e.name, basis: lang === 'zh' ? '实际' : 'actual', event: WHAT[e.what][lang] })),
    ...t.projectedTriggers.map((e) => ({ period: e.period, date: e.date, trigger: e.id ?? null, name: e.name ?? null, basis: lang === 'zh' ? '预测' : 'projected', event: WHAT[e.detail === 'cured' ? 'cured' : 'fires'][lang] })),
  ].sort((a, b) => (a.period as number) - (b.period as number));
  return periodTable('triggers', { zh: '触发事件（按实际数据检验，并列预测）', en: 'Triggers tested on the actual figures, beside the projection' }, [col('trigger', '事件', 'Trigger', 'text'), col('name', '名称', 'Name', 'text'), col('basis', '依据', 'On', 'text'), col('event', '状态', 'Event', 'text')], rows);
}

function varianceSection(t: TrackResult, lang: Lang): TableSection {
  return periodTable(
    'variance',
    { zh: '实际与预测对比（差异 = 实际 − 预测）', en: 'Actual beside projected (variance = actual − projected)' },
    [col('item', '项目', 'Item', 'text'), col('object', '对象', 'Object', 'text'), col('objectId', '对象编号', 'Object id', 'text'), col('actual', '实际', 'Actual', 'money'), col('projected', '预测', 'Projected', 'money'), col('variance', '差异', 'Variance', 'money'), col('cumulative', '累计差异', 'Cumulative variance', 'money')],
    t.lines.map((l) => ({ period: l.period, date: l.date, item: itemLabel(l.item, t.assetTypes)[lang], object: l.object ? objectName(t.projected, l.object, lang) : null, objectId: l.object ?? null, actual: fenCell(l.actual), projected: fenCell(l.projected), variance: fenCell(l.variance), cumulative: fenCell(l.cumulative) })),
  );
}

function defaultSection(t: TrackResult): TableSection {
  return periodTable(
    'defaults',
    { zh: '累计违约率（累计违约金额 ÷ 初始资产池余额）', en: 'Cumulative default ratio (cumulative defaulted ÷ initial pool balance)' },
    [
      col('actual', '实际累计违约金额', 'Actual cumulative defaulted', 'money'),
      col('actualRatio', '实际累计违约率', 'Actual ratio', 'percent', 4),
      col('projected', '预测累计违约金额', 'Projected cumulative defaulted', 'money'),
      col('projectedRatio', '预测累计违约率', 'Projected ratio', 'percent', 4),
      col('variance', '差异', 'Variance', 'percent', 4),
    ],
    t.defaults.map((d) => ({ period: d.period, date: d.date, actual: fenCell(d.actual), actualRatio: d.actualRatio, projected: fenCell(d.projected), projectedRatio: d.projectedRatio, variance: d.actualRatio.minus(d.projectedRatio) })),
  );
}

function summarySection(t: TrackResult, lang: Lang): Section {
  const zh = lang === 'zh';
  const last = t.defaults[t.defaults.length - 1]!;
  return {
    type: 'kv',
    id: 'summary',
    title: { zh: '跟踪概要', en: 'Summary' },
    items: [
      { key: 'periods', label: { zh: '实际期数', en: 'Actual periods' }, value: t.periods, kind: 'int' },
      { key: 'lastDate', label: { zh: '最近兑付日', en: 'Last payment date' }, value: t.lastDate, kind: 'date' },
      { key: 'unbalanced', label: { zh: '不平衡期数', en: 'Periods that do not balance' }, value: new Set(t.findings.map((f) => f.period)).size, kind: 'int' },
      { key: 'fired', label: { zh: '实际触发的事件', en: 'Triggers in force on the actuals' }, value: t.end.fired.join(', ') || (zh ? '无' : 'none'), kind: 'text' },
      { key: 'defaultRatio', label: { zh: '实际累计违约率', en: 'Actual cumulative default ratio' }, value: last.actualRatio, kind: 'percent', decimals: 4 },
      { key: 'projectedDefaultRatio', label: { zh: '预测累计违约率', en: 'Projected cumulative default ratio' }, value: last.projectedRatio, kind: 'percent', decimals: 4 },
      { key: 'principalDue', label: { zh: '触发检验所用应付本金', en: 'Principal due in the trigger tests' }, value: principalDueBasis(t, lang), kind: 'text' },
      { key: 'statusFrom', label: { zh: '剩余期间预测的起点', en: 'The rest is projected from' }, value: statusFromText(t, lang), kind: 'text' },
    ],
  };
}

/** Where the rest starts from, in words: the status file, or the actuals (and whence the assets' statuses). */
function statusFromText(t: TrackResult, lang: Lang): string {
  const zh = lang === 'zh';
  if (t.statusFrom === 'file') return zh ? '存续状态文件（已与实际数据核对）' : 'the status file (checked against the actuals)';
  if (!t.namedDefaults.length) return zh ? '实际数据（资产状态按情景预测推至该日：假设）' : 'the actuals (asset statuses as the scenario projects them to that date: an assumption)';
  const ids = t.namedDefaults.map((d) => d.id).join(zh ? '、' : ', ');
  return zh ? `实际数据（${ids}按实际违约；其余资产状态按情景预测推至该日：假设）` : `the actuals (${ids} defaulted as they say; the other assets’ statuses as the scenario projects them to that date: an assumption)`;
}

/** The payment date of a 0-based period of the deal. */
const periodDate = (t: TrackResult, k: number): string => t.projected.pool.periods.find((p) => p.period === k + 1)?.date ?? '';

/** The notes on the assets of a status made from the actuals: each default they name, and the periods whose defaults name no asset. */
function assetNotes(t: TrackResult, unit: Unit): Label[] {
  if (t.statusFrom !== 'actuals' || !t.rest) return [];
  const named = t.namedDefaults.map((d): Label => {
    const [zh, en] = [(m: Money) => amountText(m, 'zh', unit), (m: Money) => amountText(m, 'en', unit)];
    const rest = d.pending.map((p) => `${zh(p.amount)}（${periodDate(t, p.period)}）`).join('');
    const restEn = d.pending.map((p) => `, ${en(p.amount)} to come on ${periodDate(t, p.period)}`).join('');
    return {
      zh: `${d.id}：${d.date}违约${zh(d.balance)}，截至${t.lastDate}已回收${zh(d.recovered)}，按情景回收率与回收期预计共回收${zh(d.expected)}${rest ? `，待回收${rest}` : ''}。`,
      en: `${d.id}: defaulted ${en(d.balance)} on ${d.date}, recovered ${en(d.recovered)} to ${t.lastDate}, expected to recover ${en(d.expected)} in all at the scenario’s rate and lag${restEn}.`,
    };
  });
  const unnamed = t.unnamedDefaults.length
    ? [{ zh: `第${t.unnamedDefaults.join('、')}期的违约金额未列明资产（对象/资产编号）：各资产状态按情景预测。`, en: `The 违约金额 of period${t.unnamedDefaults.length > 1 ? 's' : ''} ${t.unnamedDefaults.join(', ')} names no asset (对象 or 资产编号): the assets’ statuses come from the scenario.` }]
    : [];
  return [...named, ...unnamed];
}

/** Which principal due the coverage and missed-principal tests took: the file's 应付本金 (in which periods) or the projection's. */
function principalDueBasis(t: TrackResult, lang: Lang): string {
  const given = t.principalDueGiven;
  if (given.length === 0) return lang === 'zh' ? '预测值（文件未给出应付本金）' : 'the projection’s (the file gives no 应付本金)';
  if (given.length === t.periods) return lang === 'zh' ? '实际数据（应付本金）' : 'the actual 应付本金';
  return lang === 'zh' ? `第${given.join('、')}期取实际数据（应付本金），其余各期取预测值` : `the actual 应付本金 in period${given.length > 1 ? 's' : ''} ${given.join(', ')}, the projection’s in the others`;
}

/** The rest of the deal: the run report's sections and charts, ids prefixed `rest-`, titles saying so. */
function restPart(rest: RunResult | undefined, lang: Lang, unit: Unit): Pick<Report, 'sections' | 'charts'> {
  if (!rest) return { sections: [], charts: [] };
  const r = runReport(rest, lang, unit);
  const title = (l: Label): Label => ({ zh: `剩余期间预测：${l.zh}`, en: `The rest projected: ${l.en}` });
  return { sections: r.sections.map((s) => ({ ...s, id: `rest-${s.id}`, title: title(s.title) })), charts: (r.charts ?? []).map((c) => ({ ...c, id: `rest-${c.id}`, title: title(c.title) })) };
}

/** The human report of `ipabs track`. */
export function trackReport(t: TrackResult, lang: Lang, unit: Unit = 'yuan'): Report {
  const p = t.projected;
  const name = p.deal.shortName ?? p.deal.name;
  const rest = restPart(t.rest, lang, unit);
  const sections: Section[] = [summarySection(t, lang), balanceSection(t, lang), triggerSection(t, lang), varianceSection(t, lang), defaultSection(t), ...rest.sections];
  return {
    title: { zh: `${name} 存续期跟踪：实际与预测`, en: `${name}: actuals against the projection` },
    subtitle: [
      { zh: p.deal.name, en: p.deal.name },
      { zh: `预测情景：${p.scenario.name ?? '基准情景'}`, en: `Projected under: ${p.scenario.name ?? 'the base case'}` },
      { zh: `实际数据：第1–${t.periods}期（至 ${t.lastDate}）`, en: `Actual figures: periods 1–${t.periods} (to ${t.lastDate})` },
    ],
    sections,
    charts: [...trackCharts(t), ...rest.charts!],
    notes: [
      ...t.findings.map((f) => ({ zh: `第${f.period}期（${f.date}）不平衡：${f.message}`, en: `Period ${f.period} (${f.date}) does not balance: ${f.message}` })),
      ...(t.statusFrom === 'actuals' && t.rest
        ? [{ zh: '假设：未给出存续状态文件，剩余期间自实际数据推出的状态预测（证券余额与未付利息、账户余额、外部支持、累计违约与触发事件取实际数据；费用欠付取应付税费减实付（未给出的按情景预测）；各资产状态取情景预测至该日的结果）。', en: 'Assumed: no status file was given, so the rest is projected from the status the actuals leave (tranche balances and unpaid interest, account balances, supports, cumulative defaults and triggers from the actuals; fee arrears from 应付税费 less paid where given, else as projected; each asset’s status as the scenario projects it to that date).' }]
        : []),
      ...assetNotes(t, unit),
      { zh: '未列出的流入流出项目按0计；未给出期末余额的账户按期初余额计。触发事件按引擎同一检验、同一时点：违约计至当期回收期末，未付利息看上一兑付日；文件未给应付利息、应付本金时取预测值（概要中注明所用者）。', en: 'A line not given is zero; an account without a closing balance holds what it held. Triggers are the engine’s tests at the engine’s times: defaults counted to the end of the collection period, missed interest on the payment date before; without 应付利息 or 应付本金 the projection’s interest or principal due is used (the summary says which).' },
    ],
  };
}
