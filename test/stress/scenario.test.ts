/**
 * The scenario language, computed by hand: timing weights, cumulative and annual default rates,
 * overrides, recoveries (lag, delayed share, loss sharing), prepayments, collection delays and
 * haircuts, spread compression and switching external support off. The arithmetic is in the
 * comments. Most checks run on one 10,000,000 bullet loan (5%, ACT/365F, interest quarterly on the
 * 18th from 2021-04-18, repaid 2022-01-18), whose deal periods are 100, 91, 92 and 92 days long
 * and whose interest is, per period:
 *   10,000,000 × 5% × 90/365 = 123,287.67;  × 91/365 = 124,657.53;  × 92/365 = 126,027.40 (twice).
 */
import { describe, expect, it } from 'vitest';
import { original, runDeal } from '../engine/inYuan.js';
import { timingWeights } from '../../src/scenario/performance.js';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { stressRow } from '../../src/stress/table.js';
import { Decimal, sum, toFen } from '../../src/util/money.js';
import { sampleDeals } from '../helpers.js';
import { oneLoanDeal, sample } from './fixtures.js';

const GUANGKAI = 'deals/guangkai-patent-license.json';
const GAOXINTOU = 'deals/gaoxintou-ip-2.json';

const one = oneLoanDeal();
const run = (input: ScenarioInput, deal = one.prepared) => runDeal(deal, Scenario.parse(input));
const fen = (x: Decimal) => x.toFixed(2);
const column = (r: ReturnType<typeof run>, key: 'defaulted' | 'principal' | 'interest' | 'prepaid' | 'recoveries' | 'compensation' | 'missed') => r.pool.periods.map((p) => fen(p[key]));

describe('timingWeights', () => {
  // Exact decimals: where 2m divides a power of ten, the weights are the exact values and sum to 1.
  const close = (weights: Decimal[], expected: number[]) => {
    expect(weights.map((w) => w.toString())).toEqual(expected.map((x) => new Decimal(x).toString()));
    expect(weights.reduce((a, b) => a.plus(b), new Decimal(0)).toString()).toBe('1');
  };
  const front = (x: number) => ({ frontLoaded: new Decimal(x) });
  const back = (x: number) => ({ backLoaded: new Decimal(x) });

  it('m = 4: even ¼ each; front 20%: the first half takes 70%, the second 30%; back 10%: 40% and 60%', () => {
    close(timingWeights('even', 4), [0.25, 0.25, 0.25, 0.25]);
    // 70% over periods 1–2 (35% each), 30% over 3–4 (15% each).
    close(timingWeights(front(0.2), 4), [0.35, 0.35, 0.15, 0.15]);
    // 40% over 1–2 (20% each), 60% over 3–4 (30% each).
    close(timingWeights(back(0.1), 4), [0.2, 0.2, 0.3, 0.3]);
  });

  it('m = 5: the middle period straddles the halves and takes its share of each', () => {
    close(timingWeights('even', 5), [0.2, 0.2, 0.2, 0.2, 0.2]);
    // Front 20%: density 70%/½ = 1.4 in the first half, 30%/½ = 0.6 in the second. Periods of
    // width 0.2: 0.2 × 1.4 = 0.28 twice; the middle 0.1 × 1.4 + 0.1 × 0.6 = 0.2; 0.2 × 0.6 = 0.12 twice.
    close(timingWeights(front(0.2), 5), [0.28, 0.28, 0.2, 0.12, 0.12]);
    // Back 10%: densities 0.8 and 1.2: 0.16, 0.16, 0.08 + 0.12 = 0.2, 0.24, 0.24.
    close(timingWeights(back(0.1), 5), [0.16, 0.16, 0.2, 0.24, 0.24]);
    // The first half still carries 50% + x: 0.28 + 0.28 + 0.14 (the middle period's first-half
    // part) = 0.7; back-loaded, 0.16 + 0.16 + 0.08 = 0.4.
    const f = timingWeights(front(0.2), 5);
    expect(f[0]!.plus(f[1]!).plus('0.14').toString()).toBe('0.7');
    const b = timingWeights(back(0.1), 5);
    expect(b[0]!.plus(b[1]!).plus('0.08').toString()).toBe('0.4');
  });

  it('explicit weights are normalised over the active periods; x is capped at 50%', () => {
    close(timingWeights({ explicit: [1, 2, 1] }, 4), [0.25, 0.5, 0.25, 0]);
    close(timingWeights({ explicit: [3, 1, 0, 0, 0, 0] }, 2), [0.75, 0.25]);
    close(timingWeights(front(0.5), 4), [0.5, 0.5, 0, 0]);
    close(timingWeights(back(0.5), 4), [0, 0, 0.5, 0.5]);
    expect(timingWeights('even', 0)).toEqual([]);
  });

  it('weights of other period counts are rationals divided once, to 40 digits, with no float on the way', () => {
    expect(timingWeights('even', 3).map(String)).toEqual(Array(3).fill('0.3333333333333333333333333333333333333333'));
    expect(timingWeights(front(0.2), 3).map(String)).toEqual(['0.4666666666666666666666666666666666666667', '0.3333333333333333333333333333333333333333', '0.2']);
    expect(timingWeights({ explicit: [0.1, 0.2] }, 2).map(String)).toEqual(['0.3333333333333333333333333333333333333333', '0.6666666666666666666666666666666666666667']);
  });
});

