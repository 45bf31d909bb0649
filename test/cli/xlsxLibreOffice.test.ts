/**
 * A real spreadsheet program opens the workbook and shows the figures the CSV has: LibreOffice
 * (`soffice`, when the machine has it; skipped otherwise) writes each sheet as it displays it
 * (number formats applied), and each section must read as `--section ID --format csv` does.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { Decimal } from '../../src/util/money.js';
import { runCli, useTempDir } from '../helpers.js';

const soffice = spawnSync('sh', ['-c', 'command -v soffice'], { encoding: 'utf8' }).stdout.trim();
const tmp = useTempDir('ipabs-xlsx-lo-');

/** A number as shown with group commas (`1,234.50`, `44.60%`) without them; text as it is. */
const ungrouped = (s: string) => (/^-?[\d,]+(\.\d+)?%?$/.test(s) ? s.replace(/,/g, '') : s);
const NUMBER = /^-?\d+(\.\d+)?%?$/;

/**
 * What a program shows, as the CSV writes it: the same text, or a number with more places (the
 * workbook shows multiples to 4 places where the text formats round to 2) rounded half-up to the
 * CSV's places.
 */
function asCsv(shown: string, csv: string): string {
  if (shown === csv || !NUMBER.test(shown) || !NUMBER.test(csv) || shown.endsWith('%') !== csv.endsWith('%')) return shown;
  const places = csv.includes('.') ? csv.replace('%', '').length - csv.indexOf('.') - 1 : 0;
  return new Decimal(shown.replace('%', '')).toFixed(places, Decimal.ROUND_HALF_UP) + (csv.endsWith('%') ? '%' : '');
}

describe.skipIf(!soffice)('LibreOffice shows the CSV’s figures', () => {
  it('every section sheet of run (English, 10,000 yuan) and pool, as displayed', async () => {
    for (const [name, args] of [
      ['run', ['run', 'deals/gaoxintou-ip-2.json', '--scenario', 'deals/scenarios/cumulative-10pct-front-loaded.json', '--lang', 'en', '--unit', 'wan']],
      ['pool', ['pool', 'deals/guangkai-patent-license.json', '--cashflows']],
    ] as const) {
      const book = join(tmp.dir(), `${name}.xlsx`);
      expect((await runCli([...args, '--out', book])).code).toBe(0);
      // 44,34,76: comma, double quote, UTF-8; the 9th token true: as shown; -1: every sheet to its own file.
      execFileSync(soffice, [`-env:UserInstallation=file://${join(tmp.dir(), 'profile')}`, '--headless', '--convert-to', 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1', '--outdir', tmp.dir(), book], { stdio: 'ignore', timeout: 120_000 });
      const cover = parse(readFileSync(join(tmp.dir(), `${name}-${(args as readonly string[]).includes('en') ? 'Cover' : '封面'}.csv`)), { relax_column_count: true }) as string[][];
      const sheets = cover.slice(cover.findIndex((r) => r[0] === 'Sheet' || r[0] === '工作表') + 1, -1).map((r) => r[0]!);
      // The section ids, in order, as an unknown --section lists them.
      const known = /\(known: ([^)]*)\)/.exec((await runCli([...args, '--section', '?'])).err)![1]!.split(', ');
      expect(sheets.length).toBe(known.length);
      for (const [i, sheet] of sheets.entries()) {
        const shown = (parse(readFileSync(join(tmp.dir(), `${name}-${sheet}.csv`)), { relax_column_count: true }) as string[][]).map((r) => r.map(ungrouped));
        const id = known[i]!;
        const csv = parse((await runCli([...args, '--section', id, '--format', 'csv'])).out, { bom: true, relax_column_count: true }) as string[][];
        expect(shown.map((r, j) => r.map((f, k) => asCsv(f, csv[j]?.[k] ?? ''))), `${name} ${sheet}`).toEqual(csv);
      }
    }
  });
});
