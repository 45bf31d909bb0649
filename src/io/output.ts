/**
 * Writing results: whole or not at all, never over an input, never a device replaced by a file.
 *
 * A regular file (or a name not yet taken) is written through a temporary file in the same folder:
 * every byte, fsync, close, rename. A failure at any step leaves the previous file as it was and
 * no temporary file behind, and is an {@link InputError} naming the file as the user wrote it.
 * A pipe, terminal or character device (`/dev/stdout`, `/dev/null`) cannot be replaced: it is
 * opened and written directly. A symbolic link is followed: its target is replaced and the link
 * stays a link.
 */
import * as nodeFs from 'node:fs';
import type { Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { InputError } from '../validate/diagnostics.js';
import { fsErrorWords } from './fsErrors.js';

/** The file-system calls writing an output makes: the real ones, or a test's that fail on cue. */
export interface OutputFs {
  openSync(path: string, flags: string, mode?: number): number;
  writeSync(fd: number, buffer: Uint8Array, offset: number, length: number): number;
  fsyncSync(fd: number): void;
  closeSync(fd: number): void;
  renameSync(from: string, to: string): void;
  rmSync(path: string, options: { force: boolean }): void;
  statSync(path: string): Stats;
  lstatSync(path: string): Stats;
  realpathSync(path: string): string;
  readlinkSync(path: string): string;
}

/** Node's file system. */
export const realFs: OutputFs = {
  openSync: (path, flags, mode) => nodeFs.openSync(path, flags, mode),
  writeSync: (fd, buffer, offset, length) => nodeFs.writeSync(fd, buffer, offset, length),
  fsyncSync: (fd) => nodeFs.fsyncSync(fd),
  closeSync: (fd) => nodeFs.closeSync(fd),
  renameSync: (from, to) => nodeFs.renameSync(from, to),
  rmSync: (path, options) => nodeFs.rmSync(path, options),
  statSync: (path) => nodeFs.statSync(path),
  lstatSync: (path) => nodeFs.lstatSync(path),
  realpathSync: (path) => nodeFs.realpathSync(path),
  readlinkSync: (path) => nodeFs.readlinkSync(path, 'utf8'),
};

/** Where an output goes and how it is written. */
export type OutputTarget =
  /** A regular file that exists (a link's target): replaced by a rename. `path` is its real path. */
  | { kind: 'replace'; path: string; stats: Stats }
  /** A name not yet taken: created by a rename. `path` is its folder's real path and the name. */
  | { kind: 'create'; path: string }
  /** A pipe, terminal, socket or character device: written to directly. */
  | { kind: 'direct'; path: string; stats: Stats };

/** Symbolic links followed before giving up, as the kernel does (Linux: 40). */
const MAX_LINKS = 40;

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/** The error of an output that cannot be written: the name as given, the reason in words. */
function cannotWrite(file: string, why: unknown): InputError {
  if (why instanceof InputError) return why;
  return new InputError(`cannot write ${file}: ${typeof why === 'string' ? why : fsErrorWords(why)}`);
}

/** Where a name that does not exist would be written: itself, or where a dangling link points. */
function danglingTarget(file: string, fs: OutputFs): string {
  let path = file;
  for (let links = 0; links <= MAX_LINKS; links++) {
    let stats: Stats;
    try {
      stats = fs.lstatSync(path);
    } catch {
      return path;
    }
    if (!stats.isSymbolicLink()) return path;
    path = resolve(dirname(path), fs.readlinkSync(path));
  }
  throw cannotWrite(file, { code: 'ELOOP' });
}

/**
 * Where `--out FILE` writes, or an InputError saying why it cannot: an empty name, a NUL
 * character, a folder (or a name ending in `/`), a missing parent folder, a block device.
 */
export function resolveOutput(file: string, fs: OutputFs = realFs): OutputTarget {
  if (file === '') throw new InputError('--out "": give a file name');
  if (file.includes('\0')) throw new InputError(`--out ${JSON.stringify(file)}: the path contains a NUL character`);
  try {
    let stats: Stats | undefined;
    try {
      stats = fs.statSync(file);
    } catch (err) {
      if (code(err) !== 'ENOENT') throw err;
    }
    if (stats?.isDirectory()) throw cannotWrite(file, 'is a directory (give a file name)');
    if (file.endsWith('/') || file.endsWith(sep)) throw cannotWrite(file, 'names a folder (give a file name)');
    if (stats?.isFile()) return { kind: 'replace', path: fs.realpathSync(file), stats };
    if (stats?.isBlockDevice()) throw cannotWrite(file, 'is a block device (ipabs writes files, pipes and terminals)');
    if (stats) return { kind: 'direct', path: file, stats };
    const path = danglingTarget(file, fs);
    const folder = dirname(path);
    let real: string;
    try {
      real = fs.realpathSync(folder);
    } catch (err) {
      throw code(err) === 'ENOENT' ? cannotWrite(file, `no such folder ${folder}`) : err;
    }
    if (!fs.statSync(real).isDirectory()) throw cannotWrite(file, `${folder} is not a folder`);
    return { kind: 'create', path: join(real, basename(path)) };
  } catch (err) {
    throw cannotWrite(file, err);
  }
}

/** An input of a command, for refusing to write over it: its path and what it is. */
export interface CommandInput {
  file: string;
  /** What it is, with its name: `the deal file deals/x.json`, `the tape x.csv of the deal (pool.tapes[0].path)`. */
  role: string;
}

/**
 * Checks `--out FILE` before a command does its work: it can be written ({@link resolveOutput})
 * and it is none of the command's inputs, compared by real path and by device and inode, so a
 * symbolic link, a hard link or `./` does not get around it. An input that cannot be found is
 * skipped: it is read by no one.
 */
export function checkOutput(file: string, inputs: readonly CommandInput[], fs: OutputFs = realFs): OutputTarget {
  const target = resolveOutput(file, fs);
  for (const input of inputs) {
    let real: string;
    let stats: Stats;
    try {
      real = fs.realpathSync(input.file);
      stats = fs.statSync(real);
    } catch {
      continue;
    }
    const sameInode = target.kind !== 'create' && stats.dev === target.stats.dev && stats.ino === target.stats.ino;
    if (real === target.path || sameInode) {
      throw new InputError(`--out ${file} is ${input.role}: ipabs does not write over its inputs; choose another file`);
    }
  }
  return target;
}

/** Writes every byte: a write may take fewer than asked. One that takes none is a full disk. */
function writeAll(fs: OutputFs, fd: number, bytes: Uint8Array): void {
  let offset = 0;
  while (offset < bytes.length) {
    const n = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    if (!(n > 0)) throw Object.assign(new Error('nothing written'), { code: 'ENOSPC', syscall: 'write' });
    offset += n;
  }
}

function closeQuietly(fs: OutputFs, fd: number): void {
  try {
    fs.closeSync(fd);
  } catch {
    // Already failing: the first error is the one to report.
  }
}

/** A pipe or device: open, write, close. It cannot be fsynced or replaced. */
function writeDirect(file: string, path: string, bytes: Uint8Array, fs: OutputFs): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path, 'w');
    writeAll(fs, fd, bytes);
    const open = fd;
    fd = undefined;
    fs.closeSync(open);
  } catch (err) {
    if (fd !== undefined) closeQuietly(fs, fd);
    throw cannotWrite(file, err);
  }
}

