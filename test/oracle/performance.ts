/**
 * Pool performance: the contractual cash flows of each asset, bucketed into the deal's
 * collection periods once per deal, then what a scenario makes of them. Pure.
 *
 * Within a collection period the order is fixed: defaults first (a defaulting asset pays nothing
 * of the period), then scheduled payments of what performs, then prepayments of what is left.
 * Pool-wide defaults and prepayments take the same share of every performing asset in their
 * group ("fractional" defaults, as rating analysts apply a cumulative default rate); named
 * obligors default whole.
 */
import { daysBetween } from '../../src/dates/date.js';
import type { DealPeriod } from '../../src/deal/periods.js';
import { periodOfDate } from '../../src/deal/periods.js';
import type { AssetSpec } from '../../src/schema/deal.js';
import { contractualCashflows } from '../../src/pool/index.js';
import { Decimal, ONE, sum, toFen, ZERO } from '../../src/util/money.js';
import { assertNever } from '../../src/util/never.js';
import { LOSS_SHARING_MODELS, type ScenarioSpec } from '../../src/scenario/schema.js';

/** One asset's contractual flows per deal period. */
export interface AssetSchedule {
  /** Balance at the cutoff. */
  balance: Decimal;
  /** Per period (index 0 = period 1): contractual principal and interest due in its window. */
  principal: Decimal[];
  interest: Decimal[];
  /** Contractual balance at the start of each period. */
  startBalance: Decimal[];
  /** Flows after the last collection date, never collected by the deal. */
  lateFlows: number;
}

/** What performance needs of a deal, computed once. */
export interface PreparedPool {
  periods: readonly DealPeriod[];
  assets: readonly AssetSpec[];
  schedules: AssetSchedule[];
  /** Per period: contractual principal and interest of the whole pool, and its start balance. */
  basePrincipal: Decimal[];
  baseInterest: Decimal[];
  baseStartBalance: Decimal[];
  initialBalance: Decimal;
  /** Days in each period (from the cutoff, then between collection ends), for annual rates. */
  periodDays: number[];
}

/** Buckets every asset's contractual flows into the deal's periods. */
export function preparePool(assets: readonly AssetSpec[], cutoff: string, periods: readonly DealPeriod[]): PreparedPool {
  const n = periods.length;
  const schedules = assets.map((asset): AssetSchedule => {
    const cf = contractualCashflows(asset, cutoff);
    const principal = periods.map(() => ZERO);
    const interest = periods.map(() => ZERO);
    let lateFlows = 0;
    for (const f of cf.flows) {
      const k = periodOfDate(periods, f.date);
      if (k < 0) {
        lateFlows++;
        continue;
      }
      principal[k] = principal[k]!.plus(f.principal);
      interest[k] = interest[k]!.plus(f.interest);
    }
    const startBalance: Decimal[] = [];
    let b = cf.balance;
    for (let k = 0; k < n; k++) {
      startBalance.push(b);
      b = b.minus(principal[k]!);
    }
    return { balance: cf.balance, principal, interest, startBalance, lateFlows };
  });
  const total = (pick: (s: AssetSchedule) => Decimal[]) => periods.map((_, k) => sum(schedules.map((s) => pick(s)[k]!)));
  return {
    periods,
    assets,
    schedules,
    basePrincipal: total((s) => s.principal),
    baseInterest: total((s) => s.interest),
    baseStartBalance: total((s) => s.startBalance),
    initialBalance: sum(schedules.map((s) => s.balance)),
    periodDays: periods.map((p, k) => Math.max(1, daysBetween(k === 0 ? cutoff : periods[k - 1]!.collectionEnd, p.collectionEnd))),
  };
}

/** A default of (part of) one asset in one period, with what it later brings back. */
export interface DefaultEvent {
  asset: number;
  /** 0-based period of the default. */
  period: number;
  /** Balance that defaulted. */
  balance: Decimal;
  /** Interest due in the default period and missed. */
  interestMissed: Decimal;
  /** The share of the asset's contractual payments that this default takes away. */
  share: Decimal;
  mode: 'default' | 'stopPaying';
  /** Recoveries and loss-sharing compensation, by 0-based period of arrival, to the fen. */
  arrivals: { period: number; amount: Decimal; kind: 'recovery' | 'compensation' }[];
}

export interface PoolPeriodPerformance {
  scheduledPrincipal: Decimal;
  scheduledInterest: Decimal;
  /** Principal collected: scheduled payments of what performs, prepayments, delayed payments. */
  principal: Decimal;
  interest: Decimal;
  prepaid: Decimal;
  /** Contractual payments due in the period that were not paid when due. */
  missed: Decimal;
  /** Balance that defaulted in the period. */
  defaulted: Decimal;
  /** Performing pool balance at the end of the period. */
  endBalance: Decimal;
}

