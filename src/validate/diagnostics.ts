/**
 * Diagnostics: what validation says about a deal file or tape. Each names where it points:
 * the file and the JSON path (`tranches[1].coupon`), or the CSV file, line and column.
 */
export type Severity = 'error' | 'warning';

export interface Diagnostic {
  severity: Severity;
  file: string;
  /** JSON path in the deal file, e.g. `tranches[1].coupon`. */
  path?: string;
  /** CSV line (1-based, the header is line 1). */
  line?: number;
  /** CSV column (1-based) and its header. */
  column?: number;
  columnName?: string;
  message: string;
}

/** Renders a path of keys and indices as `a.b[2].c`. */
export function formatPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out;
}

// C0 and C1 control characters, and the bidirectional overrides and isolates that make text
// display in another order than it is stored ("Trojan source").
const UNPRINTABLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_BUT_NEWLINE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;
const UNPRINTABLE_BUT_WHITESPACE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text from a file as a terminal may show it: control characters (an escape sequence that
 * clears the screen or recolours it, a carriage return that hides what came before) and
 * direction overrides are written as `\u001b` escapes. With `keepNewlines`, line breaks stay.
 *
 * @example printable('\u001b[2Jbad') // '\\u001b[2Jbad'
 */
export function printable(text: string, keepNewlines = false): string {
  return text.replace(keepNewlines ? UNPRINTABLE_BUT_NEWLINE : UNPRINTABLE, escapeChar);
}

/**
 * A report cell's text (CSV, HTML): as {@link printable}, but tabs and line breaks stay, since
 * the format quotes or escapes them itself.
 */
export function printableCell(text: string): string {
  return text.replace(UNPRINTABLE_BUT_WHITESPACE, escapeChar);
}

const escapeChar = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;

/**
 * One line per diagnostic: `error: deals/x.json: tranches[1].coupon: must be …`. Header names,
 * keys and values quoted from a file are shown printable: never a control character.
 */
export function formatDiagnostic(d: Diagnostic): string {
  let where = d.file;
  if (d.line !== undefined) {
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

/** A user's bad input: printed as a clear message, exit code 2, never a stack trace. */
export class InputError extends Error {
  constructor(
    message: string,
    readonly diagnostics: Diagnostic[] = [],
  ) {
    super(message);
    this.name = 'InputError';
  }
}

/** A broken invariant inside ipabs: a bug, exit code 70. */
export class InternalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InternalError';
  }
}
