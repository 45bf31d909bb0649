/**
 * Renders a {@link Report} as a terminal table, CSV, Markdown or JSON.
 *
 * Choices (the contract for consumers of the output):
 *
 * - **One formatter.** Table, Markdown and CSV all format values with {@link formatValue};
 *   they differ only in grouping (table/md `13,900.00`, csv `13900.00`) and in what a missing
 *   value looks like (table/md `—`, csv empty). Rounding is always ROUND_HALF_UP (四舍五入) on
 *   the exact Decimal; a result that rounds to zero is shown without a minus sign.
 * - **Money** is in yuan in the model; with `unit: 'wan'` it is divided by 10,000 before
 *   rounding. Money headers and kv labels carry the unit: `贷款余额（万元）`, `Balance (CNY 10k)`.
 * - **Percent/rate** are fractions shown ×100 with a `%` sign in every text format, CSV included
 *   (`44.60%`: Excel reads it as the number 0.446 formatted as a percent).
 * - **Numeric cells that are not numbers** (a string such as `'n/a'`, or a non-finite number)
 *   are shown as text rather than throwing; in JSON they are emitted as that string.
 * - **table**: ASCII-ruled (`+---+`, `|`) so alignment survives terminals that draw box-drawing
 *   characters double-width; CJK/full-width characters count two columns; numbers right-aligned,
 *   text and dates left-aligned; every line of a table has the same display width; control
 *   characters are stripped and line breaks/tabs become spaces. Ends with exactly one `\n`.
 * - **csv** (written by csv-stringify): one UTF-8 BOM at the very start, RFC 4180 quoting, **LF** line ends (Excel,
 *   LibreOffice, pandas and csv-parse all accept LF; newlines inside quoted fields are kept).
 *   Blocks (title + subtitles, each section, notes) are separated by one blank line; the file
 *   ends with a single `\n`. A kv section is its title line then `label,value` lines. A text
 *   field (any cell whose kind is not numeric or whose value is not a number, and every title,
 *   header, label and note) that begins with `=`, `+`, `-`, `@`, tab or CR (or full-width `＝＋－＠`) gets a leading `'` so
 *   a spreadsheet shows it instead of running it as a formula (OWASP CSV injection); numbers,
 *   negative ones included, are never changed. The choice follows the cell's kind, not its text.
 * - **md**: GitHub tables padded to aligned source, `---:` for numeric columns, total row in
 *   bold, line breaks become spaces; subtitles are separate paragraphs, notes a bullet list.
 *   All text is escaped (`&`, `<`, `>` as entities; `\`, `|`, backtick, `*`, `_`, `~`, `[`, `]` with a backslash; a
 *   first character that would start a block), so a name from a deal file or tape cannot become
 *   HTML, a link, code or emphasis, nor break a table.
 * - **json**: see {@link renderJson}. Amounts are always yuan, independent of `unit`.
 */
import { stringify, type Options as CsvStringifyOptions } from 'csv-stringify/sync';
import { Decimal } from '../util/money.js';
import type {
  Cell,
  Column,
  Format,
  KeyValueItem,
  KeyValueSection,
  Lang,
  RenderOptions,
  Report,
  TableSection,
  Unit,
  ValueKind,
} from './model.js';
import { type Align, displayWidth, padDisplay } from './width.js';
import { FenCell } from './fenCell.js';
import { renderHtml } from './html.js';
import { cellText, formatValue, headerText, isNumericKind, JSON_FRACTION_DECIMALS, KINDS, MAX_FIXED_DIGITS, MISSING, sectionTitle, toDecimal, toFixedHalfUp, unitSuffix, type FormatValueOptions } from './format.js';
import { assertNever } from '../util/never.js';
import { printableCell } from '../util/printable.js';
import { RESULT_SCHEMA_VERSION } from './kinds.js';
import { pushAll } from '../util/pushAll.js';