export interface PoolPerformance {
  periods: PoolPeriodPerformance[];
  /** Recoveries and compensation that would arrive after the deal's last period (not collected). */
  afterEnd: Decimal;
  events: DefaultEvent[];
  /** Events by the 0-based period of their default, and arrivals by the period they arrive in. */
  eventsByPeriod: DefaultEvent[][];
  arrivalsByPeriod: { event: DefaultEvent; amount: Decimal; kind: 'recovery' | 'compensation' }[][];
}

type ObligorDefaultSpec = ScenarioSpec['defaults'][number];

/**
 * Which assets the scenario names as defaulting, and when. Validation allows one entry per asset
 * (scenarioRepeats); should a scenario built in code name one twice, the first entry counts.
 */
export function resolveDefaults(assets: readonly AssetSpec[], scenario: ScenarioSpec, periodCount: number): (ObligorDefaultSpec | undefined)[] {
  const out: (ObligorDefaultSpec | undefined)[] = assets.map(() => undefined);
  for (const d of scenario.defaults) {
    assets.forEach((a, i) => {
      const hit = (d.asset !== undefined && d.asset === a.id) || (d.obligor !== undefined && (d.obligor === a.obligor || d.obligor === a.obligorId));
      if (hit && out[i] === undefined && d.period <= periodCount) out[i] = d;
    });
  }
  return out;
}

/**
 * Timing weights of cumulative defaults over `m` active periods. Front-loaded by x: the first
 * half of the time carries 50% + x of the defaults, the second half 50% − x, evenly within each
 * half (a period straddling the middle takes its share of each).
 */
export function timingWeights(timing: NonNullable<ScenarioSpec['defaultRate']>['timing'], m: number): number[] {
  if (m <= 0) return [];
  if (timing === 'even') return Array.from({ length: m }, () => 1 / m);
  if ('explicit' in timing) {
    const w = Array.from({ length: m }, (_, k) => timing.explicit[k] ?? 0);
    const total = w.reduce((a, b) => a + b, 0);
    return total > 0 ? w.map((x) => x / total) : w;
  }
  let loaded: number;
  if ('frontLoaded' in timing) loaded = timing.frontLoaded.toNumber();
  else if ('backLoaded' in timing) loaded = -timing.backLoaded.toNumber();
  else return assertNever(timing, 'default timing');
  const x = Math.min(0.5, loaded);
  const first = 2 * (0.5 + x);
  const second = 2 * (0.5 - x);
  return Array.from({ length: m }, (_, k) => {
    const a = k / m;
    const b = (k + 1) / m;
    const inFirst = Math.max(0, Math.min(b, 0.5) - a);
    const inSecond = Math.max(0, b - Math.max(a, 0.5));
    return inFirst * first + inSecond * second;
  });
}

interface RateRule {
  cumulative?: Decimal;
  annualCdr?: Decimal;
}

/** The default rate that applies to an asset: the first matching override, else the pool-wide rate. */
function rateFor(asset: AssetSpec, dr: NonNullable<ScenarioSpec['defaultRate']>): { key: string; rule: RateRule } {
  const i = dr.overrides.findIndex((o) => (o.assetType === undefined || o.assetType === asset.type) && (o.obligor === undefined || o.obligor === asset.obligor || o.obligor === asset.obligorId));
  return i >= 0 ? { key: `o${i}`, rule: dr.overrides[i]! } : { key: 'pool', rule: dr };
}

/** The lender's share of a loss under loss sharing (1 without it). */
function lenderShare(scenario: ScenarioSpec): Decimal {
  const ls = scenario.recovery.lossSharing;
  if (!ls) return ONE;
  if ('lenderShare' in ls) return ls.lenderShare;
  if ('model' in ls) return new Decimal(LOSS_SHARING_MODELS[ls.model].lender);
  return assertNever(ls, 'loss sharing');
}

/**
 * Applies a scenario to the prepared pool. Assets the scenario does not touch keep their
 * contractual flows, taken from the pool totals, so a scenario naming a few obligors costs only
 * those obligors' periods.
 */
