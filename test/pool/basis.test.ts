/**
 * Royalties and receivables on a balance basis (issue 9, item 7), by hand: each payment splits
 * into principal (the basis amortising) and income (basis × yield × year fraction), whole fen,
 * the basis amortising to exactly zero.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { poolStats } from '../../src/analytics/poolStats.js';
import { runDeal } from '../../src/engine/run.js';
import { validateDeal, type LoadedDeal } from '../../src/io/loadDeal.js';
import { amortise, solveYield, withBasis } from '../../src/pool/basis.js';
import { contractualCashflows } from '../../src/pool/index.js';
import { licensedKind } from '../../src/pool/assets/royalty.js';
import { poolLabels, poolReport } from '../../src/report/poolReport.js';
import { Scenario } from '../../src/scenario/schema.js';
import type { AssetSpec } from '../../src/schema/deal.js';
import { Decimal } from '../../src/util/money.js';
import { fmtFen, sumMoney, type Money } from '../../src/util/fen.js';

const D = (x: string | number) => new Decimal(x);
const y = (d: Decimal) => d.toFixed(2);
const sum = (xs: Decimal[]) => xs.reduce((a, x) => a.plus(x), D(0));

function royalty(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'royalty', id: 'R1', obligor: '被许可人1', contractStart: '2025-01-01', contractEnd: '2027-12-31',
    royalties: { type: 'schedule', payments: [{ date: '2026-01-01', amount: '550.00' }, { date: '2027-01-01', amount: '525.00' }] },
    ...fields,
  };
}

function load(input: unknown): { deal?: LoadedDeal; messages: string[] } {
  const { deal, diagnostics } = validateDeal(input, 'deal.json', (p) => ({ bytes: readFileSync(`deals/${p}`), diagnostics: [] }));
  return { deal, messages: diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.path ?? ''}: ${d.message}`) };
}

/** A one-asset deal around `asset`, cutoff 2025-01-01. */
function miniDeal(asset: Record<string, unknown>, pool: Record<string, unknown> = {}) {
  return {
    schemaVersion: 1,
    meta: { id: 'basis', name: '许可费测试计划', structure: asset['type'] },
    dates: { cutoff: '2025-01-01', closing: '2025-01-01', paymentDates: { dates: ['2026-01-05', '2027-01-05'] }, businessDayRule: 'none', calendar: 'none' },
    pool: { assets: [asset], ...pool },
    tranches: [{ id: 'A', name: '优先级', class: 'senior', balance: '900.00', coupon: '0.03', expectedMaturity: '2027-01-05' }],
    accounts: [{ id: 'collection', name: '专项计划账户', kind: 'collection' }],
    waterfalls: { normal: [{ type: 'payInterest', tranches: ['A'] }, { type: 'payPrincipal', tranches: ['A'] }] },
  };
}

