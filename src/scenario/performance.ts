/**
 * Pool performance: what a scenario makes of the pool's contractual cash flows, in whole fen.
 * Pure.
 *
 * Within a collection period the order is fixed: defaults first (a defaulting asset pays nothing
 * of the period), then scheduled payments of what performs, then prepayments of what is left.
 * Pool-wide defaults and prepayments take the same share of every performing asset in their
 * group ("fractional" defaults, as rating analysts apply a cumulative default rate); named
 * obligors default whole. Each asset's amounts are rounded to the fen (half up) as it defaults,
 * pays and prepays; the shares behind them are exact Decimals computed once per group
 * (scenario/chain.ts), so the work per asset and period is integer arithmetic.
 */
import type { AssetSpec } from '../schema/deal.js';
import { factor, factorOf, fen, mulRound, NIL, type Factor, type Money } from '../util/fen.js';
import { ONE, ZERO } from '../util/money.js';
import { buildChain, type Chain } from './chain.js';
import { defaultFractions, groupKey, lenderShare, periodicFractions, rateFor, resolveDefaults, type ObligorDefaultSpec, type RateGroup, type RateRule } from './defaultRates.js';
import { listedByPeriod, noneByPeriod } from './byPeriod.js';
import { memo } from './memo.js';
import type { MoneyDefaultEvent, MoneyPoolPerformance, MoneyPoolPeriod, MoneyPreparedPool, MoneySchedule } from './poolTypes.js';
import type { ScenarioSpec } from './schema.js';

export { preparePool } from './prepare.js';
export { resolveDefaults } from './defaultRates.js';
export { timingWeights } from './timing.js';
export type { ArrivalKind, MoneyDefaultEvent, MoneyPoolPerformance, MoneyPoolPeriod, MoneyPreparedPool, MoneySchedule } from './poolTypes.js';

/** Running per-period totals, in fen, starting from the pool's contractual totals. */
interface Totals {
  principal: number[];
  interest: number[];
  prepaid: number[];
  missed: number[];
  defaulted: number[];
  endBalance: number[];
}

/** What a default of one asset brings back, and when. */
interface Recovery {
  mode: 'default' | 'stopPaying';
  rate: Factor;
  lag: number;
}

/** The scenario's terms that every asset shares, and what the assets add up. */
interface Terms {
  n: number;
  delayed: { share: Factor; extraPeriods: number } | undefined;
  /** 1 − the lender's share of a loss: what loss sharing compensates. */
  compensated: Factor;
  events: MoneyDefaultEvent[];
  afterEnd: number;
  /** Whether an asset's defaults are listed as events; the arrivals of the rest are pooled. */
  listed: ((asset: number) => boolean) | undefined;
  /** Made when a first unlisted default brings something back. */
  pooled: { recovery: number[]; compensation: number[] } | undefined;
  lastDefault: number;
  lastArrival: number;
  /** PerformanceOptions.balancesAfter, and each asset's performing balance at the end of that period. */
  balancesAfter?: number;
  assetBalances?: number[];
}

/** What a run of the pool keeps: events for every default (the default), or only for some assets. */
export interface PerformanceOptions {
  /**
   * The assets whose defaults are listed as events, with their recoveries one by one; the
   * recoveries and compensation of the other assets' defaults are only summed per period
   * (`pooledArrivals`). Runs without detail (stress grids, break-even) list only what they
   * read asset by asset: the assets under a loan guarantee. Undefined: every asset.
   */
  listEvents?: (asset: number) => boolean;
  /**
   * The first period (0-based) the run reads: a run resumed there (Monte Carlo) never reads the
   * pool's earlier periods, and they are not made (holes in `periods`). Default 0: every period.
   */
  from?: number;
  /**
   * A 0-based period: the performance also gives each asset's performing balance at its end
   * (`assetBalances`), for a status written from a projection (engine/status.ts).
   */
  balancesAfter?: number;
}

/** One asset's part of the scenario. */
interface AssetRun {
  index: number;
  schedule: MoneySchedule;
  chain: Chain;
  /** 0-based period of a named default (n without one) and what it recovers. */
  at: number;
  named: Recovery;
  pooled: Recovery;
  delay: number;
  /** The haircut's complement, when collections of the asset keep less than all. */
  keep: Factor | null;
}

