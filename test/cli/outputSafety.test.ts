/**
 * `--out` as a careful user expects it (issue 7, items 1–4, 16, 18): a failed write is an error
 * that leaves the previous file and no temporary file; an input is never written over; a pipe or
 * device is written to, never replaced; a link's target is replaced and the link stays; an
 * unknown extension is refused; --workers is bounded; fs errors are said in words.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fsErrorMessage, fsErrorWords, isFsError } from '../../src/io/fsErrors.js';
import { realFs, writeFileAtomic, type OutputFs } from '../../src/io/output.js';
import { maxWorkers, runPatternsParallel } from '../../src/stress/parallel.js';
import { InputError } from '../../src/validate/diagnostics.js';
import { runCli, useTempDir } from '../helpers.js';
import { requireFreshDist } from '../stress/fixtures.js';

const GUANGKAI = 'deals/guangkai-patent-license.json';
const GAOXINTOU = 'deals/gaoxintou-ip-2.json';
const isRoot = process.getuid?.() === 0;

const tmp = useTempDir('ipabs-out-safety-');

/** A fresh folder inside the test's temporary folder. */
function folder(name: string): string {
  const dir = join(tmp.dir(), name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** A copy of 高新投 (deal and tape) in its own folder: inputs a test may try to write over. */
function gaoxintouCopy(name: string): { dir: string; deal: string; tape: string } {
  const dir = folder(name);
  copyFileSync(GAOXINTOU, join(dir, 'deal.json'));
  copyFileSync('deals/gaoxintou-ip-2.tape.csv', join(dir, 'gaoxintou-ip-2.tape.csv'));
  return { dir, deal: join(dir, 'deal.json'), tape: join(dir, 'gaoxintou-ip-2.tape.csv') };
}

async function refused(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(code, err).toBe(2);
  expect(out).toBe('');
  expect(err).toMatch(/^ipabs: /);
  expect(err).not.toMatch(/\n\s+at |internal error|E[A-Z]{3,}:|syscall|\.tmp\b|must be a string/);
  return err;
}

async function ok(args: string[]): Promise<string> {
  const { code, out, err } = await runCli(args);
  expect(err).toBe('');
  expect(code).toBe(0);
  return out;
}

/** A Node-style system error, as fs throws it. */
function sysError(code: string, syscall: string, path?: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: raw node text, ${syscall} '${path ?? ''}'`), { code, syscall, errno: -1, path });
}

/** Files in a folder that look like temporary files of ipabs. */
const temporaries = (dir: string) => readdirSync(dir).filter((f) => f.endsWith('.tmp'));

/** Makes a character device like one in /dev (root only; undefined where the system forbids it). */
function mknod(path: string, major: number, minor: number): string | undefined {
  try {
    execFileSync('mknod', [path, 'c', String(major), String(minor)], { stdio: 'ignore' });
    return path;
  } catch {
    return undefined;
  }
}

describe('1. a failed write is an error: the previous file as it was, no temporary file', () => {
  const steps: [string, (fs: OutputFs) => OutputFs][] = [
    ['open', (fs) => ({ ...fs, openSync: (p) => { throw sysError('EROFS', 'open', p); } })],
    ['write', (fs) => ({ ...fs, writeSync: () => { throw sysError('ENOSPC', 'write'); } })],
    ['a later write', (fs) => { let n = 0; return { ...fs, writeSync: (fd, b, o, l) => { if (++n > 1) throw sysError('EIO', 'write'); return fs.writeSync(fd, b, o, Math.min(l, 10)); } }; }],
    ['fsync', (fs) => ({ ...fs, fsyncSync: () => { throw sysError('ENOSPC', 'fsync'); } })],
    ['close', (fs) => ({ ...fs, closeSync: (fd) => { fs.closeSync(fd); throw sysError('EIO', 'close'); } })],
    ['rename', (fs) => ({ ...fs, renameSync: (from) => { throw sysError('EXDEV', 'rename', from); } })],
  ];
  for (const [step, failing] of steps) {
    it(`fails at ${step}`, () => {
      const dir = folder(`fail-${step.replace(/ /g, '-')}`);
      const file = join(dir, 'report.csv');
      writeFileSync(file, 'the previous report\n');
      let thrown: unknown;
      try {
        writeFileAtomic(file, 'x'.repeat(100_000), failing(realFs));
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(InputError);
      const message = (thrown as Error).message;
      expect(message).toMatch(new RegExp(`^cannot write ${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: `));
      expect(message).not.toMatch(/\.tmp|raw node text|E[A-Z]{3,}/);
      expect(readFileSync(file, 'utf8')).toBe('the previous report\n');
      expect(temporaries(dir)).toEqual([]);
    });
  }

  it('says what went wrong in words', () => {
    const dir = folder('words');
    const file = join(dir, 'r.json');
    const message = (fs: OutputFs) => {
      try {
        writeFileAtomic(file, '{}', fs);
      } catch (err) {
        return (err as Error).message;
      }
      return 'written';
    };
    expect(message({ ...realFs, writeSync: () => { throw sysError('ENOSPC', 'write'); } })).toBe(`cannot write ${file}: disk full (no space left on the device)`);
    expect(message({ ...realFs, openSync: () => { throw sysError('EROFS', 'open'); } })).toBe(`cannot write ${file}: read-only file system`);
    expect(message({ ...realFs, openSync: () => { throw sysError('EACCES', 'open'); } })).toBe(`cannot write ${file}: permission denied`);
    expect(message({ ...realFs, renameSync: () => { throw sysError('EBUSY', 'rename'); } })).toBe(`cannot write ${file}: busy (in use by the system or another program)`);
    expect(message({ ...realFs, fsyncSync: () => { throw sysError('EIO', 'fsync'); } })).toBe(`cannot write ${file}: input/output error on the device`);
  });

  it('writes every byte when the system takes them a few at a time, and treats a write that takes none as a full disk', () => {
    const dir = folder('short-writes');
    const file = join(dir, 'r.md');
    const text = '中文 and more text\n'.repeat(500);
    writeFileAtomic(file, text, { ...realFs, writeSync: (fd, b, o, l) => realFs.writeSync(fd, b, o, Math.min(l, 7)) });
    expect(readFileSync(file, 'utf8')).toBe(text);
    writeFileSync(file, 'before');
    expect(() => writeFileAtomic(file, text, { ...realFs, writeSync: () => 0 })).toThrow(`cannot write ${file}: disk full (no space left on the device)`);
    expect(readFileSync(file, 'utf8')).toBe('before');
    expect(temporaries(dir)).toEqual([]);
  });

  it('the file is complete, fsynced before the rename, and nothing else is left', () => {
    const dir = folder('order');
    const file = join(dir, 'r.csv');
    const calls: string[] = [];
    const spy: OutputFs = {
      ...realFs,
      openSync: (p, f, m) => (calls.push('open'), realFs.openSync(p, f, m)),
      writeSync: (fd, b, o, l) => (calls.push('write'), realFs.writeSync(fd, b, o, l)),
      fsyncSync: (fd) => (calls.push('fsync'), realFs.fsyncSync(fd)),
      closeSync: (fd) => (calls.push('close'), realFs.closeSync(fd)),
      renameSync: (a, b) => (calls.push('rename'), realFs.renameSync(a, b)),
    };
    writeFileAtomic(file, 'a,b\n1,2\n', spy);
    expect(calls).toEqual(['open', 'write', 'fsync', 'close', 'rename']);
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });

  it('for real: a character device that is always full (/dev/full) is exit 2 in words', async () => {
    // A copy of /dev/full in the temporary folder, so no test can ever replace the real one.
    const full = isRoot ? mknod(join(folder('full'), 'full'), 1, 7) : '/dev/full';
    if (!full) return;
    expect(await refused(['run', GUANGKAI, '--format', 'csv', '--out', full])).toBe(`ipabs: cannot write ${full}: disk full (no space left on the device)\n`);
    expect(lstatSync(full).isCharacterDevice()).toBe(true);
  });

  describe('for real: a small file system that fills up, then one that is read-only', () => {
    // Needs root and a system that lets it mount; skipped elsewhere (the injected failures above cover it).
    let mount: string | undefined;
    beforeAll(() => {
      if (!isRoot) return;
      const dir = mkdtempSync(join(tmpdir(), 'ipabs-tiny-fs-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=12k', 'tmpfs', dir], { stdio: 'ignore' });
        mount = dir;
      } catch {
        rmSync(dir, { recursive: true, force: true });
      }
    });
    afterAll(() => {
      if (!mount) return;
      execFileSync('umount', [mount], { stdio: 'ignore' });
      rmSync(mount, { recursive: true, force: true });
    });

    it('ENOSPC: exit 2, the previous report kept, no temporary file', async (ctx) => {
      if (!mount) return ctx.skip();
      const file = join(mount, 'run.json');
      writeFileSync(file, '{"previous": true}\n');
      // About 20 kB: more than the 12 kB the file system holds.
      expect(await refused(['run', GAOXINTOU, '--ledger', '--out', file])).toBe(`ipabs: cannot write ${file}: disk full (no space left on the device)\n`);
      expect(readFileSync(file, 'utf8')).toBe('{"previous": true}\n');
      expect(readdirSync(mount)).toEqual(['run.json']);
    });

    it('EROFS: exit 2, nothing changed', async (ctx) => {
      if (!mount) return ctx.skip();
      const file = join(mount, 'run.json');
      execFileSync('mount', ['-o', 'remount,ro', mount], { stdio: 'ignore' });
      try {
        expect(await refused(['pool', GUANGKAI, '--out', file])).toBe(`ipabs: cannot write ${file}: read-only file system\n`);
      } finally {
        execFileSync('mount', ['-o', 'remount,rw', mount], { stdio: 'ignore' });
      }
      expect(readFileSync(file, 'utf8')).toBe('{"previous": true}\n');
    });
  });
});

describe('2. never write over an input', () => {
  it('the deal file, by its name, through ./, a symbolic link and a hard link', async () => {
    const { dir, deal } = gaoxintouCopy('clobber-deal');
    const before = readFileSync(deal);
    symlinkSync('deal.json', join(dir, 'link.json'));
    linkSync(deal, join(dir, 'hard.json'));
    for (const out of [deal, join(dir, '.', 'deal.json'), join(dir, '..', 'clobber-deal', 'deal.json'), join(dir, 'link.json'), join(dir, 'hard.json')]) {
      for (const command of ['run', 'pool', 'stress', 'obligors']) {
        expect(await refused([command, deal, '--format', 'json', '--out', out])).toBe(
          `ipabs: --out ${out} is the deal file ${deal}: ipabs does not write over its inputs; choose another file\n`,
        );
      }
    }
    expect(readFileSync(deal)).toEqual(before);
    expect(lstatSync(join(dir, 'link.json')).isSymbolicLink()).toBe(true);
  });

  it('a tape of the deal, relative to the deal file’s folder', async () => {
    const { dir, deal, tape } = gaoxintouCopy('clobber-tape');
    const before = readFileSync(tape);
    symlinkSync(tape, join(dir, 'tape-link.csv'));
    for (const out of [tape, join(dir, 'tape-link.csv')]) {
      const err = await refused(['pool', deal, '--asset-flows', '--out', out]);
      expect(err).toMatch(/^ipabs: --out .* is the tape .*gaoxintou-ip-2\.tape\.csv of the deal \(pool\.tapes\[0\]\.path\): ipabs does not write over its inputs; choose another file\n$/);
      await refused(['montecarlo', deal, '--paths', '10', '--workers', '1', '--out', out]);
    }
    expect(readFileSync(tape)).toEqual(before);
  });

  it('a scenario file: run --scenario, stress and breakeven --scenarios', async () => {
    const dir = folder('clobber-scenario');
    const scenario = join(dir, 'scenario.json');
    copyFileSync('deals/scenarios/guangkai-two-licensees-stop.json', scenario);
    const before = readFileSync(scenario);
    expect(await refused(['run', GUANGKAI, '--scenario', scenario, '--out', scenario])).toBe(
      `ipabs: --out ${scenario} is the --scenario file ${scenario}: ipabs does not write over its inputs; choose another file\n`,
    );
    const viaDot = join(dir, '.', 'scenario.json');
    for (const command of ['stress', 'breakeven']) {
      expect(await refused([command, GUANGKAI, '--scenarios', scenario, '--out', viaDot])).toBe(
        `ipabs: --out ${viaDot} is the --scenarios file ${scenario}: ipabs does not write over its inputs; choose another file\n`,
      );
    }
    expect(readFileSync(scenario)).toEqual(before);
  });

  it('another file in the same folder is fine', async () => {
    const { dir, deal } = gaoxintouCopy('clobber-other');
    await ok(['pool', deal, '--out', join(dir, 'pool.csv')]);
    expect(readFileSync(join(dir, 'pool.csv'), 'utf8')).toBe(await ok(['pool', deal, '--format', 'csv']));
  });
});

describe('3. what is not a regular file', () => {
  it('a FIFO is written to, not replaced', async () => {
    const dir = folder('fifo');
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    const reader = spawn('cat', [fifo], { stdio: ['ignore', 'pipe', 'ignore'] });
    let read = '';
    reader.stdout.setEncoding('utf8').on('data', (s: string) => (read += s));
    const closed = new Promise<void>((done) => reader.on('close', () => done()));
    // If the FIFO were replaced by a file, the reader would never see an end: stop it then.
    const timer = setTimeout(() => reader.kill(), 20_000);
    try {
      await ok(['pool', GUANGKAI, '--format', 'csv', '--out', fifo]);
      await closed;
    } finally {
      clearTimeout(timer);
      reader.kill();
    }
    expect(lstatSync(fifo).isFIFO()).toBe(true);
    expect(read).toBe(await ok(['pool', GUANGKAI, '--format', 'csv']));
  });

  it('a character device (a copy of /dev/null) is written to and stays a device', async () => {
    const dir = folder('chardev');
    const devNull = isRoot ? mknod(join(dir, 'null'), 1, 3) : '/dev/null';
    if (!devNull) return;
    await ok(['run', GUANGKAI, '--format', 'json', '--out', devNull]);
    expect(lstatSync(devNull).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).filter((f) => f !== 'null')).toEqual([]);
  });

  it('a symbolic link: its target is replaced, the link stays a link (also a link to a file not yet written)', async () => {
    const dir = folder('symlink');
    const reports = folder('symlink/reports');
    writeFileSync(join(reports, 'pool.csv'), 'old\n');
    symlinkSync(join(reports, 'pool.csv'), join(dir, 'latest.csv'));
    await ok(['pool', GUANGKAI, '--out', join(dir, 'latest.csv')]);
    expect(lstatSync(join(dir, 'latest.csv')).isSymbolicLink()).toBe(true);
    expect(readlinkSync(join(dir, 'latest.csv'))).toBe(join(reports, 'pool.csv'));
    expect(readFileSync(join(reports, 'pool.csv'), 'utf8')).toBe(await ok(['pool', GUANGKAI, '--format', 'csv']));
    expect(temporaries(reports)).toEqual([]);
    expect(temporaries(dir)).toEqual([]);

    symlinkSync('reports/new.md', join(dir, 'dangling.md'));
    await ok(['pool', GUANGKAI, '--out', join(dir, 'dangling.md')]);
    expect(lstatSync(join(dir, 'dangling.md')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(reports, 'new.md'), 'utf8')).toBe(await ok(['pool', GUANGKAI, '--format', 'md']));
  });

  it('a private file stays private', async () => {
    const dir = folder('mode');
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'old', { mode: 0o600 });
    await ok(['pool', GUANGKAI, '--out', file]);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it('a directory, a missing folder, a path through a file, an empty name, a NUL: exit 2, nothing written', async () => {
    const dir = folder('bad-names');
    mkdirSync(join(dir, 'folder.csv'));
    writeFileSync(join(dir, 'file'), 'x');
    const cases: [string, string][] = [
      [join(dir, 'folder.csv'), `cannot write ${join(dir, 'folder.csv')}: is a directory (give a file name)`],
      [`${dir}/`, `cannot write ${dir}/: is a directory (give a file name)`],
      [join(dir, 'new.csv/'), `cannot write ${join(dir, 'new.csv/')}: names a folder (give a file name)`],
      [join(dir, 'no', 'such', 'x.csv'), `cannot write ${join(dir, 'no', 'such', 'x.csv')}: no such folder ${join(dir, 'no', 'such')}`],
      [join(dir, 'file', 'x.csv'), `cannot write ${join(dir, 'file', 'x.csv')}: not a folder (a part of the path is a file)`],
      ['', '--out "": give a file name'],
      [join(dir, 'a\0b.csv'), `--out ${JSON.stringify(join(dir, 'a\0b.csv'))}: the path contains a NUL character`],
    ];
    for (const [out, message] of cases) {
      expect(await refused(['pool', GUANGKAI, '--out', out])).toBe(`ipabs: ${message}\n`);
      expect(await refused(['schema', '--out', out])).toBe(`ipabs: ${message}\n`);
    }
    expect(readdirSync(dir).sort()).toEqual(['file', 'folder.csv']);
    expect(readdirSync(join(dir, 'folder.csv'))).toEqual([]);
  });
});

describe('4. an unknown --out extension', () => {
  const expected = (out: string, what: string) =>
    `ipabs: --out ${out} ${what}: name the file .csv, .json, .md (.markdown) or .html (.htm), or give --format csv, json, md or html (or --format table for a text table) to write any file name\n`;

  it('is an error naming the formats that exist; nothing is written', async () => {
    const dir = folder('extensions');
    for (const ext of ['xlsx', 'txt', 'pdf', 'XLS', 'csv.bak']) {
      const out = join(dir, `report.${ext}`);
      const shown = ext.toLowerCase().split('.').pop()!;
      for (const command of [['pool', GUANGKAI], ['run', GUANGKAI], ['stress', GUANGKAI], ['montecarlo', GAOXINTOU, '--paths', '10', '--workers', '1']]) {
        expect(await refused([...command, '--out', out])).toBe(expected(out, `has an extension ipabs does not write (.${shown})`));
      }
    }
    expect(await refused(['pool', GUANGKAI, '--out', join(dir, 'report')])).toBe(expected(join(dir, 'report'), 'has no extension to tell the format from'));
    expect(readdirSync(dir)).toEqual([]);
  });

  it('with --format, any name: a text table in report.txt, CSV in a file with no extension', async () => {
    const dir = folder('extensions-given');
    await ok(['pool', GUANGKAI, '--format', 'table', '--out', join(dir, 'report.txt')]);
    expect(readFileSync(join(dir, 'report.txt'), 'utf8')).toBe(await ok(['pool', GUANGKAI]));
    await ok(['pool', GUANGKAI, '-f', 'csv', '--out', join(dir, 'report')]);
    expect(readFileSync(join(dir, 'report'), 'utf8')).toBe(await ok(['pool', GUANGKAI, '-f', 'csv']));
  });

  it('every known extension still picks its format; the help says so', async () => {
    const dir = folder('extensions-known');
    for (const [ext, format] of [['csv', 'csv'], ['JSON', 'json'], ['md', 'md'], ['markdown', 'md'], ['html', 'html'], ['htm', 'html']]) {
      await ok(['pool', GUANGKAI, '--out', join(dir, `p.${ext}`)]);
      expect(readFileSync(join(dir, `p.${ext}`), 'utf8')).toBe(await ok(['pool', GUANGKAI, '--format', format!]));
    }
    const help = await ok(['pool', '--help']);
    expect(help.replace(/\s+/g, ' ')).toContain('any other --out name needs --format');
  });
});

describe('16. --workers is bounded', () => {
  const max = 4 * availableParallelism();

  it('0, negatives, fractions, words and more than 4 × the cores are refused, saying the bound', async () => {
    for (const n of ['0', '-1', '1.5', 'two', '', String(max + 1), '500']) {
      expect(await refused(['montecarlo', GAOXINTOU, '--paths', '10', '--workers', n])).toBe(
        `ipabs: --workers ${JSON.stringify(n)}: give a whole number from 1 to ${max} (4 × the ${availableParallelism()} cores available)\n`,
      );
    }
  });

  it('1 and the bound itself run; the help names the bound', async () => {
    const one = await ok(['montecarlo', GAOXINTOU, '--paths', '100', '--workers', '1', '-f', 'json']);
    expect(await ok(['montecarlo', GAOXINTOU, '--paths', '100', '--workers', String(max), '-f', 'json'])).toBe(one);
    expect((await ok(['montecarlo', '--help'])).replace(/\s+/g, ' ')).toContain('1 (this thread only) to 4 × the cores available');
  });

  it('the library refuses a count out of bounds before starting a worker', async () => {
    expect(maxWorkers()).toBe(max);
    for (const n of [0, -1, 1.5, max + 1]) {
      await expect(runPatternsParallel({ dealFile: GAOXINTOU, baseInput: {}, obligors: [], lag: 0 }, [], n)).rejects.toThrow(RangeError);
    }
  });
});

describe('18. fs errors in words', () => {
  it('fsErrorWords', () => {
    expect(fsErrorWords(sysError('ENOENT', 'open'))).toBe('no such file or folder');
    expect(fsErrorWords(sysError('ENOTDIR', 'open'))).toBe('not a folder (a part of the path is a file)');
    expect(fsErrorWords(sysError('EISDIR', 'open'))).toBe('is a directory');
    expect(fsErrorWords(sysError('ENOSPC', 'write'))).toBe('disk full (no space left on the device)');
    expect(fsErrorWords(sysError('EROFS', 'open'))).toBe('read-only file system');
    expect(fsErrorWords(sysError('EACCES', 'open'))).toBe('permission denied');
    expect(fsErrorWords(sysError('EBUSY', 'rename'))).toBe('busy (in use by the system or another program)');
    expect(fsErrorWords(sysError('EMFILE', 'open'))).toBe('too many files open');
    expect(fsErrorWords(sysError('EWHATEVER', 'open'))).toBe('system error EWHATEVER');
    let nul: unknown;
    try {
      readFileSync('a\0b');
    } catch (err) {
      nul = err;
    }
    expect(isFsError(nul)).toBe(true);
    expect(fsErrorWords(nul)).toBe('the path contains a NUL character');
  });

  it('isFsError: only errors of the system, so a bug is not passed off as bad input', () => {
    expect(isFsError(sysError('ENOTDIR', 'open'))).toBe(true);
    expect(isFsError(Object.assign(new Error('x'), { code: 'ENOENT' }))).toBe(false);
    expect(isFsError(new TypeError("Cannot read properties of undefined (reading 'x')"))).toBe(false);
    expect(isFsError(Object.assign(new TypeError('bad'), { code: 'ERR_INVALID_ARG_TYPE' }))).toBe(false);
    expect(isFsError('ENOENT')).toBe(false);
  });

  it('fsErrorMessage names the path, relative to the working folder', () => {
    expect(fsErrorMessage(sysError('EBUSY', 'open', join(process.cwd(), 'deals', 'x.json')))).toBe(`${join('deals', 'x.json')}: busy (in use by the system or another program)`);
    expect(fsErrorMessage(sysError('EMFILE', 'open'))).toBe('too many files open');
  });

  it('stdout redirected to a full disk (> /dev/full): words on stderr, exit 2, no stack trace', () => {
    requireFreshDist();
    const full = openSync('/dev/full', 'w');
    try {
      for (const args of [['pool', GUANGKAI], ['run', GAOXINTOU, '-f', 'json', '--ledger']]) {
        const r = spawnSync(process.execPath, ['bin/ipabs.js', ...args], { stdio: ['ignore', full, 'pipe'], encoding: 'utf8' });
        expect(r.stderr, args.join(' ')).toBe('ipabs: cannot write to standard output: disk full (no space left on the device)\n');
        expect(r.status, args.join(' ')).toBe(2);
      }
    } finally {
      closeSync(full);
    }
  });

  it('--out through a file (ENOTDIR): words, not Node’s text, exit 2', async () => {
    const out = `${GUANGKAI}/x.csv`;
    expect(await refused(['pool', GUANGKAI, '--out', out])).toBe(`ipabs: cannot write ${out}: not a folder (a part of the path is a file)\n`);
    expect(existsSync(GUANGKAI)).toBe(true);
  });
});
