/**
 * A pool-level balance basis (pool.basis), given to each royalty and receivable that has none
 * of its own: one yield for all, or the pool's purchase price allocated to the assets in
 * proportion to their payments due after the cutoff (whole fen, largest remainder), each share
 * then amortised at its asset's own yield.
 */
import type { IsoDate } from '../dates/date.js';
import type { Decimal } from '../util/money.js';
import { add, allocateFen, decimalOfFen, fromYuan, sumMoney } from '../util/fen.js';
import type { PoolBasisSpec } from './basis.js';
import { contractualCashflowsOnce } from './index.js';
import type { AssetSpec } from './registry.js';

/** Asset types a basis applies to (their payments are all principal without one). */
export const BASIS_TYPES: ReadonlySet<AssetSpec['type']> = new Set(['royalty', 'receivable']);

type WithBasis = Extract<AssetSpec, { type: 'royalty' | 'receivable' }>;
const takesBasis = (a: AssetSpec): a is WithBasis => BASIS_TYPES.has(a.type);

/**
 * What stops a pool basis from applying; empty when it applies.
 */
export function poolBasisProblems(basis: PoolBasisSpec, assets: readonly AssetSpec[], purchasePrice: Decimal | undefined): string[] {
  if ((basis.price === undefined) === (basis.yield === undefined)) return ['a pool basis needs exactly one of price and yield'];
  if (basis.price === undefined) return [];
  if (purchasePrice === undefined) return ['price "purchasePrice" needs pool.purchasePrice'];
  const other = assets.find((a) => !takesBasis(a) || a.basis !== undefined);
  return other ? [`price "purchasePrice" needs every asset to be a royalty or receivable without a basis of its own (${other.id} is not)`] : [];
}

/** The assets with the pool's basis given to those that take it (new objects; the rest as they are). */
export function applyPoolBasis(basis: PoolBasisSpec, assets: readonly AssetSpec[], purchasePrice: Decimal | undefined, cutoff: IsoDate): AssetSpec[] {
  if (basis.yield !== undefined) {
    const own = { yield: basis.yield, dayCount: basis.dayCount };
    return assets.map((a) => (takesBasis(a) && a.basis === undefined ? { ...a, basis: own } : a));
  }
  if (purchasePrice === undefined) return [...assets];
  // In whole fen: allocateFen is exactly the Decimal allocate, at integer speed.
  const due = assets.map((a) => sumMoney(contractualCashflowsOnce(a, cutoff).flows.map((f) => add(fromYuan(f.principal), fromYuan(f.interest)))));
  const shares = allocateFen(fromYuan(purchasePrice), due);
  return assets.map((a, i) => (takesBasis(a) ? { ...a, basis: { price: decimalOfFen(shares[i]!), dayCount: basis.dayCount } } : a));
}
