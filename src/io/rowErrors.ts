/**
 * A tape's row errors as the reader sees them: one line per kind of error in a column, with its
 * rows counted and the first lines listed, and at most {@link MAX_ROW_ERRORS} kinds.
 */
import type { Diagnostic } from '../validate/diagnostics.js';
import { isSheetFile } from '../util/sheetRef.js';

/** The most row errors a tape reports one by one; the rest are counted. */
export const MAX_ROW_ERRORS = 20;

/** The line numbers a grouped row error lists before "…". */
export const SHOWN_LINES = 5;

/** What a message received (`(got …)` or `, got …` at its end), split off: the kinds of error group by the rest. */
function splitReceived(message: string): { base: string; got?: string } {
  const m = /(?:, got | \(got )(.*?)\)?$/s.exec(message);
  return m ? { base: message.slice(0, m.index), got: m[1] } : { base: message };
}

interface RowGroup {
  d: Diagnostic;
  /** Rows with this error, and the first lines of them (up to SHOWN_LINES + 1). */
  rows: number;
  lines: number[];
  capped: boolean;
}

/**
 * Collects a tape's row errors for reporting: the same error in the same column (whatever each
 * row held) once, with the rows counted and the first lines listed (`37 rows: must be an
 * amount … (lines 5, 9, 12, 20, 31, …; line 5 got the text "x")`), and at most
 * {@link MAX_ROW_ERRORS} of them, then `and N more errors in this tape`. Memory stays bounded
 * however many rows are wrong. Diagnostics given to {@link RowErrors.addOnce} keep their place
 * among them, uncapped.
 */
export class RowErrors {
  private readonly shown: RowGroup[] = [];
  private readonly byKey = new Map<string, RowGroup>();
  private hidden = 0;
  private grouped = 0;
  /** How many row errors were given. */
  count = 0;

  constructor(private readonly file: string) {}

  /** A row error. */
  add(d: Diagnostic): void {
    this.count++;
    const key = `${d.file}\u0000${d.column ?? ''}\u0000${splitReceived(d.message).base}`;
    const group = this.byKey.get(key);
    if (group) {
      group.rows++;
      if (group.lines.length <= SHOWN_LINES && d.line !== undefined) group.lines.push(d.line);
      return;
    }
    if (this.grouped >= MAX_ROW_ERRORS) {
      this.hidden++;
      return;
    }
    const entry: RowGroup = { d, rows: 1, lines: d.line !== undefined ? [d.line] : [], capped: true };
    this.grouped++;
    this.byKey.set(key, entry);
    this.shown.push(entry);
  }

  /** A diagnostic reported once in its place (e.g. about a column as a whole), not counted. */
  addOnce(d: Diagnostic): void {
    this.shown.push({ d, rows: 1, lines: [], capped: false });
  }

  /** The diagnostics to report, in the order first seen. */
  diagnostics(): Diagnostic[] {
    // A workbook's rows are rows of its sheet, not lines of text.
    const line = isSheetFile(this.file) ? 'row' : 'line';
    const out = this.shown.map(({ d, rows, lines }) => (rows === 1 ? d : { ...d, message: groupMessage(d.message, rows, lines, line) }));
    if (this.hidden > 0) {
      out.push({ severity: 'error', file: this.file, message: `and ${this.hidden.toLocaleString('en-US')} more error${this.hidden === 1 ? '' : 's'} in this tape (the first ${MAX_ROW_ERRORS} kinds are shown)` });
    }
    return out;
  }
}

/** `37 rows: <message> (lines 5, 9, 12, 20, 31, …; line 5 got …)`: one error of many rows. */
function groupMessage(message: string, rows: number, lines: readonly number[], line: 'line' | 'row'): string {
  const { base, got } = splitReceived(message);
  const listed = lines.slice(0, SHOWN_LINES).join(', ') + (rows > SHOWN_LINES ? ', …' : '');
  const first = got !== undefined && lines.length > 0 ? `; ${line} ${lines[0]} got ${got}` : '';
  return `${rows.toLocaleString('en-US')} rows: ${base} (${line}s ${listed}${first})`;
}
