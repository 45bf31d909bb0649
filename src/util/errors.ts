/**
 * The library's errors. An InputError is the user's bad input (the CLI prints it, exit 2); an
 * InternalError a broken invariant (a bug, exit 70). The CLI maps them to exit codes; the library
 * only throws them.
 */
/** An error stops a deal from loading; a warning does not. */
export type Severity = 'error' | 'warning';

/** What validation says about a deal file or tape, naming where it points. */
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
