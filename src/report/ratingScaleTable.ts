/**
 * The rating scale as a table: per grade its break-even multiple and its target default rate
 * (TDR = multiple × base cumulative default rate, at most 100%, as {@link targetDefaultRate}
 * says and the implied ratings use). One definition serves `ipabs breakeven` (section `tdr`) and
 * `ipabs size` (section `scale`); each keeps the section id, title and the multiple's column key
 * and header it has always written (`multiplier` 压力乘数, `multiple` 倍数), so programs reading
 * the JSON keep working (src/contract/reports.ts states both, apart from this code).
 */
import { Decimal } from '../util/money.js';
import { targetDefaultRate, type Notch } from '../stress/ratingScale.js';
import type { Column, Label, TableSection } from './model.js';

/** How a command shows the scale: its section id and title, and the multiple's column. */
interface ScaleTableStyle {
  id: string;
  title: Label;
  multiple: Column;
}

/** The commands that show the scale: `breakeven` (target default rates) and `size` (the scale it sized on). */
export type ScaleTableKind = 'breakeven' | 'size';

const STYLES: Record<ScaleTableKind, ScaleTableStyle> = {
  breakeven: {
    id: 'tdr',
    title: { zh: '目标违约率', en: 'Target default rates' },
    multiple: { key: 'multiplier', header: { zh: '压力乘数', en: 'Multiplier' }, kind: 'number', decimals: 2 },
  },
  size: {
    id: 'scale',
    title: { zh: '评级量表（临界违约率倍数）', en: 'Rating scale (break-even multiples)' },
    multiple: { key: 'multiple', header: { zh: '倍数', en: 'Multiple' }, kind: 'number' },
  },
};

/** Grades given as `{ grade, multiplier }` (the break-even command's form) as notches. */
export function notchesOf(multipliers: readonly { grade: string; multiplier: number }[]): Notch[] {
  return multipliers.map((m) => ({ grade: m.grade, multiple: new Decimal(m.multiplier) }));
}

/** The scale's grades in the order given, each with its multiple and target default rate. */
export function scaleTable(notches: readonly Notch[], baseRate: Decimal, kind: ScaleTableKind): TableSection {
  const style = STYLES[kind];
  return {
    type: 'table',
    id: style.id,
    title: style.title,
    columns: [
      { key: 'grade', header: { zh: '级别', en: 'Grade' }, kind: 'text' },
      style.multiple,
      { key: 'tdr', header: { zh: '目标违约率', en: 'TDR' }, kind: 'percent', decimals: 4 },
    ],
    rows: notches.map((n) => ({ grade: n.grade, [style.multiple.key]: n.multiple, tdr: targetDefaultRate(n, baseRate) })),
  };
}
