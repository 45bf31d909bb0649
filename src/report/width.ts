/**
 * Terminal display width. A CJK ideograph or a full-width punctuation mark occupies two
 * terminal columns, so aligning `贷款余额（万元）` with `Balance` by `string.length` breaks.
 * This is a small, dependency-free approximation of UAX #11 (East Asian Width) in the spirit
 * of `wcwidth`:
 *
 * - East Asian Wide (W) and Fullwidth (F) code points count 2 (CJK ideographs and their
 *   extensions, CJK symbols and punctuation, kana, Hangul, Bopomofo, Yi, fullwidth forms,
 *   vertical and small form variants, and emoji with default emoji presentation);
 * - combining marks (Mn, Me), format characters (Cf: zero-width space, joiners, BOM, …),
 *   control characters (Cc) and conjoining Hangul vowels/finals count 0;
 * - everything else counts 1, including East Asian *Ambiguous* characters such as `—`, `…`,
 *   `─`, `±` (as most terminals outside CJK legacy locales render them). This is why the
 *   terminal table uses ASCII rules rather than box-drawing characters.
 *
 * Widths are per code point; grapheme clusters such as emoji ZWJ sequences are approximated.
 */
import { assertNever } from '../util/never.js';

/** Inclusive code point ranges that are East Asian Wide or Fullwidth, sorted, disjoint. */
const WIDE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x1100, 0x115f], // Hangul Jamo initial consonants
  [0x231a, 0x231b], // watch, hourglass
  [0x2329, 0x232a], // angle brackets
  [0x23e9, 0x23ec],
  [0x23f0, 0x23f0],
  [0x23f3, 0x23f3],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2648, 0x2653],
  [0x267f, 0x267f],
  [0x2693, 0x2693],
  [0x26a1, 0x26a1],
  [0x26aa, 0x26ab],
  [0x26bd, 0x26be],
  [0x26c4, 0x26c5],
  [0x26ce, 0x26ce],
  [0x26d4, 0x26d4],
  [0x26ea, 0x26ea],
  [0x26f2, 0x26f3],
  [0x26f5, 0x26f5],
  [0x26fa, 0x26fa],
  [0x26fd, 0x26fd],
  [0x2705, 0x2705],
  [0x270a, 0x270b],
  [0x2728, 0x2728],
  [0x274c, 0x274c],
  [0x274e, 0x274e],
  [0x2753, 0x2755],
  [0x2757, 0x2757],
  [0x2795, 0x2797],
  [0x27b0, 0x27b0],
  [0x27bf, 0x27bf],
  [0x2b1b, 0x2b1c],
  [0x2b50, 0x2b50],
  [0x2b55, 0x2b55],
  [0x2e80, 0x303e], // CJK radicals, Kangxi radicals, ideographic description, CJK symbols & punctuation
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, Hangul compatibility Jamo, Kanbun, CJK strokes, enclosed CJK, CJK compatibility
  [0x3400, 0x4dbf], // CJK Unified Ideographs Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa000, 0xa4cf], // Yi syllables and radicals
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK Compatibility Ideographs
  [0xfe10, 0xfe19], // vertical forms
  [0xfe30, 0xfe6f], // CJK compatibility forms, small form variants
  [0xff00, 0xff60], // Fullwidth ASCII variants and fullwidth brackets
  [0xffe0, 0xffe6], // fullwidth signs (￠ ￡ ￢ ￣ ￤ ￥ ￦)
  [0x16fe0, 0x16fe4],
  [0x17000, 0x18cff], // Tangut, Khitan
  [0x1aff0, 0x1b2ff], // Kana supplements, Nüshu
  [0x1f004, 0x1f004],
  [0x1f0cf, 0x1f0cf],
  [0x1f18e, 0x1f18e],
  [0x1f191, 0x1f19a],
  [0x1f200, 0x1f202], // enclosed ideographic supplement
  [0x1f210, 0x1f23b],
  [0x1f240, 0x1f248],
  [0x1f250, 0x1f251],
  [0x1f260, 0x1f265],
  [0x20000, 0x2fffd], // CJK Unified Ideographs Extensions B–F, compatibility supplement
  [0x30000, 0x3fffd], // Extensions G–H
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\p{Cf}\p{Cc}]$/u;
const EMOJI_PRESENTATION = /^\p{Emoji_Presentation}$/u;
const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;

function inWideRange(cp: number): boolean {
  let lo = 0;
  let hi = WIDE_RANGES.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [start, end] = WIDE_RANGES[mid]!;
    if (cp < start) hi = mid - 1;
    else if (cp > end) lo = mid + 1;
    else return true;
  }
  return false;
}

/**
 * Display width of one code point (a one- or two-unit string as yielded by `for…of`):
 * 0, 1 or 2 terminal columns.
 */
function charWidth(ch: string): number {
  const cp = ch.codePointAt(0)!;
  if (cp < 0x7f) return cp < 0x20 ? 0 : 1; // ASCII fast path (C0 controls are 0)
  if (cp >= 0x1160 && cp <= 0x11ff) return 0; // conjoining Hangul vowels and finals
  if (ZERO_WIDTH.test(ch)) return 0;
  if (inWideRange(cp)) return 2;
  if (cp >= 0x1f000 && EMOJI_PRESENTATION.test(ch)) return 2;
  return 1;
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
