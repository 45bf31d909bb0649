/** Output options shared by the commands. */
import { Option, type Command } from 'commander';
import { extname } from 'node:path';
import type { OutputFormat } from '../report/model.js';
import { InputError } from '../validate/diagnostics.js';

/**
 * `--format`, without a commander default: a format not given is inferred from `--out` by
 * {@link outputFormat}, and only then defaults to table.
 */
export const formatOption = () =>
  new Option('-f, --format <format>', 'output format (default: from the --out extension .csv, .json, .md, .html or .xlsx; table on stdout; any other --out name needs --format)').choices(['table', 'csv', 'json', 'md', 'html', 'xlsx']);
export const langOption = () => new Option('-l, --lang <lang>', 'language of headers (and of --help)').choices(['zh', 'en']).default('zh');
export const unitOption = () => new Option('-u, --unit <unit>', 'unit of amounts: yuan (元) or wan (万元)').choices(['yuan', 'wan']).default('yuan');
export const sectionOption = () =>
  new Option('--section <id>', 'print only this section (e.g. one table as plain CSV for pandas or Excel); an unknown id lists the known ones');

const BY_EXTENSION: Record<string, OutputFormat> = { '.csv': 'csv', '.json': 'json', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html', '.xlsx': 'xlsx' };

/** The extensions a format is told from, for messages: `.csv, .json, .md (.markdown), .html (.htm), .xlsx`. */
const KNOWN_EXTENSIONS = '.csv, .json, .md (.markdown), .html (.htm) or .xlsx';

/**
 * The output format: `--format` when given; else inferred from the `--out` file's extension
 * (.csv, .json, .md, .markdown, .html, .htm, .xlsx; case does not matter); else, on stdout, table.
 * An `--out` name with any other extension, or none (`/dev/stdout`, `report`), is an InputError
 * without `--format`: a text table in a file named `.xls` or `.txt` would look like success.
 *
 * @example outputFormat(undefined, 'flows.CSV') // 'csv'
 */
export function outputFormat(format: OutputFormat | undefined, out: string | undefined): OutputFormat {
  if (format) return format;
  if (out === undefined) return 'table';
  const ext = extname(out).toLowerCase();
  const known = BY_EXTENSION[ext];
  if (known) return known;
  const what = ext === '' ? 'has no extension to tell the format from' : `has an extension ipabs does not write (${ext})`;
  throw new InputError(`--out ${out} ${what}: name the file ${KNOWN_EXTENSIONS}, or give --format csv, json, md, html or xlsx (or --format table for a text table) to write any file name`);
}

/**
 * Refuses an `--out` name for JSON-only output (`ipabs schema`) that is not named `.json` (any
 * case): JSON in `schema.xlsx` would look like success. A stream, device or FIFO target
 * (`/dev/stdout`) is not a file name and is not asked for one: the caller checks that first.
 *
 * @example requireJsonName('deal.schema.json') // passes
 */
export function requireJsonName(out: string): void {
  const ext = extname(out).toLowerCase();
  if (ext === '.json') return;
  const what = ext === '' ? 'has no extension' : `has an extension ipabs does not write here (${ext})`;
  throw new InputError(`--out ${out} ${what}: the schema is JSON; name the file .json`);
}

/** The output options every report command takes: format, language, unit, section, file. */
export const addOutputOptions = (c: Command): Command =>
  c
    .addOption(formatOption())
    .addOption(langOption())
    .addOption(unitOption())
    .addOption(sectionOption())
    .option('-o, --out <file>', 'write to a file (whole or not at all; never over an input) instead of stdout; the format from its extension unless --format is given');

/** `--rating-scale FILE` and `--multiple LIST` (src/cli/ratingScale.ts reads them): the rating scale of size and breakeven. */
export const addRatingScaleOptions = (c: Command): Command =>
  c
    .option('--rating-scale <file>', 'the rating scale: JSON {"source", "multiples": {"AAA": 5, …}} or CSV grade,multiple (default: the built-in per-notch scale, an assumption: see the README)')
    .option('--multiple <list>', 'override multiples of the rating scale, e.g. AAA=5.5,AA-=3.8');
