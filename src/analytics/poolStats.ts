/**
 * Pool statistics as a 计划说明书 prints them: totals, concentration, strata, coverage. Pure:
 * deal in, numbers out. Shares are exact fractions allocated so each table sums to 1 exactly.
 */
import { addMonths, compareDates, daysBetween, type IsoDate } from '../dates/date.js';
import type { AssetSpec, DealFile } from '../schema/deal.js';
import type { IP_TYPES } from '../pool/assets/common.js';

type IpType = (typeof IP_TYPES)[number];
import { Decimal, sum, ZERO } from '../util/money.js';
import { dealRates, firstFixing } from '../deal/rates.js';
import { ASSET_MODELS, contractualCashflows, contractualCashflowsOnce, type AssetModel, type ContractualCashflows } from '../pool/index.js';
import type { AssetType } from '../pool/registry.js';
import { riskReserveOf } from '../pool/assets/royalty.js';

/** Exact fractions of 1 at this many decimals; the last unit goes by largest remainder. */
const SHARE_DECIMALS = 12;

/** One row of a pool stratum (by industry, IP type, region, size band or remaining term). */
export interface Stratum {
  label: string;
  amount: Decimal;
  share: Decimal;
  count: number;
  countShare: Decimal;
}

/** A tranche's coverage by the pool, as the offering statistics state it. */
export interface TrancheCoverage {
  id: string;
  name: string;
  code?: string;
  shortName?: string;
  class: string;
  balance: Decimal;
  share: Decimal;
  coupon?: Decimal;
  expectedMaturity: IsoDate;
  rating?: string;
  /** Share of the issue ranked below this tranche (优先级 subordination). */
  subordination: Decimal;
  /** Pool balance over the balance of this tranche and every tranche above it. */
  coverage: Decimal;
}

/** The pool's statistics as a 计划说明书 prints them (see {@link poolStats}). */
export interface PoolStats {
  cutoff: IsoDate;
  balance: Decimal;
  assetCount: number;
  obligorCount: number;
  largestAsset: Decimal;
  averageAsset: Decimal;
  largestObligor: { name: string; amount: Decimal };
  averageObligor: Decimal;
  /** Top-N obligors' share of the balance, for N = 1, 3, 5, 10. */
  topObligors: { n: number; share: Decimal }[];
  /** Balance-weighted annual rate, over assets that carry a rate (loans, leases). */
  weightedRate?: Decimal;
  /** Balance-weighted remaining term in years (ACT/365) from the cutoff to the last payment. */
  weightedRemainingTerm: Decimal;
  /** Total contractual principal and interest after the cutoff. */
  scheduledPrincipal: Decimal;
  scheduledInterest: Decimal;
  strata: { key: StratumKey; rows: Stratum[] }[];
  tranches: TrancheCoverage[];
  issueBalance: Decimal;
  /** Pool balance over the whole issue. */
  issueCoverage: Decimal;
  purchasePrice: Decimal;
  /** 风险金 and first-license fees of royalty pools. */
  royalty?: { firstLicenseFees: Decimal; riskReserve: Decimal; riskReserveRatio: Decimal };
  /**
   * The number of IP rights (知识产权数量) by IP-type label, from the assets' `ip.count`; undefined
   * when no asset states one. Rows in the order of the IP-type stratum.
   */
  ipRights?: { label: string; rights: number; contracts: number; uncounted: number }[];
  /** Per asset, its balance at the cutoff (the balance of its contractual cash flows). */
  balances: Decimal[];
  /**
   * Per asset, its contractual cash flows. Computed (and kept with the assets) when first read:
   * the statistics themselves need only totals, and a pool of 100,000 loans has millions of flows.
   */
  cashflows: ContractualCashflows[];
}

