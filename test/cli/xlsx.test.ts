/**
 * `--format xlsx` and `--out x.xlsx` on every report command and sample deal: the workbook read
 * back with exceljs shows every figure CSV shows, to the fen; sheets are named in the language,
 * headers frozen; the bytes are the same every time (in process, from the built CLI, through
 * `merge`); a workbook is written whole or not at all, to stdout only when it is no terminal;
 * the other commands never load exceljs.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { memoryIo } from '../../src/cli/io.js';
import { runCli, sampleDeals, useTempDir } from '../helpers.js';
import { compareWithCsv, readWorkbook } from '../report/xlsxFigures.js';
import { requireFreshDist } from '../stress/fixtures.js';

const tmp = useTempDir('ipabs-xlsx-');
const GUANGKAI = 'deals/guangkai-patent-license.json';
const FORBIDDEN = /[[\]:*?/\\]/;

/** The first (most senior) tranche of a sample deal, for `size -T`. */
const senior = (deal: string): string => (JSON.parse(readFileSync(deal, 'utf8')) as { tranches: { id: string }[] }).tranches[0]!.id;

/** A sample deal's closing date, for `price --date`. */
const closing = (deal: string): string => (JSON.parse(readFileSync(deal, 'utf8')) as { dates: { closing: string } }).dates.closing;

function commands(deal: string): string[][] {
  return [
    ['run', deal],
    ['pool', deal, '--cashflows', '--asset-flows'],
    ['stress', deal],
    ['breakeven', deal],
    ['obligors', deal, '--top', '5', '--combinations', '2'],
    ['montecarlo', deal, '--paths', '500', '--workers', '1'],
    ['size', deal, '-T', `${senior(deal)}=AAA`],
    ['price', deal, '--tranche', senior(deal), '--date', closing(deal), '--yield', '4'],
  ];
}

async function ok(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(err, args.join(' ')).toBe('');
  expect(code, args.join(' ')).toBe(0);
  return out;
}

const load = readWorkbook;

/** The workbook `args` write to `--out NAME.xlsx`, its bytes, and the CSV of the same command. */
async function both(args: string[], name: string): Promise<{ wb: ExcelJS.Workbook; bytes: Buffer; csv: string }> {
  const out = join(tmp.dir(), `${name}.xlsx`);
  await ok([...args, '--out', out]);
  const bytes = readFileSync(out);
  return { wb: await load(bytes), bytes, csv: await ok([...args, '--format', 'csv']) };
}

function checkSheets(wb: ExcelJS.Workbook, lang: 'zh' | 'en'): void {
  const names = wb.worksheets.map((w) => w.name);
  expect(names[0]).toBe(lang === 'zh' ? '封面' : 'Cover');
  expect(names.at(-1)).toBe(lang === 'zh' ? '假设与说明' : 'Assumptions and notes');
  for (const n of names) {
    expect(n.length, n).toBeLessThanOrEqual(31);
    expect(n, n).not.toMatch(FORBIDDEN);
  }
  expect(new Set(names.map((n) => n.toLowerCase())).size).toBe(names.length);
  for (const ws of wb.worksheets.slice(1)) expect(ws.views, ws.name).toMatchObject([{ state: 'frozen', ySplit: 1 }]);
}