/** Records the default of the chain's fraction of `start` in period k; returns the balance defaulted. */
function recordDefault(run: AssetRun, k: number, start: Money, terms: Terms, tot: Totals): Money {
  const c = run.chain;
  const defaulted = c.whole[k] ? start : mulRound(start, c.fractionFactor[k]!);
  const r = k >= run.at ? run.named : run.pooled;
  tot.defaulted[k] = tot.defaulted[k]! + defaulted;
  if (k > terms.lastDefault) terms.lastDefault = k;
  const listed = !terms.listed || terms.listed(run.index);
  // stopPaying: the obligor stops paying and nothing is recovered.
  const arrivals = r.mode === 'default' ? recoveries(defaulted, k, r, terms, listed) : NONE;
  if (!listed) return defaulted;
  const interestMissed = mulRound(run.schedule.interest[k]!, c.missedFactor[k]!);
  terms.events.push({ asset: run.index, period: k, balance: defaulted, interestMissed, share: c.defaultShare[k]!, mode: r.mode, arrivals: arrivals === NONE ? [] : arrivals });
  return defaulted;
}

/**
 * Whether an amount arrives within the deal: nothing for nothing, and what would arrive after
 * the deal's last period never reaches the plan (it is counted apart, in afterEnd).
 */
function withinDeal(period: number, amount: Money, terms: Terms): boolean {
  if (amount <= 0) return false;
  if (period < terms.n) {
    if (period > terms.lastArrival) terms.lastArrival = period;
    return true;
  }
  terms.afterEnd += amount;
  return false;
}

type Arrivals = MoneyDefaultEvent['arrivals'];
/** No arrivals listed (shared: never changed). */
const NONE: Arrivals = [];

/**
 * What a default brings back: recoveries (a share of them perhaps later) and loss-sharing
 * compensation. Listed, the list is allocated at its size (a pool-wide default makes one per
 * asset and period, and the engine keeps them all); else the amounts join the period's pooled sums.
 */
function recoveries(defaulted: Money, k: number, r: Recovery, terms: Terms, listed: boolean): Arrivals {
  const recovered = mulRound(defaulted, r.rate);
  const late = terms.delayed ? mulRound(recovered, terms.delayed.share) : NIL;
  const onTime = (recovered - late) as Money;
  const compensation = mulRound((defaulted - recovered) as Money, terms.compensated);
  const due = k + r.lag;
  const latePeriod = due + (terms.delayed?.extraPeriods ?? 0);
  const a = withinDeal(due, onTime, terms);
  const b = withinDeal(latePeriod, late, terms);
  const c = withinDeal(due, compensation, terms);
  if (!listed) {
    if (!(a || b || c)) return NONE;
    const { recovery, compensation: comp } = (terms.pooled ??= { recovery: new Array<number>(terms.n).fill(0), compensation: new Array<number>(terms.n).fill(0) });
    if (a) recovery[due] = recovery[due]! + onTime;
    if (b) recovery[latePeriod] = recovery[latePeriod]! + late;
    if (c) comp[due] = comp[due]! + compensation;
    return NONE;
  }
  const out = new Array<MoneyDefaultEvent['arrivals'][number]>(Number(a) + Number(b) + Number(c));
  let i = 0;
  if (a) out[i++] = { period: due, amount: onTime, kind: 'recovery' };
  if (b) out[i++] = { period: latePeriod, amount: late, kind: 'recovery' };
  if (c) out[i++] = { period: due, amount: compensation, kind: 'compensation' };
  return out;
}

/** Scheduled payments of what performs, less any haircut, perhaps paid late; returns the principal paid. */
function pay(run: AssetRun, k: number, balance: number, performing: Factor, tot: Totals): number {
  const s = run.schedule;
  const principal = s.principal[k]!;
  const interest = s.interest[k]!;
  // The last contractual payment clears what is left performing.
  const paidPrincipal = s.startBalance[k] === principal ? balance : Math.min(balance, mulRound(principal, performing));
  const paidInterest = mulRound(interest, performing);
  let missed = Math.max(0, principal - paidPrincipal) + (interest - paidInterest);
  const keptPrincipal = run.keep ? mulRound(paidPrincipal as Money, run.keep) : paidPrincipal;
  const keptInterest = run.keep ? mulRound(paidInterest, run.keep) : paidInterest;
  if (run.delay > 0) missed += paidPrincipal + paidInterest;
  else if (run.keep) missed += paidPrincipal - keptPrincipal + (paidInterest - keptInterest);
  tot.missed[k] = tot.missed[k]! + missed;
  const target = Math.min(tot.principal.length - 1, k + run.delay);
  tot.principal[target] = tot.principal[target]! + keptPrincipal;
  tot.interest[target] = tot.interest[target]! + keptInterest;
  return paidPrincipal;
}

