/** Output options shared by the commands. */
import { Option, type Command } from 'commander';
import { extname } from 'node:path';
import type { Format } from '../report/model.js';

/**
 * `--format`, without a commander default: a format not given is inferred from `--out` by
 * {@link outputFormat}, and only then defaults to table.
 */
export const formatOption = () =>
  new Option('-f, --format <format>', 'output format (default: from the --out extension .csv, .json, .md or .html, else table)').choices(['table', 'csv', 'json', 'md', 'html']);
export const langOption = () => new Option('-l, --lang <lang>', 'language of headers').choices(['zh', 'en']).default('zh');
export const unitOption = () => new Option('-u, --unit <unit>', 'unit of amounts: yuan (元) or wan (万元)').choices(['yuan', 'wan']).default('yuan');
export const sectionOption = () =>
  new Option('--section <id>', 'print only this section (e.g. one table as plain CSV for pandas or Excel); an unknown id lists the known ones');

const BY_EXTENSION: Record<string, Format> = { '.csv': 'csv', '.json': 'json', '.md': 'md', '.markdown': 'md', '.html': 'html', '.htm': 'html' };

/**
 * The output format: `--format` when given; else inferred from the `--out` file's extension
 * (.csv, .json, .md; case does not matter); else table.
 *
 * @example outputFormat(undefined, 'flows.CSV') // 'csv'
 */
export function outputFormat(format: Format | undefined, out: string | undefined): Format {
  if (format) return format;
  return (out && BY_EXTENSION[extname(out).toLowerCase()]) || 'table';
}

/** The output options every report command takes: format, language, unit, section, file. */
export const addOutputOptions = (c: Command): Command =>
  c
    .addOption(formatOption())
    .addOption(langOption())
    .addOption(unitOption())
    .addOption(sectionOption())
    .option('-o, --out <file>', 'write to a file (whole or not at all) instead of stdout');
