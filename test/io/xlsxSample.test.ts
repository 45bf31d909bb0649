/**
 * The sample deal with a workbook tape, as a user runs it (the built bin, spawned):
 * deals/gaoxintou-ip-2-xlsx.json is deals/gaoxintou-ip-2.json with its tape in
 * deals/gaoxintou-ip-2.tape.xlsx (made by scripts/make-xlsx-tape.mjs), so both run alike, to
 * the fen and byte; and a broken copy of the workbook is refused naming its cell.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { requireFreshDist } from '../stress/fixtures.js';
import { useTempDir } from '../helpers.js';

function ipabs(args: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: 'utf8' });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const CSV_DEAL = 'deals/gaoxintou-ip-2.json';
const XLSX_DEAL = 'deals/gaoxintou-ip-2-xlsx.json';
const tmp = useTempDir('ipabs-xlsx-sample-');
beforeAll(() => requireFreshDist());

describe('ipabs on a deal with an .xlsx tape (spawned)', () => {
  it.each([
    ['run', '--format', 'json'],
    ['run', '--lang', 'en', '--unit', 'wan'],
    ['stress', '--format', 'json'],
  ])('%s %s %s: the same output as the CSV deal', (...args) => {
    const csv = ipabs([args[0]!, CSV_DEAL, ...args.slice(1)]);
    const xlsx = ipabs([args[0]!, XLSX_DEAL, ...args.slice(1)]);
    expect(xlsx.err).toBe('');
    expect(xlsx.code).toBe(0);
    expect(xlsx.out).toBe(csv.out);
  });

  it('pool: the same report but for the assumptions the workbook carries in its columns', () => {
    const csv = ipabs(['pool', CSV_DEAL]).out.split('\n');
    const xlsx = ipabs(['pool', XLSX_DEAL]).out.split('\n');
    const notAssumed = (lines: string[]) => lines.filter((l) => !/^假设 pool\.tapes\[0\]\.(defaults\.)?(rate|startDate)：/.test(l));
    expect(notAssumed(xlsx)).toEqual(notAssumed(csv));
    expect(xlsx).toContain('假设 pool.tapes[0].rate：loan rates are not published; 5% assumed (the 年利率 column of the workbook)');
  });

  it('validate: a bad cell of the workbook is named file!sheet!cell; exit 2, no stack trace', async () => {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile('deals/gaoxintou-ip-2.tape.xlsx');
    wb.getWorksheet('贷款清单')!.getCell('I7').value = '2022/2/30';
    writeFileSync(join(tmp.dir(), 'gaoxintou-ip-2.tape.xlsx'), Buffer.from(await wb.xlsx.writeBuffer()));
    copyFileSync(XLSX_DEAL, join(tmp.dir(), 'deal.json'));
    const { code, out, err } = ipabs(['validate', join(tmp.dir(), 'deal.json')]);
    expect(err).toBe('');
    expect(code).toBe(2);
    expect(out).toMatch(/error: .*gaoxintou-ip-2\.tape\.xlsx!贷款清单!I7 \(column 到期日\): must be a real date written 2024-01-15, 2024\/1\/15, 2024\.1\.15, 2024年1月15日, 20240115 or an Excel serial day number like 45306 \(got the text "2022\/2\/30"\)/);
  });
});
