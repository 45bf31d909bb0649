/**
 * How reports name a tranche: its exchange short name (证券简称) when the deal gives one, else its
 * name, with its security code (证券代码) in brackets when there is one: `福高1A1（168001）`.
 */
import type { Cell, Column, Lang } from './model.js';
import { CLASS_LABEL } from './model.js';

export interface NamedTranche {
  name: string;
  code?: string;
  shortName?: string;
}

/**
 * @example trancheName({ name: '优先级', shortName: '福高1A1', code: '168001' }, 'zh') // '福高1A1（168001）'
 * @example trancheName({ name: '优先级' }, 'en') // '优先级'
 */
export function trancheName(t: NamedTranche, lang: Lang): string {
  const name = t.shortName ?? t.name;
  if (t.code === undefined) return name;
  return lang === 'zh' ? `${name}（${t.code}）` : `${name} (${t.code})`;
}

/** The code and short-name columns of a tranche table, only when some tranche has one. */
export function codeColumns(tranches: readonly NamedTranche[]): { key: string; header: { zh: string; en: string }; kind: 'text' }[] {
  return [
    ...(tranches.some((t) => t.code !== undefined) ? [{ key: 'code', header: { zh: '证券代码', en: 'Code' }, kind: 'text' as const }] : []),
    ...(tranches.some((t) => t.shortName !== undefined) ? [{ key: 'shortName', header: { zh: '证券简称', en: 'Short name' }, kind: 'text' as const }] : []),
  ];
}

/** A tranche as a row of a tranche table names it. */
export interface IdentifiedTranche extends NamedTranche {
  id: string;
  class: string;
}

/** The columns that say which tranche a row is: id, name, code and short name (when any tranche has one), class. */
export function trancheIdColumns(tranches: readonly NamedTranche[]): Column[] {
  return [
    { key: 'id', header: { zh: '编号', en: 'Id' }, kind: 'text' },
    { key: 'name', header: { zh: '证券名称', en: 'Name' }, kind: 'text' },
    ...codeColumns(tranches),
    { key: 'class', header: { zh: '类别', en: 'Class' }, kind: 'text' },
  ];
}

/** A tranche's cells in the {@link trancheIdColumns}: the class in the reader's language. */
export function trancheIdCells(t: IdentifiedTranche, lang: Lang): Record<string, Cell> {
  return { id: t.id, name: t.name, code: t.code, shortName: t.shortName, class: CLASS_LABEL[t.class]?.[lang] ?? t.class };
}