describe('a royalty on a basis', () => {
  // 1,000.00 for 550.00 and 525.00 due one and two years (365 days each) after the cutoff:
  // 550/1.05 + 525/1.05² = 523.8095… + 476.1904… = 1,000 exactly, so the yield is 5%.
  //   year 1: income 1,000 × 5% = 50.00, principal 500.00, basis left 500.00
  //   year 2: income   500 × 5% = 25.00, principal 500.00 (the basis left), basis 0.
  it('a price amortises at the royalties’ own yield, to exactly zero', () => {
    const { deal } = load(miniDeal(royalty({ basis: { price: '1000.00' } })));
    const cf = contractualCashflows(deal!.assets[0]!, '2025-01-01');
    expect(y(cf.balance)).toBe('1000.00');
    expect(cf.flows.map((f) => [f.date, y(f.principal), y(f.interest)])).toEqual([
      ['2026-01-01', '500.00', '50.00'],
      ['2027-01-01', '500.00', '25.00'],
    ]);
    expect(solveYield([{ date: '2026-01-01', amount: D(550) }, { date: '2027-01-01', amount: D(525) }], D(1000), '2025-01-01', 'ACT/365F').toString()).toBe('0.05');
  });

  it('a yield gives the same basis: the royalties’ present value at it', () => {
    const { deal } = load(miniDeal(royalty({ basis: { yield: '0.05' } })));
    const cf = contractualCashflows(deal!.assets[0]!, '2025-01-01');
    expect(y(cf.balance)).toBe('1000.00');
    expect(cf.flows.map((f) => y(f.interest))).toEqual(['50.00', '25.00']);
  });

  it('广开 C01: 45,000,000 for 20 quarterly royalties of 2,925,000 amortises to zero in whole fen', () => {
    const payments = Array.from({ length: 20 }, (_, k) => ({ date: `${2019 + Math.floor((10 + 3 * k) / 12)}-${String(((10 + 3 * k) % 12) + 1).padStart(2, '0')}-15`, amount: D(2_925_000) }));
    const price = D(45_000_000);
    const rate = solveYield(payments, price, '2019-09-10', 'ACT/365F');
    const flows = amortise(payments, price, rate, '2019-09-10', 'ACT/365F');
    // Principal sums to the basis exactly; income to the royalties less the basis: 58,500,000 − 45,000,000.
    expect(y(sum(flows.map((f) => f.principal)))).toBe('45000000.00');
    expect(y(sum(flows.map((f) => f.interest)))).toBe('13500000.00');
    for (const f of flows) {
      expect(f.principal.times(100).isInteger() && f.interest.times(100).isInteger()).toBe(true);
      expect(f.principal.gte(0) && f.interest.gte(0)).toBe(true);
      expect(y(f.principal.plus(f.interest))).toBe('2925000.00');
    }
    // The basis falls every quarter and ends at zero: the last income is within a fen or two of
    // the recurrence's (the last principal takes the remainder).
    let left = price;
    for (const f of flows) left = left.minus(f.principal);
    expect(y(left)).toBe('0.00');
    // About 10.4% a year (simple within the quarter, compounding at each royalty).
    expect(rate.toNumber()).toBeGreaterThan(0.1);
    expect(rate.toNumber()).toBeLessThan(0.11);
  });

  it('refuses a price above the royalties due', () => {
    const { messages } = load(miniDeal(royalty({ basis: { price: '1100.00' } })));
    expect(messages).toEqual(['pool.assets[0].basis: the basis price 1100.00 exceeds the payments after the cutoff (1075.00): it cannot amortise to zero']);
    expect(load(miniDeal(royalty({ basis: { dayCount: 'ACT/365F' } }))).messages).toEqual(['pool.assets[0].basis: a basis needs exactly one of price and yield']);
  });

  it('a receivable bought at a discount: the face splits into the price and the discount', () => {
    const asset = { type: 'receivable', id: 'F1', obligor: '核心企业', face: '1000.00', dueDate: '2026-01-01', basis: { price: '960.00' } };
    const { deal } = load(miniDeal(asset));
    const cf = contractualCashflows(deal!.assets[0]!, '2025-01-01');
    expect([y(cf.balance), y(cf.flows[0]!.principal), y(cf.flows[0]!.interest)]).toEqual(['960.00', '960.00', '40.00']);
  });
});

describe('广开专利 on a purchase-price basis (pool.basis)', () => {
  const input = JSON.parse(readFileSync('deals/guangkai-patent-license.json', 'utf8')) as { pool: Record<string, unknown> };
  input.pool['basis'] = { price: 'purchasePrice' };
  const { deal } = load(input);

  it('allocates 30,100万 over the royalties (39,130万): each contract’s basis is its receivable / 1.3', () => {
    const c01 = deal!.assets.find((a) => a.id === 'C01')! as Extract<AssetSpec, { type: 'royalty' }>;
    expect(y(c01.basis!.price!)).toBe('45000000.00'); // 58,500,000 × 30,100 / 39,130
    const s = poolStats(deal!.spec, deal!.assets);
    expect(y(s.balance)).toBe('301000000.00');
    expect(y(s.scheduledPrincipal)).toBe('301000000.00');
    expect(y(s.scheduledInterest)).toBe('90300000.00'); // 39,130万 − 30,100万
    expect(poolLabels(deal!).balance.zh).toBe('应收许可费本金余额');
    const summary = poolReport(deal!, { lang: 'zh' }).sections.find((x) => x.id === 'summary')!;
    expect(summary.type === 'kv' && summary.items.find((i) => i.key === 'weightedRate')).toBeTruthy();
  });

  it('makes excess spread positive and a default lose the remaining basis', () => {
    const base = runDeal(deal!, Scenario.parse({}));
    expect(base.coverage.periods.slice(0, 15).every((c) => (c.excessSpread as number) > 0)).toBe(true);
    // 专利客户01 defaults in period 3: what defaults is C01's basis left after two royalties.
    const r = runDeal(deal!, Scenario.parse({ defaults: [{ obligor: '专利客户01', period: 3 }] }));
    const c01 = contractualCashflows(deal!.assets.find((a) => a.id === 'C01')!, '2019-09-10');
    const left = c01.balance.minus(c01.flows[0]!.principal).minus(c01.flows[1]!.principal);
    expect(fmtFen(r.pool.periods[2]!.defaulted as Money)).toBe(y(left));
    expect(fmtFen(sumMoney(r.pool.periods.map((p) => p.defaulted as Money)))).toBe(y(left));
  });
});