describe('cumulative default rate', () => {
  const { prepared } = sample(GUANGKAI);

  it('10% on 广开专利, even over its 20 periods, defaults 3,913万 in all (4 fen more, from rounding)', () => {
    // The pool is 11 royalty contracts of 39,130万 (4 × 5,850万 + 3,380万 + 2,730万 + 2,600万 +
    // 2,340万 + 2,080万 + 1,560万 + 1,040万), paid level over 20 quarters, one royalty a period.
    expect(prepared.pool.initialBalance).toBe(39_130_000_000); // fen
    const r = runDeal(prepared, Scenario.parse({ defaultRate: { cumulative: 0.1 } }), { detail: false });
    // 10% × 391,300,000 / 20 = 1,956,500 a period.
    const defaulted = column(r, 'defaulted');
    expect(defaulted.slice(0, 19)).toEqual(Array(19).fill('1956500.00'));
    // Each asset's defaulted and paid amounts are rounded to the fen; the rounding stays in its
    // performing balance (what is defaulted and paid is taken from it), and the last period
    // clears it. 专利客户01–04 (292.5万 a quarter each) end with 1 fen more than 10% of their
    // 5,850万 (585,000.01 each): period 20 defaults 1,956,500.04, the total 39,130,000.04.
    expect(defaulted[19]).toBe('1956500.04');
    expect(fen(sum(r.pool.periods.map((p) => p.defaulted)))).toBe('39130000.04');
    expect(fen(r.pool.totalDefaulted)).toBe('39130000.04');
    // At most a fen per asset.
    expect(r.pool.totalDefaulted.minus(39_130_000).abs().lte(0.01 * 11)).toBe(true);
  });

  it('front-loaded 20% on 广开专利: periods 1–10 take 70% of 3,913万, periods 11–20 take 30%', () => {
    const r = runDeal(prepared, Scenario.parse({ defaultRate: { cumulative: 0.1, timing: { frontLoaded: 0.2 } } }), { detail: false });
    // 70% × 39,130,000 / 10 = 2,739,100; 30% × 39,130,000 / 10 = 1,173,900 (to a few fen).
    r.pool.periods.forEach((p, k) => expect(p.defaulted.minus(k < 10 ? 2_739_100 : 1_173_900).abs().lte(0.05), `period ${k + 1}: ${fen(p.defaulted)}`).toBe(true));
    expect(r.pool.totalDefaulted.minus(39_130_000).abs().lte(0.11)).toBe(true);
  });

  it('overrides: the first match wins; an override of 0 spares an obligor', () => {
    // 专利客户01 spared: 10% of the other 33,280万 = 3,328万.
    const spared = runDeal(prepared, Scenario.parse({ defaultRate: { cumulative: 0.1, overrides: [{ obligor: '专利客户01', cumulative: 0 }] } }), { detail: false });
    expect(spared.pool.totalDefaulted.minus(33_280_000).abs().lte(0.11)).toBe(true);
    expect(spared.pool.periods.every((p) => p.defaulted.minus(1_664_000).abs().lte(0.05))).toBe(true);
    // 专利客户01 at 25% (first), every other royalty at 20%: 1,462.5万 + 6,656万 = 8,118.5万.
    const first = runDeal(prepared, Scenario.parse({ defaultRate: { cumulative: 0.1, overrides: [{ obligor: '专利客户01', cumulative: 0.25 }, { assetType: 'royalty', cumulative: 0.2 }] } }), { detail: false });
    expect(first.pool.totalDefaulted.minus(81_185_000).abs().lte(0.11)).toBe(true);
    // The royalty override first: it takes every asset, 20% of 39,130万 = 7,826万.
    const second = runDeal(prepared, Scenario.parse({ defaultRate: { cumulative: 0.1, overrides: [{ assetType: 'royalty', cumulative: 0.2 }, { obligor: '专利客户01', cumulative: 0.25 }] } }), { detail: false });
    expect(second.pool.totalDefaulted.minus(78_260_000).abs().lte(0.11)).toBe(true);
  });

  it('a named obligor defaults whole and is out of the pool-wide defaults: 10% of the rest plus its balance', () => {
    // 专利客户01 defaults in period 3 owing 5,850万 − 2 × 292.5万 = 5,265万; the other 33,280万
    // default 10% = 3,328万 evenly (166.4万 a period). In all 8,593万.
    const r = runDeal(prepared, Scenario.parse({ defaultRate: { cumulative: 0.1 }, defaults: [{ obligor: '专利客户01', period: 3 }] }), { detail: false });
    const defaulted = r.pool.periods.map((p) => p.defaulted);
    expect(fen(defaulted[0]!)).toBe('1664000.00');
    expect(fen(defaulted[1]!)).toBe('1664000.00');
    expect(defaulted[2]!.minus(1_664_000 + 52_650_000).abs().lte(0.05)).toBe(true);
    expect(r.pool.totalDefaulted.minus(85_930_000).abs().lte(0.11)).toBe(true);
  });
});

