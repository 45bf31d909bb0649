/**
 * Diagnostics: what validation says about a deal file or tape. Each names where it points:
 * the file and the JSON path (`tranches[1].coupon`), or the CSV file, line and column.
 */
export type { Diagnostic, Severity } from '../util/errors.js';
import type { Diagnostic } from '../util/errors.js';
import { printable } from '../util/printable.js';
import { cellRef, isSheetFile } from '../util/sheetRef.js';

export { formatPath } from '../util/jsonPath.js';
export { printable, printableCell } from '../util/printable.js';

/**
 * One line per diagnostic: `error: deals/x.json: tranches[1].coupon: must be …`, or for a
 * workbook tape `error: deals/x.xlsx!Sheet1!E7 (column 到期日): must be …`. Header names,
 * keys and values quoted from a file are shown printable: never a control character.
 */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined && isSheetFile(d.file)) {
    where += cellRef(d.line, d.column);
    if (d.columnName !== undefined && d.column !== undefined) where += ` (column ${d.columnName})`;
  } else if (d.line !== undefined) {
    where += `:${d.line}`;
    if (d.column !== undefined) where += `:${d.column}`;
    if (d.columnName !== undefined) where += ` (column ${d.columnName})`;
  }
  if (d.path) where += `: ${d.path}`;
  return printable(`${d.severity}: ${where}: ${d.message}`);
}

export function hasErrors(diagnostics: readonly Diagnostic[]): boolean {
  return diagnostics.some((d) => d.severity === 'error');
}

/** Errors first, then warnings; within each, the order they were found. */
export function sortDiagnostics(diagnostics: readonly Diagnostic[]): Diagnostic[] {
  return [...diagnostics.filter((d) => d.severity === 'error'), ...diagnostics.filter((d) => d.severity === 'warning')];
}

export { InputError, InternalError } from '../util/errors.js';
