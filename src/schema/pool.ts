/** The pool: assets of the registered types (../pool/registry.ts), inline or from tapes (CSV or .xlsx). */
import { z } from 'zod';
import { Amount, Assumed, NameText, PathText, wholeNumber } from './primitives.js';
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

/** A tape of assets of one type, CSV or an .xlsx workbook's sheet; path relative to the deal file. */
export const Tape = z
  .strictObject({
    path: PathText.min(1).meta({ description: 'The tape file, relative to the deal file: CSV, or an Excel workbook (.xlsx).' }),
    type: z.enum(ASSET_TYPES),
    sheet: z
      .union([NameText.min(1), z.number().int().min(1).max(1000)])
      .optional()
      .meta({ description: 'For an .xlsx tape: the sheet, by name ("贷款清单") or number (1 is the first); default the first sheet.' }),
    headerRow: z
      .number()
      .int()
      .min(1)
      .max(1_048_576)
      .optional()
      .meta({ description: 'For an .xlsx tape: the row of the column names, as Excel numbers rows (1 is the first); default the row of the first 30 that names the most fields.' }),
    encoding: z.enum(['auto', 'utf8', 'gbk']).default('auto').meta({ description: 'A CSV tape\'s encoding. auto: UTF-8 (with or without BOM) unless the bytes are not valid UTF-8, then GBK.' }),
    defaults: z.record(z.string(), z.unknown()).optional().meta({ description: 'Field values for every row that the tape does not carry.' }),
    assumed: Assumed,
  });

export const Pool = z
  .strictObject({
    purchasePrice: Amount.optional().meta({ description: '购买价款: what the plan pays the originator for the pool; default: the pool balance.' }),
    assets: z.array(Asset).default([]),
    tapes: z.array(Tape).default([]),
    basis: PoolBasis.optional(),
    defaultOverdueDays: wholeNumber(1, 3660)
      .optional()
      .meta({
        description:
          '违约资产定义: an asset overdue this many days or more counts as defaulted (a live deal’s overdue assets roll into default on that day). Default 90, an assumption: 逾期90天以上 as CN ABS transaction documents commonly define a defaulted asset (以上 includes the number: 民法典第1259条).',
      }),
    assumed: Assumed,
  });
