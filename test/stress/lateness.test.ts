/**
 * Lateness by hand on a small deal (./lateDeal.ts): a senior repaid in full one period after its
 * expected maturity, on its legal maturity, fails break-even's test on the expected basis and
 * passes on the legal one; stress reports the date, the periods late and the interest missed;
 * the 违约事件 trigger on "unpaid at expected maturity" switches the waterfall.
 */
import { describe, expect, it } from 'vitest';
import { paidOnTime, periodsLate, timeliness } from '../../src/analytics/timeliness.js';
import { runDeal } from '../../src/engine/run.js';
import { Scenario } from '../../src/scenario/schema.js';
import { atDefaultRate, breakeven, repaidInFull } from '../../src/stress/breakeven.js';
import { stressTable } from '../../src/stress/table.js';
import { fmtFen } from '../../src/util/fen.js';
import { aggregate, UNPAID } from '../../src/stress/mcAggregate.js';
import type { DrawnDefault } from '../../src/stress/montecarlo.js';
import { mcPartProblem, mergeMonteCarlo, monteCarloPart } from '../../src/stress/shards.js';
import { tinyDeal } from './fixtures.js';
import { lateDealInput } from './lateDeal.js';

/** 债务人04 defaults in period 2, nothing recovered: its 1,500万 still to come is lost. */
const oneDefault = Scenario.parse({ name: '债务人04 defaults', defaults: [{ obligor: '债务人04', period: 2 }] });
/** 债务人03 and 04 default in period 2: 3,000万 lost. */
const twoDefaults = Scenario.parse({ defaults: [{ obligor: '债务人03', period: 2 }, { obligor: '债务人04', period: 2 }] });

const rowsOf = (r: ReturnType<typeof runDeal>, id: string) =>
  r.tranches.find((t) => t.id === id)!.periods.map((p) => [fmtFen(p.interestPaid), fmtFen(p.principalPaid), fmtFen(p.endBalance)]);

