import { loadDeal } from '../io/loadDeal.js';
import { formatDiagnostic, sortDiagnostics } from '../validate/diagnostics.js';
import type { Io } from './io.js';

/** `ipabs validate DEAL...`: ok, or every problem; exit 2 on any error (or warning with --strict). */
export function validateCommand(files: string[], opts: { strict?: boolean }, io: Io): number {
  let failed = false;
  for (const file of files) {
    const { diagnostics } = loadDeal(file);
    const errors = diagnostics.filter((d) => d.severity === 'error' || (opts.strict && d.severity === 'warning'));
    if (errors.length > 0) failed = true;
    if (diagnostics.length === 0) io.stdout(`${file}: ok\n`);
    else {
      const warnings = diagnostics.length - diagnostics.filter((d) => d.severity === 'error').length;
      const errorCount = diagnostics.length - warnings;
      io.stdout(`${file}: ${errorCount > 0 ? `${errorCount} error${errorCount === 1 ? '' : 's'}` : 'ok'}${warnings > 0 ? `, ${warnings} warning${warnings === 1 ? '' : 's'}` : ''}\n`);
      for (const d of sortDiagnostics(diagnostics)) io.stdout(`  ${formatDiagnostic(d)}\n`);
    }
  }
  return failed ? 2 : 0;
}
