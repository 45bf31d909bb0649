/**
 * The rating scale (评级符号): per notch, the break-even multiple a tranche needs — its break-even
 * cumulative default rate (临界违约率, BDR) over the base-case cumulative default rate. A tranche
 * earns a grade when it is paid timely at that grade's target default rate (目标违约率, TDR =
 * multiple × base rate); its implied rating is the highest grade it earns.
 *
 * The default table is an **assumption** of ipabs, not any agency's table. It follows the
 * multiples approach the global agencies describe in their consumer/SME ABS criteria (a stress
 * per rating category as a multiple of the base case: about 4–5× at 'AAA' falling to about
 * 1.25–1.5× at 'BB'; e.g. S&P, "Global Methodology And Assumptions For Assessing The Credit
 * Quality Of Securitized Consumer Receivables", 9 Oct 2014), anchored at AAA 5, AA 4, A 3, BBB 2,
 * BB 1.5, B 1.25 (and CCC 1, the base case itself), with each + and − notch one third of the way
 * to the neighbouring category's anchor, to two decimals. Chinese agencies (中债资信, 中诚信国际,
 * 联合资信) derive each notch's TDR from a default model of the pool rather than a fixed multiple;
 * a deal whose rating report publishes TDRs should override this table (`--rating-scale FILE`).
 */
import { Decimal, ONE } from '../util/money.js';
import { InputError } from '../util/errors.js';

/** The notches from the top, as ipabs writes them (ASCII + and -). */
export const NOTCHES = ['AAA', 'AA+', 'AA', 'AA-', 'A+', 'A', 'A-', 'BBB+', 'BBB', 'BBB-', 'BB+', 'BB', 'BB-', 'B+', 'B', 'B-', 'CCC+', 'CCC', 'CCC-', 'CC', 'C'] as const;

/** A grade of the rating scale and the break-even multiple it needs. */
export interface Notch {
  grade: string;
  /** Break-even multiple: the TDR over the base-case cumulative default rate. */
  multiple: Decimal;
}

/** Grades by break-even multiple (the default scale is {@link DEFAULT_RATING_SCALE}). */
export interface RatingScale {
  /** From the highest grade down; multiples strictly decreasing. */
  notches: Notch[];
  /** Where the multiples come from (a file, a criteria report, or "assumption: …"). */
  source: string;
}

const DEFAULT_MULTIPLES: readonly [string, string][] = [
  ['AAA', '5.00'],
  ['AA+', '4.33'],
  ['AA', '4.00'],
  ['AA-', '3.67'],
  ['A+', '3.33'],
  ['A', '3.00'],
  ['A-', '2.67'],
  ['BBB+', '2.33'],
  ['BBB', '2.00'],
  ['BBB-', '1.83'],
  ['BB+', '1.67'],
  ['BB', '1.50'],
  ['BB-', '1.42'],
  ['B+', '1.33'],
  ['B', '1.25'],
  ['B-', '1.17'],
];

/** The built-in scale (an assumption: see the module comment and the README). */
export const DEFAULT_RATING_SCALE: RatingScale = {
  notches: DEFAULT_MULTIPLES.map(([grade, m]) => ({ grade, multiple: new Decimal(m) })),
  source: 'assumption: ipabs default (category anchors AAA 5, AA 4, A 3, BBB 2, BB 1.5, B 1.25; ± notches a third of the way to the next category)',
};

/** A scale as the `{ grade, multiplier }` list `impliedRating` and the break-even report take. */
export function multipliersOf(scale: RatingScale): { grade: string; multiplier: number }[] {
  return scale.notches.map((n) => ({ grade: n.grade, multiplier: n.multiple.toNumber() }));
}

/**
 * A grade as ipabs writes it: upper case, ASCII `+`/`-` (a typographic minus −, a full-width ＋/－
 * or a trailing `sf`/`(sf)` are accepted). Undefined when it is no grade of the scale {@link NOTCHES}.
 *
 * @example normalGrade('aa−') // 'AA-'
 */
export function normalGrade(text: string): string | undefined {
  const g = text
    .trim()
    .replace(/[−–－]/g, '-')
    .replace(/＋/g, '+')
    .replace(/\s*\(?sf\)?$/i, '')
    .toUpperCase();
  return (NOTCHES as readonly string[]).includes(g) ? g : undefined;
}

/** The grades of a scale, for messages: `AAA, AA+, …`. */
export const gradeList = (scale: RatingScale): string => scale.notches.map((n) => n.grade).join(', ');

/** The scale's notch of a grade as written by a user; an InputError naming the known grades. */
export function notchOf(scale: RatingScale, text: string, what: string): Notch {
  const g = normalGrade(text);
  const n = g === undefined ? undefined : scale.notches.find((x) => x.grade === g);
  if (!n) throw new InputError(`${what}: unknown rating ${JSON.stringify(text)} (the rating scale has ${gradeList(scale)})`);
  return n;
}

/**
 * The target default rate of a notch: multiple × base rate, exact, at most 1 (no more than the
 * whole pool can default: a tranche paid timely when all of it defaults earns every grade).
 */
export function targetDefaultRate(notch: Notch, baseRate: Decimal): Decimal {
  return Decimal.min(ONE, notch.multiple.times(baseRate));
}