export { displayWidth, padDisplay } from './width.js';
export { formatValue, headerText, isNumericKind, JSON_FRACTION_DECIMALS, MISSING, sectionTitle, type FormatValueOptions, type NumericKind } from './format.js';
export type { Align } from './width.js';

const FORMATS: readonly Format[] = ['table', 'csv', 'json', 'md', 'html'];
const LANGS: readonly Lang[] = ['zh', 'en'];
const UNITS: readonly Unit[] = ['yuan', 'wan'];

function checkOptions(opts: RenderOptions): void {
  if (!FORMATS.includes(opts.format)) throw new RangeError(`unknown format: ${String(opts.format)}`);
  if (!LANGS.includes(opts.lang)) throw new RangeError(`unknown language: ${String(opts.lang)}`);
  if (!UNITS.includes(opts.unit)) throw new RangeError(`unknown unit: ${String(opts.unit)}`);
}

function checkKind(kind: ValueKind, where: string): void {
  if (!KINDS.includes(kind)) throw new RangeError(`unknown value kind ${String(kind)} in ${where}`);
}

/**
 * Renders a report. Throws `RangeError` for an unknown format, language, unit or value kind,
 * an invalid `decimals`, or (JSON only) duplicate section ids, column keys or kv keys.
 *
 * @example
 * const report: Report = {
 *   title: { zh: '现金流', en: 'Cash flows' },
 *   sections: [{
 *     type: 'table', id: 'pool', title: { zh: '资产池', en: 'Pool' },
 *     columns: [
 *       { key: 'period', header: { zh: '期次', en: 'Period' }, kind: 'int' },
 *       { key: 'balance', header: { zh: '余额', en: 'Balance' }, kind: 'money' },
 *     ],
 *     rows: [{ period: 1, balance: new Decimal('13900000') }],
 *   }],
 * };
 * render(report, { format: 'table', lang: 'zh', unit: 'wan' });
 * // 现金流
 * //
 * // 资产池
 * // +------+--------------+
 * // | 期次 | 余额（万元） |
 * // +------+--------------+
 * // |    1 |     1,390.00 |
 * // +------+--------------+
 * render(report, { format: 'json', lang: 'en', unit: 'wan' }); // balance: "13900000.00" (yuan)
 */
export function render(report: Report, opts: RenderOptions): string {
  checkOptions(opts);
  for (const section of report.sections) {
    if (section.type === 'table') for (const c of section.columns) checkKind(c.kind, `section ${section.id}`);
    else for (const item of section.items) checkKind(item.kind, `section ${section.id}`);
  }
  switch (opts.format) {
    case 'table':
      return renderTable(report, opts);
    case 'csv':
      return renderCsv(report, opts);
    case 'md':
      return renderMarkdown(report, opts);
    case 'json':
      return renderJson(report, opts);
    case 'html':
      return renderHtml(report, opts);
    default:
      return assertNever(opts.format, 'report format');
  }
}

// ---------------------------------------------------------------------------------------------
// Shared: cells of a section as display strings

interface Grid {
  headers: string[];
  aligns: Align[];
  rows: string[][];
  total?: string[];
}

function tableGrid(section: TableSection, opts: RenderOptions, fmt: FormatValueOptions): Grid {
  const cols = section.columns;
  const colFormats = cols.map((c) => ({ ...fmt, unit: opts.unit, decimals: c.decimals }));
  const cells = (row: Record<string, Cell>): string[] => cols.map((c, i) => formatValue(ownCell(row, c.key), c.kind, colFormats[i]));
  const grid: Grid = {
    headers: cols.map((c) => headerText(c.header, c.kind, opts.lang, opts.unit)),
    aligns: cols.map((c) => (isNumericKind(c.kind) ? 'right' : 'left')),
    rows: section.rows.map(cells),
  };
  if (section.total) grid.total = cells(section.total);
  return grid;
}

/** A row's own value for `key` (never an inherited property such as `constructor`). */
function ownCell(row: Record<string, Cell>, key: string): Cell {
  return Object.prototype.hasOwnProperty.call(row, key) ? row[key] : undefined;
}