describe('labels follow what is licensed', () => {
  it('patents, trademarks, copyrights, a mix', () => {
    expect(licensedKind([['invention'], ['utilityModel']])).toBe('patent');
    expect(licensedKind([['trademark'], ['trademark']])).toBe('trademark');
    expect(licensedKind([['softwareCopyright'], ['copyright']])).toBe('copyright');
    expect(licensedKind([['invention'], ['trademark']])).toBe('mixed');
    expect(licensedKind([undefined])).toBe('mixed');
  });

  it('a trademark royalty deal never reads 专利客户 or 许可专利类型', () => {
    const { deal } = load(miniDeal(royalty({ ip: { types: ['trademark'], count: 58 } })));
    const text = JSON.stringify(poolReport(deal!, { lang: 'zh' })) + JSON.stringify(poolReport(deal!, { lang: 'en' }));
    expect(text).not.toMatch(/专利|patent/);
    expect(text).toContain('商标被许可人');
    expect(text).toContain('许可商标类型');
    expect(text).toContain('licensed trademark type');
    const rights = poolReport(deal!, { lang: 'zh' }).sections.find((x) => x.id === 'ipRights')!;
    expect(rights.type === 'table' && rights.rows).toEqual([{ label: '商标', rights: 58, contracts: 1, uncounted: 0 }]);
  });
});

describe('the split, on generated royalties (property)', () => {
  it('is whole fen, principal sums to the basis exactly, income never below zero nor above the payment', async () => {
    const fc = (await import('fast-check')).default;
    const schedule = fc.record({
      amounts: fc.array(fc.integer({ min: 0, max: 100_000_000 }), { minLength: 1, maxLength: 24 }),
      gaps: fc.array(fc.integer({ min: 1, max: 400 }), { minLength: 24, maxLength: 24 }),
      pricePermille: fc.integer({ min: 0, max: 1000 }),
      yieldBp: fc.option(fc.integer({ min: 0, max: 5000 }), { nil: undefined }),
    });
    fc.assert(
      fc.property(schedule, ({ amounts, gaps, pricePermille, yieldBp }) => {
        let day = Date.UTC(2025, 0, 1);
        const payments = amounts.map((fen, k) => {
          day += gaps[k]! * 86_400_000;
          return { date: new Date(day).toISOString().slice(0, 10), amount: D(fen).div(100) };
        });
        const total = sum(payments.map((p) => p.amount));
        const spec = yieldBp === undefined ? { price: total.times(pricePermille).div(1000).toDecimalPlaces(2, Decimal.ROUND_DOWN), dayCount: 'ACT/365F' as const } : { yield: D(yieldBp).div(10_000), dayCount: 'ACT/365F' as const };
        const { balance, flows } = withBasis(spec, payments.map((p) => ({ date: p.date, principal: p.amount, interest: D(0) })), '2025-01-01');
        expect(y(sum(flows.map((f) => f.principal)))).toBe(y(balance));
        flows.forEach((f, k) => {
          expect(f.principal.times(100).isInteger() && f.interest.times(100).isInteger()).toBe(true);
          expect(f.interest.gte(0) && f.principal.gte(0)).toBe(true);
          expect(y(f.principal.plus(f.interest))).toBe(y(payments[k]!.amount));
        });
      }),
      { numRuns: 300, seed: 9 },
    );
  });
});
