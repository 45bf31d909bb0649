/**
 * ipabs as a library: load and validate deal files, compute pool statistics and contractual
 * cash flows, render reports.
 */
export { loadDeal, validateDeal, tapeReader, type LoadedDeal, type LoadResult, type AssetOrigin, type TapeRead } from './io/loadDeal.js';
export { readSheet, type SheetResult, type SheetData, type SheetChoice } from './io/xlsxSheet.js';
export { DEFAULT_LIMITS, MAX_JSON_DEPTH, type LoadOptions, type InputLimits } from './io/input.js';
export { Deal, dealJsonSchema, SCHEMA_VERSION, type DealFile, type DealInput, type AssetSpec, type TrancheSpec } from './schema/deal.js';
export { contractualCashflows, ASSET_MODELS, type AssetModel, type ContractualCashflows, type Flow } from './pool/index.js';
export { poolStats, type PoolStats, type Stratum } from './analytics/poolStats.js';
export { dealSchedule, type DealPeriod } from './deal/periods.js';
export { formatDiagnostic, InputError, InternalError, type Diagnostic } from './validate/diagnostics.js';
export { poolReport } from './report/poolReport.js';
export { runDeal, prepareDeal, type PreparedDeal, type RunOptions } from './engine/run.js';
export type { RunResult, TrancheResult, TranchePeriod, TrancheSummary } from './engine/types.js';
export { Scenario, BASE_SCENARIO, type ScenarioSpec, type ScenarioInput } from './scenario/schema.js';
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
export { baseScenario, gridScenarios, parsePercentRange, type NamedScenario } from './stress/scenarios.js';
export { presetScenarios, withAndWithoutSupport, poolPrepays } from './stress/preset.js';
export { stressTable, type StressRow } from './stress/table.js';
export { breakeven, impliedRating, repaidInFull, DEFAULT_MULTIPLIERS, DEFAULT_PRINCIPAL_BASIS, type Breakeven, type BreakevenOptions, type PrincipalBasis } from './stress/breakeven.js';
export { timeliness, paidOnTime, type Timeliness } from './analytics/timeliness.js';
export { DEFAULT_RATING_SCALE, NOTCHES, impliedGrade, notchOf, overrideScale, parseRatingScale, targetDefaultRate, type Notch, type RatingScale } from './stress/ratingScale.js';
export { sizeTranches, structureOf, withBalances, type SizeOptions, type SizeResult, type SizeTarget, type StructureRow } from './stress/size.js';
export { gradedBreakeven, type GradedBreakeven } from './stress/grade.js';
export { withRateShifts, parseRateShifts } from './stress/rateShift.js';
export { indexPath, valueOn, type IndexPath, type IndexChange, type DatedRate } from './rates/path.js';
export { periodRates, type PeriodFixing } from './rates/reset.js';
export { rateEnv, type RateEnv } from './rates/env.js';
export { FloatingRate, floatingCoupon, type FloatingRateSpec } from './fields/floating.js';
export { topObligorTests, minimalLosingSets, obligorsBySize } from './stress/obligors.js';
export { monteCarlo, mcObligors, type McResult, type McOptions } from './stress/montecarlo.js';