/** A regular file: a temporary file beside it, every byte, fsync, close, rename. */
function writeReplacing(file: string, target: Exclude<OutputTarget, { kind: 'direct' }>, bytes: Uint8Array, fs: OutputFs): void {
  // Beside the target (a rename cannot cross file systems), hidden, unique, and short enough
  // that a long file name does not make it too long.
  const tmp = join(dirname(target.path), `.${basename(target.path).slice(0, 100)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // A file that was private stays private.
  const mode = target.kind === 'replace' ? target.stats.mode & 0o777 : 0o666;
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    created = true;
    writeAll(fs, fd, bytes);
    fs.fsyncSync(fd);
    const open = fd;
    fd = undefined;
    fs.closeSync(open);
    fs.renameSync(tmp, target.path);
  } catch (err) {
    if (fd !== undefined) closeQuietly(fs, fd);
    if (created) {
      try {
        fs.rmSync(tmp, { force: true });
      } catch {
        // Nothing more can be done; the error below is what the user needs.
      }
    }
    throw cannotWrite(file, err);
  }
}

/**
 * Writes `text` to `file` whole or not at all (see the module's comment); any failure is an
 * InputError in words (`cannot write out.csv: disk full (no space left on the device)`).
 * `fs` is for tests that make a step fail.
 */
export function writeFileAtomic(file: string, text: string, fs: OutputFs = realFs): void {
  const target = resolveOutput(file, fs);
  const bytes = Buffer.from(text, 'utf8');
  if (target.kind === 'direct') writeDirect(file, target.path, bytes, fs);
  else writeReplacing(file, target, bytes, fs);
}