export function poolPerformance(pool: PreparedPool, scenario: ScenarioSpec): PoolPerformance {
  const { schedules, assets, periodDays } = pool;
  const n = pool.periods.length;
  const named = resolveDefaults(assets, scenario, n);
  const dr = scenario.defaultRate;
  const cpr = scenario.prepayment?.cpr;
  const coll = scenario.collections;
  const collTouches = (a: AssetSpec) => coll !== undefined && coll.assetTypes.includes(a.type) && (coll.delayPeriods > 0 || coll.haircut.gt(0));
  const poolWide = (dr !== undefined && (dr.cumulative?.gt(0) || dr.annualCdr?.gt(0) || dr.overrides.length > 0)) || (cpr !== undefined && cpr.gt(0));
  const touched = assets.map((a, i) => poolWide || named[i] !== undefined || collTouches(a));

  const periods: PoolPeriodPerformance[] = pool.basePrincipal.map((p, k) => ({
    scheduledPrincipal: p,
    scheduledInterest: pool.baseInterest[k]!,
    principal: p,
    interest: pool.baseInterest[k]!,
    prepaid: ZERO,
    missed: ZERO,
    defaulted: ZERO,
    endBalance: pool.baseStartBalance[k]!.minus(p),
  }));
  const events: DefaultEvent[] = [];
  let afterEnd = ZERO;
  const share = lenderShare(scenario);
  const recoveryRate = scenario.recovery.rate;
  const lag = scenario.recovery.lagPeriods;
  const delayed = scenario.recovery.delayed;

  // Per-period default fractions of each rate group, found from the group's contractual balances.
  const groupFractions = new Map<string, Decimal[]>();
  if (dr) {
    const groups = new Map<string, { rule: RateRule; members: number[] }>();
    assets.forEach((a, i) => {
      const { key, rule } = rateFor(a, dr);
      const g = groups.get(key) ?? { rule, members: [] };
      g.members.push(i);
      groups.set(key, g);
    });
    for (const [key, g] of groups) groupFractions.set(key, defaultFractions(g.rule, dr.timing, g.members.map((i) => schedules[i]!), periodDays, named, g.members, cpr));
  }
  const prepayFraction = periodDays.map((d) => (cpr && cpr.gt(0) ? ONE.minus(ONE.minus(cpr).pow(new Decimal(d).div(365))) : ZERO));

  assets.forEach((asset, i) => {
    if (!touched[i]) return;
    const s = schedules[i]!;
    const d = named[i];
    const at = d ? d.period - 1 : n;
    const fractions = dr ? groupFractions.get(rateFor(asset, dr).key)! : undefined;
    const delay = collTouches(asset) ? coll!.delayPeriods : 0;
    const keep = collTouches(asset) ? ONE.minus(coll!.haircut) : ONE;
    let performing = ONE;
    // The performing balance in fen. What defaults, is paid and is prepaid is taken from it, so the
    // rounding of fractional amounts stays in it and they never sum to more than the balance.
    let balance = s.balance;
    for (let k = 0; k < n; k++) {
      const p = periods[k]!;
      // Take the asset's contractual flows out of the totals; what it really pays goes back in.
      p.principal = p.principal.minus(s.principal[k]!);
      p.interest = p.interest.minus(s.interest[k]!);
      p.endBalance = p.endBalance.minus(s.startBalance[k]!.minus(s.principal[k]!));
      if (performing.isZero()) {
        p.missed = p.missed.plus(s.principal[k]!).plus(s.interest[k]!);
        continue;
      }
      const start = balance;
      // A named asset is out of the pool-wide defaults (as it is out of their base): it performs
      // in full until its own default.
      let fraction = k >= at ? ONE : d ? ZERO : (fractions?.[k] ?? ZERO);
      if (fraction.gt(1)) fraction = ONE;
      if (fraction.gt(0) && start.gt(0)) {
        const defaultedBalance = fraction.eq(ONE) ? start : toFen(start.times(fraction));
        const interestMissed = toFen(s.interest[k]!.times(performing).times(fraction));
        const mode = k >= at ? d!.mode : 'default';
        const rate = k >= at ? (d!.recoveryRate ?? recoveryRate) : recoveryRate;
        const eventLag = k >= at ? (d!.recoveryLagPeriods ?? lag) : lag;
        const event: DefaultEvent = { asset: i, period: k, balance: defaultedBalance, interestMissed, share: performing.times(fraction), mode, arrivals: [] };
        switch (mode) {
          case 'stopPaying':
            // The obligor stops paying: nothing is recovered.
            break;
          case 'default': {
            const recovered = toFen(defaultedBalance.times(rate));
            const late = delayed ? toFen(recovered.times(delayed.share)) : ZERO;
            const onTime = recovered.minus(late);
            // What would arrive after the deal's last period never reaches the plan: counted apart.
            const arrive = (period: number, amount: Decimal, kind: 'recovery' | 'compensation') => {
              if (!amount.gt(0)) return;
              if (period < n) event.arrivals.push({ period, amount, kind });
              else afterEnd = afterEnd.plus(amount);
            };
            arrive(k + eventLag, onTime, 'recovery');
            if (delayed) arrive(k + eventLag + delayed.extraPeriods, late, 'recovery');
            arrive(k + eventLag, toFen(defaultedBalance.minus(recovered).times(ONE.minus(share))), 'compensation');
            break;
          }
          default:
            assertNever(mode, 'default mode');
        }
        events.push(event);
        p.defaulted = p.defaulted.plus(defaultedBalance);
        balance = balance.minus(defaultedBalance);
        performing = performing.times(ONE.minus(fraction));
      }
      // Scheduled payments of what performs, less any haircut, perhaps paid late.
      // The last contractual payment clears what is left performing.
      const paidPrincipal = s.startBalance[k]!.eq(s.principal[k]!) ? balance : Decimal.min(balance, toFen(s.principal[k]!.times(performing)));
      const paidInterest = toFen(s.interest[k]!.times(performing));
      balance = balance.minus(paidPrincipal);
      p.missed = p.missed.plus(Decimal.max(ZERO, s.principal[k]!.minus(paidPrincipal))).plus(s.interest[k]!.minus(paidInterest));
      const target = periods[Math.min(n - 1, k + delay)]!;
      const keptPrincipal = toFen(paidPrincipal.times(keep));
      const keptInterest = toFen(paidInterest.times(keep));
      if (delay > 0 || !keep.eq(ONE)) p.missed = p.missed.plus(delay > 0 ? paidPrincipal.plus(paidInterest) : paidPrincipal.minus(keptPrincipal).plus(paidInterest.minus(keptInterest)));
      target.principal = target.principal.plus(keptPrincipal);
      target.interest = target.interest.plus(keptInterest);
      // Prepayment of what is left performing after the scheduled principal.
      let endPerforming = performing;
      if (prepayFraction[k]!.gt(0) && balance.gt(0) && k < at) {
        const prepaid = toFen(balance.times(prepayFraction[k]!));
        p.principal = p.principal.plus(prepaid);
        p.prepaid = p.prepaid.plus(prepaid);
        balance = balance.minus(prepaid);
        endPerforming = performing.times(ONE.minus(prepayFraction[k]!));
      }
      performing = endPerforming;
      p.endBalance = p.endBalance.plus(balance);
    }
  });

  const eventsByPeriod: DefaultEvent[][] = periods.map(() => []);
  const arrivalsByPeriod: PoolPerformance['arrivalsByPeriod'] = periods.map(() => []);
  for (const e of events) {
    eventsByPeriod[e.period]!.push(e);
    for (const a of e.arrivals) arrivalsByPeriod[a.period]!.push({ event: e, amount: a.amount, kind: a.kind });
  }
  return { periods, events, eventsByPeriod, arrivalsByPeriod, afterEnd };
}

