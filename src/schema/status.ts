/**
 * The status file: where a live deal stands on a date (存续期): what each tranche still owes,
 * what the accounts hold, fee arrears, the deal's state, what each support has paid and is owed,
 * and each asset's status. Amounts in yuan (whole fen), as in the deal file.
 */
import { z } from 'zod';
import { Amount, Id, IsoDate, NoteText, PathText, Rate, NonNegInt } from './primitives.js';
import { Tape } from './pool.js';

export const ASSET_STATUSES = ['performing', 'paidOff', 'prepaid', 'overdue', 'defaulted', 'writtenOff'] as const;

const Pending = z
  .object({
    date: IsoDate.meta({ description: 'The collection date of the period it arrives in.' }),
    amount: Amount,
    kind: z.enum(['recovery', 'compensation']).default('recovery'),
  })
  .strict();

export const StatusDefault = z
  .object({
    date: IsoDate.meta({ description: 'The day of the default (违约日): it counts in the collection period that holds it.' }),
    balance: Amount.meta({ description: 'The balance that defaulted (违约金额).' }),
    recoveredToDate: Amount.prefault(0).meta({ description: 'Recovered so far (已回收金额).' }),
    expectedRecovery: Amount.optional().meta({ description: 'All it is expected to recover, what was recovered included (预计回收金额). Without `pending`, what is left arrives after the scenario’s recovery lag, counted from the default, and not before the next period.' }),
    pending: z.array(Pending).optional().meta({ description: 'What is still to come and when (as a projection writes it); overrides expectedRecovery.' }),
    interestMissed: Amount.prefault(0).meta({ description: 'Interest due in the period of the default and missed.' }),
    share: Rate.optional().meta({ description: 'The share of the asset’s contractual payments the default took away (default: the balance over the asset’s contractual balance then, at most 1).' }),
    mode: z.enum(['default', 'stopPaying']).default('default'),
    guarantee: z
      .object({ claim: Amount, paid: Amount, settled: z.boolean().default(false) })
      .strict()
      .optional()
      .meta({ description: 'What loan guarantors were asked and paid for this default; settled: paid off in full.' }),
  })
  .strict();

export const StatusAsset = z
  .object({
    id: Id,
    status: z.enum(ASSET_STATUSES),
    outstanding: Amount.optional().meta({ description: 'Principal (or remaining royalties, rents, face) still owed (剩余本金), an overdue asset’s overdue principal included. Default: as scheduled (a performing asset: its contractual balance after the last payment date; an overdue one: that and the principal of the instalments it missed); 0 for any other status.' }),
    overdueDays: NonNegInt.optional().meta({ description: 'Days overdue (逾期天数), for an overdue asset.' }),
    defaults: z.array(StatusDefault).default([]),
  })
  .strict();

/** A status tape with its reading settings: those of a pool tape, its path relative to the status file. */
export const StatusTape = Tape.pick({ sheet: true, headerRow: true, encoding: true })
  .extend({ path: PathText.min(1).meta({ description: 'The tape file, relative to the status file: CSV, or an Excel workbook (.xlsx).' }) })
  .strict();

/** The status file's zod schema (`schemas/status.schema.json` is generated from it). */
export const Status = z
  .object({
    $schema: z.string().optional(),
    deal: Id.optional().meta({ description: 'The deal’s id (meta.id): checked when given.' }),
    asOf: IsoDate.meta({ description: 'The status date: a payment date, or between two.' }),
    lastPaymentDate: IsoDate.optional().meta({ description: 'The last payment date passed (default: the last on or before asOf). Periods up to it are past.' }),
    scenario: NoteText.optional().meta({ description: 'What the status was projected under, when a projection wrote it.' }),
    tranches: z
      .array(
        z
          .object({
            id: Id,
            balance: Amount.meta({ description: 'Outstanding principal after the last payment date.' }),
            unpaidInterest: Amount.prefault(0),
            principalPaid: Amount.optional().meta({ description: 'Principal paid to date (default: issued − balance).' }),
            missedInterest: z.boolean().default(false).meta({ description: 'Interest was missed on the last payment date (for missed-payment triggers).' }),
            missedPrincipal: z.boolean().default(false),
            pastLegalMaturity: z.boolean().default(false),
          })
          .strict(),
      )
      .meta({ description: 'Every tranche of the deal.' }),
    accounts: z.array(z.object({ id: Id, balance: Amount }).strict()).default([]).meta({ description: 'Account balances; an account not listed holds nothing.' }),
    fees: z.array(z.object({ id: Id, arrears: Amount }).strict()).default([]).meta({ description: 'Fee arrears; a fee not listed owes nothing.' }),
    state: z
      .object({
        waterfall: z.enum(['normal', 'accelerated', 'default']).default('normal'),
        triggers: z.array(z.object({ id: Id, curable: z.boolean().optional().meta({ description: 'As the deal says (informational).' }) }).strict()).default([]).meta({ description: 'Triggers that have fired and are not cured.' }),
      })
      .strict()
      .prefault({}),
    supports: z
      .array(
        z
          .object({
            id: Id,
            drawn: Amount.prefault(0),
            repaid: Amount.prefault(0),
            outstanding: Amount.prefault(0).meta({ description: 'Advanced and not yet repaid.' }),
            owed: Amount.prefault(0).meta({ description: 'Asked for and not paid.' }),
            failed: z.boolean().default(false),
            failureCapLeft: Amount.optional().meta({ description: 'What a failed provider may still pay under the scenario.' }),
          })
          .strict(),
      )
      .default([]),
    pool: z.object({ cumulativeDefaulted: Amount.optional().meta({ description: 'Default: the sum of the assets’ defaults.' }) }).strict().prefault({}),
    assets: z.array(StatusAsset).default([]).meta({ description: 'Asset statuses; an asset listed nowhere performs as scheduled.' }),
    assetTape: z
      .union([PathText.min(1), StatusTape])
      .optional()
      .meta({ description: 'A tape of asset statuses, relative to this file, read as pool tapes are (CSV in UTF-8 or GBK, or an .xlsx sheet): 资产编号, 资产状态, 剩余本金, 逾期天数, 违约日, 违约金额, 已回收金额, 预计回收金额. A path, or { path, sheet, headerRow, encoding }.' }),
  })
  .strict();

/** A status file as parsed by {@link Status}. */
export type StatusFile = z.infer<typeof Status>;
export type StatusAssetSpec = z.infer<typeof StatusAsset>;