/** The widest display width in column `i` of `rows`, at least `min` (no spread: tables may be long). */
function maxWidth(rows: string[][], i: number, min: number): number {
  let w = min;
  for (const r of rows) w = Math.max(w, displayWidth(r[i] ?? ''));
  return w;
}

/** For single-line text outputs: line breaks and tabs become spaces, other controls are dropped. */
function oneLine(s: string): string {
  // [\u0000-\u001f\u007f-\u009f] is exactly \p{Cc}, and much faster to test on every cell.
  if (!/[\u0000-\u001f\u007f-\u009f\u2028\u2029]/.test(s)) return s;
  return s.replace(/\r\n|[\r\n\t\u2028\u2029]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, '');
}

// ---------------------------------------------------------------------------------------------
// table

function renderTable(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const blocks: string[][] = [];
  blocks.push([report.title[lang], ...(report.subtitle ?? []).map((l) => l[lang])].map(oneLine));
  for (const section of report.sections) {
    const lines = [oneLine(sectionTitle(section, lang, opts.unit))];
    if (section.type === 'table') {
      const grid = tableGrid(section, opts, { empty: MISSING });
      splitGrid(grid, opts.width).forEach((part, i) => {
        if (i > 0) lines.push('');
        pushAll(lines, boxTable(part));
      });
    } else pushAll(lines, kvBox(section, opts));
    blocks.push(lines);
  }
  if (report.notes && report.notes.length > 0) blocks.push(report.notes.map((n) => oneLine(n[lang])));
  return blocks.map((b) => b.join('\n')).join('\n\n') + '\n';
}

function boxLines(widths: number[]): { rule: string; line: (cells: string[], aligns: Align[]) => string } {
  return {
    rule: '+' + widths.map((w) => '-'.repeat(w + 2)).join('+') + '+',
    line: (cells, aligns) =>
      '| ' + cells.map((c, i) => padDisplay(c, widths[i]!, aligns[i] ?? 'left')).join(' | ') + ' |',
  };
}

/** An ASCII-ruled table: rule, header, rule, rows, [rule, total], rule. */
/**
 * A table too wide for the terminal, cut into blocks of columns that fit, each repeating the
 * first column so every row can still be read. Without a width, or when it fits, one block.
 */
function splitGrid(grid: Grid, width: number | undefined): Grid[] {
  if (!width || grid.headers.length <= 2) return [grid];
  const all = [grid.headers, ...grid.rows, ...(grid.total ? [grid.total] : [])].map((r) => r.map(oneLine));
  const widths = grid.headers.map((_, i) => maxWidth(all, i, 1));
  // Each column takes its width plus 3 (the "| " before it and the space after); the row ends with "|".
  const cost = (cols: number[]) => cols.reduce((a, i) => a + widths[i]! + 3, 1);
  if (cost(widths.map((_, i) => i)) <= width) return [grid];
  const blocks: number[][] = [];
  let current = [0];
  for (let i = 1; i < widths.length; i++) {
    if (current.length > 1 && cost([...current, i]) > width) {
      blocks.push(current);
      current = [0];
    }
    current.push(i);
  }
  blocks.push(current);
  const pick = (row: string[], cols: number[]) => cols.map((i) => row[i]!);
  return blocks.map((cols) => ({
    headers: pick(grid.headers, cols),
    aligns: cols.map((i) => grid.aligns[i]!),
    rows: grid.rows.map((r) => pick(r, cols)),
    total: grid.total ? pick(grid.total, cols) : undefined,
  }));
}

function boxTable(grid: Grid): string[] {
  if (grid.headers.length === 0) return [];
  const clean = (row: string[]): string[] => row.map(oneLine);
  const headers = clean(grid.headers);
  const rows = grid.rows.map(clean);
  const total = grid.total ? clean(grid.total) : undefined;
  const all = [headers, ...rows, ...(total ? [total] : [])];
  const widths = headers.map((_, i) => maxWidth(all, i, 1));
  const { rule, line } = boxLines(widths);
  const out = [rule, line(headers, grid.aligns), rule, ...rows.map((r) => line(r, grid.aligns))];
  if (total) out.push(rule, line(total, grid.aligns));
  out.push(rule);
  return out;
}