describe('every figure of the workbook is the CSV’s, to the fen', () => {
  for (const deal of sampleDeals()) {
    for (const args of commands(deal)) {
      it(`${args[0]} ${basename(deal)}`, async () => {
        const { wb, bytes, csv } = await both(args, `${args[0]}-${basename(deal, '.json')}`);
        expect(bytes.subarray(0, 4).toString('latin1')).toBe('PK\u0003\u0004');
        checkSheets(wb, 'zh');
        expect(compareWithCsv(wb, csv, 'yuan')).toEqual([]);
      });
    }
    it(`run and pool in English and 10,000 yuan: ${basename(deal)}`, async () => {
      for (const args of [['run', deal, '--scenario', 'deals/scenarios/cumulative-10pct-front-loaded.json', '--ledger'], ['pool', deal, '--cashflows']]) {
        const { wb, csv } = await both([...args, '--lang', 'en', '--unit', 'wan'], `${args[0]}-${basename(deal, '.json')}-en`);
        checkSheets(wb, 'en');
        expect(compareWithCsv(wb, csv, 'wan')).toEqual([]);
      }
    });
  }

  it('track: the worked example of a live deal', async () => {
    const args = ['track', GUANGKAI, '--actuals', 'deals/actuals/guangkai-2021-08-26.csv', '--status', 'deals/status/guangkai-2021-08-26.json', '--scenario', 'deals/scenarios/guangkai-licensee-03-defaults-after-5th.json'];
    const { wb, csv } = await both(args, 'track-guangkai');
    checkSheets(wb, 'zh');
    expect(compareWithCsv(wb, csv, 'yuan')).toEqual([]);
  });

  it('the comparison finds a figure off by one fen, a missing row and a changed header', async () => {
    const { wb, csv } = await both(['run', GUANGKAI], 'mutated');
    const ws = wb.worksheets[2]!;
    const cell = ws.getCell('D2');
    cell.value = (cell.value as number) + 0.01;
    ws.getCell('B1').value = '名称';
    wb.worksheets[3]!.spliceRows(5, 1);
    const differences = compareWithCsv(wb, csv, 'yuan');
    expect(differences.some((d) => d.includes(`${ws.name}!D2`))).toBe(true);
    expect(differences.some((d) => d.includes(`${ws.name}: header`))).toBe(true);
    expect(differences.some((d) => d.includes(`${wb.worksheets[3]!.name}: `) && d.includes('rows'))).toBe(true);
  });
});

describe('sheets', () => {
  it('are named after the sections, in Chinese or English', async () => {
    const zh = await load((await both(['pool', GUANGKAI], 'names-zh')).bytes);
    const en = await load((await both(['pool', GUANGKAI, '--lang', 'en'], 'names-en')).bytes);
    expect(zh.worksheets.map((w) => w.name)).toMatchInlineSnapshot(`
      [
        "封面",
        "资产池概况",
        "证券分层",
        "许可费与风险金",
        "前十大专利客户",
        "按行业分布",
        "按许可专利类型分布",
        "按地区分布",
        "按单笔金额分布",
        "按剩余期限分布",
        "假设与说明",
      ]
    `);
    expect(en.worksheets.map((w) => w.name)).toMatchInlineSnapshot(`
      [
        "Cover",
        "Pool summary",
        "Tranches",
        "License fees and risk reserve",
        "Top ten licensees",
        "By industry",
        "By licensed patent type",
        "By region",
        "By contract size",
        "By remaining term",
        "Assumptions and notes",
      ]
    `);
  });

  it('--section: the cover, that section and the notes', async () => {
    const out = join(tmp.dir(), 'section.xlsx');
    await ok(['pool', GUANGKAI, '--section', 'tranches', '--out', out, '--lang', 'en']);
    const wb = await load(readFileSync(out));
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Cover', 'Tranches', 'Assumptions and notes']);
  });
});

