/**
 * The version of the JSON contracts, written first in every JSON result as `schemaVersion`
 * (semver): a minor version adds fields; a major one would rename or remove one (none has).
 */
export const RESULT_SCHEMA_VERSION = '1.0.0';

/** The commands whose `--format json` output has a JSON contract (no imports: the CLI lists them at start-up). */
export const RESULT_KINDS = ['run', 'stress', 'breakeven', 'obligors', 'montecarlo', 'pool', 'size', 'price', 'track', 'validate'] as const;
/** A command whose JSON output has a contract: {@link resultSchema}. */
export type ResultKind = (typeof RESULT_KINDS)[number];
/** The results written as reports (all but run and validate). */
export type ReportKind = Exclude<ResultKind, 'run' | 'validate'>;