/** kv items as two aligned columns: label left, value right for numbers and left for text. */
function kvBox(section: KeyValueSection, opts: RenderOptions): string[] {
  if (section.items.length === 0) return [];
  const pairs = section.items.map((item) => ({
    label: oneLine(headerText(item.label, item.kind, opts.lang, opts.unit)),
    value: oneLine(formatValue(item.value, item.kind, { unit: opts.unit, decimals: item.decimals })),
    align: (isNumericKind(item.kind) ? 'right' : 'left') as Align,
  }));
  const widths = [maxWidth(pairs.map((p) => [p.label]), 0, 1), maxWidth(pairs.map((p) => [p.value]), 0, 1)];
  const { rule, line } = boxLines(widths);
  return [rule, ...pairs.map((p) => line([p.label, p.value], ['left', p.align])), rule];
}

// ---------------------------------------------------------------------------------------------
// csv

/**
 * What a CSV field holds: `number` for a value of a numeric kind that is a finite number (written
 * as is, a minus sign included), `text` for everything else (names, labels, dates, and a numeric
 * cell that is not a number).
 */
export type CsvFieldKind = 'text' | 'number';

/**
 * A field of a numeric kind holding a negative number (`-1234.56`, `-5.00%`): written without
 * the formula guard, so a spreadsheet reads it as the number it is.
 */
class CsvNumber {
  constructor(readonly text: string) {}
}

/** A CSV field's value: text, or a negative number (see {@link CsvNumber}). */
type CsvValue = string | CsvNumber;

/**
 * csv-stringify set to RFC 4180 quoting (a field with a comma, a double quote, CR or LF is quoted
 * and its quotes doubled), LF line ends, and its OWASP formula guard: a text field that begins
 * with `=`, `+`, `-`, `@`, tab or CR (or the full-width `＝＋－＠`) gets a leading `'`.
 */
const CSV_OPTIONS: CsvStringifyOptions = {
  record_delimiter: 'unix',
  quote_record_delimiter: true,
  escape_formulas: true,
  cast: { object: (value) => ({ value: (value as unknown as CsvNumber).text, escape_formulas: false }) },
};

/** A field's value for csv-stringify: U+FEFF removed, control characters made printable. */
function csvValue(s: string, kind: CsvFieldKind): CsvValue {
  const t = printableCell(s.replace(/\uFEFF/g, ''));
  return kind === 'number' && t.startsWith('-') ? new CsvNumber(t) : t;
}

/** CSV lines, one per record, each ending in `\n`; with `bom` the file's one UTF-8 BOM first. An empty record is a blank line. */
function csvText(records: CsvValue[][], bom = false): string {
  return (bom ? '\uFEFF' : '') + stringify(records, CSV_OPTIONS);
}

/**
 * One CSV field per RFC 4180, as csv-stringify writes it: a field containing a comma, a double
 * quote, CR or LF is quoted and its quotes doubled. U+FEFF is removed so the file's only BOM is
 * the one at its very start. A `text` field (the default) that begins with `=`, `+`, `-`, `@`,
 * tab or CR (or a full-width `＝＋－＠`) gets a leading `'` so a spreadsheet shows it as text
 * instead of running it as a formula; a `number` field is never changed, so `-1234.56` stays a
 * number. Whether a field is a number is decided by the caller from the cell's kind, never
 * guessed from the text: an obligor named `-2+3` is text.
 *
 * @example
 * csvField('贷款余额');              // '贷款余额'
 * csvField('A, "B"');               // '"A, ""B"""'
 * csvField('=HYPERLINK("x")');      // '"\'=HYPERLINK(""x"")"'
 * csvField('-2+3');                 // "'-2+3"
 * csvField('-1234.56', 'number');   // '-1234.56'
 */