/** The strata {@link poolStats} computes. */
export type StratumKey = 'industry' | 'ipType' | 'region' | 'sizeBand' | 'remainingTerm';

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
const SIZE_BANDS: { upTo: number | undefined; zh: string; en: string }[] = [
  { upTo: 5_000_000, zh: '500万元及以下', en: '≤ 5m' },
  { upTo: 10_000_000, zh: '500万至1,000万元', en: '5m–10m' },
  { upTo: 20_000_000, zh: '1,000万至2,000万元', en: '10m–20m' },
  { upTo: 50_000_000, zh: '2,000万至5,000万元', en: '20m–50m' },
  { upTo: undefined, zh: '5,000万元以上', en: '> 50m' },
];
/** Remaining-term bands in years (upper bounds, inclusive). */
const TERM_BANDS: { upTo: number | undefined; zh: string; en: string }[] = [
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

/**
 * Fractions `parts[i] / whole`, rounded to SHARE_DECIMALS with the last units allocated by
 * largest remainder so they sum to exactly 1 (or all zero when `whole` is zero).
 */
export function shares(parts: readonly Decimal[]): Decimal[] {
  const whole = sum(parts);
  if (whole.isZero()) return parts.map(() => ZERO);
  const scale = new Decimal(10).pow(SHARE_DECIMALS);
  const exact = parts.map((p) => p.div(whole).times(scale));
  const floors = exact.map((e) => e.floor());
  let left = scale.minus(sum(floors)).toNumber();
  const order = exact.map((e, i) => ({ i, r: e.minus(floors[i]!) })).sort((a, b) => b.r.comparedTo(a.r) || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) {
    const i = order[k % order.length]!.i;
    floors[i] = floors[i]!.plus(1);
  }
  return floors.map((f) => f.div(scale));
}

/** The annual rate an asset carries, for the weighted average (its module says; loans and leases have one). */
function annualRate(asset: AssetSpec, cutoff: IsoDate): Decimal | undefined {
  return (ASSET_MODELS[asset.type] as AssetModel<AssetType>).annualRate(asset as never, cutoff);
}

function lastPaymentDate(cf: ContractualCashflows): IsoDate | undefined {
  return cf.flows.length ? cf.flows[cf.flows.length - 1]!.date : undefined;
}

function yearsBetween(a: IsoDate, b: IsoDate): Decimal {
  return new Decimal(daysBetween(a, b)).div(365);
}

function bandOf(value: number, bands: { upTo: number | undefined; zh: string; en: string }[]): { zh: string; en: string; order: number } {
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

/** The number of IP rights per IP-type label, in the stratum's order; undefined without any count. */
function ipRightsOf(assets: readonly AssetSpec[], stratum: readonly Stratum[], lang: 'zh' | 'en'): PoolStats['ipRights'] {
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

/** Computes the pool statistics of a loaded deal. */
export function poolStats(spec: DealFile, assets: readonly AssetSpec[], lang: 'zh' | 'en' = 'zh'): PoolStats {
  const cutoff = spec.dates.cutoff;
  // Floating loans on the deal's own index paths, as a base-case run collects them.
  const rates = dealRates(spec);
  // One asset's flows at a time, totalled and dropped: only balances and last dates are kept.
  const balances: Decimal[] = new Array(assets.length);
  const lastDates: (IsoDate | undefined)[] = new Array(assets.length);
  let scheduledPrincipal = ZERO;
  let scheduledInterest = ZERO;
  assets.forEach((a, i) => {
    const cf = contractualCashflowsOnce(a, cutoff, rates);
    balances[i] = cf.balance;
    lastDates[i] = lastPaymentDate(cf);
    for (const f of cf.flows) scheduledPrincipal = scheduledPrincipal.plus(f.principal);
    for (const f of cf.flows) scheduledInterest = scheduledInterest.plus(f.interest);
  });
  const balance = sum(balances);
  const n = assets.length;

  const byObligor = new Map<string, { name: string; amount: Decimal }>();
  assets.forEach((a, i) => {
    const key = a.obligorId ?? a.obligor;
    const o = byObligor.get(key) ?? { name: a.obligor, amount: ZERO };
    o.amount = o.amount.plus(balances[i]!);
    byObligor.set(key, o);
  });
  const obligors = [...byObligor.values()].sort((a, b) => b.amount.comparedTo(a.amount) || (a.name < b.name ? -1 : 1));
  const share = (x: Decimal) => (balance.isZero() ? ZERO : x.div(balance));
  const topObligors = [1, 3, 5, 10].map((k) => ({ n: k, share: share(sum(obligors.slice(0, k).map((o) => o.amount))) }));

  let rated = ZERO;
  let rateWeighted = ZERO;
  let termWeighted = ZERO;
  assets.forEach((a, i) => {
    const b = balances[i]!;
    const rate = annualRate(a, cutoff);
    if (rate !== undefined) {
      rated = rated.plus(b);
      rateWeighted = rateWeighted.plus(b.times(rate));
    }
    const last = lastDates[i];
    if (last && compareDates(last, cutoff) > 0) termWeighted = termWeighted.plus(b.times(yearsBetween(cutoff, last)));
  });

  // Remaining-term bands count calendar months from the cutoff (a 12-month loan over 29 February
  // is still "1 year or less"): the band is the first whose end, cutoff + 12·years, is on or
  // after the last payment date.
  const termBand = (lastDate: IsoDate | undefined) => {
    const last = lastDate ?? cutoff;
    const i = TERM_BANDS.findIndex((b) => b.upTo === undefined || compareDates(last, addMonths(cutoff, 12 * b.upTo)) <= 0);
    return { label: TERM_BANDS[i]![lang], order: i };
  };
  const strata: PoolStats['strata'] = [
    { key: 'industry', rows: stratify(balances, assets.map((a) => ({ label: a.industry ?? (lang === 'zh' ? '未披露' : 'not stated') }))) },
    { key: 'ipType', rows: stratify(balances, assets.map((a) => ({ label: ipTypeLabel(a, lang) }))) },
    { key: 'region', rows: stratify(balances, assets.map((a) => ({ label: a.region ?? (lang === 'zh' ? '未披露' : 'not stated') }))) },
    { key: 'sizeBand', rows: stratify(balances, balances.map((b) => { const band = bandOf(b.toNumber(), SIZE_BANDS); return { label: band[lang], order: band.order }; })) },
    { key: 'remainingTerm', rows: stratify(balances, lastDates.map(termBand)) },
  ];

  // Tranches rank by class (senior, mezzanine, subordinate), then as listed.
  const rank = { senior: 0, mezzanine: 1, subordinate: 2 } as const;
  const ordered = spec.tranches.map((t, i) => ({ t, i })).sort((a, b) => rank[a.t.class] - rank[b.t.class] || a.i - b.i);
  const issueBalance = sum(spec.tranches.map((t) => t.balance));
  const trancheShares = shares(spec.tranches.map((t) => t.balance));
  let above = ZERO;
  const coverage = new Map<string, TrancheCoverage>();
  for (const { t, i } of ordered) {
    above = above.plus(t.balance);
    coverage.set(t.id, {
      id: t.id,
      name: t.name,
      code: t.code,
      shortName: t.shortName,
      class: t.class,
      balance: t.balance,
      share: trancheShares[i]!,
      // A floating coupon: its first fixing on the deal's own index path.
      coupon: t.coupon instanceof Decimal ? t.coupon : firstFixing(spec, t.coupon),
      expectedMaturity: t.expectedMaturity,
      rating: t.rating,
      subordination: issueBalance.isZero() ? ZERO : issueBalance.minus(above).div(issueBalance),
      coverage: above.isZero() ? ZERO : balance.div(above),
    });
  }

  const royalties = assets.filter((a): a is Extract<AssetSpec, { type: 'royalty' }> => a.type === 'royalty');
  let royalty: PoolStats['royalty'];
  if (royalties.length > 0 && royalties.some((r) => r.firstLicenseFee !== undefined)) {
    const fees = sum(royalties.map((r) => r.firstLicenseFee ?? ZERO));
    const reserve = sum(royalties.map((r) => riskReserveOf(r) ?? ZERO));
    royalty = { firstLicenseFees: fees, riskReserve: reserve, riskReserveRatio: fees.isZero() ? ZERO : reserve.div(fees) };
  }

  const stats: Omit<PoolStats, 'cashflows'> = {
    ipRights: ipRightsOf(assets, strata.find((x) => x.key === 'ipType')!.rows, lang),
    cutoff,
    balance,
    assetCount: n,
    obligorCount: obligors.length,
    largestAsset: balances.reduce((m, b) => Decimal.max(m, b), ZERO),
    averageAsset: n ? balance.div(n) : ZERO,
    largestObligor: obligors[0] ?? { name: '', amount: ZERO },
    averageObligor: obligors.length ? balance.div(obligors.length) : ZERO,
    topObligors,
    weightedRate: rated.isZero() ? undefined : rateWeighted.div(rated),
    weightedRemainingTerm: balance.isZero() ? ZERO : termWeighted.div(balance),
    scheduledPrincipal,
    scheduledInterest,
    strata,
    tranches: spec.tranches.map((t) => coverage.get(t.id)!),
    issueBalance,
    issueCoverage: issueBalance.isZero() ? ZERO : balance.div(issueBalance),
    purchasePrice: spec.pool.purchasePrice ?? balance,
    royalty,
    balances,
  };
  let cashflows: ContractualCashflows[] | undefined;
  return Object.defineProperty(stats as PoolStats, 'cashflows', {
    enumerable: true,
    get: () => (cashflows ??= assets.map((a) => contractualCashflows(a, cutoff, rates))),
  });
}