describe('where a workbook goes', () => {
  it('to stdout as bytes when stdout is no terminal, the same bytes as --out', async () => {
    const { bytes: file } = await both(['run', GUANGKAI], 'stdout');
    const io = memoryIo();
    expect(await main(['run', GUANGKAI, '--format', 'xlsx'], io)).toBe(0);
    expect(io.out).toBe('');
    expect(io.outBytes.equals(file)).toBe(true);
  });

  it('never to a terminal: refused before any work', async () => {
    const io = memoryIo();
    io.stdoutIsTerminal = true;
    expect(await main(['run', 'no-such-deal.json', '--format', 'xlsx'], io)).toBe(2);
    expect(io.err).toBe('ipabs: a workbook (--format xlsx) is not written to a terminal: give --out FILE.xlsx, or redirect stdout to a file\n');
  });

  it('whole or not at all: a failing command leaves the old file and no temporary file', async () => {
    const out = tmp.file('atomic.xlsx', 'old');
    const before = readdirSync(tmp.dir()).sort();
    const { code, err } = await runCli(['pool', GUANGKAI, '--section', 'nope', '--out', out]);
    expect(code).toBe(2);
    expect(err).toMatch(/^ipabs: --section "nope": no such section here/);
    expect(readFileSync(out, 'utf8')).toBe('old');
    expect(readdirSync(tmp.dir()).sort()).toEqual(before);
    const missing = join(tmp.dir(), 'never.xlsx');
    expect((await runCli(['run', GUANGKAI, '--scenario', 'no-such-scenario.json', '--out', missing])).code).toBe(2);
    expect(existsSync(missing)).toBe(false);
  });

  it('--out x.XLSX takes the format from the extension; --help lists xlsx', async () => {
    const out = join(tmp.dir(), 'upper.XLSX');
    await ok(['stress', GUANGKAI, '--cdr', '0,10', '--out', out]);
    expect(readFileSync(out).subarray(0, 2).toString('latin1')).toBe('PK');
    for (const c of ['run', 'pool', 'stress', 'breakeven', 'obligors', 'montecarlo', 'size', 'price', 'merge']) {
      expect((await ok([c, '--help'])).replace(/\s+/g, ' '), c).toMatch(/\.html or \.xlsx.*"xlsx"/);
    }
  });
});

describe('the built CLI', () => {
  const bin = (args: string[], encoding?: 'utf8') => spawnSync(process.execPath, ['bin/ipabs.js', ...args], { encoding: encoding as 'buffer' });

  it('writes the same bytes as the library, to a file and through a pipe; merged shards too', async () => {
    requireFreshDist();
    const { bytes: expected } = await both(['stress', GUANGKAI], 'library');
    const file = join(tmp.dir(), 'bin.xlsx');
    expect(bin(['stress', GUANGKAI, '--out', file]).status).toBe(0);
    expect(readFileSync(file).equals(expected)).toBe(true);
    const piped = bin(['stress', GUANGKAI, '--format', 'xlsx']);
    expect(piped.status).toBe(0);
    expect(Buffer.from(piped.stdout).equals(expected)).toBe(true);
    const parts = [1, 2].map((i) => join(tmp.dir(), `part-${i}.json`));
    parts.forEach((p, i) => expect(bin(['stress', GUANGKAI, '--shard', `${i + 1}/2`, '--format', 'xlsx', '--out', p]).status).toBe(0));
    const merged = join(tmp.dir(), 'merged.xlsx');
    expect(bin(['merge', ...parts, '--out', merged]).status).toBe(0);
    expect(readFileSync(merged).equals(expected)).toBe(true);
  });

  it('loads exceljs for a workbook only', () => {
    requireFreshDist();
    const script = (args: string[]) =>
      `import { createRequire } from 'node:module'; import { loadCli } from './bin/loadCli.js';
       const cli = await loadCli(); const code = await cli.main(${JSON.stringify(args)});
       const loaded = Object.keys(createRequire(import.meta.url).cache).some((f) => f.includes('/node_modules/exceljs/'));
       process.stderr.write(JSON.stringify({ code, loaded }));`;
    const loaded = (args: string[]) => JSON.parse(spawnSync(process.execPath, ['--input-type=module', '-e', script(args)], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] }).stderr) as unknown;
    expect(loaded(['run', GUANGKAI, '--format', 'csv'])).toEqual({ code: 0, loaded: false });
    expect(loaded(['stress', GUANGKAI, '--cdr', '0,10', '--format', 'html'])).toEqual({ code: 0, loaded: false });
    expect(loaded(['run', GUANGKAI, '--format', 'xlsx', '--out', join(tmp.dir(), 'loaded.xlsx')])).toEqual({ code: 0, loaded: true });
  });
});
