/**
 * Pool performance in whole fen against its Decimal oracle (test/oracle/performanceDecimal.ts):
 * on generated deals and scenarios (cumulative and annual default rates with every timing,
 * overrides by asset type and obligor, named defaults and stopPaying with their own recovery,
 * prepayments, collection delays and haircuts, delayed recoveries, loss sharing) and on every
 * sample deal under the sample scenarios, the prepared pool and the performance are equal field
 * by field, the oracle's amounts converted to fen. A performance that lists only some assets'
 * defaults (runs without detail) agrees with the full one.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { dealSchedule } from '../../src/deal/periods.js';
import { loadDeal, validateDeal, type LoadedDeal } from '../../src/io/loadDeal.js';
import { validateScenario, loadScenario } from '../../src/scenario/load.js';
import { poolPerformance, preparePool } from '../../src/scenario/performance.js';
import type { MoneyPoolPerformance, MoneyPreparedPool } from '../../src/scenario/poolTypes.js';
import { Scenario, type ScenarioSpec } from '../../src/scenario/schema.js';
import { baseScenario } from '../../src/stress/scenarios.js';
import { fromYuan } from '../../src/util/fen.js';
import type { Decimal } from '../../src/util/money.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';
import * as oracle from '../oracle/performanceDecimal.js';
import { buildDeal, buildScenario, dealRaw, scenarioRaw } from '../engine/arbitraries.js';

const RUNS = Number(process.env['IPABS_PROPERTY_RUNS'] ?? 150);

const fenOf = (d: Decimal) => fromYuan(d);
const fens = (xs: readonly Decimal[]) => xs.map(fenOf);

/** The oracle's prepared pool in fen, shaped as the Money one. */
function oraclePool(p: oracle.PreparedPool) {
  return {
    schedules: p.schedules.map((s) => ({ balance: fenOf(s.balance), principal: fens(s.principal), interest: fens(s.interest), startBalance: fens(s.startBalance), lateFlows: s.lateFlows })),
    basePrincipal: fens(p.basePrincipal),
    baseInterest: fens(p.baseInterest),
    baseStartBalance: fens(p.baseStartBalance),
    initialBalance: fenOf(p.initialBalance),
    periodDays: p.periodDays,
  };
}

function moneyPool(p: MoneyPreparedPool) {
  const { schedules, basePrincipal, baseInterest, baseStartBalance, initialBalance, periodDays } = p;
  return { schedules, basePrincipal, baseInterest, baseStartBalance, initialBalance, periodDays };
}

/** A performance as plain data: amounts in fen, shares as exact decimal strings, events by index. */
function plainOracle(r: oracle.PoolPerformance) {
  const index = new Map(r.events.map((e, i) => [e, i]));
  return {
    periods: r.periods.map((p) => Object.fromEntries(Object.entries(p).map(([k, v]) => [k, fenOf(v)]))),
    afterEnd: fenOf(r.afterEnd),
    events: r.events.map((e) => ({ ...e, balance: fenOf(e.balance), interestMissed: fenOf(e.interestMissed), share: e.share.toString(), arrivals: e.arrivals.map((a) => ({ ...a, amount: fenOf(a.amount) })) })),
    eventsByPeriod: r.eventsByPeriod.map((es) => es.map((e) => index.get(e))),
    arrivalsByPeriod: r.arrivalsByPeriod.map((as) => as.map((a) => ({ event: index.get(a.event), amount: fenOf(a.amount), kind: a.kind }))),
  };
}

function plainMoney(r: MoneyPoolPerformance) {
  const index = new Map(r.events.map((e, i) => [e, i]));
  return {
    periods: r.periods.map((p) => ({ ...p })),
    afterEnd: r.afterEnd,
    events: r.events.map((e) => ({ ...e, share: e.share.toString(), arrivals: e.arrivals.map((a) => ({ ...a })) })),
    eventsByPeriod: r.eventsByPeriod.map((es) => es.map((e) => index.get(e))),
    arrivalsByPeriod: r.arrivalsByPeriod.map((as) => as.map((a) => ({ event: index.get(a.event), amount: a.amount, kind: a.kind }))),
  };
}

/** Prepares the deal's pool both ways and checks it and the scenarios' performance are equal. */
function compare(deal: LoadedDeal, scenarios: readonly ScenarioSpec[]): void {
  const { periods } = dealSchedule(deal.spec.dates);
  const cutoff = deal.spec.dates.cutoff;
  const money = preparePool(deal.assets, cutoff, periods);
  const dec = oracle.preparePool(deal.assets, cutoff, periods);
  expect(moneyPool(money)).toEqual(oraclePool(dec));
  for (const s of scenarios) {
    const full = poolPerformance(money, s);
    expect(plainMoney(full)).toEqual(plainOracle(oracle.poolPerformance(dec, s)));
    expectListedAsFull(money, s, full);
  }
}

/**
 * A performance that lists only some assets' defaults (runs without detail) has the same
 * periods, the listed assets' events as the full one, the other arrivals summed per period, and
 * the same last default and arrival periods.
 */
