/**
 * Which assets default under a scenario, and at what rate: named obligor defaults, the rate
 * group of each asset (the first matching override, else the pool-wide rate) and the exact
 * per-period default fraction of each group. Fractions are exact Decimals, computed once per
 * group and period.
 */
import type { AssetSpec } from '../schema/deal.js';
import { toYuan, type Money } from '../util/fen.js';
import { Decimal, ONE, ZERO } from '../util/money.js';
import { assertNever } from '../util/never.js';
import { memo } from './memo.js';
import type { MoneyPreparedPool } from './poolTypes.js';
import { LOSS_SHARING_MODELS } from './base.js';
import type { ScenarioSpec } from './schema.js';
import { timingWeights, type DefaultTiming } from './timing.js';

export type ObligorDefaultSpec = ScenarioSpec['defaults'][number];
type DefaultRateSpec = NonNullable<ScenarioSpec['defaultRate']>;

export interface RateRule {
  cumulative?: Decimal;
  annualCdr?: Decimal;
}

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

/** The default rate that applies to an asset: the first matching override, else the pool-wide rate. */
export function rateFor(asset: AssetSpec, dr: DefaultRateSpec): { key: string; rule: RateRule } {
  const i = dr.overrides.findIndex((o) => (o.assetType === undefined || o.assetType === asset.type) && (o.obligor === undefined || o.obligor === asset.obligor || o.obligor === asset.obligorId));
  return i >= 0 ? { key: `o${i}`, rule: dr.overrides[i]! } : { key: 'pool', rule: dr };
}

/** The lender's share of a loss under loss sharing (1 without it). */
export function lenderShare(scenario: ScenarioSpec): Decimal {
  const ls = scenario.recovery.lossSharing;
  if (!ls) return ONE;
  if ('lenderShare' in ls) return ls.lenderShare;
  if ('model' in ls) return new Decimal(LOSS_SHARING_MODELS[ls.model].lender);
  return assertNever(ls, 'loss sharing');
}

/** An annual rate as the share of each period: 1 − (1 − rate)^(days/365); zero without a rate. */
export function periodicFractions(annual: Decimal | undefined, periodDays: readonly number[]): Decimal[] {
  return periodDays.map((d) => (annual && annual.gt(0) ? ONE.minus(ONE.minus(annual).pow(new Decimal(d).div(365))) : ZERO));
}

/** A rate group: its key, its rule and the indexes of the assets the pool-wide rate applies to. */
export interface RateGroup {
  key: string;
  rule: RateRule;
  active: number[];
}

/** What a group's default fractions need besides the rate: its balances, timing and prepayments. */
interface GroupBase {
  start: Decimal[];
  initial: Decimal;
  /** The share of the cumulative rate that falls in each period (0 where nothing is active). */
  weights: Decimal[];
  /** The period's prepayment fraction where the group has principal left after it (else null). */
  prepay: (Decimal | null)[];
}

/**
 * What names a group and its terms within a pool: its assets (by the overrides that pick them
 * and the named defaults left out), its timing and the prepayment rate.
 */
export function groupKey(pool: MoneyPreparedPool, group: RateGroup, dr: DefaultRateSpec, cpr: Decimal | undefined): string {
  const overrides = dr.overrides.map((o) => `${o.assetType ?? ''}/${o.obligor ?? ''}`).join(';');
  return `${group.key}|${overrides}|${JSON.stringify(dr.timing)}|${cpr?.toString() ?? ''}|${group.active.length === pool.schedules.length ? 'all' : group.active.join(',')}`;
}

/** The group's base, worked out once per pool, group and terms (scenario/memo.ts). */
function groupBase(pool: MoneyPreparedPool, group: RateGroup, timing: DefaultTiming, cpr: Decimal | undefined, key: string): GroupBase {
  return memo(pool, `group|${key}`, () => {
    const n = pool.periodDays.length;
    const startFen = new Array<number>(n).fill(0);
    const principalFen = new Array<number>(n).fill(0);
    for (const i of group.active) {
      const s = pool.schedules[i]!;
      for (let k = 0; k < n; k++) {
        startFen[k] = startFen[k]! + s.startBalance[k]!;
        principalFen[k] = principalFen[k]! + s.principal[k]!;
      }
    }
    const start = startFen.map((x) => toYuan(x as Money));
    const activePeriods = startFen.flatMap((b, k) => (b > 0 ? [k] : []));
    const timed = timingWeights(timing, activePeriods.length);
    const weights = pool.periodDays.map(() => ZERO);
    activePeriods.forEach((k, j) => (weights[k] = timed[j]!));
    const prepay = periodicFractions(cpr, pool.periodDays).map((q, k) => (startFen[k]! - principalFen[k]! > 0 ? q : null));
    return { start, initial: start[0] ?? ZERO, weights, prepay };
  });
}

/**
 * Per-period default fractions of the performing balance of a group of assets: from an annual
 * CDR, 1 − (1 − CDR)^(days/365); from a cumulative rate D, the period's share D·wₖ of the
 * group's initial balance over what still performs then (capped at all of it). Prepayments
 * shrink what performs, and are followed here so the cumulative amount is met. The group's
 * `active` assets are those without a named default (they are out of its pool-wide base).
 */
export function defaultFractions(pool: MoneyPreparedPool, group: RateGroup, dr: DefaultRateSpec, cpr: Decimal | undefined, key = groupKey(pool, group, dr, cpr)): Decimal[] {
  const { rule } = group;
  const periodDays = pool.periodDays;
  if (rule.annualCdr && rule.annualCdr.gt(0)) return periodicFractions(rule.annualCdr, periodDays);
  const D = rule.cumulative ?? ZERO;
  if (D.isZero()) return periodDays.map(() => ZERO);
  const { start, initial, weights, prepay } = groupBase(pool, group, dr.timing, cpr, key);
  const fractions: Decimal[] = [];
  let performing = ONE;
  for (let k = 0; k < periodDays.length; k++) {
    const bal = start[k]!.times(performing);
    const target = weights[k]!.isZero() ? ZERO : D.times(initial).times(weights[k]!);
    const f = bal.gt(0) ? Decimal.min(ONE, target.div(bal)) : ZERO;
    fractions.push(f);
    performing = performing.times(ONE.minus(f));
    const q = prepay[k];
    if (q) performing = performing.times(ONE.minus(q));
  }
  return fractions;
}