describe('annual CDR', () => {
  it('takes 1 − (1 − c)^(days/365) of the performing balance each period', () => {
    // c = 10%: f = 1 − 0.9^(100/365) = 0.0284532547, 1 − 0.9^(91/365) = 0.0259259623,
    // 1 − 0.9^(92/365) = 0.0262070969 (periods 3 and 4).
    const f = [100, 91, 92, 92].map((d) => new Decimal(1).minus(new Decimal(0.9).pow(new Decimal(d).div(365))));
    expect(f.map((x) => x.toFixed(10))).toEqual(['0.0284532547', '0.0259259623', '0.0262070969', '0.0262070969']);
    const r = run({ defaultRate: { annualCdr: 0.1 } });
    // Period 1: 10,000,000 × 0.0284532547 = 284,532.55; period 2: 9,715,467.45 × 0.0259259623 =
    // 251,882.84; period 3: 9,463,584.61 × 0.0262070969 = 248,013.08; period 4: 9,215,571.53 ×
    // 0.0262070969 = 241,513.38; the 8,974,058.15 left is repaid on 2022-01-18.
    expect(column(r, 'defaulted')).toEqual(['284532.55', '251882.84', '248013.08', '241513.38']);
    let balance = new Decimal(10_000_000);
    r.pool.periods.forEach((p, k) => {
      expect(fen(p.defaulted)).toBe(fen(toFen(balance.times(f[k]!))));
      balance = balance.minus(p.defaulted);
    });
    expect(column(r, 'principal')).toEqual(['0.00', '0.00', '0.00', '8974058.15']);
    // A defaulting share pays nothing of its period: interest × what still performs.
    // 123,287.67 × (1 − f₁) = 119,779.73; 124,657.53 × (1 − f₁)(1 − f₂) = 117,970.71; …
    expect(column(r, 'interest')).toEqual(['119779.73', '117970.71', '116141.45', '113097.72']);
    expect(fen(r.pool.totalDefaulted)).toBe('1025941.85');
  });
});