/** Checks that grades are known, appear once, in scale order, with multiples above 0 and strictly decreasing. */
export function checkScale(notches: readonly Notch[], where: string): void {
  if (notches.length === 0) throw new InputError(`${where}: the rating scale has no grades`);
  const rank = (g: string) => (NOTCHES as readonly string[]).indexOf(g);
  for (let i = 0; i < notches.length; i++) {
    const n = notches[i]!;
    if (!(n.multiple.gt(0) && n.multiple.isFinite())) throw new InputError(`${where}: ${n.grade}: a multiple must be a number above 0`);
    if (i === 0) continue;
    const prev = notches[i - 1]!;
    if (rank(n.grade) <= rank(prev.grade)) throw new InputError(`${where}: ${n.grade} comes after ${prev.grade}: list each grade once, from the highest down`);
    if (!n.multiple.lt(prev.multiple)) {
      throw new InputError(`${where}: ${n.grade} needs ${n.multiple.toString()}×, not less than ${prev.grade}'s ${prev.multiple.toString()}×: multiples must fall from one grade to the next`);
    }
  }
}

/** One `GRADE=MULTIPLE` (or `GRADE,MULTIPLE`) pair, checked. */
function pair(gradeText: string, multipleText: string, where: string): Notch {
  const grade = normalGrade(gradeText);
  if (grade === undefined) throw new InputError(`${where}: unknown rating ${JSON.stringify(gradeText.trim())} (grades: ${NOTCHES.join(', ')})`);
  const t = multipleText.trim().replace(/[x×]$/i, '');
  if (!/^\d+(\.\d+)?$/.test(t)) throw new InputError(`${where}: ${grade}: ${JSON.stringify(multipleText.trim())} is not a multiple (write 5 or 4.33)`);
  return { grade, multiple: new Decimal(t) };
}

/** Sorts notches from the highest grade down. */
const ranked = (notches: Notch[]): Notch[] => notches.sort((a, b) => (NOTCHES as readonly string[]).indexOf(a.grade) - (NOTCHES as readonly string[]).indexOf(b.grade));

/**
 * Overrides grades of a scale with `AAA=5.5,AA-=3.8` (`--multiple`): a grade the scale has gets
 * the new multiple, another grade of {@link NOTCHES} is added in its place. The result is checked.
 */
export function overrideScale(scale: RatingScale, text: string, flag: string): RatingScale {
  const notches = scale.notches.map((n) => ({ ...n }));
  for (const part of text.split(',')) {
    const m = /^([^=]*)=(.*)$/.exec(part);
    if (!m) throw new InputError(`${flag}: "${part.trim()}" is not GRADE=MULTIPLE (e.g. AAA=5,AA-=3.7)`);
    const n = pair(m[1]!, m[2]!, flag);
    const at = notches.findIndex((x) => x.grade === n.grade);
    if (at >= 0) notches[at] = n;
    else notches.push(n);
  }
  const out = ranked(notches);
  checkScale(out, flag);
  return { notches: out, source: `${scale.source}; overridden by ${flag} ${text}` };
}

/**
 * A rating scale from a file's text: JSON (`{"source": "…", "multiples": {"AAA": 5, …}}`, or
 * `[{"grade": "AAA", "multiple": 5}, …]`) or CSV (`grade,multiple` rows; a header row is
 * allowed). The file is the whole scale: grades it leaves out are not grades. Checked.
 */
export function parseRatingScale(text: string, file: string): RatingScale {
  const body = text.replace(/^\uFEFF/, '');
  const trimmed = body.trim();
  const notches: Notch[] = [];
  let source = `file ${file}`;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let json: unknown;
    try {
      json = JSON.parse(trimmed);
    } catch (err) {
      throw new InputError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const list = Array.isArray(json) ? json : (json as { multiples?: unknown }).multiples;
    if (!Array.isArray(json) && typeof (json as { source?: unknown }).source === 'string') source = `${(json as { source: string }).source} (file ${file})`;
    if (Array.isArray(list)) {
      list.forEach((x: unknown, i) => {
        const o = x as { grade?: unknown; multiple?: unknown };
        if (typeof o !== 'object' || o === null || typeof o.grade !== 'string' || !['string', 'number'].includes(typeof o.multiple)) {
          throw new InputError(`${file}: [${i}]: give {"grade": "AAA", "multiple": 5}`);
        }
        notches.push(pair(o.grade, String(o.multiple), `${file}: [${i}]`));
      });
    } else if (typeof list === 'object' && list !== null) {
      for (const [g, m] of Object.entries(list)) notches.push(pair(g, String(m), `${file}: multiples.${g}`));
    } else {
      throw new InputError(`${file}: give {"multiples": {"AAA": 5, "AA+": 4.33, …}} or a list of {"grade", "multiple"}`);
    }
  } else {
    body.split(/\r?\n/).forEach((line, i) => {
      const cells = line.split(',');
      if (line.trim() === '' || (i === 0 && /^\s*(grade|rating|级别)/i.test(cells[0] ?? ''))) return;
      if (cells.length !== 2) throw new InputError(`${file}: line ${i + 1}: give grade,multiple (e.g. AAA,5)`);
      notches.push(pair(cells[0]!, cells[1]!, `${file}: line ${i + 1}`));
    });
  }
  checkScale(notches, file);
  return { notches, source };
}

/**
 * The implied rating: the highest grade whose TDR the tranche is paid timely at, given `passes`
 * (whether it is at a default rate). Assumes passing at a rate means passing at any lower one,
 * so it bisects the notches. Undefined when it earns none.
 */
export function impliedGrade(scale: RatingScale, baseRate: Decimal, passes: (rate: Decimal) => boolean): Notch | undefined {
  // Invariant: notches[0..lo] fail, notches[hi..] pass (a grade failed fails every higher one).
  let lo = -1;
  let hi = scale.notches.length;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (passes(targetDefaultRate(scale.notches[mid]!, baseRate))) hi = mid;
    else lo = mid;
  }
  return scale.notches[hi];
}