function expectListedAsFull(money: MoneyPreparedPool, s: ScenarioSpec, full: MoneyPoolPerformance): void {
  const listed = (i: number) => i % 2 === 0;
  const part = poolPerformance(money, s, { listEvents: listed });
  const lastDefault = Math.max(-1, ...full.events.map((e) => e.period));
  const lastArrival = Math.max(-1, ...full.arrivalsByPeriod.flatMap((as, j) => (as.length > 0 ? [j] : [])));
  expect([full.lastDefaultPeriod, full.lastArrivalPeriod, full.pooledArrivals]).toEqual([lastDefault, lastArrival, undefined]);
  expect([part.lastDefaultPeriod, part.lastArrivalPeriod]).toEqual([lastDefault, lastArrival]);
  const keep = (r: MoneyPoolPerformance) => ({ ...plainMoney(r), events: undefined, eventsByPeriod: undefined, arrivalsByPeriod: undefined });
  expect(keep(part)).toEqual(keep(full));
  const plainEvents = (r: MoneyPoolPerformance) => plainMoney(r).events.filter((e) => listed(e.asset));
  expect(plainEvents(part)).toEqual(plainEvents(full));
  const pooled = (kind: string) => full.arrivalsByPeriod.map((as) => as.reduce((t, a) => (listed(a.event.asset) || a.kind !== kind ? t : t + a.amount), 0));
  const sums = { recovery: pooled('recovery'), compensation: pooled('compensation') };
  const anyPooled = full.events.some((e) => !listed(e.asset) && e.arrivals.length > 0);
  expect(part.pooledArrivals).toEqual(anyPooled ? sums : undefined);
  expect(part.arrivalsByPeriod.flat().every((a) => listed(a.event.asset))).toBe(true);
}

const noTapes = () => ({ diagnostics: [], reason: 'no such file' });

function generated(input: Parameters<typeof validateDeal>[0]): LoadedDeal {
  const { deal, diagnostics } = validateDeal(input, 'generated.json', noTapes);
  if (!deal || diagnostics.some((d) => d.severity === 'error')) throw new Error(`generated deal rejected:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  return deal;
}

function scenarioOf(input: unknown, deal: LoadedDeal): ScenarioSpec {
  const { scenario, diagnostics } = validateScenario(input, 'scenario.json', deal);
  if (!scenario) throw new Error(`generated scenario rejected:\n${diagnostics.map(formatDiagnostic).join('\n')}`);
  return scenario;
}

/** Scenarios with pool-wide defaults, most of the time, and any scenario now and then. */
const poolWideRaw = fc.oneof({ arbitrary: scenarioRaw.filter((r) => r.poolWide?.defaultRate !== undefined), weight: 3 }, { arbitrary: scenarioRaw, weight: 1 });

describe('pool performance in fen equals the Decimal oracle', () => {
  it('on generated deals and scenarios', () => {
    fc.assert(
      fc.property(dealRaw, fc.array(poolWideRaw, { minLength: 1, maxLength: 3 }), (d, raws) => {
        const dealCase = buildDeal(d);
        const deal = generated(dealCase.input);
        compare(
          deal,
          raws.map((r) => scenarioOf(buildScenario(dealCase, r), deal)),
        );
      }),
      { numRuns: RUNS },
    );
  });

  /** Pool-wide scenarios any deal accepts, beside the sample ones. */
  const extra = [
    { defaultRate: { annualCdr: 0.05, timing: 'even' }, recovery: { rate: 0.4, lagPeriods: 1, lossSharing: { model: '浦东' } }, prepayment: { cpr: 0.1 } },
    { defaultRate: { cumulative: 0.2, timing: { backLoaded: 0.3 } }, recovery: { rate: 0.25, lagPeriods: 3, delayed: { share: 0.4, extraPeriods: 5 } }, collections: { delayPeriods: 1, haircut: 0.05 } },
    { defaultRate: { cumulative: 0.15, timing: { explicit: [3, 1, 0, 2] }, overrides: [{ assetType: 'pledgeLoan', annualCdr: 0.08 }] }, prepayment: { cpr: 0.05 } },
  ];

  const dealFiles = readdirSync('deals').filter((f) => f.endsWith('.json'));
  const scenarioFiles = readdirSync(join('deals', 'scenarios')).filter((f) => f.endsWith('.json'));
  it.each(dealFiles)('on the sample deal %s under the sample scenarios', (file) => {
    const { deal, diagnostics } = loadDeal(join('deals', file));
    if (!deal) throw new Error(diagnostics.map(formatDiagnostic).join('\n'));
    const scenarios = [baseScenario(deal), ...extra.map((s) => Scenario.parse(s))];
    for (const f of scenarioFiles) {
      const { scenario } = loadScenario(join('deals', 'scenarios', f), deal);
      if (scenario) scenarios.push(scenario);
    }
    compare(deal, scenarios);
  });

  it('on a synthetic pool of 150 amortising pledge loans over 60 months', async () => {
    // The benchmark's pool (bench/synthetic.js, plain JavaScript: imported by a computed name).
    const synthetic = '../../bench/synthetic.js';
    const { writeSyntheticDeal } = (await import(synthetic)) as { writeSyntheticDeal: (dir: string, loans: number) => string };
    const dir = mkdtempSync(join(tmpdir(), 'ipabs-pool-oracle-'));
    try {
      const { deal, diagnostics } = loadDeal(writeSyntheticDeal(dir, 150));
      if (!deal) throw new Error(diagnostics.map(formatDiagnostic).join('\n'));
      const first = deal.assets[0]!;
      const scenarios = [
        { defaultRate: { cumulative: 0.1 }, recovery: { rate: 0.3, lagPeriods: 6 } },
        { defaultRate: { cumulative: 0.3, timing: { frontLoaded: 0.35 } }, prepayment: { cpr: 0.15 }, recovery: { rate: 0.5, lagPeriods: 2, delayed: { share: 0.5, extraPeriods: 58 } } },
        { defaultRate: { annualCdr: 0.04, overrides: [{ obligor: first.obligor, cumulative: 0.5 }] }, defaults: [{ asset: deal.assets[7]!.id, period: 20, recoveryRate: 0.9, recoveryLagPeriods: 45 }], collections: { delayPeriods: 2 } },
      ];
      compare(deal, [baseScenario(deal), ...scenarios.map((x) => Scenario.parse(x))]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
