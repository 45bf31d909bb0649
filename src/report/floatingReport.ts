/**
 * What a run on floating rates adds to its report: the coupon in force per period beside a
 * floating tranche's cash flows, and the index paths the run read (fixings, and the projected
 * values that are assumptions, shifted or replaced as the scenario says).
 */
import type { IndexPathUsed } from '../engine/coupons.js';
import type { TrancheResult } from '../engine/types.js';
import type { Column, Lang, TableSection } from './model.js';

/** The coupon column of a floating tranche's cash-flow table (none for a fixed coupon). */
export function couponColumn(t: TrancheResult): Column[] {
  return t.coupons ? [{ key: 'coupon', header: { zh: '票面利率', en: 'Coupon' }, kind: 'rate', decimals: 4 }] : [];
}

/** The coupon in force of period `k` (0-based), for a floating tranche's row. */
export function couponCell(t: TrancheResult, k: number): { coupon?: TrancheResult['coupon'] } {
  return t.coupons ? { coupon: t.coupons[k] } : {};
}

const KIND = {
  fixing: { zh: '已公布', en: 'fixing' },
  assumed: { zh: '假设', en: 'assumed' },
  carried: { zh: '已公布，其后按此值平移', en: 'fixing, carried flat after it' },
};

/** What a value of a path is: a fixing, or an assumption (shifted as the scenario says). */
function kindOf(p: IndexPathUsed, i: number, lang: Lang): string {
  const v = p.values[i]!;
  const shift = p.shiftBp ? ` ${p.shiftBp > 0 ? '+' : ''}${p.shiftBp}bp` : '';
  if (v.projected) return `${KIND.assumed[lang]}${shift}`;
  // The last fixing with nothing after it is carried flat: a scenario's shift moves it from then on.
  return i === p.values.length - 1 && shift ? `${KIND.carried[lang]}${shift}` : KIND.fixing[lang];
}

/** The index paths a run read: one row per value, fixings apart from projected values (assumptions). */
export function indexPathSection(paths: readonly IndexPathUsed[], lang: Lang): TableSection {
  return {
    type: 'table',
    id: 'index-paths',
    title: { zh: '基准利率路径（预测值为假设）', en: 'Index paths used (projected values are assumptions)' },
    columns: [
      { key: 'index', header: { zh: '基准利率', en: 'Index' }, kind: 'text' },
      { key: 'date', header: { zh: '生效日', en: 'From' }, kind: 'date' },
      { key: 'value', header: { zh: '利率', en: 'Value' }, kind: 'rate', decimals: 4 },
      { key: 'kind', header: { zh: '来源', en: 'Kind' }, kind: 'text' },
    ],
    rows: paths.flatMap((p) =>
      p.values.map((v, i) => ({ index: p.name, date: v.date, value: v.value, kind: kindOf(p, i, lang) })),
    ),
  };
}