/**
 * Per-period default fractions of the performing balance of a group of assets: from an annual
 * CDR, 1 − (1 − CDR)^(days/365); from a cumulative rate D, the period's share D·wₖ of the
 * group's initial balance over what still performs then (capped at all of it). Prepayments
 * shrink what performs, and are followed here so the cumulative amount is met.
 */
function defaultFractions(
  rule: RateRule,
  timing: NonNullable<ScenarioSpec['defaultRate']>['timing'],
  schedules: readonly AssetSchedule[],
  periodDays: readonly number[],
  named: readonly (ObligorDefaultSpec | undefined)[],
  members: readonly number[],
  cpr: Decimal | undefined,
): Decimal[] {
  const n = periodDays.length;
  if (rule.annualCdr && rule.annualCdr.gt(0)) {
    const c = rule.annualCdr;
    return periodDays.map((d) => ONE.minus(ONE.minus(c).pow(new Decimal(d).div(365))));
  }
  const D = rule.cumulative ?? ZERO;
  if (D.isZero()) return periodDays.map(() => ZERO);
  // Named defaults take their assets out of the group's pool-wide base.
  const active = schedules.filter((_, j) => named[members[j]!] === undefined);
  const start = Array.from({ length: n }, (_, k) => sum(active.map((s) => s.startBalance[k]!)));
  const principal = Array.from({ length: n }, (_, k) => sum(active.map((s) => s.principal[k]!)));
  const initial = start[0] ?? ZERO;
  const activePeriods = start.map((b, k) => ({ b, k })).filter(({ b }) => b.gt(0)).map(({ k }) => k);
  const weights = timingWeights(timing, activePeriods.length);
  const target = periodDays.map(() => ZERO);
  activePeriods.forEach((k, j) => (target[k] = D.times(initial).times(weights[j]!)));
  const prepay = periodDays.map((d) => (cpr && cpr.gt(0) ? ONE.minus(ONE.minus(cpr).pow(new Decimal(d).div(365))) : ZERO));
  const fractions: Decimal[] = [];
  let performing = ONE;
  for (let k = 0; k < n; k++) {
    const bal = start[k]!.times(performing);
    const f = bal.gt(0) ? Decimal.min(ONE, target[k]!.div(bal)) : ZERO;
    fractions.push(f);
    performing = performing.times(ONE.minus(f));
    const after = start[k]!.minus(principal[k]!);
    if (after.gt(0)) performing = performing.times(ONE.minus(prepay[k]!));
  }
  return fractions;
}
