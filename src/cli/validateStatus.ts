/**
 * `ipabs validate DEAL --status STATUS`: the status checked against its deal, every problem at
 * once (the status file's schema, its asset tape, then what does not fit the deal: unknown ids,
 * balances above the original, dates outside the deal), each naming the file and JSON path, or
 * the tape's line (an .xlsx tape's cell).
 */
import type { LoadedDeal } from '../io/loadDeal.js';
import { loadStatusFile } from '../io/statusFile.js';
import { prepareDeal } from '../engine/run.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import { cliLoadOptions } from './inputOptions.js';
import { checkStatusFile } from './status.js';

/** What `validate --status` found: the problems, and what the file was checked as (the words after its name). */
export interface StatusCheck {
  diagnostics: Diagnostic[];
  kind: string;
}

/**
 * Checks the status file against the deal; without a deal (it has errors) the status file's
 * shape and tape only, saying so.
 */
export function checkStatus(file: string, dealFile: string, deal: LoadedDeal | undefined): StatusCheck {
  if (!deal) return { diagnostics: loadStatusFile(file, cliLoadOptions()).diagnostics, kind: ` (status, shape only: ${dealFile} has errors)` };
  const c = checkStatusFile(file, prepareDeal(deal));
  const when = c.summary ? `, as of ${c.summary.asOf}, ${c.summary.periodsPast} period${c.summary.periodsPast === 1 ? '' : 's'} past` : '';
  return { diagnostics: c.diagnostics, kind: ` (status for ${dealFile}${when})` };
}
