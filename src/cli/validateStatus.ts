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

/** A file `ipabs validate` checked: what as, against which deal, and its problems. */
export interface FileCheck {
  file: string;
  kind: 'deal' | 'scenario' | 'status' | 'unreadable';
  /** The deal a scenario (`--deal`) or a status was checked against; undefined: its shape only. */
  against?: string;
  /** A status: the deal file given (named when it has errors). */
  dealFile?: string;
  /** A status that fits its deal: its date and the periods past. */
  asOf?: string;
  periodsPast?: number;
  diagnostics: Diagnostic[];
}

/**
 * Checks the status file against the deal; without a deal (it has errors) the status file's
 * shape and tape only.
 */
export function checkStatus(file: string, dealFile: string, deal: LoadedDeal | undefined): FileCheck {
  if (!deal) return { file, kind: 'status', dealFile, diagnostics: loadStatusFile(file, cliLoadOptions()).diagnostics };
  const c = checkStatusFile(file, prepareDeal(deal));
  return { file, kind: 'status', against: dealFile, dealFile, asOf: c.summary?.asOf, periodsPast: c.summary?.periodsPast, diagnostics: c.diagnostics };
}
