/**
 * How reports name a tranche: its exchange short name (证券简称) when the deal gives one, else its
 * name, with its security code (证券代码) in brackets when there is one: `福高1A1（168001）`.
 */
import type { Lang } from './model.js';

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
