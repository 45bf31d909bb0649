/**
 * The status options of `ipabs run`: `--status FILE` runs the rest of a deal from a status,
 * `--status-at DATE` writes the status a projection reaches on a date.
 */
import { compareDates, isIsoDate } from '../dates/date.js';
import type { LoadedDeal } from '../io/loadDeal.js';
import { loadStatusFile, statusTapePath, type StatusTapeOrigin } from '../io/statusFile.js';
import { STDIN_NAME } from '../io/stdin.js';
import { prepareDeal, type PreparedDeal } from '../engine/run.js';
import { projectStatus, runFromStatus } from '../engine/status.js';
import { readStatus } from '../engine/statusInput.js';
import { statusFile } from '../engine/statusOutput.js';
import type { EngineStatus } from '../engine/statusTypes.js';
import type { RunResult } from '../engine/types.js';
import { BASE_SCENARIO } from '../scenario/base.js';
import type { ScenarioSpec } from '../scenario/schema.js';
import type { Diagnostic } from '../validate/diagnostics.js';
import { InputError } from '../validate/diagnostics.js';
import { cliLoadOptions } from './inputOptions.js';
import { fileError } from './load.js';

/** Problems of tape entries (`assets[j]…`, j from `first`) named by the tape's file, line and, where it has one, column. */
function onTapeLines(diagnostics: Diagnostic[], tape: StatusTapeOrigin | undefined): Diagnostic[] {
  if (!tape) return diagnostics;
  return diagnostics.map((d) => {
    const m = /^assets\[(\d+)\]\.?(.*)$/.exec(d.path ?? '');
    const j = m ? Number(m[1]) - tape.first : -1;
    if (!m || j < 0) return d;
    const col = tape.columns[m[2]!];
    if (col) return { ...d, file: tape.file, line: tape.lines[j], column: col.column, columnName: col.header, path: undefined };
    return { ...d, file: tape.file, line: tape.lines[j], path: m[2] || undefined };
  });
}

/**
 * A status file read and checked against the deal: its status and summary, or every problem
 * (the file's schema, its asset tape, then what does not fit the deal), each naming the file and
 * JSON path or the tape's line (cell).
 */
export function checkStatusFile(file: string, prepared: PreparedDeal, scenario: ScenarioSpec = BASE_SCENARIO): { status?: EngineStatus; summary?: StatusSummary; diagnostics: Diagnostic[]; fits: boolean } {
  const loaded = loadStatusFile(file, cliLoadOptions());
  if (!loaded.status) return { diagnostics: loaded.diagnostics, fits: false };
  const read = readStatus(prepared, loaded.status, file, scenario);
  if (!read.status) return { diagnostics: onTapeLines(read.diagnostics, loaded.tape), fits: true };
  const past = read.status.past;
  return { status: read.status, summary: { asOf: loaded.status.asOf, lastPaymentDate: prepared.periods[past - 1]!.date, periodsPast: past }, diagnostics: [], fits: true };
}

/** The status of `--status FILE` against the deal, with its date; a bad file is an InputError listing its problems. */
export function statusOption(file: string, prepared: PreparedDeal, scenario: ScenarioSpec): { status: EngineStatus; summary: StatusSummary } {
  const c = checkStatusFile(file, prepared, scenario);
  if (!c.status) throw fileError(file, c.diagnostics, c.fits ? `${file} does not fit the deal` : `${file} is not a valid status file`);
  return { status: c.status, summary: c.summary! };
}

/**
 * The files `--status FILE` reads, by flag, for the output checks and a shard's fingerprint: the
 * status file and the asset tape it names (`--status tape`), so a part computed from another
 * status, or another tape, is refused by `ipabs merge`.
 */
export function statusInputs(file: string | undefined): Record<string, string | undefined> {
  if (file === undefined) return {};
  const tape = file === STDIN_NAME ? undefined : statusTapePath(file, cliLoadOptions());
  return { '--status': file, ...(tape !== undefined ? { '--status tape': tape } : {}) };
}

/** What a report says of the status a run starts from. */
export type StatusSummary = NonNullable<RunResult['status']>;

/** `run --status FILE`: the rest of the deal from the status. */
export function runFromStatusFile(deal: LoadedDeal, file: string, scenario: ScenarioSpec | undefined): RunResult {
  const prepared = prepareDeal(deal);
  const { status, summary } = statusOption(file, prepared, scenario ?? BASE_SCENARIO);
  return { ...runFromStatus(prepared, status, scenario), status: summary };
}

/** `run --status-at DATE`: the status file (JSON text) a projection reaches on the date. */
export function statusAtText(deal: LoadedDeal, date: string, scenario: ScenarioSpec | undefined): string {
  if (!isIsoDate(date)) throw new InputError(`--status-at ${JSON.stringify(date)}: give a date YYYY-MM-DD`);
  const prepared = prepareDeal(deal);
  const periods = prepared.periods;
  const past = periods.filter((p) => compareDates(p.date, date) <= 0).length;
  if (past === 0) throw new InputError(`--status-at ${date}: before the deal's first payment date ${periods[0]!.date}, no period is past`);
  if (past >= periods.length) throw new InputError(`--status-at ${date}: on or after the deal's last payment date ${periods[periods.length - 1]!.date}, nothing is left`);
  const status = projectStatus(prepared, past, scenario);
  return `${JSON.stringify(statusFile(prepared, status, date, scenario?.name ?? (scenario ? undefined : 'base case')), null, 2)}\n`;
}
