/**
 * `--out` as a careful user expects it (issue 7, items 1–4, 16, 18): a failed write is an error
 * that leaves the previous file and no temporary file; an input is never written over; a pipe or
 * device is written to, never replaced; a link's target is replaced and the link stays; an
 * unknown extension is refused; --workers is bounded; fs errors are said in words.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { chmodSync, chownSync, closeSync, copyFileSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, symlinkSync, writeFileSync, writeSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDeal } from '../../src/io/loadDeal.js';
import { fsErrorMessage, fsErrorWords, isFsError } from '../../src/io/fsErrors.js';
import { utf8Prefix, writeFileAtomic } from '../../src/io/output.js';
import { realFs, type OutputFs } from '../../src/io/outputFs.js';
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
      // The words after the file name (the temporary folder's random name may hold capitals).
      expect(message.slice(`cannot write ${file}: `.length)).not.toMatch(/\.tmp|raw node text|\bE[A-Z]{3,}\b/);
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
    // Then the folder: opened, synced (so the rename itself survives a crash), closed.
    expect(calls).toEqual(['open', 'write', 'fsync', 'close', 'rename', 'open', 'fsync', 'close']);
    expect(readdirSync(dir)).toEqual(['r.csv']);
  });

  it('a replaced file keeps its permission bits exactly (whatever the umask) and, as root, its owner', () => {
    const dir = folder('mode-exact');
    const file = join(dir, 'r.csv');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o664);
    if (isRoot) chownSync(file, 65534, 65534);
    const umask = process.umask(0o022);
    try {
      writeFileAtomic(file, 'new\n');
    } finally {
      process.umask(umask);
    }
    const st = statSync(file);
    expect(readFileSync(file, 'utf8')).toBe('new\n');
    expect(st.mode & 0o7777).toBe(0o664);
    if (isRoot) expect([st.uid, st.gid]).toEqual([65534, 65534]);
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
    `ipabs: --out ${out} ${what}: name the file .csv, .json, .md (.markdown), .html (.htm) or .xlsx, or give --format csv, json, md, html or xlsx (or --format table for a text table) to write any file name\n`;

  it('is an error naming the formats that exist; nothing is written', async () => {
    const dir = folder('extensions');
    for (const ext of ['xls', 'txt', 'pdf', 'XLSM', 'csv.bak']) {
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
      await expect(runPatternsParallel({ deal: loadDeal(GAOXINTOU).deal!, baseInput: {}, obligors: [], lag: 0 }, [], n)).rejects.toThrow(RangeError);
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

/** Runs the built CLI (bin/ipabs.js) with the given descriptors as its stdin, stdout, stderr and more. */
function spawnCli(args: string[], stdio: (number | 'ignore' | 'pipe')[]) {
  requireFreshDist();
  return spawnSync(process.execPath, ['bin/ipabs.js', ...args], { stdio, encoding: 'utf8', maxBuffer: 64 << 20 });
}

/** A file opened for appending that already holds `before`, as `>> file` gives a command. */
function appendingTo(path: string, before: string): number {
  writeFileSync(path, before);
  return openSync(path, 'a');
}

