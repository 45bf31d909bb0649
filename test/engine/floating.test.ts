/**
 * Floating coupons and floating loans through the engine, on test/fixtures/floating-lpr.json (a
 * test deal on the published 1-year and 5-year LPR): interest to the fen across the LPR cuts of
 * July and October 2024, floor, cap and a fixing lag binding, a floating pledge loan's schedule
 * across a repricing, a scenario's shift and replacement path, and validation of indices.
 * Interest = balance × rate × days / 365 (ACT/365F), rounded half up to the fen, as for a fixed coupon.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepareDeal, runDeal } from '../../src/engine/run.js';
import { contractualCashflows } from '../../src/pool/index.js';
import { loadDeal } from '../../src/io/loadDeal.js';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { fmtFen } from '../../src/util/fen.js';
import { useTempDir } from '../helpers.js';
import { mustLoad } from '../stress/fixtures.js';

const FIXTURE = 'test/fixtures/floating-lpr.json';
const { file } = useTempDir('ipabs-floating-');
const base = () => JSON.parse(readFileSync(FIXTURE, 'utf8')) as Record<string, any>;

/** The fixture with its senior coupon changed, loaded. */
function withCoupon(over: Record<string, unknown>, name: string) {
  const json = base();
  json.tranches[0].coupon = { ...json.tranches[0].coupon, ...over };
  return mustLoad(file(`${name}.json`, json));
}

const interest = (deal: ReturnType<typeof mustLoad>, scenario?: ScenarioInput) => runDeal(deal, scenario ? Scenario.parse(scenario) : undefined).tranches[0]!.periods.map((p) => fmtFen(p.interestDue));

describe('a floating tranche across an LPR change (LPR1Y + 50bp, reset each period)', () => {
  const deal = mustLoad(FIXTURE);

  it('pays each period at the LPR in force on its start, to the fen', () => {
    const r = runDeal(deal);
    const a = r.tranches[0]!;
    // 100,000,000 × 3.95% × 91/365 = 984,794.52 (LPR 3.45% on 2024-04-01)
    // 100,000,000 × 3.95% × 92/365 = 995,616.44 (on 2024-07-01, before the 2024-07-22 cut)
    // 100,000,000 × 3.85% × 92/365 = 970,410.96 (3.35% from 2024-07-22)
    // 100,000,000 × 3.60% × 90/365 = 887,671.23 (3.10% from 2024-10-21)
    // 100,000,000 × 3.60% × 91/365 = 897,534.25; then 3.50% (the assumed 3.00% from 2025-05-20): 92, 92, 90 days.
    expect(a.periods.map((p) => fmtFen(p.interestDue))).toEqual(['984794.52', '995616.44', '970410.96', '887671.23', '897534.25', '882191.78', '882191.78', '863013.70']);
    expect(a.coupons!.map((c) => c.toString())).toEqual(['0.0395', '0.0395', '0.0385', '0.036', '0.036', '0.035', '0.035', '0.035']);
    expect(a.coupon!.toString()).toBe('0.0395');
    expect(r.indexPaths!.map((p) => p.name)).toEqual(['LPR1Y', 'LPR5Y']);
    expect(r.indexPaths![0]!.values.map((v) => v.projected)).toEqual([false, false, false, true]);
    // The subordinate's coupon is fixed (none): no coupon path.
    expect(r.tranches[1]!.coupons).toBeUndefined();
  });

  it('a floor binds once the index falls', () => {
    // Period 4: 3.10% + 0.50% = 3.60% < 3.80%: 100,000,000 × 3.80% × 90/365 = 936,986.30.
    expect(interest(withCoupon({ floor: '0.038' }, 'floor'))[3]).toBe('936986.30');
  });

  it('a cap binds while the index is high', () => {
    // Periods 1–2: 3.95% > 3.90%: × 91/365 = 972,328.77 and × 92/365 = 983,013.70; period 3 (3.85%) unchanged.
    expect(interest(withCoupon({ cap: '0.039' }, 'cap')).slice(0, 3)).toEqual(['972328.77', '983013.70', '970410.96']);
  });

  it('a fixing lag reads the index before the reset date', () => {
    // Period 4 resets on 2025-01-01: 73 calendar days earlier is 2024-10-20, before the 2024-10-21 cut:
    // 3.35% + 0.50% = 3.85%: 100,000,000 × 3.85% × 90/365 = 949,315.07. 72 days reads 2024-10-21 itself (3.10%).
    expect(interest(withCoupon({ lagDays: 73, lagDayType: 'calendar' }, 'lag73'))[3]).toBe('949315.07');
    expect(interest(withCoupon({ lagDays: 72, lagDayType: 'calendar' }, 'lag72'))[3]).toBe('887671.23');
  });

  it('a scenario shifts the projected index, or replaces its path', () => {
    // +50bp moves what is read after the last fixing (2024-10-21): period 4 at 3.10% + 0.50 + 0.50 = 4.10%: × 90/365 = 1,010,958.90.
    const up = interest(deal, { rates: { LPR1Y: { shiftBp: 50 } } });
    expect(up.slice(0, 4)).toEqual(['984794.52', '995616.44', '970410.96', '1010958.90']);
    // A replacement path: 2.50% from 2025-01-01: period 5 at 3.00%: 100,000,000 × 3.00% × 91/365 = 747,945.21.
    const path = interest(deal, { rates: { LPR1Y: { path: [{ date: '2025-01-01', value: 0.025 }] } } });
    expect(path[4]).toBe('747945.21');
    // Spread compression adds to the fixing: period 1 at 3.95% + 0.25% = 4.20%: × 91/365 = 1,047,123.29.
    expect(interest(deal, { spreadCompressionBp: 25 })[0]).toBe('1047123.29');
  });
});

