/** Text quoted from files, made safe to print: no control character ever reaches a terminal or a report. */
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