describe('3. the process’s own descriptors (/dev/stdout, /dev/fd/N, /proc/self/fd/N) are written through, never replaced', () => {
  const summary = ['pool', GUANGKAI, '--format', 'csv', '--section', 'summary'];

  it('stdout appended to a file (>> log.csv): what was there stays, each report follows the last', async () => {
    const expected = await ok(summary);
    const log = join(folder('fd-append'), 'log.csv');
    const fd = appendingTo(log, 'previous log line\n');
    try {
      for (const out of ['/dev/stdout', '/dev/fd/1', '/proc/self/fd/1', '/proc/thread-self/fd/1']) {
        const r = spawnCli([...summary, '--out', out], ['ignore', fd, 'pipe']);
        expect(r.stderr, out).toBe('');
        expect(r.status, out).toBe(0);
      }
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(log, 'utf8')).toBe(`previous log line\n${expected.repeat(4)}`);
  });

  it('stderr appended to a file (2>> err.log): schema --out /dev/stderr adds to it', async () => {
    const log = join(folder('fd-stderr'), 'err.log');
    const fd = appendingTo(log, 'earlier\n');
    try {
      const r = spawnCli(['schema', '--out', '/dev/stderr'], ['ignore', 'pipe', fd]);
      expect(r.stdout).toBe('');
      expect(r.status).toBe(0);
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(log, 'utf8')).toBe(`earlier\n${await ok(['schema'])}`);
  });

  it('a file shared with the shell at an offset (( echo header; ipabs …; echo trailer ) > all.csv): header, report, trailer', async () => {
    const expected = await ok(['pool', GUANGKAI, '--format', 'csv']);
    const all = join(folder('fd-offset'), 'all.csv');
    const fd = openSync(all, 'w');
    try {
      writeSync(fd, 'header\n');
      const r = spawnCli(['pool', GUANGKAI, '--format', 'csv', '--out', '/dev/stdout'], ['ignore', fd, 'pipe']);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      // The same open file: its offset moved past the report.
      writeSync(fd, 'trailer\n');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(all, 'utf8')).toBe(`header\n${expected}trailer\n`);

    const shell = join(folder('fd-shell'), 'all.csv');
    const script = `( echo header; "${process.execPath}" bin/ipabs.js pool ${GUANGKAI} --format csv --out /dev/stdout; echo trailer ) > "${shell}"`;
    expect(spawnSync('sh', ['-c', script], { encoding: 'utf8' }).stderr).toBe('');
    expect(readFileSync(shell, 'utf8')).toBe(`header\n${expected}trailer\n`);
  });

  it('through /proc/<its own pid>/fd/1, a link to /dev/stdout, a linked /dev/fd folder, and a descriptor 3 the shell opened (3> file)', async () => {
    requireFreshDist();
    const expected = await ok(summary);
    const dir = folder('fd-links');
    symlinkSync('/dev/stdout', join(dir, 'latest.csv'));
    symlinkSync('/dev/fd', join(dir, 'fds'));
    const log = join(dir, 'log.csv');
    const fd = appendingTo(log, 'kept\n');
    try {
      // `exec` keeps the shell's pid, so $$ is the pid of ipabs.
      const own = spawnSync('sh', ['-c', `exec "${process.execPath}" bin/ipabs.js ${summary.join(' ')} --out /proc/$$/fd/1`], { stdio: ['ignore', fd, 'pipe'], encoding: 'utf8' });
      expect(own.stderr).toBe('');
      for (const out of [join(dir, 'latest.csv'), join(dir, 'fds', '1')]) {
        const r = spawnCli([...summary, '--out', out], ['ignore', fd, 'pipe']);
        expect(r.stderr, out).toBe('');
        expect(r.status, out).toBe(0);
      }
      const three = spawnCli([...summary, '--out', '/dev/fd/3'], ['ignore', 'ignore', 'pipe', fd]);
      expect(three.stderr).toBe('');
    } finally {
      closeSync(fd);
    }
    expect(readFileSync(log, 'utf8')).toBe(`kept\n${expected.repeat(4)}`);
    expect(lstatSync(join(dir, 'latest.csv')).isSymbolicLink()).toBe(true);
    expect(readdirSync(dir).sort()).toEqual(['fds', 'latest.csv', 'log.csv']);
  });

  it('a pipe that reads slower than ipabs writes (Node made stdout non-blocking): every byte arrives', async () => {
    const args = ['schema'];
    const expected = await ok(args);
    expect(expected.length).toBeGreaterThan(1 << 17); // more than a pipe holds (64 KiB)
    const r = spawnCli([...args, '--out', '/dev/stdout'], ['ignore', 'pipe', 'pipe']);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(expected);
  });

  it('a descriptor the user did not give (Node’s own event poll, counters, self-pipes, or none): exit 2 in words, never a crash', () => {
    for (let n = 3; n <= 24; n++) {
      const r = spawnCli([...summary, '--out', `/dev/fd/${n}`], ['ignore', 'ignore', 'pipe']);
      expect(r.signal, `/dev/fd/${n}`).toBeNull();
      expect(r.status, `/dev/fd/${n}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^ipabs: cannot write /dev/fd/${n}: (not an open file descriptor|descriptor ${n} is none that ipabs was given)`));
    }
  });
});

