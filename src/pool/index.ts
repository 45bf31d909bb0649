/** The asset types behind one interface (the registry), and the pool's contractual cash flows. */
import type { IsoDate } from '../dates/date.js';
import type { AssetSpec } from '../schema/deal.js';
import { ASSET_BY_TYPE, type AssetType } from './registry.js';
import { fenCashflows, type ContractualCashflows, type ContractualOutline, type FenCashflows } from './types.js';
import { assertNever } from '../util/never.js';

/** An asset type's module, as the registry lists it. */
export type AssetModel<T extends AssetType> = (typeof ASSET_BY_TYPE)[T];
type AnyModel = AssetModel<AssetType>;

/** The module of each asset type, by type. */
export const ASSET_MODELS = ASSET_BY_TYPE;

// Parsed assets are never changed, so their flows are computed once per cutoff: validation,
// pool statistics and the engine all ask for them.
const memo = new WeakMap<AssetSpec, Map<IsoDate, ContractualCashflows>>();

/** The contractual cash flows of one asset of any type (computed once per asset and cutoff). */
export function contractualCashflows(asset: AssetSpec, cutoff: IsoDate): ContractualCashflows {
  let byCutoff = memo.get(asset);
  if (!byCutoff) memo.set(asset, (byCutoff = new Map()));
  let cf = byCutoff.get(cutoff);
  if (!cf) {
    cf = computeCashflows(asset, cutoff);
    byCutoff.set(cutoff, cf);
  }
  return cf;
}

/**
 * The contractual cash flows of one asset, as {@link contractualCashflows} gives them, for a
 * caller that reads them once (pool statistics over a large pool): computed again rather than
 * kept when they are not already known.
 */
export function contractualCashflowsOnce(asset: AssetSpec, cutoff: IsoDate): ContractualCashflows {
  return memo.get(asset)?.get(cutoff) ?? computeCashflows(asset, cutoff);
}

function computeCashflows(asset: AssetSpec, cutoff: IsoDate): ContractualCashflows {
  // The table has an entry for every type (the compiler checks it); an asset that escaped the
  // types is an internal error, not a TypeError.
  if (!Object.prototype.hasOwnProperty.call(ASSET_MODELS, asset.type)) return assertNever(asset as never, 'asset type');
  const model = ASSET_MODELS[asset.type] as AnyModel;
  return model.contractual(asset as never, cutoff);
}

const fenMemo = new WeakMap<AssetSpec, Map<IsoDate, FenCashflows>>();

/**
 * The contractual cash flows of one asset in whole fen (computed once per asset and cutoff):
 * the same amounts as {@link contractualCashflows}, from the type's integer computation when it
 * has one, else converted. Throws an InternalError for an amount beyond the safe range of fen.
 */
export function contractualFen(asset: AssetSpec, cutoff: IsoDate): FenCashflows {
  let byCutoff = fenMemo.get(asset);
  if (!byCutoff) fenMemo.set(asset, (byCutoff = new Map()));
  let cf = byCutoff.get(cutoff);
  if (!cf) {
    const model = ASSET_MODELS[asset.type] as AnyModel;
    cf = model.contractualFen?.(asset as never, cutoff) ?? fenCashflows(contractualCashflows(asset, cutoff));
    byCutoff.set(cutoff, cf);
  }
  return cf;
}

/**
 * An asset's balance at the cutoff and the dates of its flows: from the model's cheap outline
 * when it has one (nothing kept), else from its (memoised) contractual cash flows.
 */
export function contractualOutline(asset: AssetSpec, cutoff: IsoDate): ContractualOutline {
  const model = ASSET_MODELS[asset.type] as AnyModel;
  if (model.outline) return model.outline(asset as never, cutoff);
  const cf = contractualCashflows(asset, cutoff);
  return { balance: cf.balance, lastDate: cf.flows[cf.flows.length - 1]?.date, dates: () => cf.flows.map((f) => f.date) };
}

export type { ContractualCashflows, ContractualOutline, FenCashflows, Flow } from './types.js';
