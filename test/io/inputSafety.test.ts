/**
 * What a deal file may make ipabs read (issue 7, items 7, 8, 17, 18): tapes are regular files in
 * the deal's folder (or one allowed with --tapes-from), files are held to size limits before and
 * while they are read, JSON nesting is bounded, empty tapes are blamed on the tape, and a file
 * system error is said in words, never Node's. Every refusal is exit 2, never a hang or exit 70.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { DEFAULT_LIMITS, ioErrorWords } from '../../src/io/input.js';
import { MAX_ROW_ERRORS, RowErrors } from '../../src/io/tape.js';
import { formatDiagnostic } from '../../src/validate/diagnostics.js';
import { runCli, useTempDir } from '../helpers.js';
import { requireFreshDist } from '../stress/fixtures.js';

const tmp = useTempDir('ipabs-input-');
const SAMPLE = 'deals/gaoxintou-ip-2.json';
const SAMPLE_TAPE = 'deals/gaoxintou-ip-2.tape.csv';

/** The sample deal copied into `folder`, its tape path replaced by `tapePath`. */
function dealWithTape(folder: string, tapePath: string): string {
  mkdirSync(folder, { recursive: true });
  const deal = JSON.parse(readFileSync(SAMPLE, 'utf8'));
  deal.pool.tapes[0].path = tapePath;
  const file = join(folder, 'deal.json');
  writeFileSync(file, JSON.stringify(deal, null, 2));
  return file;
}

const messages = (file: string, options = {}) => loadDeal(file, options).diagnostics.map(formatDiagnostic).join('\n');

