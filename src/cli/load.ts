/** Loading a deal for a command: diagnostics to stderr, an InputError when it cannot run. */
import { dirname, resolve } from 'node:path';
import { displayPath } from '../io/fsErrors.js';
import { isNotUtf8, loadDeal, type LoadedDeal } from '../io/loadDeal.js';
import type { Format, Lang, OutputFormat, Report, Unit } from '../report/model.js';
import { render, renderSection, sectionIds, selectSection } from '../report/render.js';
import { formatDiagnostic, hasErrors, InputError, sortDiagnostics, type Diagnostic } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { writeFileAtomic } from '../io/output.js';
import { checkOutput, resolveOutput, type CommandInput } from '../io/outputTarget.js';
import { outputFormat } from './options.js';
import { cliLoadOptions } from './inputOptions.js';
import { checkResultJson, type ReportKind } from '../contract/index.js';

/**
 * The error of a file that cannot be used: `FILE is not UTF-8 text (save it as UTF-8)` for a
 * file in another encoding, else `heading:` (default `FILE has N errors`) and each diagnostic.
 */
export function fileError(file: string, diagnostics: readonly Diagnostic[], heading?: string): InputError {
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length === 1 && isNotUtf8(errors[0]!)) return new InputError(`${file} is not UTF-8 text (save it as UTF-8)`, [...diagnostics]);
  const lines = sortDiagnostics(diagnostics).map(formatDiagnostic);
  return new InputError(`${heading ?? `${file} has ${errors.length} error${errors.length === 1 ? '' : 's'}`}:\n${lines.join('\n')}`, [...diagnostics]);
}

export function loadDealOrFail(file: string, io: Io): LoadedDeal {
  const { deal, diagnostics } = loadDeal(file, cliLoadOptions());
  if (!deal || hasErrors(diagnostics)) throw fileError(file, diagnostics);
  for (const d of diagnostics) io.stderr(`${formatDiagnostic(d)}\n`);
  return deal;
}

/** The files a deal makes a command read: the deal file and each of its tapes (relative to the deal's folder). */
export function dealInputs(deal: LoadedDeal): CommandInput[] {
  const folder = dirname(deal.file);
  return [
    { file: deal.file, role: `the deal file ${deal.file}` },
    ...deal.spec.pool.tapes.map((t, i) => {
      const file = resolve(folder, t.path);
      return { file, role: `the tape ${displayPath(file)} of the deal (pool.tapes[${i}].path)` };
    }),
  ];
}

/** The files named by flags (`{ '--scenarios': file }`) as inputs not to write over. */
export function namedInputs(others: Record<string, string | undefined>): CommandInput[] {
  return Object.entries(others).flatMap(([flag, f]) => (f === undefined ? [] : [{ file: f, role: `the ${flag} file ${f}` }]));
}

/**
 * Loads the deal of a command that writes a report, checking `--out` before any work: first
 * that it can be written and its format is known (so a bad name fails at once), then that it is
 * none of the inputs: the deal, its tapes, and the files named by flags in `others`
 * (`{ '--scenario': file }`).
 */
export function loadDealForOutput(file: string, o: OutputOptions, io: Io, others: Record<string, string | undefined> = {}): LoadedDeal {
  if (o.out !== undefined) {
    resolveOutput(o.out);
    formatOf(o);
  }
  checkWorkbookTarget(o, io);
  const deal = loadDealOrFail(file, io);
  if (o.out !== undefined) {
    checkOutput(o.out, [...dealInputs(deal), ...namedInputs(others)]);
  }
  return deal;
}

/** Sends a result to stdout or, with --out, to a file written whole (`--out ''` is an error, not stdout). */
export function emit(text: string, out: string | undefined, io: Io): void {
  if (out !== undefined) writeFileAtomic(out, text);
  else io.stdout(text);
}

/** What the commands take about their output. `format` not given: from `out`'s extension, else table. */
export interface OutputOptions {
  format?: OutputFormat;
  lang: Lang;
  unit: Unit;
  out?: string;
  section?: string;
}

/** The format to write: `--format`, else from `--out`'s extension (another is an InputError), else table. */
export function formatOf(o: { format?: OutputFormat; out?: string }): OutputFormat {
  return outputFormat(o.format, o.out);
}

/** A workbook goes to a file, or to stdout when it is no terminal (bytes would garble the screen). */
function checkWorkbookTarget(o: OutputOptions, io: Io): void {
  if (o.out === undefined && formatOf(o) === 'xlsx' && (io.stdoutIsTerminal || !io.stdoutBytes)) {
    throw new InputError('a workbook (--format xlsx) is not written to a terminal: give --out FILE.xlsx, or redirect stdout to a file');
  }
}

/** The `--section` asked for, checked: an unknown id is an InputError listing the known. */
function checkSection(report: Report, section: string): void {
  const ids = sectionIds(report);
  if (!ids.includes(section)) throw new InputError(`--section ${JSON.stringify(section)}: no such section here (known: ${ids.join(', ')})`);
}

/**
 * Renders a report in the chosen format; with `--section` only that section (an unknown id is an
 * InputError listing the known). The whole report as JSON is checked against the command's
 * JSON contract (`contract`) before it is written.
 */
export function renderOutput(report: Report, o: OutputOptions, format: Format, width?: number, contract?: ReportKind): string {
  const opts = { format, lang: o.lang, unit: o.unit, width };
  if (o.section === undefined) {
    const text = render(report, opts);
    if (contract !== undefined && opts.format === 'json') checkResultJson(contract, text);
    return text;
  }
  checkSection(report, o.section);
  return renderSection(report, o.section, opts);
}

/**
 * Renders and writes a report of the command `contract`: stdout, or the `--out` file. A workbook
 * (`xlsx`; with `--section`, of that section alone) is written whole to the file, or to stdout
 * when it is no terminal.
 */
export async function emitReport(report: Report, o: OutputOptions, io: Io, contract?: ReportKind): Promise<void> {
  const format = formatOf(o);
  if (format !== 'xlsx') {
    // On a terminal, tables wider than it are cut into blocks; files and pipes get them whole.
    emit(renderOutput(report, o, format, o.out === undefined ? io.columns : undefined, contract), o.out, io);
    return;
  }
  if (o.section !== undefined) checkSection(report, o.section);
  checkWorkbookTarget(o, io);
  const { renderXlsx } = await import('../report/xlsx/index.js');
  const bytes = await renderXlsx(o.section === undefined ? report : selectSection(report, o.section)!, { lang: o.lang, unit: o.unit });
  if (o.out !== undefined) writeFileAtomic(o.out, bytes);
  else io.stdoutBytes!(bytes);
}
