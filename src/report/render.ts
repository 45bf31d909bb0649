/**
 * Renders a {@link Report} as a terminal table, CSV, Markdown or JSON.
 *
 * Choices (the contract for consumers of the output):
 *
 * - **One formatter.** Table, Markdown and CSV all format values with `formatValue` (format.ts);
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
 * - **json**: see `renderJson` (json.ts). Amounts are always yuan, independent of `unit`.
 */
import type { Format, Lang, RenderOptions, Report, Unit, ValueKind } from './model.js';
import { renderHtml } from './html.js';
import { KINDS } from './format.js';
import { assertNever } from '../util/never.js';
import { renderTable } from './asciiTable.js';
import { renderCsv, renderCsvSection } from './csv.js';
import { renderMarkdown } from './markdown.js';
import { renderJson } from './json.js';

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

/** Checks every column's and kv item's value kind. */
function checkKinds(report: Report): void {
  for (const section of report.sections) {
    if (section.type === 'table') for (const c of section.columns) checkKind(c.kind, `section ${section.id}`);
    else for (const item of section.items) checkKind(item.kind, `section ${section.id}`);
  }
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
  checkKinds(report);
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
  checkKinds(only);
  return renderCsvSection(only.sections[0]!, opts);
}
