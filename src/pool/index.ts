/** The asset types behind one interface, and the pool's contractual cash flows. */
import type { IsoDate } from '../dates/date.js';
import type { AssetSpec } from '../schema/deal.js';
import { lease } from './lease.js';
import { pledgeLoan } from './pledgeLoan.js';
import { receivable } from './receivable.js';
import { royalty } from './royalty.js';
import { scheduledFlow } from './scheduledFlow.js';
import type { AssetModel, ContractualCashflows, ContractualOutline } from './types.js';
import { assertNever } from '../util/never.js';

export const ASSET_MODELS: { [T in AssetSpec['type']]: AssetModel<T> } = {
  pledgeLoan,
  royalty,
  lease,
  receivable,
  scheduledFlow,
};

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
  const model = ASSET_MODELS[asset.type] as AssetModel<AssetSpec['type']>;
  return model.contractual(asset as never, cutoff);
}

/**
 * An asset's balance at the cutoff and the dates of its flows: from the model's cheap outline
 * when it has one (nothing kept), else from its (memoised) contractual cash flows.
 */
export function contractualOutline(asset: AssetSpec, cutoff: IsoDate): ContractualOutline {
  const model = ASSET_MODELS[asset.type] as AssetModel<AssetSpec['type']>;
  if (model.outline) return model.outline(asset as never, cutoff);
  const cf = contractualCashflows(asset, cutoff);
  return { balance: cf.balance, lastDate: cf.flows[cf.flows.length - 1]?.date, dates: () => cf.flows.map((f) => f.date) };
}

export type { AssetModel, ContractualCashflows, ContractualOutline, Flow } from './types.js';
