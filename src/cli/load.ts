/** Loading a deal for a command: diagnostics to stderr, an InputError when it cannot run. */
import { loadDeal, type LoadedDeal } from '../io/loadDeal.js';
import { formatDiagnostic, hasErrors, InputError, sortDiagnostics } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { writeFileAtomic } from '../io/output.js';

export function loadDealOrFail(file: string, io: Io): LoadedDeal {
  const { deal, diagnostics } = loadDeal(file);
  if (!deal || hasErrors(diagnostics)) {
    const lines = sortDiagnostics(diagnostics).map(formatDiagnostic);
    const errors = diagnostics.filter((d) => d.severity === 'error').length;
    throw new InputError(`${file} has ${errors} error${errors === 1 ? '' : 's'}:\n${lines.join('\n')}`);
  }
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  return deal;
}

/** Sends a result to stdout or, with --out, to a file written whole. */
export function emit(text: string, out: string | undefined, io: Io): void {
  if (out) writeFileAtomic(out, text);
  else io.stdout(text);
}
