/** Pool statistics: every stratum table and share list sums to exactly 1 and to the pool balance. */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Deal, type AssetSpec } from '../../src/schema/deal.js';
import { poolStats } from '../../src/analytics/poolStats.js';
import { shares } from '../../src/analytics/shares.js';
import { Decimal, dec, sum, ZERO } from '../../src/util/money.js';
import { fenToYuan, leaseCase, pledgeLoanCase, receivableCase, royaltyCase, scheduledFlowCase } from './arbitraries.js';
import { Receivable } from '../../src/schema/pool.js';

const spec = Deal.parse(JSON.parse(readFileSync(new URL('../../deals/gaoxintou-ip-2.json', import.meta.url), 'utf8')));

/**
 * Assets of any type, with the cutoff they were generated for replaced by the deal's; the
 * generators' cutoffs span 2010–2035, so some assets are already paid off (zero balance).
 */
const asset = fc.oneof(pledgeLoanCase, royaltyCase, leaseCase, receivableCase, scheduledFlowCase).map((c) => c.asset);
const pool = fc.array(asset, { minLength: 1, maxLength: 25 }).map((assets) => assets.map((a, i) => ({ ...a, id: `A${i}`, obligor: `${a.obligor}${i % 4}` }) as AssetSpec));

function expectSharesOfOne(xs: readonly Decimal[], what: string): void {
  expect(sum(xs).eq(1), `${what}: shares sum to ${sum(xs).toString()}`).toBe(true);
  for (const x of xs) {
    expect(x.gte(0) && x.lte(1), `${what}: share ${x.toString()} in [0, 1]`).toBe(true);
    expect(x.decimalPlaces()).toBeLessThanOrEqual(12);
  }
}

describe('shares', () => {
  it('hand-computed: thirds sum to exactly 1, the last unit to the earliest', () => {
    expect(shares([dec(1), dec(1), dec(1)]).map(String)).toEqual(['0.333333333334', '0.333333333333', '0.333333333333']);
    // 2/3 = 0.6666…67 has the larger remainder (0.67 of a unit) than 1/3 (0.33).
    expect(shares([dec(1), dec(2)]).map(String)).toEqual(['0.333333333333', '0.666666666667']);
    expect(shares([dec(0), dec(5)]).map(String)).toEqual(['0', '1']);
    expect(shares([ZERO, ZERO]).map(String)).toEqual(['0', '0']);
    expect(shares([])).toEqual([]);
  });

  it('property: sum to exactly 1 (all zero when the whole is zero), each within 1e-12 of the exact fraction', () => {
    const part = fc.oneof(
      { weight: 1, arbitrary: fc.constant(0) },
      { weight: 4, arbitrary: fc.integer({ min: 0, max: 1_000_000_000_000 }) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 100 }) },
    );
    fc.assert(
      fc.property(fc.array(part, { maxLength: 40 }), (fen) => {
        const parts = fen.map((f) => new Decimal(f).div(100));
        const s = shares(parts);
        expect(s.length).toBe(parts.length);
        const whole = sum(parts);
        if (whole.isZero()) {
          expect(s.every((x) => x.isZero())).toBe(true);
          return;
        }
        expectSharesOfOne(s, 'shares');
        s.forEach((x, i) => {
          expect(x.minus(parts[i]!.div(whole)).abs().lt('1e-12')).toBe(true);
          if (parts[i]!.isZero()) expect(x.isZero()).toBe(true);
        });
      }),
      { numRuns: 500 },
    );
  });
});

describe('poolStats strata', () => {
  it('property: every stratum table sums to the pool balance, the asset count and exactly 1', () => {
    fc.assert(
      fc.property(pool, (assets) => {
        const stats = poolStats(spec, assets);
        const balance = sum(assets.map((a) => stats.cashflows[assets.indexOf(a)]!.balance));
        expect(stats.balance.eq(balance)).toBe(true);
        expect(stats.strata.map((s) => s.key)).toEqual(['industry', 'ipType', 'region', 'sizeBand', 'remainingTerm']);
        for (const { key, rows } of stats.strata) {
          expect(rows.length).toBeGreaterThan(0);
          expect(sum(rows.map((r) => r.amount)).eq(stats.balance), `${key} amounts`).toBe(true);
          expect(rows.reduce((n, r) => n + r.count, 0)).toBe(assets.length);
          expectSharesOfOne(rows.map((r) => r.countShare), `${key} count shares`);
          if (stats.balance.isZero()) expect(rows.every((r) => r.share.isZero())).toBe(true);
          else expectSharesOfOne(rows.map((r) => r.share), `${key} amount shares`);
          expect(new Set(rows.map((r) => r.label)).size).toBe(rows.length);
        }
        if (!stats.balance.isZero()) {
          expect(stats.topObligors.at(-1)!.share.lte(1)).toBe(true);
        }
        expect(stats.scheduledPrincipal.eq(stats.balance)).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('property: shares sum to 1 for pools of receivables of random sizes across every size band', () => {
    const face = fc.oneof(fc.integer({ min: 1, max: 100_000_000_00 }), fc.constantFrom(5_000_000_00, 5_000_000_01, 10_000_000_00, 20_000_000_00, 50_000_000_00, 50_000_000_01));
    fc.assert(
      fc.property(fc.array(fc.record({ face, days: fc.integer({ min: 1, max: 3000 }), industry: fc.constantFrom('制造业', '信息技术业', '建筑业') }), { minLength: 1, maxLength: 40 }), (xs) => {
        const assets = xs.map(
          (x, i) =>
            Receivable.parse({
              type: 'receivable',
              id: `F${i}`,
              obligor: `债务人${i}`,
              industry: x.industry,
              face: fenToYuan(x.face),
              dueDate: new Date(Date.UTC(2021, 0, 18 + x.days)).toISOString().slice(0, 10),
            }) as AssetSpec,
        );
        const stats = poolStats(spec, assets);
        expect(stats.balance.eq(sum(xs.map((x) => new Decimal(x.face).div(100))))).toBe(true);
        for (const { rows } of stats.strata) {
          expect(sum(rows.map((r) => r.amount)).eq(stats.balance)).toBe(true);
          expectSharesOfOne(rows.map((r) => r.share), 'amount shares');
          expectSharesOfOne(rows.map((r) => r.countShare), 'count shares');
        }
      }),
      { numRuns: 150 },
    );
  });
});