describe('a floating pledge loan (LPR5Y + 100bp, repriced on its anniversary 25 June)', () => {
  const deal = mustLoad(FIXTURE);

  it('keeps its rate in force until the first repricing after the cutoff, then the LPR fixed on it', () => {
    const prepared = prepareDeal(deal);
    const loan = contractualCashflows(deal.assets[1]!, deal.spec.dates.cutoff, prepared.rates);
    // 6,250,000 principal a quarter. 50,000,000 × 5.20% × 92/365 = 655,342.47 (the rate in force);
    // from 2024-06-25, LPR5Y 3.95% + 1% = 4.95%: 43,750,000 × 4.95% × 92/365 = 545,856.16, …;
    // from 2025-06-25, LPR5Y 3.60% + 1% = 4.60%: 18,750,000 × 4.60% × 92/365 = 217,397.26, ….
    expect(loan.flows.map((f) => f.interest.toFixed(2))).toEqual(['655342.47', '545856.16', '462791.10', '381421.23', '311917.81', '217397.26', '143356.16', '70890.41']);
    // Without a rate path (validation, pool statistics) the rate in force holds throughout.
    // 43,750,000 × 5.20% × 92/365 = 573,424.66.
    expect(contractualCashflows(deal.assets[1]!, deal.spec.dates.cutoff).flows[1]!.interest.toFixed(2)).toBe("573424.66");
  });

  it('is prepared again per rate path, and once per path', () => {
    const prepared = prepareDeal(deal);
    const up = Scenario.parse({ rates: { LPR5Y: { shiftBp: 100 } } });
    const r = runDeal(prepared, up);
    // From 2025-06-25: 3.60% + 1% (shift) + 1% (spread) = 5.60%: 18,750,000 × 5.60% × 92/365 = 264,657.53 in period 6.
    const baseRun = runDeal(prepared);
    expect(fmtFen(r.pool.periods[5]!.interest)).not.toBe(fmtFen(baseRun.pool.periods[5]!.interest));
    expect(prepared.ratePaths.size).toBe(2);
    runDeal(prepared, up);
    expect(prepared.ratePaths.size).toBe(2);
    expect(r.pool.periods[5]!.interest - baseRun.pool.periods[5]!.interest).toBe(26465753 - 21739726);
  });
});