/**
 * One asset through every period: its contractual flows leave the totals and what it really
 * pays goes back in. The asset holds the chain's share while it has a balance, and keeps the
 * share it had when its balance ran out.
 */
function runAsset(run: AssetRun, terms: Terms, tot: Totals): void {
  const s = run.schedule;
  const c = run.chain;
  let balance: number = s.balance;
  let performing = c.start[0]!;
  for (let k = 0; k < terms.n; k++) {
    tot.principal[k] = tot.principal[k]! - s.principal[k]!;
    tot.interest[k] = tot.interest[k]! - s.interest[k]!;
    tot.endBalance[k] = tot.endBalance[k]! - (s.startBalance[k]! - s.principal[k]!);
    if (performing.zero) {
      tot.missed[k] = tot.missed[k]! + (s.principal[k]! + s.interest[k]!);
      if (k === terms.balancesAfter) terms.assetBalances![run.index] = 0;
      continue;
    }
    const live = balance > 0;
    if (live) {
      performing = c.after[k]!;
      if (c.fraction[k]) balance -= recordDefault(run, k, balance as Money, terms, tot);
    }
    balance -= pay(run, k, balance, performing.factor, tot);
    // Prepayment of what is left performing after the scheduled principal.
    const q = c.prepay[k];
    if (live && balance > 0 && q) {
      const prepaid = mulRound(balance as Money, q);
      tot.principal[k] = tot.principal[k]! + prepaid;
      tot.prepaid[k] = tot.prepaid[k]! + prepaid;
      balance -= prepaid;
      performing = c.start[k + 1] ?? performing;
    }
    tot.endBalance[k] = tot.endBalance[k]! + balance;
    if (k === terms.balancesAfter) terms.assetBalances![run.index] = balance;
  }
}

/** The chain of each asset: its rate group's, or for a named default one of its own period. */
function chains(pool: MoneyPreparedPool, scenario: ScenarioSpec, named: readonly (ObligorDefaultSpec | undefined)[]): (i: number) => Chain {
  const { assets, periodDays } = pool;
  const n = periodDays.length;
  const dr = scenario.defaultRate;
  const cpr = scenario.prepayment?.cpr;
  const cprKey = cpr?.toString() ?? '';
  const prepay = memo(pool, `prepay|${cprKey}`, () => periodicFractions(cpr, periodDays));
  const byKey = new Map<string, Chain>();
  const rates = dr ? assets.map((a) => rateFor(a, dr)) : undefined;
  const keyOf = (i: number) => rates?.[i]!.key ?? 'pool';
  if (dr && rates) {
    for (const [key, g] of rateGroups(rates, named)) {
      // A search tries the same rates again (each tranche, with and without support): one chain each.
      const base = groupKey(pool, g, dr, cpr);
      byKey.set(key, memo(pool, `chain|${base}|${g.rule.cumulative?.toString() ?? ''}|${g.rule.annualCdr?.toString() ?? ''}`, () => buildChain(defaultFractions(pool, g, dr, cpr, base), prepay, n)));
    }
  }
  return (i) => {
    const d = named[i];
    if (d) {
      const at = d.period - 1;
      return memo(pool, `named|${at}|${cprKey}`, () => buildChain(periodDays.map((_, k) => (k >= at ? ONE : ZERO)), prepay, at));
    }
    const key = keyOf(i);
    let c = byKey.get(key);
    if (!c) byKey.set(key, (c = memo(pool, `none|${cprKey}`, () => buildChain(periodDays.map(() => ZERO), prepay, n))));
    return c;
  };
}

/** The assets of each rate group that the pool-wide rate applies to (named defaults left out). */
function rateGroups(rates: readonly { key: string; rule: RateRule }[], named: readonly (ObligorDefaultSpec | undefined)[]): Map<string, RateGroup> {
  const groups = new Map<string, RateGroup>();
  rates.forEach(({ key, rule }, i) => {
    const g = groups.get(key) ?? { key, rule, active: [] };
    if (named[i] === undefined) g.active.push(i);
    groups.set(key, g);
  });
  return groups;
}