export function csvField(s: string, kind: CsvFieldKind = 'text'): string {
  return csvText([[csvValue(s, kind)]]).slice(0, -1);
}

/** The CSV kind of one cell: a number only when its kind is numeric and it is a finite number. */
function csvKind(value: Cell, kind: ValueKind): CsvFieldKind {
  if (!isNumericKind(kind)) return 'text';
  return value instanceof FenCell || toDecimal(value) !== undefined ? 'number' : 'text';
}

/** A table section's rows as CSV records, each field by its column's kind. */
function csvRows(section: TableSection, rows: Record<string, Cell>[], opts: RenderOptions): CsvValue[][] {
  const formats = section.columns.map((c) => ({ ...CSV_FORMAT, unit: opts.unit, decimals: c.decimals }));
  return rows.map((row) =>
    section.columns.map((c, i) => {
      const value = ownCell(row, c.key);
      return csvValue(formatValue(value, c.kind, formats[i]), csvKind(value, c.kind));
    }),
  );
}

/** A kv item as a `label,value` CSV record; `suffix` is appended to the label (the unit, for one section alone). */
function csvItem(item: KeyValueItem, opts: RenderOptions, suffix = ''): CsvValue[] {
  const label = csvValue(headerText(item.label, item.kind, opts.lang, opts.unit) + suffix, 'text');
  const value = csvValue(formatValue(item.value, item.kind, { ...CSV_FORMAT, unit: opts.unit, decimals: item.decimals }), csvKind(item.value, item.kind));
  return [label, value];
}

/** A record of text fields (titles, headers, labels). */
const csvLine = (fields: string[]): CsvValue[] => fields.map((f) => csvValue(f, 'text'));

/** The header, row and total records of a table section (none when it has no columns). */
function csvTable(section: TableSection, opts: RenderOptions, headers: string[]): CsvValue[][] {
  if (section.columns.length === 0) return [];
  return [csvLine(headers), ...csvRows(section, section.total ? [...section.rows, section.total] : section.rows, opts)];
}

/** CSV values: no thousands separators, a missing value is an empty field. */
const CSV_FORMAT: FormatValueOptions = { grouping: false, empty: '' };

function renderCsv(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const blocks: CsvValue[][][] = [];
  blocks.push([report.title[lang], ...(report.subtitle ?? []).map((l) => l[lang])].map((s) => csvLine([s])));
  for (const section of report.sections) {
    const lines = [csvLine([sectionTitle(section, lang, opts.unit)])];
    if (section.type === 'table') pushAll(lines, csvTable(section, opts, section.columns.map((c) => headerText(c.header, c.kind, lang, opts.unit))));
    else pushAll(lines, section.items.map((item) => csvItem(item, opts)));
    blocks.push(lines);
  }
  if (report.notes && report.notes.length > 0) blocks.push(report.notes.map((n) => csvLine([n[lang]])));
  // Blocks apart by one blank line: an empty record between them.
  return csvText(blocks.flatMap((b, i) => (i === 0 ? b : [[], ...b])), true);
}

// ---------------------------------------------------------------------------------------------
// md

/**
 * Markdown's special characters in inline text, escaped so a name from a deal file or tape stays
 * text: `&`, `<`, `>` become entities (no raw HTML such as `<script>` or `<img onerror>`, no
 * autolinks), and `\`, `|`, `` ` ``, `*`, `_`, `~`, `[`, `]` are backslash-escaped (no code
 * spans, emphasis, strikethrough, links, images, nor a cell that splits the table). A JSON-path
 * index such as `tapes[0]` is left as is: a bracket pair can only become a link with `(` or `[`
 * right after it or through a reference definition `[x]:`, and all of those are escaped. Bare
 * URLs and e-mail addresses are broken up too ({@link AUTOLINK}).
 */
