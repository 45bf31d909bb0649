/**
 * `ipabs track DEAL --actuals FILE [--status STATUS] [--scenario S]`: actual figures against the
 * projection, then the rest of the deal. A file that cannot be read or does not fit the deal, or
 * a status that disagrees with the actuals, is an InputError (exit 2). Periods that do not
 * balance are findings: the whole report is written (each period's check, the notes), they are
 * listed on stderr, and the exit code is 1 — so a plan manager sees every period's gap at once.
 */
import { readActuals } from '../io/actualsFile.js';
import { resolveActuals } from '../engine/actuals.js';
import { prepareDeal } from '../engine/prepare.js';
import { runDeal } from '../engine/run.js';
import { trackDeal } from '../engine/track.js';
import { BASE_SCENARIO } from '../scenario/base.js';
import { trackReport } from '../report/trackReport.js';
import { InputError } from '../validate/diagnostics.js';
import { cliLoadOptions } from './inputOptions.js';
import type { Io } from './io.js';
import { emitReport, fileError, loadDealForOutput, type OutputOptions } from './load.js';
import { scenarioOption } from './scenarioOption.js';
import { statusInputs, statusOption } from './status.js';

export interface TrackOptions extends OutputOptions {
  actuals: string;
  status?: string;
  scenario?: string;
}

/** Exit code of a report whose actual periods do not all balance. */
export const UNBALANCED_EXIT = 1;

/** `ipabs track`: the report, and 1 when a period does not balance. */
export async function trackCommand(file: string, opts: TrackOptions, io: Io): Promise<number> {
  const deal = loadDealForOutput(file, opts, io, { '--actuals': opts.actuals, '--scenario': opts.scenario, ...statusInputs(opts.status) });
  const scenario = (await scenarioOption(opts.scenario, deal)) ?? BASE_SCENARIO;
  const prepared = prepareDeal(deal);
  const read = await readActuals(opts.actuals, opts.actuals, cliLoadOptions().limits?.tapeBytes);
  if (read.diagnostics.some((d) => d.severity === 'error')) throw fileError(opts.actuals, read.diagnostics, `${opts.actuals} is not a valid actuals file`);
  const actuals = resolveActuals(prepared, read.rows, opts.actuals);
  if (actuals.diagnostics.length) throw fileError(opts.actuals, actuals.diagnostics, `${opts.actuals} does not fit the deal`);
  const status = opts.status !== undefined ? statusOption(opts.status, prepared, scenario).status : undefined;
  const projected = runDeal(prepared, scenario);
  const tracked = trackDeal(prepared, projected, actuals.periods, scenario, status);
  if (tracked.mismatches.length) {
    throw new InputError(`${opts.status} does not agree with ${opts.actuals}:\n${tracked.mismatches.map((m) => `  ${m}`).join('\n')}`);
  }
  await emitReport(trackReport(tracked, opts.lang, opts.unit), opts, io, 'track');
  if (!tracked.findings.length) return 0;
  io.stderr(`${opts.actuals}: ${tracked.findings.length} finding${tracked.findings.length === 1 ? '' : 's'}: the actual figures do not balance\n${tracked.findings.map((f) => `  period ${f.period} (${f.date}): ${f.message}\n`).join('')}`);
  return UNBALANCED_EXIT;
}