describe('recoveries', () => {
  it('bring back rate × defaulted, lag periods later', () => {
    // The loan defaults whole in period 2 (10,000,000); 40% comes back in period 3.
    const r = run({ defaults: [{ obligor: '借款人01', period: 2 }], recovery: { rate: 0.4, lagPeriods: 1 } });
    expect(column(r, 'defaulted')).toEqual(['0.00', '10000000.00', '0.00', '0.00']);
    expect(column(r, 'recoveries')).toEqual(['0.00', '0.00', '4000000.00', '0.00']);
    // It pays period 1's interest and nothing after.
    expect(column(r, 'interest')).toEqual(['123287.67', '0.00', '0.00', '0.00']);
    // Lag 0: in the period of the default; an obligor's own rate and lag override the scenario's.
    expect(column(run({ defaults: [{ obligor: '借款人01', period: 2 }], recovery: { rate: 0.4 } }), 'recoveries')).toEqual(['0.00', '4000000.00', '0.00', '0.00']);
    expect(column(run({ defaults: [{ obligor: '借款人01', period: 2, recoveryRate: 0.25, recoveryLagPeriods: 2 }], recovery: { rate: 0.4, lagPeriods: 1 } }), 'recoveries')).toEqual(['0.00', '0.00', '0.00', '2500000.00']);
  });

  it('a delayed share arrives extraPeriods later still; one due after the last period never arrives', () => {
    // 4,000,000 recovered: 75% (3,000,000) in period 3, 25% (1,000,000) one period later.
    const r = run({ defaults: [{ obligor: '借款人01', period: 2 }], recovery: { rate: 0.4, lagPeriods: 1, delayed: { share: 0.25, extraPeriods: 1 } } });
    expect(column(r, 'recoveries')).toEqual(['0.00', '0.00', '3000000.00', '1000000.00']);
    // Two periods later would be period 5: the deal has four.
    const late = run({ defaults: [{ obligor: '借款人01', period: 2 }], recovery: { rate: 0.4, lagPeriods: 1, delayed: { share: 0.25, extraPeriods: 2 } } });
    expect(column(late, 'recoveries')).toEqual(['0.00', '0.00', '3000000.00', '0.00']);
  });

  it('loss sharing 广州541: the plan bears 10% of the loss after recovery, the other 90% arrives as compensation', () => {
    // Recovered 30% = 3,000,000; loss 7,000,000; compensation 90% = 6,300,000, with the recovery.
    const r = run({ defaults: [{ obligor: '借款人01', period: 2 }], recovery: { rate: 0.3, lagPeriods: 1, lossSharing: { model: '广州541' } } });
    expect(column(r, 'recoveries')).toEqual(['0.00', '0.00', '3000000.00', '0.00']);
    expect(column(r, 'compensation')).toEqual(['0.00', '0.00', '6300000.00', '0.00']);
    // The plan's loss: 10,000,000 − 3,000,000 − 6,300,000 = 700,000 = 10% × 7,000,000.
    // A lender share of 20% instead: compensation 80% × 7,000,000 = 5,600,000.
    expect(column(run({ defaults: [{ obligor: '借款人01', period: 2 }], recovery: { rate: 0.3, lagPeriods: 1, lossSharing: { lenderShare: 0.2 } } }), 'compensation')).toEqual(['0.00', '0.00', '5600000.00', '0.00']);
  });

  it('loss sharing on 高新投知识产权2号 (no guarantee): 借款人02’s 2,500万 → 750万 recovered, 1,575万 compensation', () => {
    const { prepared } = sample(GAOXINTOU);
    const r = runDeal(prepared, Scenario.parse({ defaults: [{ obligor: '借款人02', period: 2 }], recovery: { rate: 0.3, lagPeriods: 1, lossSharing: { model: '广州541' } }, externalSupport: false }));
    // 30% × 25,000,000 = 7,500,000; (25,000,000 − 7,500,000) × 90% = 15,750,000, both in period 3.
    expect(column(r, 'defaulted')).toEqual(['0.00', '25000000.00', '0.00', '0.00']);
    expect(column(r, 'recoveries')).toEqual(['0.00', '0.00', '7500000.00', '0.00']);
    expect(column(r, 'compensation')).toEqual(['0.00', '0.00', '15750000.00', '0.00']);
  });
});

