import { loadDeal, readJsonFile, type LoadedDeal } from '../io/loadDeal.js';
import { looksLikeScenario, validateScenarioList } from '../scenario/load.js';
import { formatDiagnostic, hasErrors, printable, sortDiagnostics, type Diagnostic } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { fileError } from './load.js';
import { cliLoadOptions } from './inputOptions.js';

export interface ValidateOptions {
  strict?: boolean;
  /** Every file is a scenario file (else only those whose `$schema` ends in scenario.schema.json). */
  scenario?: boolean;
  /** The deal the scenario files are for: what they name is checked against it. */
  deal?: string;
}

/**
 * `ipabs validate FILE...`: ok, or every problem; exit 2 on any error (or warning with --strict).
 * A file is a scenario file with `--scenario` or when its `$schema` ends in
 * scenario.schema.json: its shape is checked, and with `--deal DEAL` what it names too.
 */
export function validateCommand(files: string[], opts: ValidateOptions, io: Io): number {
  let deal: LoadedDeal | undefined;
  if (opts.deal !== undefined) {
    const loaded = loadDeal(opts.deal, cliLoadOptions());
    if (!loaded.deal || hasErrors(loaded.diagnostics)) {
      const n = loaded.diagnostics.filter((d) => d.severity === 'error').length;
      throw fileError(opts.deal, loaded.diagnostics, `--deal ${opts.deal}: the deal has ${n} error${n === 1 ? '' : 's'} (run ipabs validate ${opts.deal})`);
    }
    deal = loaded.deal;
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
      diagnostics = loadDeal(file, cliLoadOptions()).diagnostics;
    }
    const errors = diagnostics.filter((d) => d.severity === 'error' || (opts.strict && d.severity === 'warning'));
    if (errors.length > 0) failed = true;
    if (diagnostics.length === 0) io.stdout(`${printable(file)}: ok${kind}\n`);
    else {
      const warnings = diagnostics.length - diagnostics.filter((d) => d.severity === 'error').length;
      const errorCount = diagnostics.length - warnings;
      io.stdout(`${printable(file)}: ${errorCount > 0 ? `${errorCount} error${errorCount === 1 ? '' : 's'}` : 'ok'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}${kind}\n`);
      for (const d of sortDiagnostics(diagnostics)) io.stdout(`  ${formatDiagnostic(d)}\n`);
    }
  }
  return failed ? 2 : 0;
}
