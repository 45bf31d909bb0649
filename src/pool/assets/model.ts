/**
 * What one asset type supplies, in one module: its schema, how a CSV tape writes it, its
 * validation rules, its contractual cash flows, and how reports name and stratify it. The
 * registry (`../registry.ts`) lists the modules; everything per type elsewhere derives from it.
 */
import type { z } from 'zod';
import type { IsoDate } from '../../dates/date.js';
import type { Severity } from '../../util/errors.js';
import type { Decimal } from '../../util/money.js';
import type { RateEnv } from '../../rates/env.js';
import type { ContractualCashflows, ContractualOutline, FenCashflows } from '../types.js';

/** A label in both report languages. */
export interface Label {
  zh: string;
  en: string;
}

/** How a tape writes an asset type: Chinese header names and values, and each field's unit. */
export interface TapeFacet {
  /** Header names (Chinese, or other English ones) → field paths. */
  aliases: Readonly<Record<string, string>>;
  /** Chinese names of a field's values, by field path: 等额本息 → level. */
  values?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Field paths by unit: how a cell's text becomes the field's value. */
  units: {
    /** Amounts in yuan (thousands separators dropped; a header may state 万元). */
    amount?: readonly string[];
    /** Rates (a cell may end in %; a header may state (%)). */
    rate?: readonly string[];
    /** Whole numbers. */
    int?: readonly string[];
    /** Dates (Excel's 2021/1/28 and 2021年1月28日 are read too). */
    date?: readonly string[];
  };
}

/** What a validation rule of an asset is given. */
export interface AssetCheckContext {
  cutoff: IsoDate;
  /** A diagnostic on a field of this asset (an error unless said otherwise). */
  report(field: string, message: string, severity?: Severity): void;
  /** The asset's contractual cash flows (computed once and kept). */
  contractual(): ContractualCashflows;
}

/** How reports name an asset type and its obligors. */
export interface AssetLabels {
  /** 中文名 of the asset type. */
  name: Label;
  /** Obligors, plural (借款人 / borrowers) and one (借款人 / borrower). */
  obligors: Label;
  obligor: Label;
  /** The pool balance of a pool of this type (贷款余额 / Loan balance). */
  balance: Label;
  /** The title of the IP-type stratum (质押知识产权类型 / pledged IP type). */
  ipType: Label;
}

/** One asset type's module. `S` is its zod schema, `T` its `type` tag. */
export interface AssetModule<T extends string = string, S extends z.ZodType = z.ZodType> {
  type: T;
  schema: S;
  tape: TapeFacet;
  labels: AssetLabels;
  /** Cross-field rules of one asset, run after the shape is valid. */
  check(asset: z.output<S>, ctx: AssetCheckContext): void;
  /** The annual rate the asset carries at the cutoff, for the pool's weighted average; undefined if none. */
  annualRate(asset: z.output<S>, cutoff: IsoDate): Decimal | undefined;
  /**
   * The contract's payments after `cutoff`, before any default or delay. A floating-rate asset
   * reads its rates from `rates` (without it, the rate in force at the cutoff holds throughout).
   */
  contractual(asset: z.output<S>, cutoff: IsoDate, rates?: RateEnv): ContractualCashflows;
  /** Whether the asset's flows depend on a rate path (a floating rate). Optional: never. */
  floats?(asset: z.output<S>): boolean;
  /**
   * The same flows in whole fen, computed without Decimals; undefined when an amount is beyond
   * the integer computation. Optional: without it they are converted from `contractual`.
   */
  contractualFen?(asset: z.output<S>, cutoff: IsoDate, rates?: RateEnv): FenCashflows | undefined;
  /**
   * The same balance and flow dates as `contractual`, without computing amounts: what
   * validation needs of a pool of a million loans. Optional: without it they come from
   * `contractual`.
   */
  outline?(asset: z.output<S>, cutoff: IsoDate): ContractualOutline;
}

/** An asset module, with its types inferred from what it is given. */
export function defineAsset<T extends string, S extends z.ZodType<{ type: T }>>(module: AssetModule<T, S>): AssetModule<T, S> {
  return module;
}