describe('prepayment', () => {
  it('CPR 20%: 1 − 0.8^(days/365) of what performs after the scheduled payment', () => {
    // f = 1 − 0.8^(100/365) = 0.0593039693, 1 − 0.8^(91/365) = 0.0541138346, 1 − 0.8^(92/365) = 0.0546919275.
    // Prepaid: 10,000,000 × f₁ = 593,039.69; 9,406,960.31 × f₂ = 509,046.69; 8,897,913.62 × f₃ =
    // 486,644.05; period 4 repays the 8,411,269.57 left (nothing left to prepay).
    const r = run({ prepayment: { cpr: 0.2 } });
    expect(column(r, 'prepaid')).toEqual(['593039.69', '509046.69', '486644.05', '0.00']);
    expect(column(r, 'principal')).toEqual(['593039.69', '509046.69', '486644.05', '8411269.57']);
    // Interest on what performed at the start of each period: 123,287.67; 124,657.53 × (1 − f₁) =
    // 117,264.84; 126,027.40 × (1 − f₁)(1 − f₂) = 112,138.09; × (1 − f₃) = 106,005.04.
    expect(column(r, 'interest')).toEqual(['123287.67', '117264.84', '112138.09', '106005.04']);
    expect(fen(sum(r.pool.periods.map((p) => p.principal)))).toBe('10000000.00');
  });
});

describe('collections of royalties and rents', () => {
  const { prepared } = sample(GUANGKAI);
  const baseRun = runDeal(prepared, Scenario.parse({}), { detail: false });
  const collected = (r: ReturnType<typeof run>) => r.pool.periods.map((p) => p.principal.plus(p.interest));

  it('a haircut of 10% cuts every royalty collected by exactly 10%', () => {
    // 广开专利 collects 39,130万 / 20 = 1,956.5万 a quarter; 90% is 1,760.85万.
    expect(collected(baseRun).map(fen)).toEqual(Array(20).fill('19565000.00'));
    const r = runDeal(prepared, Scenario.parse({ collections: { haircut: 0.1 } }), { detail: false });
    expect(collected(r).map(fen)).toEqual(Array(20).fill('17608500.00'));
    expect(fen(sum(collected(r)))).toBe('352170000.00');
    // What is cut is missed.
    expect(column(r, 'missed')).toEqual(Array(20).fill('1956500.00'));
  });

  it('a delay of 1 period shifts every collection a period later; the last period collects two', () => {
    const r = runDeal(prepared, Scenario.parse({ collections: { delayPeriods: 1 } }), { detail: false });
    expect(collected(r).map(fen)).toEqual(['0.00', ...Array(18).fill('19565000.00'), '39130000.00']);
    expect(fen(sum(collected(r)))).toBe('391300000.00');
    // Not royalties or rents: loans are untouched.
    const loans = sample(GAOXINTOU).prepared;
    const shifted = runDeal(loans, Scenario.parse({ collections: { delayPeriods: 1 } }), { detail: false });
    const unshifted = runDeal(loans, Scenario.parse({}), { detail: false });
    expect(column(shifted, 'interest')).toEqual(column(unshifted, 'interest'));
  });
});

