import { loadDeal, readJsonFile, type LoadedDeal } from '../io/loadDeal.js';
import { looksLikeScenario, validateScenarioList } from '../scenario/load.js';
import { checkResultJson } from '../contract/index.js';
import { RESULT_SCHEMA_VERSION } from '../report/kinds.js';
import { formatDiagnostic, hasErrors, InputError, printable, sortDiagnostics, type Diagnostic } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { fileError } from './load.js';
import { cliLoadOptions } from './inputOptions.js';
import { checkStatus, type FileCheck } from './validateStatus.js';

export interface ValidateOptions {
  strict?: boolean;
  /** Every file is a scenario file (else only those whose `$schema` ends in scenario.schema.json). */
  scenario?: boolean;
  /** The deal the scenario files are for: what they name is checked against it. */
  deal?: string;
  /** A status file checked against the one deal file given (`validate DEAL --status STATUS`). */
  status?: string;
  /** table (default): a line per file and per problem; json: the validate result (schemas/validate-result.schema.json). */
  format?: 'table' | 'json';
}

/** A warning as --strict prints it: an error, saying it was a warning. */
function strictly(d: Diagnostic): Diagnostic {
  return d.severity === 'warning' ? { ...d, severity: 'error', message: `${d.message} (a warning: an error with --strict)` } : d;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** The deal of `--deal`, which must be valid. */
function dealOption(file: string | undefined): LoadedDeal | undefined {
  if (file === undefined) return undefined;
  const loaded = loadDeal(file, cliLoadOptions());
  if (!loaded.deal || hasErrors(loaded.diagnostics)) {
    const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
    throw fileError(file, loaded.diagnostics, `--deal ${file}: the deal has ${n} error${n === 1 ? '' : 's'} (run ipabs validate ${file})`);
  }
  return loaded.deal;
}

/** One file checked: as a scenario, a deal, or (not JSON) its reading problems; with the deal it loaded, when valid. */
function checkFile(file: string, opts: ValidateOptions, deal: LoadedDeal | undefined): FileCheck & { loaded?: LoadedDeal } {
  const json = readJsonFile(file, file, cliLoadOptions());
  if (json.value === undefined) return { file, kind: 'unreadable', diagnostics: json.diagnostics };
  if (opts.scenario || looksLikeScenario(json.value)) return { file, kind: 'scenario', against: opts.deal, diagnostics: validateScenarioList(json.value, file, deal).diagnostics };
  const loaded = loadDeal(file, cliLoadOptions());
  return { file, kind: 'deal', diagnostics: loaded.diagnostics, loaded: hasErrors(loaded.diagnostics) ? undefined : loaded.deal };
}

/** The words after a file's name: what it was checked as. */
function kindText(c: FileCheck): string {
  if (c.kind === 'scenario') return c.against !== undefined ? ` (scenario for ${c.against})` : ' (scenario, shape only)';
  if (c.kind !== 'status') return '';
  if (c.against === undefined) return ` (status, shape only: ${c.dealFile} has errors)`;
  const when = c.asOf !== undefined ? `, as of ${c.asOf}, ${plural(c.periodsPast!, 'period')} past` : '';
  return ` (status for ${c.against}${when})`;
}

/**
 * `ipabs validate FILE...`: ok, or every problem; exit 2 on any error. With --strict a warning is
 * printed as an error that says it was a warning, and counts as one.
 * A file is a scenario file with `--scenario` or when its `$schema` ends in
 * scenario.schema.json: its shape is checked, and with `--deal DEAL` what it names too.
 * With `--status STATUS` (one deal file): the status too, against the deal. With `--format json`
 * every file's problems as JSON.
 */
export function validateCommand(files: string[], opts: ValidateOptions, io: Io): number {
  const deal = dealOption(opts.deal);
  if (opts.status !== undefined && (files.length !== 1 || opts.scenario || opts.deal !== undefined)) {
    throw new InputError('--status checks a status file against its deal: give one deal file (ipabs validate DEAL --status STATUS), without --scenario or --deal');
  }
  const checks: FileCheck[] = [];
  let statusDeal: LoadedDeal | undefined;
  for (const file of files) {
    const c = checkFile(file, opts, deal);
    statusDeal = c.loaded;
    checks.push({ file: c.file, kind: c.kind, against: c.against, diagnostics: c.diagnostics });
  }
  if (opts.status !== undefined) checks.push(checkStatus(opts.status, files[0]!, statusDeal));
  const shown = checks.map((c) => ({ ...c, shown: opts.strict ? sortDiagnostics(c.diagnostics).map(strictly) : sortDiagnostics(c.diagnostics) }));
  const failed = shown.some((c) => hasErrors(c.shown));
  if (opts.format === 'json') {
    const text = `${JSON.stringify({ schemaVersion: RESULT_SCHEMA_VERSION, ok: !failed, files: shown.map(jsonOf) }, null, 2)}\n`;
    checkResultJson('validate', text);
    io.stdout(text);
  } else for (const c of shown) printFile(c, c.shown, opts, io);
  return failed ? 2 : 0;
}

/** A file's entry in the JSON result. */
function jsonOf(c: FileCheck & { shown: Diagnostic[] }) {
  const errors = c.shown.filter((d) => d.severity === 'error').length;
  const { file, kind, against, asOf, periodsPast } = c;
  return { file, kind, against, asOf, periodsPast, ok: errors === 0, errors, warnings: c.shown.length - errors, diagnostics: c.shown.map((d) => ({ severity: d.severity, file: d.file, path: d.path || undefined, line: d.line, column: d.column, columnName: d.columnName, message: d.message })) };
}

/** Prints a file's verdict and problems. */
function printFile(c: FileCheck, shown: Diagnostic[], opts: ValidateOptions, io: Io): void {
  const kind = kindText(c);
  const errorCount = shown.filter((d) => d.severity === 'error').length;
  const warnings = shown.length - errorCount;
  if (shown.length === 0) io.stdout(`${printable(c.file)}: ok${kind}\n`);
  else {
    const promoted = opts.strict ? c.diagnostics.filter((d) => d.severity === 'warning').length : 0;
    const strictNote = promoted > 0 ? ` (with --strict: ${plural(promoted, 'warning')} counted as ${promoted === 1 ? 'an error' : 'errors'})` : '';
    io.stdout(`${printable(c.file)}: ${errorCount > 0 ? `${plural(errorCount, 'error')}${strictNote}` : 'ok'}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}${kind}\n`);
    for (const d of shown) io.stdout(`  ${formatDiagnostic(d)}\n`);
  }
}