describe('1. a file the user may not write, or a folder the user may not write in', () => {
  /** A fs whose access check refuses `denied` (as for a user other than root). */
  const denying = (denied: string): OutputFs => ({
    ...realFs,
    accessSync: (path, mode) => {
      if (path === denied) throw sysError('EACCES', 'access', path);
      realFs.accessSync(path, mode);
    },
  });

  it('a read-only file is refused and left as it was, though its folder is writable (a rename would replace it)', () => {
    const dir = folder('read-only-unit');
    const file = join(dir, 'final.csv');
    writeFileSync(file, 'signed\n');
    expect(() => writeFileAtomic(file, 'report', denying(realpathSync(file)))).toThrow(`cannot write ${file}: the file is read-only (permission denied)`);
    expect(readFileSync(file, 'utf8')).toBe('signed\n');
    expect(temporaries(dir)).toEqual([]);
  });

  it('a writable file (or a new name) in a folder the user may not write in names the folder', () => {
    const dir = folder('read-only-folder-unit');
    const file = join(dir, 'w.csv');
    writeFileSync(file, 'old\n');
    const fs = denying(realpathSync(dir));
    expect(() => writeFileAtomic(file, 'report', fs)).toThrow(`cannot write ${file}: the folder ${realpathSync(dir)} is not writable (permission denied)`);
    expect(() => writeFileAtomic(join(dir, 'new.csv'), 'report', fs)).toThrow(`cannot write ${join(dir, 'new.csv')}: the folder ${realpathSync(dir)} is not writable (permission denied)`);
    expect(readFileSync(file, 'utf8')).toBe('old\n');
    expect(readdirSync(dir)).toEqual(['w.csv']);
  });

  /**
   * The command, as a user who is not root: as root, through setpriv as nobody (root may write
   * anything). Undefined when that cannot be done here (no setpriv, or nobody cannot run node).
   */
  function asUser(): string[] | undefined {
    if (!isRoot) return [];
    const setpriv = ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups'];
    const probe = spawnSync(setpriv[0]!, [...setpriv.slice(1), process.execPath, 'bin/ipabs.js', '--version'], { encoding: 'utf8' });
    return probe.status === 0 ? setpriv : undefined;
  }

  it('as a user: a 0444 file in a shared folder stays as it was; a 0666 file in a locked folder names the folder (exit 2)', (ctx) => {
    requireFreshDist();
    const user = asUser();
    if (user === undefined) return ctx.skip();
    // A folder every user can reach, outside the test's private temporary folder.
    const base = mkdtempSync(join(tmpdir(), 'ipabs-out-user-'));
    try {
      chmodSync(base, 0o755);
      const shared = join(base, 'p2');
      mkdirSync(shared);
      chmodSync(shared, 0o777);
      const final = join(shared, 'final.csv');
      writeFileSync(final, 'signed\n');
      chmodSync(final, 0o444);
      const locked = join(base, 'p3');
      mkdirSync(locked);
      const writable = join(locked, 'w.csv');
      writeFileSync(writable, 'old\n');
      chmodSync(writable, 0o666);
      chmodSync(locked, 0o555);
      const run = (out: string) => {
        const cmd = [...user, process.execPath, 'bin/ipabs.js', 'pool', GUANGKAI, '--out', out];
        return spawnSync(cmd[0]!, cmd.slice(1), { encoding: 'utf8' });
      };
      const r = run(final);
      expect(r.stderr).toBe(`ipabs: cannot write ${final}: the file is read-only (permission denied)\n`);
      expect(r.status).toBe(2);
      expect(readFileSync(final, 'utf8')).toBe('signed\n');
      expect(statSync(final).mode & 0o777).toBe(0o444);
      expect(readdirSync(shared)).toEqual(['final.csv']);
      const w = run(writable);
      expect(w.stderr).toBe(`ipabs: cannot write ${writable}: the folder ${realpathSync(locked)} is not writable (permission denied)\n`);
      expect(w.status).toBe(2);
      expect(readFileSync(writable, 'utf8')).toBe('old\n');
    } finally {
      rmSync(base, { recursive: true, force: true });
    }
  });
});

describe('4. schema --out is JSON: named .json, or a stream or device', () => {
  it('another extension, or none, is refused in the words of the other commands; nothing is written', async () => {
    const dir = folder('schema-names');
    for (const name of ['s.xlsx', 's.csv', 's.md', 's.JSON.txt', 's']) {
      const out = join(dir, name);
      const ext = name.includes('.') ? name.slice(name.lastIndexOf('.')).toLowerCase() : '';
      const what = ext === '' ? 'has no extension' : `has an extension ipabs does not write here (${ext})`;
      for (const args of [['schema'], ['schema', '--scenario']]) {
        expect(await refused([...args, '--out', out])).toBe(`ipabs: --out ${out} ${what}: the schema is JSON; name the file .json\n`);
      }
    }
    expect(readdirSync(dir)).toEqual([]);
  });

  it('.json (any case) and a character device are written', async () => {
    const dir = folder('schema-json');
    await ok(['schema', '--out', join(dir, 'S.JSON')]);
    expect(readFileSync(join(dir, 'S.JSON'), 'utf8')).toBe(await ok(['schema']));
    await ok(['schema', '--scenario', '--out', '/dev/null']);
  });
});

describe('1/3. a long name that can exist can be written (the temporary name is cut by bytes)', () => {
  it('80 Chinese characters (244 bytes of UTF-8)', async () => {
    const dir = folder('long-name');
    const out = join(dir, `${'报'.repeat(80)}.csv`);
    await ok(['pool', GUANGKAI, '--out', out]);
    expect(readFileSync(out, 'utf8')).toBe(await ok(['pool', GUANGKAI, '--format', 'csv']));
    expect(temporaries(dir)).toEqual([]);
  });

  it('the temporary name stays under 255 bytes and keeps whole characters', () => {
    const dir = folder('long-name-tmp');
    const name = `a${'报'.repeat(83)}.csv`; // 254 bytes: a byte cut at 200 would split a character
    const made: string[] = [];
    writeFileAtomic(join(dir, name), 'x', { ...realFs, openSync: (p, f, m) => (made.push(p), realFs.openSync(p, f, m)) });
    const tmpName = made[0]!.slice(made[0]!.lastIndexOf('/') + 1);
    expect(Buffer.byteLength(tmpName)).toBeLessThan(255);
    expect(tmpName.startsWith(`.a${'报'.repeat(66)}.`)).toBe(true);
    expect(tmpName).not.toContain('\uFFFD');
    expect(readdirSync(dir)).toEqual([name]);
    expect(utf8Prefix('报表.csv', 7)).toBe('报表.');
    expect(utf8Prefix('报表.csv', 5)).toBe('报');
    expect(utf8Prefix('a😀b', 4)).toBe('a');
    expect(utf8Prefix('abc', 10)).toBe('abc');
  });
});