describe('spread compression', () => {
  it('50bp raises the senior’s interest due by balance × 0.5% × days/365, to the fen', () => {
    const { prepared } = sample(GUANGKAI);
    const base = runDeal(prepared, Scenario.parse({}), { detail: false }).tranches.find((t) => t.id === 'A')!;
    const wide = runDeal(prepared, Scenario.parse({ spreadCompressionBp: 50 }), { detail: false }).tranches.find((t) => t.id === 'A')!;
    // First period: 2019-09-11 (closing) to 2019-11-26, 76 days, on 285,950,000.
    // 4%: 285,950,000 × 0.04 × 76/365 = 2,381,610.96; 4.5%: 2,679,312.33; difference 297,701.37
    // = 285,950,000 × 0.005 × 76/365 (297,701.369…).
    expect(fen(base.periods[0]!.interestDue)).toBe('2381610.96');
    expect(fen(wide.periods[0]!.interestDue)).toBe('2679312.33');
    expect(fen(wide.periods[0]!.interestDue.minus(base.periods[0]!.interestDue))).toBe('297701.37');
    expect(fen(toFen(new Decimal(285_950_000).times(0.005).times(76).div(365)))).toBe('297701.37');
    // Every period: 4.5% on the balance over the days between nominal dates, plus arrears.
    const nominal = ['2019-09-11', ...wide.periods.map((p) => p.nominalDate)];
    const days = (a: string, b: string) => (Date.parse(b) - Date.parse(a)) / 86_400_000;
    let arrears = new Decimal(0);
    wide.periods.forEach((p, k) => {
      const accrual = toFen(p.beginBalance.times(0.045).times(days(nominal[k]!, nominal[k + 1]!)).div(365));
      expect(fen(p.interestDue), `period ${k + 1}`).toBe(fen(accrual.plus(arrears)));
      arrears = p.interestShortfall;
    });
    // The subordinate has no coupon: nothing to raise.
    const b = runDeal(prepared, Scenario.parse({ spreadCompressionBp: 50 }), { detail: false }).tranches.find((t) => t.id === 'B')!;
    expect(b.periods.every((p) => p.interestDue.isZero())).toBe(true);
  });
});

describe('externalSupport: false', () => {
  // Hard enough that every deal with supports draws on them: defaults, 300bp of spread
  // compression and 80% of royalties and rents never paid.
  const harsh = { defaultRate: { cumulative: 0.3 }, recovery: { rate: 0.2, lagPeriods: 1 }, spreadCompressionBp: 300, collections: { haircut: 0.8 } };
  for (const file of sampleDeals()) {
    it(`${file}: no support pays anything`, () => {
      const { deal, prepared } = sample(file);
      const on = runDeal(prepared, Scenario.parse(harsh), { detail: false });
      const off = runDeal(prepared, Scenario.parse({ ...harsh, externalSupport: false }), { detail: false });
      expect(on.supports.map((s) => s.id)).toEqual(deal.spec.supports.map((s) => s.id));
      if (deal.spec.supports.length > 0) expect(sum(on.supports.map((s) => s.totalDrawn)).gt(0), 'supports draw when on').toBe(true);
      for (const s of off.supports) {
        expect(s.draws, s.id).toEqual([]);
        expect(fen(s.totalDrawn), s.id).toBe('0.00');
        expect(fen(s.unpaid), s.id).toBe('0.00');
      }
      expect(off.pool.periods.every((p) => p.guaranteePayments.isZero())).toBe(true);
      const row = stressRow({ zh: '', en: '' }, original(off));
      expect([row.guaranteeDrawn, row.undertakingDrawn, row.liquidityDrawn].map(fen)).toEqual(['0.00', '0.00', '0.00']);
    });
  }
});