function mdInline(s: string): string {
  return s
    .replace(/[&<>]/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : '&gt;'))
    .replace(/\[\d+\](?![([:])|[\\|`*_~[\]]/g, (m) => (m.length > 1 ? m : '\\' + m))
    .replace(AUTOLINK, (m) => `${m.slice(0, -1)}\\${m.slice(-1)}`);
}

/**
 * What GitHub-flavoured Markdown turns into a link without any markup (its autolink extension):
 * `scheme://`, `www.` and the `@` of an e-mail address. The last character of each is
 * backslash-escaped (`https\://`, `www\.`, `a\@b.cn`), which breaks the pattern and renders as
 * the same text.
 */
const AUTOLINK = /[A-Za-z][A-Za-z0-9+.-]*:(?=\/\/)|\bwww\.|(?<=[A-Za-z0-9._+-])@(?=[A-Za-z0-9-]+\.[A-Za-z0-9])/gi;

/**
 * Escapes a Markdown table cell: special characters as {@link mdInline} (so `|` cannot split the
 * table and no HTML or link gets through), line breaks and tabs become spaces, control characters
 * are dropped, surrounding spaces trimmed.
 *
 * @example
 * mdCell('A | B');                 // 'A \\| B' as a JS literal: the cell text is  A \| B
 * mdCell('x\ny');                  // 'x y'
 * mdCell('<img src=x onerror=f>'); // '&lt;img src=x onerror=f&gt;'
 */
export function mdCell(s: string): string {
  return mdInline(oneLine(s).trim());
}

/**
 * Markdown paragraph, heading or list-item text: one line, escaped as {@link mdInline}, and a
 * first character that would start a block (`#` heading, `-`/`+` list, `1.` ordered list) is
 * escaped so a subtitle or note stays a plain paragraph.
 */
function mdText(s: string): string {
  return mdInline(oneLine(s).trim()).replace(/^([#+-])|^(\d+)([.)])/, (_m, mark?: string, digits?: string, dot?: string) =>
    mark !== undefined ? '\\' + mark : `${digits}\\${dot}`,
  );
}

function mdTable(headers: string[], aligns: Align[], rows: string[][]): string[] {
  const widths = headers.map((_, i) => Math.max(maxWidth(rows, i, 3), displayWidth(headers[i]!)));
  const line = (cells: string[]): string =>
    '| ' + cells.map((c, i) => padDisplay(c, widths[i]!, aligns[i] ?? 'left')).join(' | ') + ' |';
  const sep = '| ' + widths.map((w, i) => (aligns[i] === 'right' ? '-'.repeat(w - 1) + ':' : '-'.repeat(w))).join(' | ') + ' |';
  return [line(headers), sep, ...rows.map(line)];
}

function bold(s: string): string {
  return s === '' ? s : `**${s}**`;
}

function renderMarkdown(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  const blocks: string[] = [`# ${mdText(report.title[lang])}`];
  for (const l of report.subtitle ?? []) blocks.push(mdText(l[lang]));
  for (const section of report.sections) {
    const lines = [`## ${mdText(sectionTitle(section, lang, opts.unit))}`];
    if (section.type === 'table') {
      const grid = tableGrid(section, opts, { empty: MISSING });
      if (grid.headers.length > 0) {
        const rows = grid.rows.map((r) => r.map(mdCell));
        if (grid.total) rows.push(grid.total.map((c) => bold(mdCell(c))));
        lines.push('');
        pushAll(lines, mdTable(grid.headers.map(mdCell), grid.aligns, rows));
      }
    } else if (section.items.length > 0) {
      const allNumeric = section.items.every((i) => isNumericKind(i.kind));
      const headers = lang === 'zh' ? ['项目', '数值'] : ['Item', 'Value'];
      const rows = section.items.map((item) => [
        mdCell(headerText(item.label, item.kind, lang, opts.unit)),
        mdCell(formatValue(item.value, item.kind, { unit: opts.unit, decimals: item.decimals })),
      ]);
      lines.push('');
      pushAll(lines, mdTable(headers, ['left', allNumeric ? 'right' : 'left'], rows));
    }
    blocks.push(lines.join('\n'));
  }
  if (report.notes && report.notes.length > 0) {
    blocks.push(report.notes.map((n) => `- ${mdText(n[lang])}`).join('\n'));
  }
  return blocks.join('\n\n') + '\n';
}

// ---------------------------------------------------------------------------------------------
// json

/** A JSON value whose objects keep their keys in insertion order (even integer-like keys). */
type Json = null | string | number | boolean | Json[] | JsonObject;
class JsonObject {
  readonly entries: [string, Json][] = [];
  set(key: string, value: Json): this {
    this.entries.push([key, value]);
    return this;
  }
}

/** Same layout as `JSON.stringify(v, null, 2)`, but object keys stay in the order given. */
function stringifyJson(v: Json, indent = ''): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  const inner = indent + '  ';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[\n${v.map((x) => inner + stringifyJson(x, inner)).join(',\n')}\n${indent}]`;
  }
  if (v.entries.length === 0) return '{}';
  return `{\n${v.entries.map(([k, x]) => `${inner}${JSON.stringify(k)}: ${stringifyJson(x, inner)}`).join(',\n')}\n${indent}}`;
}

/**
 * The JSON form of one value, independent of the display unit:
 * - `money`: yuan, a decimal string with 2 places (`"13900000.00"`), ROUND_HALF_UP;
 * - `percent`, `rate`, `number`: the value as a decimal string rounded half-up to
 *   {@link JSON_FRACTION_DECIMALS} (10) places, trailing zeros trimmed (`"0.4460431655"`,
 *   `"0.0435"`, `"1"`); percent and rate stay fractions (not ×100);
 * - `int`: a JSON number (rounded half-up), or a decimal string beyond ±2^53−1;
 * - `text`, `date`: strings; `null`/`undefined`: `null`;
 * - a numeric-kind value that is not a finite number: its text as a string.
 *
 * @example
 * jsonValue(new Decimal('13900000'), 'money');         // '13900000.00'
 * jsonValue(new Decimal(62).div(139), 'percent');     // '0.4460431655'
 * jsonValue(12, 'int');                               // 12
 * jsonValue(undefined, 'text');                       // null
 */
export function jsonValue(value: Cell, kind: ValueKind): string | number | null {
  if (value === null || value === undefined) return null;
  if (!isNumericKind(kind)) return cellText(value);
  const d = toDecimal(value);
  if (d === undefined) return cellText(value);
  switch (kind) {
    case 'money':
      return toFixedHalfUp(d, 2);
    case 'int': {
      const i = d.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
      if (i.abs().lte(Number.MAX_SAFE_INTEGER)) return i.isZero() ? 0 : i.toNumber();
      return toFixedHalfUp(i, 0);
    }
    case 'number':
    case 'percent':
    case 'rate': {
      const r = d.toDecimalPlaces(JSON_FRACTION_DECIMALS, Decimal.ROUND_HALF_UP);
      if (r.isZero()) return '0';
      return r.e >= MAX_FIXED_DIGITS ? r.toString() : r.toFixed();
    }
    default:
      return assertNever(kind, 'numeric value kind');
  }
}

function uniqueKeys(keys: string[], what: string): void {
  const seen = new Set<string>();
  for (const k of keys) {
    if (seen.has(k)) throw new RangeError(`duplicate ${what}: ${k}`);
    seen.add(k);
  }
}

function jsonRow(columns: Column[], row: Record<string, Cell>): JsonObject {
  const o = new JsonObject();
  for (const c of columns) o.set(c.key, jsonValue(ownCell(row, c.key), c.kind));
  return o;
}

/**
 * JSON: `{ schemaVersion, title, subtitle?, sections: { [id]: section }, notes? }`, labels in `opts.lang`,
 * pretty-printed with 2 spaces and a final newline, keys in the order of the report.
 * A table section is `{ title, columns: [{ key, header, kind }], rows: [{ [key]: value }], total? }`
 * (rows carry exactly the column keys, missing ones as `null`; headers have no unit suffix because
 * amounts are always yuan); a kv section is `{ title, values: { [key]: value } }`. Values follow
 * {@link jsonValue}. `subtitle` and `notes` are present only when non-empty.
 */
function renderJson(report: Report, opts: RenderOptions): string {
  const { lang } = opts;
  uniqueKeys(report.sections.map((s) => s.id), 'section id');
  const root = new JsonObject().set('schemaVersion', RESULT_SCHEMA_VERSION).set('title', report.title[lang]);
  if (report.subtitle && report.subtitle.length > 0) root.set('subtitle', report.subtitle.map((l) => l[lang]));
  const sections = new JsonObject();
  for (const section of report.sections) {
    const s = new JsonObject().set('title', section.title[lang]);
    if (section.type === 'table') {
      uniqueKeys(section.columns.map((c) => c.key), `column key in section ${section.id}`);
      s.set(
        'columns',
        section.columns.map((c) => new JsonObject().set('key', c.key).set('header', c.header[lang]).set('kind', c.kind)),
      );
      s.set('rows', section.rows.map((r) => jsonRow(section.columns, r)));
      if (section.total) s.set('total', jsonRow(section.columns, section.total));
    } else {
      uniqueKeys(section.items.map((i) => i.key), `item key in section ${section.id}`);
      const values = new JsonObject();
      for (const item of section.items) values.set(item.key, jsonValue(item.value, item.kind));
      s.set('values', values);
    }
    sections.set(section.id, s);
  }
  root.set('sections', sections);
  if (report.notes && report.notes.length > 0) root.set('notes', report.notes.map((n) => n[lang]));
  return stringifyJson(root) + '\n';
}

// ---------------------------------------------------------------------------------------------
// one section

/** The ids of a report's sections, in order (what `--section` takes). */
export function sectionIds(report: Report): string[] {
  return report.sections.map((s) => s.id);
}

/** The report with only the section `id` (title, subtitle and notes kept), or undefined when it has none such. */
export function selectSection(report: Report, id: string): Report | undefined {
  const section = report.sections.find((s) => s.id === id);
  return section ? { ...report, sections: [section] } : undefined;
}

/**
 * Renders one section of a report. CSV is that table alone: one BOM, the header line, the rows
 * (and the total), LF line ends, no title or blank lines, so pandas (`read_csv`) and Excel read
 * it as one table; a kv section is an `Item,Value` (`项目,数值`) header and a line per item.
 * With no section title to say it, money headers and labels carry the unit (`余额（万元）`).
 * Table, Markdown and JSON render the report with only that section. Throws `RangeError` for an
 * id the report does not have (the message lists the ones it has).
 */
export function renderSection(report: Report, id: string, opts: RenderOptions): string {
  const only = selectSection(report, id);
  if (!only) throw new RangeError(`no section ${JSON.stringify(id)} (known: ${sectionIds(report).join(', ')})`);
  if (opts.format !== 'csv') return render(only, opts);
  checkOptions(opts);
  const section = only.sections[0]!;
  const lines: CsvValue[][] = [];
  if (section.type === 'table') {
    for (const c of section.columns) checkKind(c.kind, `section ${section.id}`);
    const headers = section.columns.map((c) => headerText(c.header, c.kind, opts.lang, opts.unit) + (c.kind === 'money' ? unitSuffix(opts.unit, opts.lang) : ''));
    pushAll(lines, csvTable(section, opts, headers));
  } else {
    lines.push(csvLine(opts.lang === 'zh' ? ['项目', '数值'] : ['Item', 'Value']));
    for (const item of section.items) {
      checkKind(item.kind, `section ${section.id}`);
      lines.push(csvItem(item, opts, item.kind === 'money' ? unitSuffix(opts.unit, opts.lang) : ''));
    }
  }
  return csvText(lines, true);
}