describe('a senior repaid after its expected maturity, before its legal maturity', () => {
  const { deal, prepared } = tinyDeal(lateDealInput(false), 'late.json');

  it('is repaid on its expected maturity without defaults (hand-computed)', () => {
    // P1 2025-04-01: cash 2,000万 (four receivables × 500万); A coupon 5,500万 × 1% = 55万;
    //    B 2,500万 × 2% = 50万; A principal 2,000 − 105 = 1,895万 → A 3,605万.
    // P2: A 36.05万, B 50万, A principal 1,913.95万 → 1,691.05万.
    // P3 2025-10-01 (expected maturity): A 16.9105万, B 50万; 1,933.0895万 left ≥ 1,691.05万: repaid.
    const r = runDeal(prepared, Scenario.parse({}));
    expect(rowsOf(r, 'A').slice(0, 3)).toEqual([
      ['550000.00', '18950000.00', '36050000.00'],
      ['360500.00', '19139500.00', '16910500.00'],
      ['169105.00', '16910500.00', '0.00'],
    ]);
    const a = r.tranches.find((t) => t.id === 'A')!;
    expect(timeliness(a.periods, a.balance, a.expectedMaturity)).toEqual({ repaidOn: '2025-10-01', periodsLate: 0, interestMissed: 0 });
    expect(repaidInFull(prepared, 'A', Scenario.parse({}), 'expected')).toBe(true);
  });

  it('is repaid one period late, on its legal maturity, when 债务人04 defaults (hand-computed)', () => {
    // Cash 1,500万 a period from period 2.
    // P2: A 36.05万, B 50万, A principal 1,500 − 86.05 = 1,413.95万 → 2,191.05万.
    // P3 2025-10-01 (expected maturity): A 21.9105万, B 50万, A principal 1,500 − 71.9105 =
    //    1,428.0895万 → 762.9605万 still owed: late.
    // P4 2026-01-01 (legal maturity): A 7.629605万, B 50万, A principal 762.9605万 → 0, repaid.
    const r = runDeal(prepared, oneDefault);
    expect(rowsOf(r, 'A')).toEqual([
      ['550000.00', '18950000.00', '36050000.00'],
      ['360500.00', '14139500.00', '21910500.00'],
      ['219105.00', '14280895.00', '7629605.00'],
      ['76296.05', '7629605.00', '0.00'],
    ]);
    const a = r.tranches.find((t) => t.id === 'A')!;
    expect(timeliness(a.periods, a.balance, a.expectedMaturity)).toEqual({ repaidOn: '2026-01-01', periodsLate: 1, interestMissed: 0 });
    expect(periodsLate(a.periods, a.balance, a.expectedMaturity)).toBe(1);
    // Every coupon on its date; principal by the legal maturity, not by the expected one.
    expect(paidOnTime(a.periods, a.balance, '2026-01-01')).toBe(true);
    expect(paidOnTime(a.periods, a.balance, '2025-10-01')).toBe(false);
  });

  it('fails the break-even test on the expected basis and passes on the legal basis', () => {
    expect(repaidInFull(prepared, 'A', oneDefault, 'expected')).toBe(false);
    expect(repaidInFull(prepared, 'A', oneDefault, 'legal')).toBe(true);
    // The old test (no principal lost, every coupon paid) passed it: the default basis is now expected.
    expect(repaidInFull(prepared, 'A', oneDefault)).toBe(false);
    // The search over pool-wide defaults on top of the scenario: on the expected basis it fails
    // with no extra default at all (0, failing at 0); on the legal basis it bears some more.
    expect(breakeven(prepared, 'A', oneDefault, { basis: 'expected' })).toMatchObject({ rate: 0, failsAt: 0 });
    const legal = breakeven(prepared, 'A', oneDefault, { basis: 'legal' });
    expect(legal.rate).toBeGreaterThan(0);
    expect(repaidInFull(prepared, 'A', atDefaultRate(oneDefault, legal.rate), 'legal')).toBe(true);
    // Without the named default, the expected basis bears some pool-wide defaults, fewer than legal.
    const base = Scenario.parse({});
    const e0 = breakeven(prepared, 'A', base, { basis: 'expected' }).rate;
    const l0 = breakeven(prepared, 'A', base, { basis: 'legal' }).rate;
    expect(e0).toBeGreaterThan(0);
    expect(e0).toBeLessThan(l0);
  });

  it('stress reports the date repaid, the periods late and the interest missed', () => {
    const [row] = stressTable(prepared, [{ name: { zh: 'x', en: 'x' }, scenario: oneDefault }]);
    const a = row!.tranches.find((t) => t.id === 'A')!;
    expect([a.repaidOn, a.periodsLate, a.interestMissed.toFixed(2), a.loss.toFixed(2)]).toEqual(['2026-01-01', 1, '0.00', '0.00']);
    expect(deal.spec.tranches[0]!.legalMaturity).toBe('2026-01-01');
  });
});

