/** The asset types behind one interface, and the pool's contractual cash flows. */
import type { IsoDate } from '../dates/date.js';
import type { AssetSpec } from '../schema/deal.js';
import { lease } from './lease.js';
import { pledgeLoan } from './pledgeLoan.js';
import { receivable } from './receivable.js';
import { royalty } from './royalty.js';
import { scheduledFlow } from './scheduledFlow.js';
import type { AssetModel, ContractualCashflows } from './types.js';

export const ASSET_MODELS: { [T in AssetSpec['type']]: AssetModel<T> } = {
  pledgeLoan,
  royalty,
  lease,
  receivable,
  scheduledFlow,
};

/** The contractual cash flows of one asset of any type. */
export function contractualCashflows(asset: AssetSpec, cutoff: IsoDate): ContractualCashflows {
  const model = ASSET_MODELS[asset.type] as AssetModel<AssetSpec['type']>;
  return model.contractual(asset as never, cutoff);
}

export type { AssetModel, ContractualCashflows, Flow } from './types.js';
