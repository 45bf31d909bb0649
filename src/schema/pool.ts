/** The pool: the four IP asset types and a generic scheduled flow, inline or from CSV tapes. */
import { z } from 'zod';
import { Amount, Assumed, Id, IsoDate, NonNegInt, Rate, wholeNumber, Name, NameText, NoteText, PathText } from './primitives.js';
import { DayCount } from './dates.js';

/** Kinds of intellectual property pledged, licensed or leased. */
export const IP_TYPES = ['invention', 'utilityModel', 'design', 'softwareCopyright', 'trademark', 'copyright', 'other'] as const;
export const IpType = z.enum(IP_TYPES);

export const IpRights = z
  .object({
    types: z.array(IpType).min(1).meta({ description: 'Kinds of IP: invention 发明专利, utilityModel 实用新型, design 外观设计, softwareCopyright 软件著作权, trademark 商标, copyright 著作权.' }),
    count: NonNegInt.optional().meta({ description: 'Number of patents or rights (at most a million).' }),
    appraisedValue: Amount.optional().meta({ description: 'Appraised value (评估价值) in yuan.' }),
    description: NoteText.optional(),
  })
  .strict();

const assetCommon = {
  id: Id,
  obligor: Name.meta({ description: 'Borrower 借款人 / licensee 被许可人 / lessee 承租人 / debtor 债务人.' }),
  obligorId: Id.optional().meta({ description: 'Groups contracts of one obligor; default: the obligor name.' }),
  industry: NameText.optional(),
  region: NameText.optional(),
  ip: IpRights.optional(),
  defaultProbability: Rate.optional().meta({ description: 'Probability that the obligor defaults over the asset’s remaining life (for Monte Carlo).' }),
  note: NoteText.optional(),
  assumed: Assumed,
};

export const DatedPrincipal = z.object({ date: IsoDate, principal: Amount }).strict();
export const DatedAmount = z.object({ date: IsoDate, amount: Amount }).strict();

/** 知识产权质押贷款: a loan secured by pledged IP. */
export const PledgeLoan = z
  .object({
    type: z.literal('pledgeLoan'),
    ...assetCommon,
    principal: Amount.meta({ description: 'Outstanding principal at the cutoff date (贷款余额).' }),
    originalPrincipal: Amount.optional(),
    rate: Rate.meta({ description: 'Annual interest rate.' }),
    dayCount: DayCount.default('ACT/365F'),
    startDate: IsoDate,
    maturityDate: IsoDate,
    repayment: z.enum(['bullet', 'equalPrincipal', 'level', 'schedule']).meta({
      description: 'bullet 到期一次还本, equalPrincipal 等额本金, level 等额本息, schedule: an explicit principal schedule.',
    }),
    paymentEveryMonths: wholeNumber(1, 120).default(3).meta({ description: 'Months between payment dates, counted from startDate.' }),
    schedule: z.array(DatedPrincipal).optional().meta({ description: 'Principal payments after the cutoff, for repayment "schedule".' }),
    guarantor: NameText.optional(),
  })
  .strict();

export const LevelSchedule = z
  .object({
    type: z.literal('level'),
    amount: Amount.optional().meta({ description: 'The amount of each payment.' }),
    total: Amount.optional().meta({ description: 'The total of all payments, split evenly (the fen left over go to the earliest).' }),
    everyMonths: wholeNumber(1, 120),
    first: IsoDate,
    count: wholeNumber(1, 1200),
  })
  .strict();

/** 二次许可应收许可费: royalties under a patent second-license contract. */
export const Royalty = z
  .object({
    type: z.literal('royalty'),
    ...assetCommon,
    contractStart: IsoDate,
    contractEnd: IsoDate,
    royalties: z.discriminatedUnion('type', [
      LevelSchedule,
      z.object({ type: z.literal('schedule'), payments: z.array(DatedAmount).min(1) }).strict(),
    ]),
    firstLicenseFee: Amount.optional().meta({ description: 'Fee paid up front to the patentee for the exclusive first license.' }),
    riskReserveRate: Rate.optional().meta({ description: 'Share of the first-license fee kept as risk reserve (风险金).' }),
  })
  .strict();

/** 售后回租应收租金: rents under an IP sale-and-leaseback. */
export const Lease = z
  .object({
    type: z.literal('lease'),
    ...assetCommon,
    leasePrincipal: Amount.meta({ description: 'Lease principal outstanding at the cutoff (the IP purchase price still to recover).' }),
    rate: Rate.meta({ description: 'Annual lease rate.' }),
    startDate: IsoDate,
    rent: z.discriminatedUnion('type', [
      z.object({ type: z.literal('level'), everyMonths: wholeNumber(1, 120), first: IsoDate, count: wholeNumber(1, 1200) }).strict(),
      z.object({ type: z.literal('equalPrincipal'), everyMonths: wholeNumber(1, 120), first: IsoDate, count: wholeNumber(1, 1200) }).strict(),
      z
        .object({
          type: z.literal('schedule'),
          payments: z.array(z.object({ date: IsoDate, principal: Amount, interest: Amount }).strict()).min(1),
        })
        .strict(),
    ]),
    deposit: Amount.optional().meta({ description: 'Security deposit (保证金) held by the lessor.' }),
    buyBackPrice: Amount.optional().meta({ description: 'Price at which the lessee buys the IP back at the end (留购价款).' }),
    balanceBasis: z.enum(['rent', 'principal']).default('rent').meta({
      description: 'rent: the receivable is the rent still due (租金余额); principal: the lease principal, with the interest part as interest.',
    }),
  })
  .strict();

/** 应收账款 / 保理债权: a receivable due at a date (supply-chain factoring). */
export const Receivable = z
  .object({
    type: z.literal('receivable'),
    ...assetCommon,
    creditor: NameText.optional().meta({ description: 'The supplier whose receivable was factored.' }),
    face: Amount.meta({ description: 'Face amount due from the debtor.' }),
    dueDate: IsoDate,
    factoringDiscount: Rate.optional().meta({ description: 'Annual factoring discount rate.' }),
    purchasePrice: Amount.optional().meta({ description: 'Price the factor paid for the claim.' }),
  })
  .strict();

/** Any dated list of principal and interest. */
export const ScheduledFlow = z
  .object({
    type: z.literal('scheduledFlow'),
    ...assetCommon,
    flows: z.array(z.object({ date: IsoDate, principal: Amount, interest: Amount.optional() }).strict()).min(1),
  })
  .strict();

export const Asset = z.discriminatedUnion('type', [PledgeLoan, Royalty, Lease, Receivable, ScheduledFlow]);
export const ASSET_TYPES = ['pledgeLoan', 'royalty', 'lease', 'receivable', 'scheduledFlow'] as const;
export type AssetType = (typeof ASSET_TYPES)[number];

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
    assumed: Assumed,
  })
  .strict();
