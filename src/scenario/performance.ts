/**
 * Pool performance: the contractual cash flows of each asset, bucketed into the deal's
 * collection periods, then what the scenario makes of them: missed payments, defaulted
 * balances, recoveries. Pure.
 */
import type { DealPeriod } from '../deal/periods.js';
import { periodOfDate } from '../deal/periods.js';
import type { AssetSpec } from '../schema/deal.js';
import { contractualCashflows } from '../pool/index.js';
import { toFen, ZERO, type Decimal } from '../util/money.js';
import type { ScenarioSpec } from './schema.js';

/** One asset's contractual flows per deal period. */
export interface AssetSchedule {
  /** Balance at the cutoff. */
  balance: Decimal;
  /** Per period (index 0 = period 1): contractual principal and interest due in its window. */
  principal: Decimal[];
  interest: Decimal[];
  /** Flows after the last collection date, never collected by the deal. */
  lateFlows: number;
}

/** Buckets every asset's contractual flows into the deal's periods, once per deal. */
export function assetSchedules(assets: readonly AssetSpec[], cutoff: string, periods: readonly DealPeriod[]): AssetSchedule[] {
  return assets.map((asset) => {
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
    return { balance: cf.balance, principal, interest, lateFlows };
  });
}

/** One asset's default under the scenario. */
export interface AssetDefault {
  /** 0-based period of default: its payments from this period on are missed. */
  period: number;
  /** Outstanding balance at the default (what defaults). */
  balance: Decimal;
  /** Interest due in the default period and missed. */
  interestMissed: Decimal;
  recoveryRate: Decimal;
  recoveryLag: number;
  mode: 'default' | 'stopPaying';
}

/** What the pool pays per period under the scenario, per asset. */
export interface PoolPerformance {
  /** Per asset: its default, if any. */
  defaults: (AssetDefault | undefined)[];
  /** Per period totals. */
  periods: {
    scheduledPrincipal: Decimal;
    scheduledInterest: Decimal;
    principal: Decimal;
    interest: Decimal;
    /** Contractual payments due in the period that were not paid. */
    missed: Decimal;
    /** Balance that defaulted in the period. */
    defaulted: Decimal;
    /** Gross recoveries on defaulted balances arriving in the period. */
    recoveries: Decimal;
    /** Pool balance at the end of the collection period (performing assets). */
    endBalance: Decimal;
  }[];
}

/** Which assets the scenario defaults, and when; later entries for the same asset are ignored. */
export function resolveDefaults(assets: readonly AssetSpec[], scenario: ScenarioSpec, periodCount: number): (ScenarioSpec['defaults'][number] | undefined)[] {
  const out: (ScenarioSpec['defaults'][number] | undefined)[] = assets.map(() => undefined);
  for (const d of scenario.defaults) {
    assets.forEach((a, i) => {
      const hit = (d.asset !== undefined && d.asset === a.id) || (d.obligor !== undefined && (d.obligor === a.obligor || d.obligor === a.obligorId));
      if (hit && out[i] === undefined && d.period <= periodCount) out[i] = d;
    });
  }
  return out;
}

/**
 * Applies the scenario's defaults to the bucketed schedules. A defaulted asset pays nothing from
 * its default period on; with mode "default" its outstanding balance is recovered at the
 * recovery rate (to the fen) `recoveryLag` periods later, if that is within the deal.
 */
export function poolPerformance(schedules: readonly AssetSchedule[], defaults: readonly (ScenarioSpec['defaults'][number] | undefined)[]): PoolPerformance {
  const n = schedules[0]?.principal.length ?? 0;
  const periods = Array.from({ length: n }, () => ({
    scheduledPrincipal: ZERO,
    scheduledInterest: ZERO,
    principal: ZERO,
    interest: ZERO,
    missed: ZERO,
    defaulted: ZERO,
    recoveries: ZERO,
    endBalance: ZERO,
  }));
  const assetDefaults: (AssetDefault | undefined)[] = [];
  schedules.forEach((s, i) => {
    const d = defaults[i];
    const at = d ? d.period - 1 : n;
    let balance = s.balance;
    let info: AssetDefault | undefined;
    for (let k = 0; k < n; k++) {
      const p = periods[k]!;
      p.scheduledPrincipal = p.scheduledPrincipal.plus(s.principal[k]!);
      p.scheduledInterest = p.scheduledInterest.plus(s.interest[k]!);
      if (k < at) {
        p.principal = p.principal.plus(s.principal[k]!);
        p.interest = p.interest.plus(s.interest[k]!);
        balance = balance.minus(s.principal[k]!);
        p.endBalance = p.endBalance.plus(balance);
        continue;
      }
      p.missed = p.missed.plus(s.principal[k]!).plus(s.interest[k]!);
      if (k === at && d) {
        info = { period: k, balance, interestMissed: s.interest[k]!, recoveryRate: d.recoveryRate, recoveryLag: d.recoveryLagPeriods, mode: d.mode };
        p.defaulted = p.defaulted.plus(balance);
        const r = k + d.recoveryLagPeriods;
        if (d.mode === 'default' && r < n) periods[r]!.recoveries = periods[r]!.recoveries.plus(toFen(balance.times(d.recoveryRate)));
      }
    }
    assetDefaults.push(info);
  });
  return { defaults: assetDefaults, periods };
}

