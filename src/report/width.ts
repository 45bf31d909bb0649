/**
 * Terminal display width. A CJK ideograph or a full-width punctuation mark occupies two
 * terminal columns, so aligning `贷款余额（万元）` with `Balance` by `string.length` breaks.
 * The East Asian Width of each code point (UAX #11) comes from `get-east-asian-width`, the
 * Unicode table behind `string-width`, kept up to date with each Unicode release:
 *
 * - East Asian Wide (W) and Fullwidth (F) code points count 2 (CJK ideographs, CJK symbols and
 *   punctuation `，。（）：`, kana, Hangul, fullwidth forms, emoji with emoji presentation);
 * - combining marks (Mn, Me), format characters (Cf: zero-width space, joiners, BOM, …),
 *   control characters (Cc) and conjoining Hangul vowels/finals count 0;
 * - everything else counts 1, including East Asian *Ambiguous* characters such as `—`, `…`,
 *   `─`, `±` (as most terminals outside CJK legacy locales render them). This is why the
 *   terminal table uses ASCII rules rather than box-drawing characters.
 *
 * Why not `string-width` itself: it segments graphemes with `Intl.Segmenter`, whose
 * construction costs ≈ 7 ms of every start-up and which measures a CJK cell ≈ 40× slower
 * (README, "Libraries and why"). Table cells are names, dates and numbers, never emoji ZWJ
 * sequences, so a width per code point is exact for them.
 */
import { eastAsianWidth } from 'get-east-asian-width';
import { assertNever } from '../util/never.js';

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

/** Widths of the Basic Multilingual Plane worked out so far (0–2; 3: not yet): a table's cells repeat their characters. */
const BMP_WIDTHS = new Uint8Array(0x10000).fill(3);

/** Display width of one code point (a one- or two-unit string as yielded by `for…of`): 0, 1 or 2 columns. */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x7f) return cp < 0x20 ? 0 : 1; // ASCII fast path (C0 controls are 0)
  if (cp < 0x10000) {
    const known = BMP_WIDTHS[cp]!;
    if (known !== 3) return known;
    return (BMP_WIDTHS[cp] = widthOf(ch, cp));
  }
  return widthOf(ch, cp);
}

function widthOf(ch: string, cp: number): number {
  if (cp >= 0x1160 && cp <= 0x11ff) return 0; // conjoining Hangul vowels and finals
  if (ZERO_WIDTH.test(ch)) return 0;
  return eastAsianWidth(cp);
}

/**
 * The number of terminal columns `s` occupies: 2 for each East Asian Wide/Fullwidth character
 * (CJK ideographs, `，。（）：` and other full-width punctuation, kana, Hangul, emoji), 0 for
 * combining marks, zero-width and control characters, 1 for everything else.
 *
 * @example
 * displayWidth('abc');              // 3
 * displayWidth('贷款余额（万元）');  // 16
 * displayWidth('合计 1,390.00');     // 13
 */
export function displayWidth(s: string): number {
  if (PRINTABLE_ASCII.test(s)) return s.length; // most cells: one column a character
  let width = 0;
  for (const ch of s) width += charWidth(ch);
  return width;
}

/** Where the text sits inside a padded cell. */
export type Align = 'left' | 'right' | 'center';

/**
 * Pads `s` with spaces to `width` display columns (see {@link displayWidth}). Text already at
 * least `width` columns wide is returned unchanged (never truncated). `center` puts the odd
 * extra space on the right.
 *
 * @example
 * padDisplay('合计', 6, 'left');     // '合计  '
 * padDisplay('1.00', 6, 'right');    // '  1.00'
 * padDisplay('ab', 5, 'center');     // ' ab  '
 */
export function padDisplay(s: string, width: number, align: Align = 'left'): string {
  const gap = width - displayWidth(s);
  if (gap <= 0) return s;
  switch (align) {
    case 'right':
      return ' '.repeat(gap) + s;
    case 'center': {
      const left = gap >> 1;
      return ' '.repeat(left) + s + ' '.repeat(gap - left);
    }
    case 'left':
      return s + ' '.repeat(gap);
    default:
      return assertNever(align, 'alignment');
  }
}
