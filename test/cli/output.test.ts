/**
 * The CLI's output and input files: a reader that closes the pipe early is not an error (exit 0,
 * no EPIPE stack trace); `--out FILE` without `--format` takes the format from the extension;
 * `--section ID` prints one section (CSV: that table alone); deal and scenario files that are
 * not UTF-8 are named as such instead of failing as bad JSON.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { outputFormat } from '../../src/cli/options.js';
import { decodeUtf8, loadDeal } from '../../src/io/loadDeal.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';
import { runCli } from '../helpers.js';
import { requireFreshDist } from '../stress/fixtures.js';

const GUANGKAI = 'deals/guangkai-patent-license.json';
const GAOXINTOU = 'deals/gaoxintou-ip-2.json';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'ipabs-cli-output-'));
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function ok(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

async function refused(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(code, err).toBe(2);
  expect(out).toBe('');
  expect(err).toMatch(/^ipabs: /);
  expect(err).not.toMatch(/\n\s+at |internal error/);
  return err;
}

describe('a closed stdout pipe (ipabs run … -f json | head -1)', () => {
  /** Runs bin/ipabs.js with its stdout read end closed before it writes: every write is EPIPE. */
  function withClosedStdout(args: string[]): Promise<{ code: number | null; err: string }> {
    return new Promise((done, fail) => {
      const child = spawn(process.execPath, ['bin/ipabs.js', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
      child.stdout.destroy();
      let err = '';
      child.stderr.setEncoding('utf8').on('data', (s: string) => (err += s));
      child.on('error', fail);
      child.on('close', (code) => done({ code, err }));
    });
  }

  it('exits 0 quietly: no EPIPE, no stack trace', async () => {
    requireFreshDist();
    for (const args of [
      ['run', GUANGKAI, '-f', 'json', '--ledger'],
      ['pool', GAOXINTOU, '--asset-flows', '-f', 'csv'],
      // Through --out: the descriptor is written directly, and a gone reader is no failure either.
      ['run', GUANGKAI, '-f', 'csv', '--ledger', '--out', '/dev/stdout'],
      ['pool', GAOXINTOU, '--asset-flows', '-f', 'csv', '--out', '/dev/fd/1'],
    ]) {
      const { code, err } = await withClosedStdout(args);
      expect(err, args.join(' ')).toBe('');
      expect(code, args.join(' ')).toBe(0);
    }
  });

  it('keeps the exit code of a command that fails', async () => {
    const { code, err } = await withClosedStdout(['validate', join(dir, 'no-such-deal.json')]);
    expect(err).toBe('');
    expect(code).toBe(2);
  });
});

describe('--out FILE without --format: the format from the extension', () => {
  it('outputFormat', () => {
    expect(outputFormat(undefined, 'x.csv')).toBe('csv');
    expect(outputFormat(undefined, 'dir/X.CSV')).toBe('csv');
    expect(outputFormat(undefined, 'x.json')).toBe('json');
    expect(outputFormat(undefined, 'x.md')).toBe('md');
    expect(outputFormat(undefined, 'x.markdown')).toBe('md');
    expect(outputFormat(undefined, 'x.html')).toBe('html');
    expect(outputFormat(undefined, 'x.HTM')).toBe('html');
    expect(outputFormat(undefined, undefined)).toBe('table');
    // Another extension, or none, needs --format: see outputSafety.test.ts.
    expect(() => outputFormat(undefined, 'x.txt')).toThrow(/--out x\.txt has an extension ipabs does not write \(\.txt\)/);
    expect(() => outputFormat(undefined, 'csv')).toThrow(/--out csv has no extension/);
    expect(outputFormat('table', 'x.txt')).toBe('table');
    expect(outputFormat('md', 'x.csv')).toBe('md');
  });

  for (const [ext, format] of [
    ['csv', 'csv'],
    ['json', 'json'],
    ['md', 'md'],
  ] as const) {
    it(`pool --out x.${ext} writes what --format ${format} prints`, async () => {
      const path = join(dir, `pool.${ext}`);
      expect(await ok(['pool', GUANGKAI, '--out', path])).toBe('');
      expect(readFileSync(path, 'utf8')).toBe(await ok(['pool', GUANGKAI, '--format', format]));
    });
  }

  it('run, stress and montecarlo too; --format given wins over the extension', async () => {
    const cases: [string[], string][] = [
      [['run', GUANGKAI], 'json'],
      [['stress', GUANGKAI, '--cumulative', '0,10'], 'csv'],
      [['montecarlo', GAOXINTOU, '--paths', '100', '--workers', '1'], 'md'],
    ];
    for (const [args, format] of cases) {
      const path = join(dir, `${args[0]}.${format}`);
      await ok([...args, '-o', path]);
      expect(readFileSync(path, 'utf8')).toBe(await ok([...args, '--format', format]));
    }
    const path = join(dir, 'table.csv');
    await ok(['pool', GUANGKAI, '--format', 'table', '--out', path]);
    expect(readFileSync(path, 'utf8')).toBe(await ok(['pool', GUANGKAI]));
    expect(readFileSync(path, 'utf8')).toMatch(/^广开专利 资产池\n/);
  });

  it('stdout without --format is still a table', async () => {
    expect(await ok(['pool', GUANGKAI])).toContain('+---');
  });
});

