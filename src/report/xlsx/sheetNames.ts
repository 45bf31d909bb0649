/**
 * Worksheet names Excel accepts. Excel refuses a name longer than 31 characters, one with any of
 * `[ ] : * ? / \`, one that starts or ends with an apostrophe, an empty one, and `History`
 * (reserved for change tracking); two sheets may not share a name, compared without case.
 */

/** The longest sheet name Excel accepts, in UTF-16 code units (what Excel counts). */
export const MAX_SHEET_NAME = 31;

const FORBIDDEN = /[[\]:*?/\\]/g;
// Control characters and the bidirectional overrides cannot be typed in Excel's sheet tab.
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** `s` cut to at most `max` UTF-16 code units, never between the halves of a surrogate pair. */
function cut(s: string, max: number): string {
  if (s.length <= max) return s;
  const end = /[\ud800-\udbff]/.test(s[max - 1]!) ? max - 1 : max;
  return s.slice(0, end).trimEnd();
}

/**
 * A title as a sheet name: forbidden characters become spaces, runs of spaces one space,
 * apostrophes at either end dropped, cut to {@link MAX_SHEET_NAME}; `fallback` when nothing is left.
 *
 * @example cleanSheetName('覆盖倍数 [优先级/次级]', 'Sheet') // '覆盖倍数 优先级 次级'
 */
export function cleanSheetName(title: string, fallback: string): string {
  const clean = (s: string) => s.replace(INVISIBLE, '').replace(FORBIDDEN, ' ').replace(/\s+/g, ' ').trim().replace(/^'+|'+$/g, '').trim();
  const name = clean(cut(clean(title), MAX_SHEET_NAME));
  return name === '' || name.toLowerCase() === 'history' ? fallback : name;
}

/**
 * Hands out unique sheet names: each title cleaned by {@link cleanSheetName}, and a name already
 * given (without case) takes ` (2)`, ` (3)`, … at its end, the title cut to keep 31 characters.
 */
export class SheetNames {
  readonly #taken = new Set<string>();

  /** A name for `title`, unique among the names this has given. */
  name(title: string, fallback: string): string {
    const base = cleanSheetName(title, fallback);
    let name = base;
    for (let n = 2; this.#taken.has(name.toLowerCase()); n++) {
      const suffix = ` (${n})`;
      name = cut(base, MAX_SHEET_NAME - suffix.length) + suffix;
    }
    this.#taken.add(name.toLowerCase());
    return name;
  }
}
