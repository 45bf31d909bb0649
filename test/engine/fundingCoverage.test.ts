/**
 * Issue 7, items 11 and 12, on a small inline deal whose figures are worked out by hand:
 *   11. a collection account's opening balance is paid in at closing, proven, and paid out;
 *   12. the funds available to the senior (coverage) count reserve draws as they count releases,
 *       every period and over the whole life.
 *
 * The deal: four receivables of 1,000万 each, repaid 250万 a quarter (2025); a senior of 3,000万
 * at 4% 30/360 (a quarter is exactly 1/4 year) on a fixed schedule of 750万 a quarter, and a
 * subordinate of 1,000万 with no coupon that takes whatever is left each date ("pay", not retained). A custody fee of
 * 10,000 a date ranks first. With `reserve`, a reserve of 500,000 funded at closing is drawn for
 * any shortfall of the senior and released at the end.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runDeal } from './inYuan.js';
import type { YuanRunResult as RunResult } from './inYuan.js';
import { validateDeal, type LoadedDeal } from '../../src/io/loadDeal.js';
import { loadInlineDeal, PAYMENT_DATES, quarterlyDealInput, receivables } from '../fixtures/quarterlyDeal.js';
import { Scenario, type ScenarioInput } from '../../src/scenario/schema.js';
import { Decimal } from '../../src/util/money.js';
import { runJson } from './inYuan.js';

const D = (x: string | number | Decimal) => new Decimal(x);
const y = (x: string | number | Decimal) => D(x).toFixed(2);

function smallDeal(options: { collectionOpening?: string; reserve?: boolean } = {}): LoadedDeal {
  const input = quarterlyDealInput({ id: 'mini-funding', name: '期初资金测试计划' }, {
    pool: { assets: receivables(4, '2500000.00') },
    tranches: [
      {
        id: 'A',
        name: '优先级',
        class: 'senior',
        balance: '30000000.00',
        coupon: '0.04',
        dayCount: '30/360',
        expectedMaturity: '2026-01-01',
        principal: { type: 'schedule', payments: PAYMENT_DATES.map((date) => ({ date, amount: '7500000.00' })) },
      },
      { id: 'B', name: '次级', class: 'subordinate', balance: '10000000.00', expectedMaturity: '2026-01-01' },
    ],
    fees: [{ id: 'custody', name: '托管费', kind: 'fixed', amount: '10000.00', per: 'period' }],
    accounts: [
      { id: 'collection', name: '专项计划账户', kind: 'collection', ...(options.collectionOpening ? { initialBalance: options.collectionOpening } : {}) },
      ...(options.reserve ? [{ id: 'reserve', name: '储备金', kind: 'reserve', initialBalance: '500000.00', release: { type: 'atEnd' } }] : []),
    ],
    waterfalls: {
      normal: [
        { type: 'payFees', fees: ['custody'] },
        ...(options.reserve ? [{ type: 'drawReserve', account: 'reserve', for: 'shortfall' }] : []),
        { type: 'payInterest', tranches: ['A'] },
        { type: 'payPrincipal', tranches: ['A'] },
        { type: 'payResidual', tranche: 'B', whileOthersOutstanding: 'pay' },
      ],
    },
  });
  return loadInlineDeal(input, 'mini.json');
}

const run = (deal: LoadedDeal, scenario: ScenarioInput = {}): RunResult => runDeal(deal, Scenario.parse(scenario));
const paidTo = (r: RunResult, id: string) => r.tranches.find((t) => t.id === id)!.periods.map((p) => y(p.principalPaid.plus(p.residualPaid)));

describe('11. a collection account’s opening balance is funded at closing and paid out', () => {
  // Without it, each date: 1,000万 in; fee 10,000; A interest 3,000万 × 4% / 4 = 300,000, then on
  // 2,250万, 1,500万, 750万: 225,000, 150,000, 75,000; A principal 7,500,000. B takes the rest:
  //   P1 10,000,000 − 10,000 − 300,000 − 7,500,000 = 2,190,000
  //   P2 10,000,000 − 10,000 − 225,000 − 7,500,000 = 2,265,000
  //   P3 … − 150,000 … = 2,340,000;  P4 … − 75,000 … = 2,415,000   (Σ 9,210,000: B loses 790,000)
  // With 100,000.00 in the collection account at closing, B takes 100,000 more on the first date.
  it('pays the 100,000.00 to the subordinate on the first date, and nothing else changes', () => {
    const without = run(smallDeal());
    const withOpening = run(smallDeal({ collectionOpening: '100000.00' }));
    expect(paidTo(without, 'B')).toEqual(['2190000.00', '2265000.00', '2340000.00', '2415000.00']);
    expect(paidTo(withOpening, 'B')).toEqual(['2290000.00', '2265000.00', '2340000.00', '2415000.00']);
    expect(y(withOpening.tranches[1]!.summary.loss)).toBe('690000.00');
    expect(paidTo(withOpening, 'A')).toEqual(paidTo(without, 'A'));
    // The collection account opens the first period with it.
    expect(y(withOpening.accounts[0]!.periods[0]!.begin)).toBe('100000.00');
    expect(y(without.accounts[0]!.periods[0]!.begin)).toBe('0.00');
  });

  it('records it in the ledger, as a reserve’s opening balance is, and counts it in the proof', () => {
    const r = run(smallDeal({ collectionOpening: '100000.00', reserve: true }));
    const closing = r.ledger.filter((e) => e.period === 0).map((e) => [e.date, e.from, e.to, y(e.amount), e.reason]);
    expect(closing).toEqual([
      ['2025-01-01', 'funding:collection', 'collection', '100000.00', '专项计划账户 funded at closing'],
      ['2025-01-01', 'funding:reserve', 'reserve', '500000.00', '储备金 funded at closing'],
    ]);
    // In: 4 × 1,000万 of collections + 100,000 + 500,000 at closing; all of it paid out.
    expect(y(r.checks.fundedAtClosing)).toBe('600000.00');
    expect(y(r.checks.cashIn)).toBe('40600000.00');
    expect(y(r.checks.cashOut)).toBe('40600000.00');
    expect(y(r.checks.held)).toBe('0.00');
    expect(r.checks.periodsChecked).toBe(5);
    expect(y(r.checks.largestDifference)).toBe('0.00');
    expect(r.checks.periods[0]).toMatchObject({ period: 0, holds: true });
    expect(y(r.checks.periods[0]!.cashIn)).toBe('600000.00');
    expect(y(r.checks.periods[0]!.heldEnd)).toBe('600000.00');
    const json = runJson(r).checks as Record<string, unknown>;
    expect([json['periodsChecked'], json['fundedAtClosing'], json['cashIn'], json['largestDifference']]).toEqual([5, '600000.00', '40600000.00', '0.00']);
  });

  it('a deal whose collection account names itself otherwise is funded the same way', () => {
    const deal = smallDeal({ collectionOpening: '100000.00' });
    const renamed = { ...deal, spec: { ...deal.spec, accounts: deal.spec.accounts.map((a) => ({ ...a, id: 'main' })) } };
    const r = run(renamed);
    expect(r.ledger.filter((e) => e.period === 0).map((e) => [e.from, e.to, y(e.amount)])).toEqual([['funding:main', 'collection', '100000.00']]);
    expect(paidTo(r, 'B')[0]).toBe('2290000.00');
  });
});

describe('12. funds available to the senior: one definition, reserve draws and releases alike', () => {
  // 债务人04 stops paying from the 2nd date: 750万 a date comes in from then on.
  const scenario: ScenarioInput = { defaults: [{ obligor: '债务人04', period: 2 }] };

  it('counts the reserve’s draws and its release, every period and over the whole life', () => {
    const r = run(smallDeal({ collectionOpening: '100000.00', reserve: true }), scenario);
    // P1: 100,000 brought forward + 10,000,000 − fee 10,000 = 10,090,000; due 300,000 + 7,500,000.
    // P2: 7,500,000 − 10,000 = 7,490,000 for A’s 225,000 + 7,500,000 = 7,725,000: the reserve draws
    //     235,000 for it → funds 7,725,000.
    // P3: 7,490,000 for 150,000 + 7,500,000 = 7,650,000: draws 160,000 → 7,650,000.
    // P4: the reserve releases its last 500,000 − 235,000 − 160,000 = 105,000 before the waterfall:
    //     7,500,000 + 105,000 − 10,000 = 7,595,000 for 75,000 + 7,500,000 = 7,575,000.
    expect(r.events.filter((e) => e.type === 'reserveDraw' || e.type === 'reserveRelease').map((e) => [e.period, e.type, y(e.amount!)])).toEqual([
      [2, 'reserveDraw', '235000.00'],
      [3, 'reserveDraw', '160000.00'],
      [4, 'reserveRelease', '105000.00'],
    ]);
    const table = r.coverage.periods.map((c) => [c.period, y(c.fundsForSenior), y(c.seniorDue), c.multiple?.toDecimalPlaces(10).toString()]);
    expect(table).toEqual([
      [1, '10090000.00', '7800000.00', D(10_090_000).div(7_800_000).toDecimalPlaces(10).toString()],
      [2, '7725000.00', '7725000.00', '1'],
      [3, '7650000.00', '7650000.00', '1'],
      [4, '7595000.00', '7575000.00', D(7_595_000).div(7_575_000).toDecimalPlaces(10).toString()],
    ]);
    expect(r.coverage.minimum!.toString()).toBe('1');
    // Whole life: 100,000 (collection account at closing) + 10,000,000 + 3 × 7,500,000 of
    // collections + the reserve’s 500,000 (all of it drawn or released) − 4 × 10,000 of fees
    // = 33,060,000, over A’s 30,000,000 + 750,000 of interest.
    expect(r.coverage.wholeLife!.toDecimalPlaces(10).toString()).toBe(D(33_060_000).div(30_750_000).toDecimalPlaces(10).toString());
  });

  it('is what the ledger shows came in for the senior, less what was paid ahead of it', () => {
    const r = run(smallDeal({ collectionOpening: '100000.00', reserve: true }), scenario);
    for (const c of r.coverage.periods) {
      const entries = r.ledger.filter((e) => e.period === c.period);
      const broughtForward = r.accounts[0]!.periods[c.period - 1]!.begin;
      const cameIn = entries.filter((e) => e.to === 'collection').reduce((a, e) => a.plus(e.amount), D(0));
      const fees = entries.filter((e) => e.to.startsWith('fee:')).reduce((a, e) => a.plus(e.amount), D(0));
      expect(y(c.fundsForSenior), `period ${c.period}`).toBe(y(broughtForward.plus(cameIn).minus(fees)));
    }
  });

  it('广开: the period-3 reserve draw of the two-licensees-stop scenario counts, as the base case’s release does', () => {
    const readTape = (p: string) => ({ bytes: readFileSync(`deals/${p}`), diagnostics: [] });
    const { deal } = validateDeal(JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8')), 'deal.json', readTape);
    const stop = runDeal(deal!, Scenario.parse(JSON.parse(readFileSync('deals/scenarios/guangkai-two-licensees-stop.json', 'utf8'))));
    // Period 3 (2020-05-26): 13,715,000 of royalties + 5,850,000 drawn from the 风险金 for the
    // missed ones, less the fees ahead of the senior 111,328.77 + 14,843.84 + 12,500.00 + 10,000.00
    // (the fixed fees' quarterly shares) = 148,672.61: 19,416,327.39 (it was 13,566,327.39, without the draw).
    const p3 = stop.ledger.filter((e) => e.period === 3);
    expect(p3.filter((e) => e.to === 'collection').map((e) => [e.from, y(e.amount)])).toEqual([
      ['pool', '13715000.00'],
      ['risk', '5850000.00'],
    ]);
    expect(y(p3.filter((e) => e.to.startsWith('fee:')).reduce((a, e) => a.plus(e.amount), D(0)))).toBe('148672.61');
    expect(y(stop.coverage.periods[2]!.fundsForSenior)).toBe('19416327.39');
    // The base case: period 20 counts the 风险金’s release of 15,050,000 with the 19,565,000 of
    // royalties; the senior is repaid by then, so nothing is due and there is no multiple.
    const base = runDeal(deal!);
    const p20 = base.ledger.filter((e) => e.period === 20);
    const fees20 = p20.filter((e) => e.to.startsWith('fee:')).reduce((a, e) => a.plus(e.amount), D(0));
    expect(y(base.coverage.periods[19]!.fundsForSenior)).toBe(y(D(19_565_000).plus(15_050_000).minus(fees20)));
    expect(base.coverage.periods[19]!.multiple).toBeUndefined();
  });
});