describe('--section ID', () => {
  it('CSV: that table alone, read by a CSV parser as one table', async () => {
    const out = await ok(['pool', GUANGKAI, '--section', 'tranches', '--format', 'csv', '--unit', 'wan']);
    const lines = out.replace(/^\uFEFF/, '').split('\n').slice(0, -1);
    expect(out.startsWith('\uFEFF编号,证券名称,')).toBe(true);
    // Without the section title, money headers carry the unit.
    expect(lines[0]).toContain('发行规模（万元）');
    expect(out.endsWith('\n')).toBe(true);
    expect(lines).not.toContain('');
    const rows = parse(out, { bom: true, columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r['编号'])).toEqual(['A', 'B', '合计']);
    expect(rows[0]!['发行规模（万元）']).toBe('28595.00');
  });

  it('CSV of a kv section: an Item,Value header and a line per item', async () => {
    const out = await ok(['pool', GUANGKAI, '--section', 'summary', '--format', 'csv', '--lang', 'en']);
    const rows = parse(out, { bom: true, columns: true }) as { Item: string; Value: string }[];
    expect(Object.keys(rows[0]!)).toEqual(['Item', 'Value']);
    expect(rows.length).toBeGreaterThan(3);
  });

  it('table, md and json: the report with only that section', async () => {
    const table = await ok(['run', GUANGKAI, '--section', 'summary', '--lang', 'en']);
    const full = await ok(['run', GUANGKAI, '--lang', 'en']);
    expect(full).toContain('Pool collections');
    expect(table).not.toContain('Pool collections');
    expect(table.split('\n')[0]).toBe(full.split('\n')[0]);
    const json = JSON.parse(await ok(['run', GUANGKAI, '--section', 'tranche-A', '--format', 'json'])) as { sections: Record<string, unknown> };
    expect(Object.keys(json.sections)).toEqual(['tranche-A']);
    const md = await ok(['stress', GUANGKAI, '--cumulative', '0,10', '--section', 'stress', '--format', 'md']);
    expect(md.match(/^## /gm)).toHaveLength(1);
  });

  it('every command that renders a report takes it', async () => {
    const cases: [string[], string][] = [
      [['stress', GUANGKAI, '--cumulative', '0,10'], 'stress'],
      [['breakeven', GUANGKAI, '--tranche', 'B'], 'ratings'],
      [['obligors', GAOXINTOU], 'top'],
      [['montecarlo', GAOXINTOU, '--paths', '100', '--workers', '1'], 'losses'],
    ];
    for (const [args, id] of cases) {
      const out = await ok([...args, '--section', id, '--format', 'csv']);
      const rows = parse(out, { bom: true }) as string[][];
      expect(rows.length, args[0]).toBeGreaterThan(1);
      expect(new Set(rows.map((r) => r.length)).size, args[0]).toBe(1);
    }
  });

  it('an unknown id: exit 2, the known ids listed', async () => {
    expect(await refused(['pool', GUANGKAI, '--section', 'nope'])).toBe(
      'ipabs: --section "nope": no such section here (known: summary, tranches, riskReserve, topObligors, industry, ipType, region, sizeBand, remainingTerm)\n',
    );
    expect(await refused(['montecarlo', GAOXINTOU, '--paths', '10', '--workers', '1', '--section', 'histogram'])).toMatch(
      /^ipabs: --section "histogram": no such section here \(known: run, losses, delay, histogram-/,
    );
  });

  it('--ledger adds a ledger section to tables, CSV and Markdown, which --section can print alone', async () => {
    const table = await runCli(['run', GUANGKAI, '--ledger', '--lang', 'en']);
    expect(table.code).toBe(0);
    expect(table.out).toContain('Ledger (CNY)');
    const csv = await runCli(['run', GUANGKAI, '--section', 'ledger', '-f', 'csv', '--lang', 'en']);
    expect(csv.code).toBe(0);
    expect(csv.out.split('\n')[0]).toBe('\uFEFFPeriod,Date,From,To,Amount (CNY),Reason,Phase');
    expect(csv.out).toContain(',collection,tranche:A,');
  });
});

describe('files that are not UTF-8', () => {
  // 中文 in GBK.
  const GBK = Buffer.from([0xd6, 0xd0, 0xce, 0xc4]);

  function gbkFile(name: string, before: string, after: string): string {
    const path = join(dir, name);
    writeFileSync(path, Buffer.concat([Buffer.from(before), GBK, Buffer.from(after)]));
    return path;
  }

  it('a deal in GBK: "FILE is not UTF-8 text (save it as UTF-8)", exit 2, for every command', async () => {
    const deal = gbkFile('gbk-deal.json', '{\n  "schemaVersion": 1,\n  "meta": { "name": "', '" }\n}\n');
    for (const command of ['pool', 'run', 'stress', 'breakeven', 'obligors', 'montecarlo']) {
      expect(await refused([command, deal])).toBe(`ipabs: ${deal} is not UTF-8 text (save it as UTF-8)\n`);
    }
  });

  it('a scenario file in GBK, for run --scenario and stress --scenarios', async () => {
    const scenario = gbkFile('gbk-scenario.json', '{ "name": "', '" }');
    expect(await refused(['run', GUANGKAI, '--scenario', scenario])).toBe(`ipabs: ${scenario} is not UTF-8 text (save it as UTF-8)\n`);
    expect(await refused(['stress', GUANGKAI, '--scenarios', scenario])).toBe(`ipabs: ${scenario} is not UTF-8 text (save it as UTF-8)\n`);
  });

  it('validate says where the first byte that is not UTF-8 is', async () => {
    const deal = gbkFile('gbk-validate.json', '{\n  "schemaVersion": 1,\n  "meta": { "name": "名', '" }\n}\n');
    const { code, out } = await runCli(['validate', deal]);
    expect(code).toBe(2);
    expect(out).toBe(`${deal}: 1 error\n  error: ${deal}:3:23: not UTF-8 text (save it as UTF-8)\n`);
    expect(out).not.toMatch(/JSON/);
  });

  it('UTF-16 is not UTF-8 either; a UTF-8 BOM is fine', async () => {
    const utf16 = join(dir, 'utf16.json');
    writeFileSync(utf16, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(GUANGKAI, 'utf8'), 'utf16le')]));
    expect(await refused(['pool', utf16])).toBe(`ipabs: ${utf16} is not UTF-8 text (save it as UTF-8)\n`);
    const bom = join(dir, 'deals-bom.json');
    writeFileSync(bom, '\uFEFF' + readFileSync(GUANGKAI, 'utf8'));
    const withBom = loadDeal(bom);
    expect(withBom.diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic)).toEqual([]);
  });

  it('decodeUtf8', () => {
    expect(decodeUtf8(Buffer.from('\uFEFF{"a": "中文"}'), 'x.json')).toEqual({ text: '{"a": "中文"}', diagnostics: [] });
    expect(decodeUtf8(Buffer.concat([Buffer.from('{"a": "'), GBK]), 'x.json').diagnostics.map(formatDiagnostic)).toEqual(['error: x.json:1:8: not UTF-8 text (save it as UTF-8)']);
    // A sequence cut short at the end of the file.
    expect(decodeUtf8(Buffer.from([0x7b, 0xe4, 0xb8]), 'x.json').diagnostics.map(formatDiagnostic)).toEqual(['error: x.json:1:2: not UTF-8 text (save it as UTF-8)']);
  });
});
