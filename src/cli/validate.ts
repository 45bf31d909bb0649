import { loadDeal, readJsonFile, type LoadedDeal } from '../io/loadDeal.js';
import { looksLikeScenario, validateScenarioList } from '../scenario/load.js';
import { formatDiagnostic, hasErrors, InputError, printable, sortDiagnostics, type Diagnostic } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { fileError } from './load.js';
import { cliLoadOptions } from './inputOptions.js';
import { checkStatus } from './validateStatus.js';

export interface ValidateOptions {
  strict?: boolean;
  /** Every file is a scenario file (else only those whose `$schema` ends in scenario.schema.json). */
  scenario?: boolean;
  /** The deal the scenario files are for: what they name is checked against it. */
  deal?: string;
  /** A status file checked against the one deal file given (`validate DEAL --status STATUS`). */
  status?: string;
}

/** A warning as --strict prints it: an error, saying it was a warning. */
function strictly(d: Diagnostic): Diagnostic {
  return d.severity === 'warning' ? { ...d, severity: 'error', message: `${d.message} (a warning: an error with --strict)` } : d;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/**
 * `ipabs validate FILE...`: ok, or every problem; exit 2 on any error. With --strict a warning is
 * printed as an error that says it was a warning, and counts as one.
 * A file is a scenario file with `--scenario` or when its `$schema` ends in
 * scenario.schema.json: its shape is checked, and with `--deal DEAL` what it names too.
 */
export function validateCommand(files: string[], opts: ValidateOptions, io: Io): number {
  let deal: LoadedDeal | undefined;
  let statusDeal: LoadedDeal | undefined;
  if (opts.deal !== undefined) {
    const loaded = loadDeal(opts.deal, cliLoadOptions());
    if (!loaded.deal || hasErrors(loaded.diagnostics)) {
      const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      throw fileError(opts.deal, loaded.diagnostics, `--deal ${opts.deal}: the deal has ${n} error${n === 1 ? '' : 's'} (run ipabs validate ${opts.deal})`);
    }
    deal = loaded.deal;
  }
  if (opts.status !== undefined && (files.length !== 1 || opts.scenario || opts.deal !== undefined)) {
    throw new InputError('--status checks a status file against its deal: give one deal file (ipabs validate DEAL --status STATUS), without --scenario or --deal');
  }
  let failed = false;
  for (const file of files) {
    let diagnostics: Diagnostic[];
    let kind = '';
    const json = readJsonFile(file, file, cliLoadOptions());
    if (json.value !== undefined && (opts.scenario || looksLikeScenario(json.value))) {
      diagnostics = validateScenarioList(json.value, file, deal).diagnostics;
      kind = deal ? ` (scenario for ${opts.deal})` : ' (scenario, shape only)';
    } else if (json.value === undefined) {
      diagnostics = json.diagnostics;
    } else {
      const loaded = loadDeal(file, cliLoadOptions());
      diagnostics = loaded.diagnostics;
      if (opts.status !== undefined) statusDeal = hasErrors(diagnostics) ? undefined : loaded.deal;
    }
    if (printFile(file, diagnostics, kind, opts, io)) failed = true;
  }
  if (opts.status !== undefined) {
    const c = checkStatus(opts.status, files[0]!, statusDeal);
    if (printFile(opts.status, c.diagnostics, c.kind, opts, io)) failed = true;
  }
  return failed ? 2 : 0;
}

/** Prints a file's verdict and problems; whether it has errors. */
function printFile(file: string, diagnostics: Diagnostic[], kind: string, opts: ValidateOptions, io: Io): boolean {
  const shown = opts.strict ? sortDiagnostics(diagnostics).map(strictly) : sortDiagnostics(diagnostics);
  const errorCount = shown.filter((d) => d.severity === 'error').length;
  const warnings = shown.length - errorCount;
  if (shown.length === 0) io.stdout(`${printable(file)}: ok${kind}\n`);
  else {
    const promoted = opts.strict ? diagnostics.filter((d) => d.severity === 'warning').length : 0;
    const strictNote = promoted > 0 ? ` (with --strict: ${plural(promoted, 'warning')} counted as ${promoted === 1 ? 'an error' : 'errors'})` : '';
    io.stdout(`${printable(file)}: ${errorCount > 0 ? `${plural(errorCount, 'error')}${strictNote}` : 'ok'}${warnings > 0 ? `, ${plural(warnings, 'warning')}` : ''}${kind}\n`);
    for (const d of shown) io.stdout(`  ${formatDiagnostic(d)}\n`);
  }
  return errorCount > 0;
}
