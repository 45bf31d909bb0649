/**
 * Property tests: every asset type's contractual schedule repays exactly its balance, in whole
 * fen, never negative, dated after the cutoff and in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareDates } from '../../src/dates/date.js';
import { contractualCashflows } from '../../src/pool/index.js';
import { royaltySchedule } from '../../src/pool/assets/royalty.js';
import { sum } from '../../src/util/money.js';
import {
  anyAssetCase,
  expectValidSchedule,
  leaseCase,
  pledgeLoanCase,
  receivableCase,
  royaltyCase,
  scheduledFlowCase,
} from './arbitraries.js';

const RUNS = 300;

describe('contractual schedules repay exactly their balance', () => {
  it('pledgeLoan (bullet, equalPrincipal, level, schedule; cutoffs before and during the loan)', () => {
    fc.assert(
      fc.property(pledgeLoanCase, ({ asset, cutoff }) => {
        if (asset.type !== 'pledgeLoan') throw new Error('unreachable');
        const cf = contractualCashflows(asset, cutoff);
        expectValidSchedule(cf, cutoff);
        // The balance is the loan's principal at the cutoff, repaid in full by maturity.
        expect(cf.balance.eq(asset.principal)).toBe(true);
        expect(cf.flows.length).toBeGreaterThan(0);
        expect(compareDates(cf.flows[cf.flows.length - 1]!.date, asset.maturityDate)).toBeLessThanOrEqual(0);
        if (asset.repayment !== 'schedule') expect(cf.flows[cf.flows.length - 1]!.date).toBe(asset.maturityDate);
        if (asset.rate.isZero()) expect(cf.flows.every((f) => f.interest.isZero())).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('royalty (level by amount or total, schedule)', () => {
    fc.assert(
      fc.property(royaltyCase, ({ asset, cutoff }) => {
        if (asset.type !== 'royalty') throw new Error('unreachable');
        const cf = contractualCashflows(asset, cutoff);
        expectValidSchedule(cf, cutoff);
        const all = royaltySchedule(asset);
        const due = all.filter((f) => compareDates(f.date, cutoff) > 0);
        expect(cf.balance.eq(sum(due.map((f) => f.principal)))).toBe(true);
        expect(cf.flows.length).toBe(due.length);
        const r = asset.royalties;
        if (r.type === 'level' && r.total !== undefined) {
          // The whole contract repays the total; parts differ by at most one fen, larger first.
          expect(sum(all.map((f) => f.principal)).eq(r.total)).toBe(true);
          for (let i = 1; i < all.length; i++) {
            const d = all[i - 1]!.principal.minus(all[i]!.principal);
            expect(d.gte(0) && d.lte('0.01')).toBe(true);
          }
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('lease (level, equalPrincipal, schedule; balanceBasis rent and principal; with and without a buy-back price)', () => {
    fc.assert(
      fc.property(leaseCase, ({ asset, cutoff }) => {
        if (asset.type !== 'lease') throw new Error('unreachable');
        const cf = contractualCashflows(asset, cutoff);
        expectValidSchedule(cf, cutoff);
        const interest = sum(cf.flows.map((f) => f.interest));
        if (asset.balanceBasis === 'principal') {
          // The receivable is the lease principal; the buy-back price is income on the last rent.
          expect(cf.balance.eq(asset.leasePrincipal)).toBe(true);
          if (asset.buyBackPrice !== undefined) {
            expect(interest.gte(asset.buyBackPrice)).toBe(true);
            const last = cf.flows[cf.flows.length - 1];
            if (last) expect(last.interest.gte(asset.buyBackPrice)).toBe(true);
          }
        } else {
          // The receivable is every rent still due, the buy-back price included; no interest.
          expect(interest.isZero()).toBe(true);
          expect(cf.balance.gte(asset.leasePrincipal.plus(asset.buyBackPrice ?? 0))).toBe(true);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it('receivable', () => {
    fc.assert(
      fc.property(receivableCase, ({ asset, cutoff }) => {
        if (asset.type !== 'receivable') throw new Error('unreachable');
        const cf = contractualCashflows(asset, cutoff);
        expectValidSchedule(cf, cutoff);
        expect(cf.balance.eq(compareDates(asset.dueDate, cutoff) > 0 ? asset.face : 0)).toBe(true);
      }),
      { numRuns: RUNS },
    );
  });

  it('scheduledFlow', () => {
    fc.assert(
      fc.property(scheduledFlowCase, ({ asset, cutoff }) => {
        if (asset.type !== 'scheduledFlow') throw new Error('unreachable');
        const cf = contractualCashflows(asset, cutoff);
        expectValidSchedule(cf, cutoff);
        expect(cf.flows.length).toBe(asset.flows.filter((f) => compareDates(f.date, cutoff) > 0).length);
      }),
      { numRuns: RUNS },
    );
  });

  it('is deterministic and does not mutate the asset', () => {
    fc.assert(
      fc.property(anyAssetCase, ({ asset, cutoff }) => {
        const before = JSON.stringify(asset);
        const a = contractualCashflows(asset, cutoff);
        const b = contractualCashflows(asset, cutoff);
        expect(JSON.stringify(asset)).toBe(before);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      }),
      { numRuns: 100 },
    );
  });
});
