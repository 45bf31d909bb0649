/**
 * The `csv` format, written by csv-stringify: one UTF-8 BOM at the very start, RFC 4180 quoting,
 * LF line ends, and the OWASP formula guard on text fields (never on numbers). A whole report is
 * blocks apart by one blank line; one section alone ({@link renderCsvSection}) is a bare table.
 * See render.ts for the contract.
 */
import { stringify, type Options as CsvStringifyOptions } from 'csv-stringify/sync';
import type { Cell, KeyValueItem, RenderOptions, Report, Section, TableSection, ValueKind } from './model.js';
import { FenCell } from './fenCell.js';
import { formatValue, headerText, isNumericKind, sectionTitle, toDecimal, unitSuffix, type FormatValueOptions } from './format.js';
import { ownCell } from './grid.js';
import { printableCell } from '../util/printable.js';
import { pushAll } from '../util/pushAll.js';

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

/** A whole report as CSV: title and subtitles, each section, notes, blocks apart by one blank line. */
export function renderCsv(report: Report, opts: RenderOptions): string {
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

/**
 * One section as a bare CSV table (see `renderSection`): a table's header line, rows and total,
 * or an `Item,Value` (`项目,数值`) header and a line per kv item; money headers and labels carry
 * the unit, as there is no section title to say it.
 */
export function renderCsvSection(section: Section, opts: RenderOptions): string {
  const lines: CsvValue[][] = [];
  if (section.type === 'table') {
    const headers = section.columns.map((c) => headerText(c.header, c.kind, opts.lang, opts.unit) + (c.kind === 'money' ? unitSuffix(opts.unit, opts.lang) : ''));
    pushAll(lines, csvTable(section, opts, headers));
  } else {
    lines.push(csvLine(opts.lang === 'zh' ? ['项目', '数值'] : ['Item', 'Value']));
    for (const item of section.items) lines.push(csvItem(item, opts, item.kind === 'money' ? unitSuffix(opts.unit, opts.lang) : ''));
  }
  return csvText(lines, true);
}
