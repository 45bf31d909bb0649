/** The pool: assets of the registered types (../pool/registry.ts), inline or from CSV tapes. */
import { z } from 'zod';
import { Amount, Assumed, PathText } from './primitives.js';
import { Asset, ASSET_TYPES, type AssetType } from '../pool/registry.js';
import { PoolBasis } from '../pool/basis.js';

export { Basis, PoolBasis } from '../pool/basis.js';

export { IP_TYPES, IpType, IpRights, DatedPrincipal, DatedAmount } from '../pool/assets/common.js';
export { PledgeLoan } from '../pool/assets/pledgeLoan.js';
export { LevelSchedule, Royalty } from '../pool/assets/royalty.js';
export { Lease } from '../pool/assets/lease.js';
export { Receivable } from '../pool/assets/receivable.js';
export { ScheduledFlow } from '../pool/assets/scheduledFlow.js';
export { Asset, ASSET_TYPES, type AssetType };

/** A CSV tape of assets of one type; path relative to the deal file. */
export const Tape = z
  .object({
    path: PathText.min(1),
    type: z.enum(ASSET_TYPES),
    encoding: z.enum(['auto', 'utf8', 'gbk']).default('auto').meta({ description: 'auto: UTF-8 (with or without BOM) unless the bytes are not valid UTF-8, then GBK.' }),
    defaults: z.record(z.string(), z.unknown()).optional().meta({ description: 'Field values for every row that the tape does not carry.' }),
    assumed: Assumed,
  })
  .strict();

export const Pool = z
  .object({
    purchasePrice: Amount.optional().meta({ description: '购买价款: what the plan pays the originator for the pool; default: the pool balance.' }),
    assets: z.array(Asset).default([]),
    tapes: z.array(Tape).default([]),
    basis: PoolBasis.optional(),
    assumed: Assumed,
  })
  .strict();
