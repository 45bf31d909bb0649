/**
 * ipabs as a library: load and validate deal files, compute pool statistics and contractual
 * cash flows, run the waterfall under scenarios, stress, size and render reports.
 *
 * The zod schemas of the input files are {@link DealSchema} and {@link ScenarioSchema}; the
 * types of their parsed values are {@link Deal} and {@link Scenario}; a run's result is
 * {@link RunResult}, and its JSON form (`ipabs run --format json`) {@link RunResultJson}.
 *
 * @example
 * ```ts
 * import { loadDeal, runDeal, ScenarioSchema, fmtFen, type RunResult } from 'ipabs';
 *
 * const { deal } = loadDeal('deals/guangkai-patent-license.json');
 * const result: RunResult = runDeal(deal!, ScenarioSchema.parse({ defaults: [{ obligor: '专利客户01', period: 3 }] }));
 * console.log(fmtFen(result.tranches[0]!.summary.loss));
 * ```
 *
 * @packageDocumentation
 */
import { Deal as DealFileSchema, type DealFile } from './schema/deal.js';
import { Scenario as ScenarioFileSchema, type ScenarioSpec } from './scenario/schema.js';
import type { runResultSchema } from './contract/runResult.js';
import type { z } from 'zod';

/**
 * The deal file's zod schema: `DealSchema.parse(json)` checks a deal file's shape and gives a
 * {@link Deal}; {@link validateDeal} and {@link loadDeal} also read the tapes and apply every rule.
 * `schemas/deal.schema.json` (`ipabs/schemas/deal.schema.json`) is generated from it.
 */
export const DealSchema: typeof DealFileSchema = DealFileSchema;
/**
 * The scenario file's zod schema: `ScenarioSchema.parse({ defaults: [...] })` gives a
 * {@link Scenario} with every default filled in; `ipabs/schemas/scenario.schema.json` is generated from it.
 */
export const ScenarioSchema: typeof ScenarioFileSchema = ScenarioFileSchema;
/** A deal file as parsed by {@link DealSchema} (before its tapes are read; {@link loadDeal} reads them). */
export type Deal = DealFile;
/**
 * The deal file's zod schema, by its former name.
 * @deprecated Use {@link DealSchema}; `Deal` as a type is the parsed deal file.
 */
export const Deal: typeof DealFileSchema = DealFileSchema;
/** A scenario as parsed by {@link ScenarioSchema}: defaults, recoveries, prepayments, collections, support failures. */
export type Scenario = ScenarioSpec;
/**
 * The scenario file's zod schema, by its former name.
 * @deprecated Use {@link ScenarioSchema}; `Scenario` as a type is the parsed scenario.
 */
export const Scenario: typeof ScenarioFileSchema = ScenarioFileSchema;
/** The JSON document `ipabs run --format json` writes and {@link runJson} returns (amounts as strings of yuan). */
export type RunResultJson = z.input<ReturnType<typeof runResultSchema>>;

