/** Each tranche's share of the issue, subordination and coverage by the pool, as the offering statistics state them. */
import type { IsoDate } from '../dates/date.js';
import type { DealFile } from '../schema/deal.js';
import { Decimal, sum, ZERO } from '../util/money.js';
import { firstFixing } from '../deal/rates.js';
import { shares } from './shares.js';

/** A tranche's coverage by the pool, as the offering statistics state it. */
export interface TrancheCoverage {
  id: string;
  name: string;
  code?: string;
  shortName?: string;
  class: string;
  balance: Decimal;
  share: Decimal;
  coupon?: Decimal;
  expectedMaturity: IsoDate;
  rating?: string;
  /** Share of the issue ranked below this tranche (优先级 subordination). */
  subordination: Decimal;
  /** Pool balance over the balance of this tranche and every tranche above it. */
  coverage: Decimal;
}

/** The tranches' coverage by a pool of `balance`, in the deal's order, with the issue's total. */
export function trancheCoverage(spec: DealFile, balance: Decimal): { tranches: TrancheCoverage[]; issueBalance: Decimal } {
  // Tranches rank by class (senior, mezzanine, subordinate), then as listed.
  const rank = { senior: 0, mezzanine: 1, subordinate: 2 } as const;
  const ordered = spec.tranches.map((t, i) => ({ t, i })).sort((a, b) => rank[a.t.class] - rank[b.t.class] || a.i - b.i);
  const issueBalance = sum(spec.tranches.map((t) => t.balance));
  const trancheShares = shares(spec.tranches.map((t) => t.balance));
  let above = ZERO;
  const coverage = new Map<string, TrancheCoverage>();
  for (const { t, i } of ordered) {
    above = above.plus(t.balance);
    coverage.set(t.id, {
      id: t.id,
      name: t.name,
      code: t.code,
      shortName: t.shortName,
      class: t.class,
      balance: t.balance,
      share: trancheShares[i]!,
      // A floating coupon: its first fixing on the deal's own index path.
      coupon: t.coupon instanceof Decimal ? t.coupon : firstFixing(spec, t.coupon),
      expectedMaturity: t.expectedMaturity,
      rating: t.rating,
      subordination: issueBalance.isZero() ? ZERO : issueBalance.minus(above).div(issueBalance),
      coverage: above.isZero() ? ZERO : balance.div(above),
    });
  }
  return { tranches: spec.tranches.map((t) => coverage.get(t.id)!), issueBalance };
}