describe('validation of indices', () => {
  const errors = (json: unknown, name: string) => loadDeal(file(`${name}.json`, json)).diagnostics.map((x) => `${x.severity}: ${x.path}: ${x.message}`);

  it('an unknown index names the JSON path', () => {
    const json = base();
    json.tranches[0].coupon.index = 'LPR2Y';
    expect(errors(json, 'unknown')).toContain('error: tranches[0].coupon.index: unknown index "LPR2Y" (did you mean "LPR1Y"?): the deal\'s indices are LPR1Y, LPR5Y');
  });

  it('dates out of order, a forward path before the last fixing, a forward value without a note', () => {
    const json = base();
    json.indices.LPR1Y.history[1].date = '2023-01-01';
    expect(errors(json, 'order')).toContain('error: indices.LPR1Y.history[1].date: dates must be in increasing order: 2023-01-01 does not come after 2023-08-21');
    const json2 = base();
    json2.indices.LPR1Y.forward = [{ date: '2024-10-01', value: 0.03 }];
    expect(errors(json2, 'forward')).toEqual(
      expect.arrayContaining(['error: indices.LPR1Y.forward[0].date: the forward path starts on 2024-10-01, not after the last fixing (2024-10-21)', expect.stringMatching(/^warning: indices\.LPR1Y\.forward\[0\]: a forward value is not yet published/)]),
    );
  });

  it('a fixing needed before the first value', () => {
    const json = base();
    json.indices.LPR1Y.history.shift();
    expect(errors(json, 'missing')).toContain('error: tranches[0].coupon.index: index LPR1Y has no value on or before 2024-04-01, the fixing date of a floating rate: give its fixings from that date back');
  });

  it('a bad coupon shape is reported at its path', () => {
    const json = base();
    json.tranches[0].coupon = { index: 'LPR1Y', spread: '50 basis points' };
    expect(errors(json, 'spread')[0]).toMatch(/^error: tranches\[0\]\.coupon\.spread: must be a spread/);
  });
});

describe('floating loans on a tape', () => {
  const tape = (rows: string) => {
    const json = base();
    delete json.$schema;
    json.pool.assets = [];
    json.pool.tapes = [{ path: 'floating.tape.csv', type: 'pledgeLoan' }];
    file('floating.tape.csv', `id,借款人,贷款余额,执行利率,放款日,到期日,还款方式,付息频率,定价基准,加点,重定价方式\n${rows}`);
    return file('tape-deal.json', json);
  };

  it('reads 定价基准, 加点 and 重定价方式 and runs as the inline loans do', () => {
    const deal = mustLoad(tape('L01,借款人01,60000000,5%,2024-03-25,2026-03-25,到期一次还本,3,,,\nL02,借款人02,50000000,5.2%,2023-06-25,2026-03-25,等额本金,3,LPR5Y,100bp,周年日\n'));
    expect(deal.assets[1]).toMatchObject({ floating: { index: 'LPR5Y', reset: 'anniversary' } });
    // Period 2: 60,000,000 × 5% × 92/365 = 756,164.38 and 43,750,000 × 4.95% × 92/365 = 545,856.16.
    expect(fmtFen(runDeal(deal).pool.periods[1]!.interest)).toBe('1302020.54');
  });

  it('an unknown index on a tape line names the line and the column', () => {
    const { diagnostics } = loadDeal(tape('L01,借款人01,110000000,5%,2024-03-25,2026-03-25,到期一次还本,3,LPR9Y,100bp,按期\n'));
    expect(diagnostics.map((x) => [x.line, x.columnName, x.message])).toContainEqual([2, '定价基准', 'unknown index "LPR9Y" (did you mean "LPR1Y"?): the deal\'s indices are LPR1Y, LPR5Y']);
  });
});

describe('a floating coupon on a flat index is the fixed coupon', () => {
  it('property: gives the same run, fen for fen, as max(0, index + spread) written as a fixed coupon', async () => {
    const { runJson } = await import('../../src/contract/runResult.js');
    const fc = (await import('fast-check')).default;
    let n = 0;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 800 }), fc.integer({ min: -300, max: 300 }), fc.integer({ min: 0, max: 100 }), fc.integer({ min: 0, max: 30 }), (indexBp, spreadBp, compressionBp, defaultPct) => {
        const flat = base();
        flat.indices.LPR1Y = { history: [{ date: '2020-01-20', value: String(indexBp / 10_000) }] };
        flat.tranches[0].coupon = { index: 'LPR1Y', spread: `${spreadBp}bp` };
        delete flat.pool.assets[1].floating;
        const fixed = structuredClone(flat);
        fixed.tranches[0].coupon = String(Math.max(0, indexBp + spreadBp) / 10_000);
        const scenario = Scenario.parse({ spreadCompressionBp: compressionBp, defaultRate: { cumulative: defaultPct / 100 } });
        n++;
        const a = runJson(runDeal(mustLoad(file(`flat-${n}.json`, flat)), scenario));
        const b = runJson(runDeal(mustLoad(file(`fixed-${n}.json`, fixed)), scenario));
        const { indexPaths: _, ...rest } = a;
        expect({ ...rest, tranches: rest.tranches.map(({ coupons: __, ...t }) => t) }).toEqual(b);
      }),
      { numRuns: 25 },
    );
  });
});
