/**
 * The searches `ipabs breakeven` runs: per tranche and scenario, the break-even default rate
 * with and without external support on each principal basis asked for, and the implied rating
 * of each tranche from its lowest break-even.
 */
import type { EngineStatus } from '../engine/status.js';
import type { LoadedDeal } from '../deal/loaded.js';
import { expandDates } from '../deal/periods.js';
import type { PreparedDeal } from '../engine/run.js';
import type { Label } from '../util/label.js';
import { breakeven, impliedRating, type Breakeven, type PrincipalBasis } from './breakeven.js';
import type { NamedScenario } from './scenarios.js';

/** One basis's searches: with and without external support. */
export interface BasisBreakeven {
  basis: PrincipalBasis;
  withSupport: Breakeven;
  withoutSupport: Breakeven;
}

export interface BreakevenRow {
  scenario: NamedScenario['name'];
  tranche: string;
  /** The bases asked for, the headline one first. */
  bases: BasisBreakeven[];
}

/** The implied rating of a tranche on one basis, from its lowest break-even over the scenarios. */
export interface BasisRating {
  basis: PrincipalBasis;
  minWith: number;
  minWithout: number;
  gradeWith?: string;
  gradeWithout?: string;
  tdrWith?: number;
  tdrWithout?: number;
}

export interface TrancheRating {
  tranche: string;
  bases: BasisRating[];
}

/**
 * The bases of `--principal-by`: the one given alone, else both with the expected maturity
 * (the deal's promise) as the headline and the legal maturity (the rating definition) beside it.
 */
export function basesFor(principalBy: PrincipalBasis | undefined): PrincipalBasis[] {
  return principalBy ? [principalBy] : ['expected', 'legal'];
}

/**
 * Rows [from, to) of tranche × scenario, tranche by tranche: row k is tranche ⌊k ÷ scenarios⌋,
 * scenario k mod scenarios.
 */
export function breakevenRows(prepared: PreparedDeal, ids: readonly string[], list: readonly NamedScenario[], bases: readonly PrincipalBasis[], range: { from: number; to: number }, status?: EngineStatus): BreakevenRow[] {
  return Array.from({ length: range.to - range.from }, (_, i) => {
    const id = ids[Math.floor((range.from + i) / list.length)]!;
    const s = list[(range.from + i) % list.length]!;
    return {
      scenario: s.name,
      tranche: id,
      bases: bases.map((basis) => ({
        basis,
        withSupport: breakeven(prepared, id, { ...s.scenario, externalSupport: true }, { basis, status }),
        withoutSupport: breakeven(prepared, id, { ...s.scenario, externalSupport: false }, { basis, status }),
      })),
    };
  });
}

/** Each tranche's implied ratings, one per basis, from its lowest break-even over the scenarios. */
export function trancheRatings(
  rows: readonly BreakevenRow[],
  ids: readonly string[],
  baseRate: number | undefined,
  multipliers: readonly { grade: string; multiplier: number }[],
): TrancheRating[] {
  return ids.map((id) => {
    const mine = rows.filter((r) => r.tranche === id);
    const bases = (mine[0]?.bases ?? []).map((b, j): BasisRating => {
      const minWith = Math.min(...mine.map((r) => r.bases[j]!.withSupport.rate));
      const minWithout = Math.min(...mine.map((r) => r.bases[j]!.withoutSupport.rate));
      const w = baseRate !== undefined ? impliedRating(minWith, baseRate, multipliers) : undefined;
      const wo = baseRate !== undefined ? impliedRating(minWithout, baseRate, multipliers) : undefined;
      return { basis: b.basis, minWith, minWithout, gradeWith: w?.grade, gradeWithout: wo?.grade, tdrWith: w?.tdr, tdrWithout: wo?.tdr };
    });
    return { tranche: id, bases };
  });
}

/** The words of each basis, for headers. */
export const BASIS_TAG: Record<PrincipalBasis, Label> = {
  expected: { zh: '预期到期基准', en: 'expected basis' },
  legal: { zh: '法定到期基准', en: 'legal basis' },
};

/** The words of each basis, for notes. */
export const BASIS_LABEL: Record<PrincipalBasis, Label> = {
  expected: { zh: '本金按预期到期日', en: 'principal by expected maturity' },
  legal: { zh: '本金按法定到期日', en: 'principal by legal maturity' },
};

/**
 * The notes of tranches without a legal maturity, when the legal basis is reported: it falls
 * back to the deal's last payment date, the end of the run.
 */
export function legalFallbackNotes(deal: LoadedDeal, ids: readonly string[], bases: readonly PrincipalBasis[]): Label[] {
  if (!bases.includes('legal')) return [];
  const last = expandDates(deal.spec.dates.paymentDates).at(-1) ?? '';
  return ids
    .map((id) => deal.spec.tranches.find((t) => t.id === id)!)
    .filter((t) => t.legalMaturity === undefined)
    .map((t) => ({
      zh: `警告：${t.name}（${t.id}）未设法定到期日，法定到期日基准以最后一个兑付日 ${last} 代替`,
      en: `Warning: ${t.name} (${t.id}) has no legal maturity: the legal basis tests its principal at the deal's last payment date, ${last}`,
    }));
}
