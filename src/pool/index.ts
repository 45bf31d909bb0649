/** The asset types behind one interface (the registry), and the pool's contractual cash flows. */
import type { IsoDate } from '../dates/date.js';
import type { AssetSpec } from './registry.js';
import { ASSET_BY_TYPE, type AssetType } from './registry.js';
import { fenCashflows, type ContractualCashflows, type ContractualOutline, type FenCashflows } from './types.js';
import { assertNever } from '../util/never.js';
import type { RateEnv } from '../rates/env.js';

/** An asset type's module, as the registry lists it. */
export type AssetModel<T extends AssetType> = (typeof ASSET_BY_TYPE)[T];
type AnyModel = AssetModel<AssetType>;

/** The module of each asset type, by type. */
export const ASSET_MODELS = ASSET_BY_TYPE;

/**
 * Values of an asset at a cutoff, computed once: parsed assets are never changed, so their flows
 * are computed once per cutoff (validation, pool statistics and the engine all ask for them).
 */
function memoByCutoff<V>(compute: (asset: AssetSpec, cutoff: IsoDate, rates?: RateEnv) => V) {
  const memo = new WeakMap<AssetSpec, Map<string, V>>();
  const get = (asset: AssetSpec, cutoff: IsoDate, rates?: RateEnv): V => {
    let byCutoff = memo.get(asset);
    if (!byCutoff) memo.set(asset, (byCutoff = new Map()));
    // A floating asset's flows depend on the rate path too: kept per path.
    const env = rates && floats(asset) ? rates : undefined;
    const key = env ? `${cutoff}\u0000${env.key}` : cutoff;
    let v = byCutoff.get(key);
    if (v === undefined) byCutoff.set(key, (v = compute(asset, cutoff, env)));
    return v;
  };
  return { get, known: (asset: AssetSpec, cutoff: IsoDate) => memo.get(asset)?.get(cutoff) };
}

/** Whether an asset's flows depend on a rate path (a floating-rate loan). */
export function floats(asset: AssetSpec): boolean {
  const model = ASSET_MODELS[asset.type] as AnyModel | undefined;
  return model?.floats?.(asset as never) ?? false;
}

const cashflows = memoByCutoff(computeCashflows);

/**
 * The contractual cash flows of one asset of any type (computed once per asset and cutoff, and
 * per rate path for a floating asset: without `rates`, the rate in force at the cutoff holds).
 */
export function contractualCashflows(asset: AssetSpec, cutoff: IsoDate, rates?: RateEnv): ContractualCashflows {
  return cashflows.get(asset, cutoff, rates);
}

/**
 * The contractual cash flows of one asset, as {@link contractualCashflows} gives them, for a
 * caller that reads them once (pool statistics over a large pool): computed again rather than
 * kept when they are not already known.
 */
export function contractualCashflowsOnce(asset: AssetSpec, cutoff: IsoDate, rates?: RateEnv): ContractualCashflows {
  // A floating asset's flows on a rate path are few and kept.
  if (rates && floats(asset)) return cashflows.get(asset, cutoff, rates);
  return cashflows.known(asset, cutoff) ?? computeCashflows(asset, cutoff);
}

function computeCashflows(asset: AssetSpec, cutoff: IsoDate, rates?: RateEnv): ContractualCashflows {
  // The table has an entry for every type (the compiler checks it); an asset that escaped the
  // types is an internal error, not a TypeError.
  if (!Object.prototype.hasOwnProperty.call(ASSET_MODELS, asset.type)) return assertNever(asset as never, 'asset type');
  const model = ASSET_MODELS[asset.type] as AnyModel;
  return model.contractual(asset as never, cutoff, rates);
}

const fenCashflowsMemo = memoByCutoff((asset, cutoff, rates): FenCashflows => {
  const model = ASSET_MODELS[asset.type] as AnyModel | undefined;
  return model?.contractualFen?.(asset as never, cutoff, rates) ?? fenCashflows(contractualCashflows(asset, cutoff, rates));
});

/**
 * The contractual cash flows of one asset in whole fen (computed once per asset and cutoff):
 * the same amounts as {@link contractualCashflows}, from the type's integer computation when it
 * has one, else converted. Throws an InternalError for an amount beyond the safe range of fen.
 */
export function contractualFen(asset: AssetSpec, cutoff: IsoDate, rates?: RateEnv): FenCashflows {
  return fenCashflowsMemo.get(asset, cutoff, rates);
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
