/**
 * The deal file: one JSON document, validated by these schemas. They are the one source of truth:
 * TypeScript types are inferred from them and `schemas/deal.schema.json` is generated from them.
 */
import { z } from 'zod';
import { Amount, Assumed, Id, IsoDate, PeriodCount, Rate, Sources, Name, NameText, PathText, NoteText } from './primitives.js';
import { DealDates } from './dates.js';
import { Pool } from './pool.js';
import { Tranche } from './tranches.js';
import { Fee } from './fees.js';
import { Account } from './accounts.js';
import { Support } from './support.js';
import { Trigger } from './triggers.js';
import { Waterfalls } from './waterfall.js';
import { Indices } from './indices.js';

/** The version of the deal-file language a deal file states in `schemaVersion`. */
export const SCHEMA_VERSION = 1;

export const Meta = z
  .strictObject({
    id: Id,
    name: Name.meta({ description: 'Full name, e.g. 福田区-平安证券-高新投知识产权2号资产支持专项计划.' }),
    shortName: NameText.optional(),
    structure: z.enum(['pledgeLoan', 'royalty', 'lease', 'receivable', 'mixed']).meta({
      description: 'pledgeLoan 质押贷款, royalty 二次许可, lease 融资租赁 (售后回租), receivable 供应链.',
    }),
    exchange: z.enum(['SZSE', 'SSE', 'other']).optional(),
    planManager: NameText.optional().meta({ description: '计划管理人' }),
    originator: NameText.optional().meta({ description: '原始权益人' }),
    established: IsoDate.optional(),
    currency: z.literal('CNY').default('CNY'),
    sources: Sources,
    notes: z.array(NoteText).optional(),
    assumed: Assumed,
  });

export const CleanUpCall = z
  .strictObject({
    poolBalanceBelow: Rate.meta({ description: 'Exercisable when the pool balance falls below this share of its initial balance.' }),
    price: z.enum(['outstanding']).default('outstanding').meta({
      description:
        'outstanding: the pool’s outstanding principal balance. The call is exercised only when the price and the cash in hand pay the date’s fees and all the tranches above the subordinate are owed, and no recovery or guarantee payment is still to come.',
    }),
    exercisedBy: NameText.optional(),
    assumed: Assumed,
  })
  .meta({ description: '清仓回购' });

/**
 * The analyst's base case for stress tests: what `stress`, `breakeven` and `montecarlo` start
 * from when their flags do not say otherwise. Never published: always an assumption.
 */
export const BaseCase = z
  .strictObject({
    cumulativeDefaultRate: Rate.meta({ description: '基准累计违约率: expected cumulative defaults over the pool’s life, as a share of its initial balance.' }),
    recoveryRate: Rate.prefault(0),
    recoveryLagPeriods: PeriodCount.default(0),
    correlation: Rate.prefault(0.2).meta({ description: 'Asset correlation ρ of the one-factor Gaussian copula.' }),
    assumed: Assumed,
  });

export const Deal = z
  .strictObject({
    $schema: PathText.optional().meta({ description: 'Path or URL of this JSON Schema, for editors.' }),
    schemaVersion: z.literal(SCHEMA_VERSION).meta({ description: 'The version of the deal-file language: 1.' }),
    meta: Meta.meta({ description: 'Names, structure, exchange, plan manager, originator, sources.' }),
    dates: DealDates.meta({ description: 'Cutoff, closing, payment dates, collection periods, business-day rule and calendar.' }),
    pool: Pool.meta({ description: 'The underlying assets, inline or on CSV tapes, and the purchase price.' }),
    tranches: z.array(Tranche).min(1).meta({ description: 'The securities: senior, mezzanine, subordinate.' }),
    fees: z.array(Fee).default([]).meta({ description: 'Taxes and fees, paid where a payFees step names them.' }),
    accounts: z.array(Account).default([]).meta({ description: 'The collection account and reserves (风险金, 流动性储备).' }),
    supports: z.array(Support).default([]).meta({ description: 'Loan guarantees, shortfall payment undertakings, liquidity support.' }),
    triggers: z.array(Trigger).default([]).meta({ description: 'Events that change the waterfall or a reserve target.' }),
    waterfalls: Waterfalls.meta({ description: 'Ordered payment steps for the normal, accelerated and default states.' }),
    cleanUpCall: CleanUpCall.optional(),
    indices: Indices.optional().meta({ description: 'Interest-rate indices (LPR1Y, SHIBOR3M …) that floating coupons and loan rates read: fixings and a forward path.' }),
    baseCase: BaseCase.optional().meta({ description: 'The base case the stress commands start from (assumptions).' }),
  });

/** A deal as parsed from its file (before tapes are read). */
export type DealFile = z.output<typeof Deal>;
/** What a deal file may contain, as written. */
export type DealInput = z.input<typeof Deal>;

/** One asset of the pool (a loan, royalty, lease or receivable), inline or from a tape. */
export type AssetSpec = DealFile['pool']['assets'][number];
/** One tranche of a deal file. */
export type TrancheSpec = DealFile['tranches'][number];
export type FeeSpec = DealFile['fees'][number];
export type AccountSpec = DealFile['accounts'][number];
export type SupportSpec = DealFile['supports'][number];
export type TriggerSpec = DealFile['triggers'][number];
export type StepSpec = DealFile['waterfalls']['normal'][number];
export type TapeSpec = DealFile['pool']['tapes'][number];

export { Amount };

/** A JSON Schema for editors (`$schema`), from a zod schema's input side. */
export function jsonSchemaOf(schema: z.ZodType, id: string, title: string, description: string): Record<string, unknown> {
  const json = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any', target: 'draft-2020-12' }) as Record<string, unknown>;
  return {
    $schema: json['$schema'],
    $id: `https://ipabs.dev/schemas/${id}`,
    title,
    description,
    ...Object.fromEntries(Object.entries(json).filter(([k]) => k !== '$schema')),
  };
}

/** The JSON Schema of the deal file. */
export function dealJsonSchema(): Record<string, unknown> {
  return jsonSchemaOf(
    Deal,
    'deal.schema.json',
    'ipabs deal file',
    'A Chinese IP securitization (知识产权证券化) deal: pool, tranches, fees, accounts, credit support, triggers and waterfalls.',
  );
}