describe('tapes are regular files within the deal folder', () => {
  it('refuses an absolute tape path unless its folder is allowed, and never reads /dev/zero', async () => {
    const deal = dealWithTape(join(tmp.dir(), 'abs'), '/dev/zero');
    const refused = await runCli(['validate', deal]);
    expect(refused.code).toBe(2);
    expect(refused.out).toContain('pool.tapes[0].path: cannot read the tape /dev/zero: the tape path is absolute');
    expect(refused.out).toContain('--tapes-from /dev');
    // Allowed, it is still a device: refused at once, not read.
    const device = await runCli(['validate', deal, '--tapes-from', '/dev']);
    expect(device.code).toBe(2);
    expect(device.out).toContain('cannot read the tape /dev/zero: is a device, not a regular file');
  });

  it('refuses a FIFO without opening it (no hang) and a folder', () => {
    const folder = join(tmp.dir(), 'fifo');
    const deal = dealWithTape(folder, 'tape.csv');
    execFileSync('mkfifo', [join(folder, 'tape.csv')]);
    expect(messages(deal)).toContain('is a named pipe (FIFO), not a regular file');
    const dirDeal = dealWithTape(join(tmp.dir(), 'dir'), '.');
    expect(messages(dirDeal)).toContain('is a folder, not a file');
  });

  it('refuses a path or symbolic link that leads out of the deal folder unless allowed', async () => {
    const outside = join(tmp.dir(), 'outside');
    mkdirSync(outside, { recursive: true });
    copyFileSync(SAMPLE_TAPE, join(outside, 'tape.csv'));
    const up = dealWithTape(join(tmp.dir(), 'up'), '../outside/tape.csv');
    expect(messages(up)).toMatch(/pool\.tapes\[0\]\.path: .*leads out of the deal file's folder.*--tapes-from/);
    const link = join(tmp.dir(), 'link');
    const viaLink = dealWithTape(link, 'tape.csv');
    symlinkSync(join(outside, 'tape.csv'), join(link, 'tape.csv'));
    expect(messages(viaLink)).toContain('the tape is a symbolic link to');
    // Allowed on the command line: every command that loads a deal takes the option.
    for (const args of [['validate', up], ['pool', up], ['run', up], ['stress', up], ['breakeven', up, '--tranche', 'A1'], ['obligors', up, '--top', '2', '--combinations', '0'], ['montecarlo', up, '--paths', '200']]) {
      const r = await runCli([...args, '--tapes-from', outside]);
      expect(r.err, args.join(' ')).toBe('');
      expect(r.code, args.join(' ')).toBe(0);
    }
    expect((await runCli(['validate', viaLink, '--tapes-from', outside])).code).toBe(0);
    // A link inside the deal folder to a file inside it is fine.
    const inside = join(tmp.dir(), 'inside');
    const ok = dealWithTape(inside, 'alias.csv');
    copyFileSync(SAMPLE_TAPE, join(inside, 'tape.csv'));
    symlinkSync('tape.csv', join(inside, 'alias.csv'));
    expect(loadDeal(ok).deal).toBeDefined();
  });

  it('passes --tapes-from to Monte Carlo workers', () => {
    requireFreshDist();
    const outside = join(tmp.dir(), 'mc-outside');
    mkdirSync(outside, { recursive: true });
    copyFileSync(SAMPLE_TAPE, join(outside, 'tape.csv'));
    const deal = dealWithTape(join(tmp.dir(), 'mc'), '../mc-outside/tape.csv');
    const r = spawnSync(process.execPath, ['bin/ipabs.js', 'montecarlo', deal, '--tapes-from', outside, '--paths', '20000', '--workers', '2', '--format', 'json'], { encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  it('rejects a --tapes-from that is not a folder', async () => {
    const r = await runCli(['validate', SAMPLE, '--tapes-from', join(tmp.dir(), 'no-such')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--tapes-from ".*no-such": no such folder/);
  });

  it('does not echo a file that is not a tape', () => {
    const folder = join(tmp.dir(), 'secret');
    const deal = dealWithTape(folder, 'shadow');
    writeFileSync(join(folder, 'shadow'), 'root:$6$SECRETHASHSECRETHASHSECRETHASH:19000:0:99999:7:::\nbin:*:1:0\n');
    const text = messages(deal);
    expect(text).toContain('the header line names no field of pledgeLoan assets');
    expect(text).not.toContain('SECRETHASH');
    writeFileSync(join(folder, 'shadow'), Buffer.from([0x69, 0x64, 0x2c, 0x00, 0xff, 0x53, 0x45, 0x43, 0x52, 0x45, 0x54]));
    expect(messages(deal)).toMatch(/not a CSV text file: it holds NUL bytes/);
    // A long cell is cut in "(got ...)".
    writeFileSync(join(folder, 'shadow'), `id,obligor,principal,rate\nL1,甲,100.00,${'SECRET'.repeat(50)}\n`);
    const got = messages(deal);
    expect(got).toContain('…');
    expect(got).not.toContain('SECRET'.repeat(10));
  });
});

describe('errors of the file system in words', () => {
  it.each([
    ['ENOTDIR', 'a part of the path is a file, not a folder'],
    ['ELOOP', 'too many symbolic links (a link that points to itself?)'],
    ['EMFILE', 'too many files are open; close some programs and try again'],
    ['EBUSY', 'the file is busy (in use by another program)'],
    ['ERR_INVALID_ARG_VALUE', 'the path contains a NUL character'],
  ])('%s', (code, words) => {
    expect(ioErrorWords(Object.assign(new Error('raw node text'), { code }))).toBe(words);
  });

  it('ENOTDIR, ELOOP and a NUL character in a tape path, end to end', () => {
    const folder = join(tmp.dir(), 'errors');
    const notDir = dealWithTape(folder, 'deal.json/tape.csv');
    expect(messages(notDir)).toContain('a part of the path is a file, not a folder');
    symlinkSync('loop-b', join(folder, 'loop-a'));
    symlinkSync('loop-a', join(folder, 'loop-b'));
    const loop = dealWithTape(folder, 'loop-a');
    expect(messages(loop)).toContain('too many symbolic links');
    const nul = dealWithTape(folder, 'a\u0000b.csv');
    expect(messages(nul)).toContain('the path contains a NUL character');
    expect(messages(nul)).not.toMatch(/null bytes|Received/);
  });

  it('a deal file that is a folder or a FIFO on the command line', async () => {
    const fifo = join(tmp.dir(), 'deal.fifo');
    execFileSync('mkfifo', [fifo]);
    for (const [file, words] of [[tmp.dir(), 'is a folder, not a file'], [fifo, 'is a named pipe (FIFO), not a regular file']] as const) {
      const r = await runCli(['run', file]);
      expect(r.code).toBe(2);
      expect(r.err).toContain(words);
    }
  });
});

describe('size limits and nesting', () => {
  it('refuses a deal or tape over the limit before reading it, and --max-input-mb changes it', async () => {
    const folder = join(tmp.dir(), 'size');
    const deal = dealWithTape(folder, 'tape.csv');
    copyFileSync(SAMPLE_TAPE, join(folder, 'tape.csv'));
    const small = await runCli(['validate', deal, '--max-input-mb', '0.001']);
    expect(small.code).toBe(2);
    expect(small.out).toMatch(/cannot read the file: is \d.* KiB, larger than the limit of 1\.0 KiB \(raise it with --max-input-mb\)/);
    const tapeLimit = loadDeal(deal, { limits: { tapeBytes: 100 } });
    expect(tapeLimit.diagnostics.map(formatDiagnostic).join('\n')).toMatch(/pool\.tapes\[0\]\.path: cannot read the tape .*tape\.csv: is 752 bytes, larger than the limit of 100 bytes/);
    expect((await runCli(['validate', deal, '--max-input-mb', '1'])).code).toBe(0);
    for (const bad of ['0', '-1', 'x', '99999']) {
      const r = await runCli(['validate', deal, '--max-input-mb', bad]);
      expect(r.code).toBe(2);
      expect(r.err).toContain('--max-input-mb');
    }
    expect(DEFAULT_LIMITS.jsonBytes).toBe(16 * 1024 * 1024);
    expect(DEFAULT_LIMITS.tapeBytes).toBe(512 * 1024 * 1024);
  });

  it('refuses JSON nested 100,000 deep with its line and column (deal and scenario)', async () => {
    const deep = tmp.file('deep.json', `{"meta": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`);
    for (const args of [['validate', deep], ['validate', '--scenario', deep], ['run', SAMPLE, '--scenario', deep]]) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.out + r.err).toContain(`${relative(process.cwd(), deep).startsWith('..') ? deep : relative(process.cwd(), deep)}:1:`);
      expect(r.out + r.err).toContain('nested more than 64 levels deep');
    }
  });
});

describe('row errors are grouped and capped', () => {
  it('reports the same error in the same column once, with its rows counted and the first lines listed, and at most 20 kinds', () => {
    const errors = new RowErrors('t.csv');
    for (let line = 2; line < 100_002; line++) errors.add({ severity: 'error', file: 't.csv', line, column: 3, columnName: 'rate', message: `must be a rate (got the text "x${line}")` });
    for (let k = 0; k < 30; k++) errors.add({ severity: 'error', file: 't.csv', line: 200_000 + k, message: `the row has ${k + 5} cells but the header has 4` });
    const out = errors.diagnostics().map(formatDiagnostic);
    expect(out[0]).toBe('error: t.csv:2:3 (column rate): 100,000 rows: must be a rate (lines 2, 3, 4, 5, 6, …; line 2 got the text "x2")');
    expect(out).toHaveLength(MAX_ROW_ERRORS + 1);
    expect(out[out.length - 1]).toBe('error: t.csv: and 11 more errors in this tape (the first 20 kinds are shown)');
  });
});