/** Applies a scenario to the prepared pool. Assets the scenario does not touch keep their contractual flows, taken from the pool totals. */
export function poolPerformance(pool: MoneyPreparedPool, scenario: ScenarioSpec, options: PerformanceOptions = {}): MoneyPoolPerformance {
  const { schedules, assets } = pool;
  const n = pool.periods.length;
  const named = resolveDefaults(assets, scenario, n);
  const dr = scenario.defaultRate;
  const cpr = scenario.prepayment?.cpr;
  const coll = scenario.collections;
  const collTouches = (a: AssetSpec) => coll !== undefined && coll.assetTypes.includes(a.type) && (coll.delayPeriods > 0 || coll.haircut.gt(0));
  const poolWide = (dr !== undefined && (dr.cumulative?.gt(0) || dr.annualCdr?.gt(0) || dr.overrides.length > 0)) || (cpr !== undefined && cpr.gt(0));
  const tot: Totals = {
    principal: pool.basePrincipal.slice(),
    interest: pool.baseInterest.slice(),
    prepaid: new Array<number>(n).fill(0),
    missed: new Array<number>(n).fill(0),
    defaulted: new Array<number>(n).fill(0),
    endBalance: pool.baseStartBalance.map((b, k) => b - pool.basePrincipal[k]!),
  };
  const { recovery } = scenario;
  const delayed = recovery.delayed;
  const lender = lenderShare(scenario);
  const terms: Terms = { n, delayed: delayed && { share: factorOf(delayed.share), extraPeriods: delayed.extraPeriods }, compensated: lender.eq(ONE) ? factorOf(ZERO) : factor(ONE.minus(lender)), events: [], afterEnd: 0,
    listed: options.listEvents,
    pooled: undefined,
    lastDefault: -1,
    lastArrival: -1,
    ...balancesOption(pool, options.balancesAfter),
  };
  const pooled: Recovery = { mode: 'default', rate: factorOf(recovery.rate), lag: recovery.lagPeriods };
  const keep = coll && coll.haircut.gt(0) ? factor(ONE.minus(coll.haircut)) : null;
  const chainOf = poolWide || named.some((d) => d) || assets.some(collTouches) ? chains(pool, scenario, named) : undefined;
  assets.forEach((asset, i) => {
    const d = named[i];
    const touches = collTouches(asset);
    if (!chainOf || !(poolWide || d || touches)) return;
    const own: Recovery = d ? { mode: d.mode, rate: d.recoveryRate !== undefined ? factorOf(d.recoveryRate) : pooled.rate, lag: d.recoveryLagPeriods ?? pooled.lag } : pooled;
    const run: AssetRun = { index: i, schedule: schedules[i]!, chain: chainOf(i), at: d ? d.period - 1 : n, named: own, pooled, delay: touches ? coll!.delayPeriods : 0, keep: touches ? keep : null };
    runAsset(run, terms, tot);
  });
  const performance = assemble(tot, pool, terms, options.from ?? 0);
  return terms.assetBalances ? { ...performance, assetBalances: terms.assetBalances.map(fen) } : performance;
}

/** Each asset's contractual balance at the end of period k (what the assets the scenario leaves alone keep). */
function balancesOption(pool: MoneyPreparedPool, k: number | undefined): Pick<Terms, 'balancesAfter' | 'assetBalances'> {
  if (k === undefined) return {};
  return { balancesAfter: k, assetBalances: pool.schedules.map((s) => (s.startBalance[k] ?? 0) - (s.principal[k] ?? 0)) };
}

function assemble(tot: Totals, pool: MoneyPreparedPool, terms: Terms, from: number): MoneyPoolPerformance {
  const n = pool.basePrincipal.length;
  const periods = new Array<MoneyPoolPeriod>(n);
  for (let k = Math.max(0, from); k < n; k++) {
    periods[k] = {
      scheduledPrincipal: pool.basePrincipal[k]!,
      scheduledInterest: pool.baseInterest[k]!,
      principal: fen(tot.principal[k]!),
      interest: fen(tot.interest[k]!),
      prepaid: fen(tot.prepaid[k]!),
      missed: fen(tot.missed[k]!),
      defaulted: fen(tot.defaulted[k]!),
      endBalance: fen(tot.endBalance[k]!),
    };
  }
  const byPeriod = terms.events.length === 0 ? noneByPeriod(n) : listedByPeriod(terms.events, n);
  const pooled = terms.pooled;
  const pooledArrivals = pooled && { recovery: pooled.recovery.map(fen), compensation: pooled.compensation.map(fen) };
  return {
    periods,
    events: terms.events,
    eventsByPeriod: byPeriod.events,
    arrivalsByPeriod: byPeriod.arrivals,
    pooledArrivals,
    lastDefaultPeriod: terms.lastDefault,
    lastArrivalPeriod: terms.lastArrival,
    afterEnd: fen(terms.afterEnd),
  };
}
