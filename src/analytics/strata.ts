/**
 * The pool's strata as a 计划说明书 prints them: by industry, IP type, region, size band and
 * remaining term, each row with its balance and count and their shares (summing to 1 exactly).
 */
import { addMonths, compareDates, type IsoDate } from '../dates/date.js';
import type { AssetSpec } from '../schema/deal.js';
import type { IP_TYPES } from '../pool/assets/common.js';
import { Decimal, ZERO } from '../util/money.js';
import { shares } from './shares.js';

type IpType = (typeof IP_TYPES)[number];

/** One row of a pool stratum (by industry, IP type, region, size band or remaining term). */
export interface Stratum {
  label: string;
  amount: Decimal;
  share: Decimal;
  count: number;
  countShare: Decimal;
}

/** The strata {@link poolStats} computes. */
export type StratumKey = 'industry' | 'ipType' | 'region' | 'sizeBand' | 'remainingTerm';

/** A band of a stratum: values up to `upTo` (inclusive; the last band has none), with its labels. */
interface Band {
  upTo: number | undefined;
  zh: string;
  en: string;
}

/** The labels of the IP types, in the order an asset's several types are listed. */
export const IP_TYPE_LABELS: Record<IpType, { zh: string; en: string }> = {
  invention: { zh: '发明专利', en: 'invention patent' },
  utilityModel: { zh: '实用新型', en: 'utility model' },
  design: { zh: '外观设计', en: 'design patent' },
  softwareCopyright: { zh: '软件著作权', en: 'software copyright' },
  trademark: { zh: '商标', en: 'trademark' },
  copyright: { zh: '著作权', en: 'copyright' },
  other: { zh: '其他', en: 'other' },
};
const IP_ORDER = Object.keys(IP_TYPE_LABELS) as IpType[];

/** Size bands in yuan (upper bounds, inclusive). */
const SIZE_BANDS: Band[] = [
  { upTo: 5_000_000, zh: '500万元及以下', en: '≤ 5m' },
  { upTo: 10_000_000, zh: '500万至1,000万元', en: '5m–10m' },
  { upTo: 20_000_000, zh: '1,000万至2,000万元', en: '10m–20m' },
  { upTo: 50_000_000, zh: '2,000万至5,000万元', en: '20m–50m' },
  { upTo: undefined, zh: '5,000万元以上', en: '> 50m' },
];
/** Remaining-term bands in years (upper bounds, inclusive). */
const TERM_BANDS: Band[] = [
  { upTo: 1, zh: '1年及以内', en: '≤ 1 year' },
  { upTo: 2, zh: '1至2年', en: '1–2 years' },
  { upTo: 3, zh: '2至3年', en: '2–3 years' },
  { upTo: 5, zh: '3至5年', en: '3–5 years' },
  { upTo: undefined, zh: '5年以上', en: '> 5 years' },
];

/** The IP-type label of an asset: its kinds in a fixed order joined by " + ". */
export function ipTypeLabel(asset: AssetSpec, lang: 'zh' | 'en' = 'zh'): string {
  const types = asset.ip?.types;
  if (!types || types.length === 0) return lang === 'zh' ? '未披露' : 'not stated';
  return [...new Set(types)]
    .sort((a, b) => IP_ORDER.indexOf(a) - IP_ORDER.indexOf(b))
    .map((t) => IP_TYPE_LABELS[t][lang])
    .join(' + ');
}

function bandOf(value: number, bands: Band[]): { zh: string; en: string; order: number } {
  const i = bands.findIndex((b) => b.upTo === undefined || value <= b.upTo);
  return { ...bands[i]!, order: i };
}

/**
 * Groups assets into strata. Rows are ordered by amount (largest first), then label, unless an
 * `order` is given (bands keep their natural order).
 */
function stratify(amounts: readonly Decimal[], labels: readonly { label: string; order?: number }[]): Stratum[] {
  const groups = new Map<string, { amount: Decimal; count: number; order?: number }>();
  labels.forEach(({ label, order }, i) => {
    const g = groups.get(label) ?? { amount: ZERO, count: 0, order };
    g.amount = g.amount.plus(amounts[i]!);
    g.count += 1;
    groups.set(label, g);
  });
  const rows = [...groups.entries()].map(([label, g]) => ({ label, ...g }));
  rows.sort((a, b) =>
    a.order !== undefined && b.order !== undefined ? a.order - b.order : b.amount.comparedTo(a.amount) || b.count - a.count || (a.label < b.label ? -1 : a.label > b.label ? 1 : 0),
  );
  const amountShares = shares(rows.map((r) => r.amount));
  const countShares = shares(rows.map((r) => new Decimal(r.count)));
  return rows.map((r, i) => ({ label: r.label, amount: r.amount, share: amountShares[i]!, count: r.count, countShare: countShares[i]! }));
}

/** What an asset is stratified by, for each stratum: its label there and, for bands, their order. */
export function poolStrata(assets: readonly AssetSpec[], balances: readonly Decimal[], lastDates: readonly (IsoDate | undefined)[], cutoff: IsoDate, lang: 'zh' | 'en'): { key: StratumKey; rows: Stratum[] }[] {
  const notStated = lang === 'zh' ? '未披露' : 'not stated';
  // Remaining-term bands count calendar months from the cutoff (a 12-month loan over 29 February
  // is still "1 year or less"): the band is the first whose end, cutoff + 12·years, is on or
  // after the last payment date.
  const termBand = (lastDate: IsoDate | undefined) => {
    const last = lastDate ?? cutoff;
    const i = TERM_BANDS.findIndex((b) => b.upTo === undefined || compareDates(last, addMonths(cutoff, 12 * b.upTo)) <= 0);
    return { label: TERM_BANDS[i]![lang], order: i };
  };
  return [
    { key: 'industry', rows: stratify(balances, assets.map((a) => ({ label: a.industry ?? notStated }))) },
    { key: 'ipType', rows: stratify(balances, assets.map((a) => ({ label: ipTypeLabel(a, lang) }))) },
    { key: 'region', rows: stratify(balances, assets.map((a) => ({ label: a.region ?? notStated }))) },
    { key: 'sizeBand', rows: stratify(balances, balances.map((b) => { const band = bandOf(b.toNumber(), SIZE_BANDS); return { label: band[lang], order: band.order }; })) },
    { key: 'remainingTerm', rows: stratify(balances, lastDates.map(termBand)) },
  ];
}

/** The number of IP rights per IP-type label, in the stratum's order; undefined without any count. */
export function ipRightsOf(assets: readonly AssetSpec[], stratum: readonly Stratum[], lang: 'zh' | 'en'): { label: string; rights: number; contracts: number; uncounted: number }[] | undefined {
  if (!assets.some((a) => a.ip?.count !== undefined)) return undefined;
  const rows = new Map(stratum.map((r) => [r.label, { label: r.label, rights: 0, contracts: 0, uncounted: 0 }]));
  for (const a of assets) {
    const row = rows.get(ipTypeLabel(a, lang))!;
    row.contracts += 1;
    if (a.ip?.count === undefined) row.uncounted += 1;
    else row.rights += a.ip.count;
  }
  return [...rows.values()];
}
