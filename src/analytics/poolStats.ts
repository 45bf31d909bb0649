/**
 * Pool statistics as a 计划说明书 prints them: totals, concentration, strata, coverage. Pure:
 * deal in, numbers out. Shares are exact fractions allocated so each table sums to 1 exactly.
 */
import { compareDates, daysBetween, type IsoDate } from '../dates/date.js';
import type { AssetSpec, DealFile } from '../schema/deal.js';
import { Decimal, sum, ZERO } from '../util/money.js';
import { dealRates } from '../deal/rates.js';
import { ASSET_MODELS, contractualCashflows, contractualCashflowsOnce, type AssetModel, type ContractualCashflows } from '../pool/index.js';
import type { AssetType } from '../pool/registry.js';
import type { RateEnv } from '../rates/env.js';
import { riskReserveOf } from '../pool/assets/royalty.js';
import { ipRightsOf, poolStrata, type Stratum, type StratumKey } from './strata.js';
import { trancheCoverage, type TrancheCoverage } from './trancheCoverage.js';

/** An obligor's contracts together: its name, total balance at the cutoff and number of contracts. */
export interface ObligorTotal {
  name: string;
  amount: Decimal;
  count: number;
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

/** One asset's flows at a time, totalled and dropped: only balances and last dates are kept. */
function contractualTotals(assets: readonly AssetSpec[], cutoff: IsoDate, rates: RateEnv | undefined) {
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
  return { balances, lastDates, scheduledPrincipal, scheduledInterest };
}

/** Balances by obligor (its `obligorId`, else its name), largest first, then by name. */
export function obligorTotals(assets: readonly AssetSpec[], balances: readonly Decimal[]): ObligorTotal[] {
  const byObligor = new Map<string, ObligorTotal>();
  assets.forEach((a, i) => {
    const key = a.obligorId ?? a.obligor;
    const o = byObligor.get(key) ?? { name: a.obligor, amount: ZERO, count: 0 };
    o.amount = o.amount.plus(balances[i]!);
    o.count += 1;
    byObligor.set(key, o);
  });
  return [...byObligor.values()].sort((a, b) => b.amount.comparedTo(a.amount) || (a.name < b.name ? -1 : 1));
}

/** The balance-weighted annual rate (over assets that carry one) and remaining term in years. */
function weightedRateAndTerm(assets: readonly AssetSpec[], balances: readonly Decimal[], lastDates: readonly (IsoDate | undefined)[], cutoff: IsoDate) {
  const balance = sum(balances);
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
  return { weightedRate: rated.isZero() ? undefined : rateWeighted.div(rated), weightedRemainingTerm: balance.isZero() ? ZERO : termWeighted.div(balance) };
}

/** 风险金 and first-license fees of a royalty pool; undefined when no royalty states a first-license fee. */
function royaltyTotals(assets: readonly AssetSpec[]): PoolStats['royalty'] {
  const royalties = assets.filter((a): a is Extract<AssetSpec, { type: 'royalty' }> => a.type === 'royalty');
  if (!royalties.some((r) => r.firstLicenseFee !== undefined)) return undefined;
  const fees = sum(royalties.map((r) => r.firstLicenseFee ?? ZERO));
  const reserve = sum(royalties.map((r) => riskReserveOf(r) ?? ZERO));
  return { firstLicenseFees: fees, riskReserve: reserve, riskReserveRatio: fees.isZero() ? ZERO : reserve.div(fees) };
}

/**
 * A live pool on a status date (`ipabs pool --status`): each asset's outstanding balance, the
 * remaining contractual flows' totals, and the tranches' outstanding balances. The statistics and
 * strata are then of the assets still outstanding, terms counted from the status date.
 */
export interface LivePool {
  asOf: IsoDate;
  /** Per asset, in the deal's order: its outstanding balance (0 when it is no longer in the pool). */
  balances: Decimal[];
  scheduledPrincipal: Decimal;
  scheduledInterest: Decimal;
  /** Per tranche, in the deal's order: its outstanding balance. */
  trancheBalances: Decimal[];
}

/** Computes the pool statistics of a loaded deal; with `live`, of what is outstanding on a status date. */
export function poolStats(spec: DealFile, assets: readonly AssetSpec[], lang: 'zh' | 'en' = 'zh', live?: LivePool): PoolStats {
  // Floating loans on the deal's own index paths, as a base-case run collects them.
  const rates = dealRates(spec);
  const totals = contractualTotals(assets, spec.dates.cutoff, rates);
  const cutoff = live?.asOf ?? spec.dates.cutoff;
  const { scheduledPrincipal, scheduledInterest } = live ?? totals;
  const balances = live?.balances ?? totals.balances;
  const kept = live ? assets.map((_, i) => i).filter((i) => balances[i]!.gt(0)) : assets.map((_, i) => i);
  const inPool = kept.map((i) => assets[i]!);
  const keptBalances = kept.map((i) => balances[i]!);
  const lastDates = kept.map((i) => totals.lastDates[i]);
  const balance = sum(keptBalances);
  const n = inPool.length;
  const obligors = obligorTotals(inPool, keptBalances);
  const share = (x: Decimal) => (balance.isZero() ? ZERO : x.div(balance));
  const strata = poolStrata(inPool, keptBalances, lastDates, cutoff, lang);
  const trancheSpec = live ? { ...spec, tranches: spec.tranches.map((t, i) => ({ ...t, balance: live.trancheBalances[i]! })) } : spec;
  const { tranches, issueBalance } = trancheCoverage(trancheSpec, balance);
  const stats: Omit<PoolStats, 'cashflows'> = {
    ipRights: ipRightsOf(inPool, strata.find((x) => x.key === 'ipType')!.rows, lang),
    cutoff,
    balance,
    assetCount: n,
    obligorCount: obligors.length,
    largestAsset: keptBalances.reduce((m, b) => Decimal.max(m, b), ZERO),
    averageAsset: n ? balance.div(n) : ZERO,
    largestObligor: obligors[0] ? { name: obligors[0].name, amount: obligors[0].amount } : { name: '', amount: ZERO },
    averageObligor: obligors.length ? balance.div(obligors.length) : ZERO,
    topObligors: [1, 3, 5, 10].map((k) => ({ n: k, share: share(sum(obligors.slice(0, k).map((o) => o.amount))) })),
    ...weightedRateAndTerm(inPool, keptBalances, lastDates, cutoff),
    scheduledPrincipal,
    scheduledInterest,
    strata,
    tranches,
    issueBalance,
    issueCoverage: issueBalance.isZero() ? ZERO : balance.div(issueBalance),
    purchasePrice: spec.pool.purchasePrice ?? sum(totals.balances),
    royalty: royaltyTotals(inPool),
    balances,
  };
  let cashflows: ContractualCashflows[] | undefined;
  return Object.defineProperty(stats as PoolStats, 'cashflows', {
    enumerable: true,
    get: () => (cashflows ??= assets.map((a) => contractualCashflows(a, spec.dates.cutoff, rates))),
  });
}