export { loadDeal, validateDeal, tapeReader, originOf, type LoadedDeal, type LoadResult, type AssetOrigin, type TapeRead } from './io/loadDeal.js';
export { readSheet, type SheetResult, type SheetData, type SheetChoice, type SheetCell } from './io/xlsxSheet.js';
export { DEFAULT_LIMITS, MAX_JSON_DEPTH, type LoadOptions, type InputLimits } from './io/input.js';
export { dealJsonSchema, SCHEMA_VERSION, type DealFile, type DealInput, type AssetSpec, type TrancheSpec } from './schema/deal.js';
export { contractualCashflows, ASSET_MODELS, type AssetModel, type ContractualCashflows, type Flow } from './pool/index.js';
export { poolStats, type LivePool, type PoolStats } from './analytics/poolStats.js';
export type { Stratum, StratumKey } from './analytics/strata.js';
export type { TrancheCoverage } from './analytics/trancheCoverage.js';
export { dealSchedule, type DealPeriod, type DealSchedule } from './deal/periods.js';
export type { TapeColumn } from './deal/loaded.js';
export { formatDiagnostic, InputError, InternalError, type Diagnostic } from './validate/diagnostics.js';
export type { Severity } from './util/errors.js';
export type { Label } from './util/label.js';
export { poolReport } from './report/poolReport.js';
export { runDeal, prepareDeal, type PreparedDeal, type RunOptions } from './engine/run.js';
export type { RunResult, TrancheResult, TranchePeriod, TrancheSummary, PoolPeriodResult, FeeResult, FeePeriod, AccountResult, AccountPeriod, SupportResult, SupportDraw, RunEvent, CoveragePeriod, DealState } from './engine/types.js';
export type { LedgerEntry, LedgerPhase } from './engine/ledger.js';
export type { ConservationPeriod } from './engine/conservation.js';
export { BASE_SCENARIO, type ScenarioSpec, type ScenarioInput } from './scenario/schema.js';
export { loadScenario, validateScenario } from './scenario/load.js';
export { runReport } from './report/runReport.js';
export { runJson, runResultSchema } from './contract/runResult.js';
export { resultSchema, resultJsonSchema, contractProblems, RESULT_KINDS, type ResultKind } from './contract/index.js';
export { RESULT_SCHEMA_VERSION } from './report/kinds.js';
export { render } from './report/render.js';
export { renderXlsx, type XlsxOptions } from './report/xlsx/index.js';
export type { Report, RenderOptions } from './report/model.js';
export { Decimal, allocate, toFen } from './util/money.js';
export { fmtFen, fromYuan, toYuan, MoneyRangeError, type Money } from './util/fen.js';
export * as dates from './dates/index.js';
export { baseScenario, gridScenarios, parsePercentRange, type NamedScenario, type BaseCaseOptions } from './stress/scenarios.js';
export { presetScenarios, withAndWithoutSupport, poolPrepays } from './stress/preset.js';
export { stressTable, type StressRow, type StressTranche } from './stress/table.js';
export { breakeven, impliedRating, repaidInFull, DEFAULT_MULTIPLIERS, DEFAULT_PRINCIPAL_BASIS, type Breakeven, type BreakevenOptions, type PrincipalBasis } from './stress/breakeven.js';
export { timeliness, paidOnTime, type Timeliness, type TimelinessRow } from './analytics/timeliness.js';
export { DEFAULT_RATING_SCALE, NOTCHES, impliedGrade, notchOf, overrideScale, parseRatingScale, targetDefaultRate, type Notch, type RatingScale } from './stress/ratingScale.js';
export { sizeTranches, structureOf, withBalances, type SizeOptions, type SizeResult, type SizeTarget, type StructureRow, type SizedTranche } from './stress/size.js';
export { gradedBreakeven, type GradedBreakeven, type GradeOptions, type LowestBreakeven } from './stress/grade.js';
export { topObligorTests, minimalLosingSets, obligorsBySize, type Obligor, type ObligorRun, type MinimalSets } from './stress/obligors.js';
export { withRateShifts, parseRateShifts, type RateShift } from './stress/rateShift.js';
export { indexPath, valueOn, type IndexPath, type IndexChange, type DatedRate, type IndexDefinition } from './rates/path.js';
export { periodRates, type PeriodFixing, type ResetContext } from './rates/reset.js';
export { rateEnv, type RateEnv } from './rates/env.js';
export { FloatingRate, floatingCoupon, type FloatingRateSpec } from './fields/floating.js';
export type { IndexPathUsed } from './engine/coupons.js';
export type { YieldMethod } from './analytics/cnYield.js';
export { projectStatus, runFromStatus, type EngineStatus, type AssetState, type StatusDefault, type OverdueAsset } from './engine/status.js';
export { readStatus } from './engine/statusInput.js';
export { statusFile } from './engine/statusOutput.js';
export { loadStatusFile, type StatusTapeOrigin } from './io/statusFile.js';
export { Status as StatusSchema, type StatusFile } from './schema/status.js';
export { monteCarlo, mcObligors, type McResult, type McOptions } from './stress/montecarlo.js';
export type { TrancheDistribution } from './stress/mcAggregate.js';