describe('违约事件: unpaid at expected maturity switches the waterfall', () => {
  const withTrigger = tinyDeal(lateDealInput(true), 'late-eod.json');
  const without = tinyDeal(lateDealInput(false), 'late.json');

  it('trips on the determination date after the expected maturity and pays A before B (hand-computed)', () => {
    // Cash: 2,000万 in period 1, then 1,000万 a period (债务人03 and 04 default in period 2).
    // P2: A 36.05万, B 50万, A principal 913.95万 → 2,691.05万.
    // P3 (expected maturity): A 26.9105万, B 50万, A principal 923.0895万 → 1,767.9605万 unpaid.
    // P4: the trigger trips (A owes principal after its expected maturity), the default waterfall:
    //    A 17.679605万, A principal 1,000 − 17.679605 = 982.320395万 → 785.640105万 lost; B nothing.
    //    Without the trigger B's coupon 50万 comes before A's principal (932.320395万).
    const r = runDeal(withTrigger.prepared, twoDefaults);
    expect(r.states.map((s) => s.state)).toEqual(['normal', 'normal', 'normal', 'default']);
    expect(r.events.filter((e) => e.type === 'trigger').map((e) => [e.period, e.id, e.detail])).toEqual([[4, 'eod', 'fires']]);
    expect(rowsOf(r, 'A')).toEqual([
      ['550000.00', '18950000.00', '36050000.00'],
      ['360500.00', '9139500.00', '26910500.00'],
      ['269105.00', '9230895.00', '17679605.00'],
      ['176796.05', '9823203.95', '7856401.05'],
    ]);
    expect(rowsOf(r, 'B')[3]).toEqual(['0.00', '0.00', '25000000.00']);
    const r0 = runDeal(without.prepared, twoDefaults);
    expect(r0.states.every((s) => s.state === 'normal')).toBe(true);
    expect(rowsOf(r0, 'A')[3]).toEqual(['176796.05', '9323203.95', '8356401.05']);
    expect(rowsOf(r0, 'B')[3]).toEqual(['500000.00', '0.00', '25000000.00']);
    // B's coupon missed on 2026-01-01 with the trigger: 50万 to the fen; A missed none.
    const [row] = stressTable(withTrigger.prepared, [{ name: { zh: 'x', en: 'x' }, scenario: twoDefaults }]);
    const [a, b] = row!.tranches;
    expect([a!.repaidOn, a!.periodsLate, a!.interestMissed.toFixed(2), a!.loss.toFixed(2)]).toEqual([undefined, undefined, '0.00', '7856401.05']);
    expect([b!.repaidOn, b!.periodsLate, b!.interestMissed.toFixed(2)]).toEqual([undefined, undefined, '500000.00']);
  });

  it('does not trip when A is repaid by its expected maturity', () => {
    expect(runDeal(withTrigger.prepared, Scenario.parse({})).states.every((s) => s.state === 'normal')).toBe(true);
  });

  it('trips late and once when A is repaid one period late (the 违约事件 stays)', () => {
    // With one default A owes 762.9605万 after 2025-10-01: the trigger trips in period 4, where
    // the default waterfall still repays A in full (1,500万 of cash).
    const r = runDeal(withTrigger.prepared, oneDefault);
    expect(r.states.map((s) => s.state)).toEqual(['normal', 'normal', 'normal', 'default']);
    expect(rowsOf(r, 'A')[3]).toEqual(['76296.05', '7629605.00', '0.00']);
  });
});

describe('Monte Carlo lateness, summed per path', () => {
  it('counts each path in its delay bucket; P(late) counts late and unpaid paths', () => {
    const lates = [0, 1, 1, UNPAID, 0, 3];
    const perPath = lates.map((late) => [{ loss: late === UNPAID ? 0.5 : 0, wal: 1, late }]);
    const [t] = aggregate(['A'], perPath, 1, lates.length, 4).tranches;
    expect(t!.probabilityLate).toBeCloseTo(4 / 6, 15);
    expect(t!.delay).toEqual([
      { periods: 0, paths: 2 },
      { periods: 1, paths: 2 },
      { periods: 3, paths: 1 },
      { paths: 1 },
    ]);
    // Nobody late: the on-time bucket alone.
    expect(aggregate(['A'], [[{ loss: 0, wal: 1, late: 0 }]], 1, 1, 0).tranches[0]!.delay).toEqual([{ periods: 0, paths: 1 }]);
  });

  it('keeps lateness through a part file and its merge', () => {
    const results = [[{ loss: 0, wal: 1, late: 0 }], [{ loss: 0.25, wal: Number.NaN, late: UNPAID }], [{ loss: 0, wal: 2, late: 2 }]];
    const plan = { obligors: [], pathPattern: Uint32Array.from([0, 1, 2, 2]), patterns: [[], [[0, 1, 0]], [[0, 2, 0]]] as DrawnDefault[][], withDefaults: 3 };
    const part = JSON.parse(JSON.stringify(monteCarloPart({ from: 0, to: 4 }, plan, results)));
    expect(mcPartProblem(part, { from: 0, to: 4 }, 1)).toBeUndefined();
    const merged = mergeMonteCarlo(['A'], 1, [part]);
    expect(merged.tranches[0]!.delay).toEqual([{ periods: 0, paths: 1 }, { periods: 2, paths: 2 }, { paths: 1 }]);
    // A part without the lateness (an older part file) is refused as malformed.
    part.results[0][0] = part.results[0][0].slice(0, 2);
    expect(mcPartProblem(part, { from: 0, to: 4 }, 1)).toBe('its pattern results are malformed');
  });
});
