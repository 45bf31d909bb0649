/**
 * Writing results: whole or not at all, never over an input, never a device replaced by a file.
 *
 * A regular file (or a name not yet taken) is written through a temporary file in the same folder:
 * every byte, fsync, close, rename. A failure at any step leaves the previous file as it was and
 * no temporary file behind, and is an {@link InputError} naming the file as the user wrote it.
 * A pipe, terminal or character device (`/dev/null`, a FIFO) cannot be replaced: it is opened and
 * written directly. A name of one of the process's own descriptors (`/dev/stdout`, `/dev/fd/3`,
 * `/proc/self/fd/1`, or a link through them) is written through that descriptor, at its offset,
 * as the shell's `>>` or `( …; ipabs …; … ) > all.csv` expect: never reopened with truncation,
 * never renamed over (the file it is redirected to is the user's, not ipabs's). A symbolic link
 * is followed: its target is replaced and the link stays a link. An existing file the user may
 * not write, or a folder the user may not write in, is refused before any work.
 */
import * as nodeFs from 'node:fs';
import type { Stats } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { assertNever } from '../util/never.js';
import { InputError } from '../util/errors.js';
import { displayPath, fsErrorWords } from './fsErrors.js';

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
  fstatSync(fd: number): Stats;
  readdirSync(path: string): string[];
  readTextSync(path: string): string;
  /** Throws when the calling user may not access `path` in `mode` (`constants.W_OK`). */
  accessSync(path: string, mode: number): void;
  fchmodSync(fd: number, mode: number): void;
  fchownSync(fd: number, uid: number, gid: number): void;
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
  fstatSync: (fd) => nodeFs.fstatSync(fd),
  readdirSync: (path) => nodeFs.readdirSync(path),
  readTextSync: (path) => nodeFs.readFileSync(path, 'utf8'),
  accessSync: (path, mode) => nodeFs.accessSync(path, mode),
  fchmodSync: (fd, mode) => nodeFs.fchmodSync(fd, mode),
  fchownSync: (fd, uid, gid) => nodeFs.fchownSync(fd, uid, gid),
};

/** Where an output goes and how it is written. */
export type OutputTarget =
  /** A regular file that exists (a link's target): replaced by a rename. `path` is its real path. */
  | { kind: 'replace'; path: string; stats: Stats }
  /** A name not yet taken: created by a rename. `path` is its folder's real path and the name. */
  | { kind: 'create'; path: string }
  /** A pipe, terminal, socket or character device: written to directly. */
  | { kind: 'direct'; path: string; stats: Stats }
  /** One of the process's own descriptors (`/dev/stdout`): written through it, never reopened. `stats` of the descriptor. */
  | { kind: 'descriptor'; fd: number; path: string; stats: Stats };

/** Symbolic links followed before giving up, as the kernel does (Linux: 40). */
const MAX_LINKS = 40;

const code = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/** The error of an output that cannot be written: the name as given, the reason in words. */
function cannotWrite(file: string, why: unknown): InputError {
  if (why instanceof InputError) return why;
  return new InputError(`cannot write ${file}: ${typeof why === 'string' ? why : fsErrorWords(why)}`);
}

/**
 * The paths a chain of symbolic links passes through: `file`, then each link's target, up to
 * the first path that is no link or does not exist; `loops` when it is still a link after
 * {@link MAX_LINKS} (a cycle, as the kernel would say ELOOP).
 */
function linkChain(file: string, fs: OutputFs): { paths: string[]; loops: boolean } {
  const paths = [file];
  for (let links = 0; links <= MAX_LINKS; links++) {
    const path = paths[paths.length - 1]!;
    let stats: Stats;
    try {
      stats = fs.lstatSync(path);
    } catch {
      return { paths, loops: false };
    }
    if (!stats.isSymbolicLink()) return { paths, loops: false };
    paths.push(resolve(dirname(path), fs.readlinkSync(path)));
  }
  return { paths, loops: true };
}

/** Where a name that does not exist would be written: itself, or where a dangling link points. */
function danglingTarget(file: string, fs: OutputFs): string {
  const chain = linkChain(file, fs);
  if (chain.loops) throw cannotWrite(file, { code: 'ELOOP' });
  return chain.paths[chain.paths.length - 1]!;
}

/** The highest descriptor number a name is read as (larger ones are no descriptor Node can use). */
const MAX_FD_DIGITS = 9;

/**
 * The descriptor an absolute, normalised path names, if it names one of this process's own:
 * `/dev/stdin`, `/dev/stdout`, `/dev/stderr`, `/dev/fd/N`, `/proc/self/fd/N` (also
 * `thread-self`, this process's id, and a thread of it).
 */
function ownDescriptorNamed(path: string): number | undefined {
  const std = ['/dev/stdin', '/dev/stdout', '/dev/stderr'].indexOf(path);
  if (std >= 0) return std;
  const digits = `(\\d{1,${MAX_FD_DIGITS}})`;
  const dev = new RegExp(`^/dev/fd/${digits}$`).exec(path);
  if (dev) return Number(dev[1]);
  const proc = new RegExp(`^/proc/(self|thread-self|\\d+)(?:/task/\\d+)?/fd/${digits}$`).exec(path);
  if (proc && (proc[1] === 'self' || proc[1] === 'thread-self' || Number(proc[1]) === process.pid)) return Number(proc[2]);
  return undefined;
}

/**
 * The descriptor `file` names, if it is one of this process's own: by its name, or because a
 * chain of symbolic links (`latest.csv` → `/dev/stdout`), or a linked folder on the way
 * (`/dev/fd` → `/proc/self/fd`), leads through one. Checked before the link is followed any
 * further: `/proc/self/fd/1` itself links to the file the shell redirected stdout to, which
 * ipabs must write into at the shell's offset, not replace.
 */
function ownDescriptor(file: string, fs: OutputFs): number | undefined {
  for (const path of linkChain(resolve(file), fs).paths) {
    const named = ownDescriptorNamed(path);
    if (named !== undefined) return named;
    try {
      const viaFolder = ownDescriptorNamed(join(fs.realpathSync(dirname(path)), basename(path)));
      if (viaFolder !== undefined) return viaFolder;
    } catch {
      // A folder that cannot be resolved is no descriptor folder; resolveOutput says what it is.
    }
  }
  return undefined;
}

/** Where the process's open descriptors are listed (Linux, then other systems) and described (Linux). */
const FD_FOLDERS = ['/proc/self/fd', '/dev/fd'];
const FDINFO_FOLDER = '/proc/self/fdinfo';

/** True when a descriptor other than `fd` reads the pipe `fd` writes to (unknown access counts as reading). */
function pipeReadHere(fd: number, stats: Stats, fs: OutputFs): boolean {
  let names: string[] | undefined;
  for (const folder of FD_FOLDERS) {
    try {
      names = fs.readdirSync(folder);
      break;
    } catch {
      // Try the next; with none, see below.
    }
  }
  // With no list of descriptors, only stdin, stdout and stderr are known to come from outside.
  if (names === undefined) return fd > 2;
  for (const name of names) {
    const other = Number(name);
    if (!/^\d+$/.test(name) || other === fd) continue;
    let o: Stats;
    try {
      o = fs.fstatSync(other);
    } catch {
      continue; // Closed since listed (the listing's own descriptor).
    }
    if (!o.isFIFO() || o.dev !== stats.dev || o.ino !== stats.ino) continue;
    let flags: number;
    try {
      flags = parseInt(/^flags:\s*([0-7]+)/m.exec(fs.readTextSync(`${FDINFO_FOLDER}/${other}`))?.[1] ?? '', 8);
    } catch {
      return true;
    }
    if (!Number.isFinite(flags) || (flags & 3) === nodeFs.constants.O_RDONLY) return true;
  }
  return false;
}

/**
 * Why a descriptor cannot take the output, or undefined when it can. Node has descriptors of its
 * own (an event poll, event counters, self-pipes its event loop reads): `--out /dev/fd/7` must
 * not write into one of those (into a self-pipe it crashes Node). What the shell can hand over
 * is a file, a pipe, a terminal or other character device, or a socket; and a pipe the user
 * gives is read by another program, never by ipabs itself.
 */
function descriptorRefusal(fd: number, stats: Stats, fs: OutputFs): string | undefined {
  if (stats.isDirectory()) return 'is a directory (give a file name)';
  if (!(stats.isFile() || stats.isFIFO() || stats.isCharacterDevice() || stats.isSocket())) {
    return `descriptor ${fd} is none that ipabs was given (not a file, pipe, terminal or socket)`;
  }
  if (stats.isFIFO() && pipeReadHere(fd, stats, fs)) return `descriptor ${fd} is none that ipabs was given (a pipe ipabs reads itself)`;
  return undefined;
}

/**
 * Refuses, before any work, an existing file the user may not write (a rename would replace it
 * anyway, since that needs only the folder: a read-only report would silently become the
 * writer's) and a folder the user may not write in (the temporary file cannot be made there).
 * Root passes both checks except on a read-only file system.
 */
function checkWritable(file: string, target: Exclude<OutputTarget, { kind: 'direct' | 'descriptor' }>, fs: OutputFs): void {
  if (target.kind === 'replace') {
    try {
      fs.accessSync(target.path, nodeFs.constants.W_OK);
    } catch (err) {
      throw code(err) === 'EACCES' || code(err) === 'EPERM' ? cannotWrite(file, 'the file is read-only (permission denied)') : err;
    }
  }
  const folder = dirname(target.path);
  try {
    fs.accessSync(folder, nodeFs.constants.W_OK | nodeFs.constants.X_OK);
  } catch (err) {
    throw code(err) === 'EACCES' || code(err) === 'EPERM'
      ? cannotWrite(file, `the folder ${displayPath(folder)} is not writable (permission denied)`)
      : err;
  }
}

/**
 * Where `--out FILE` writes, or an InputError saying why it cannot: an empty name, a NUL
 * character, a folder (or a name ending in `/`), a missing parent folder, a block device, a
 * descriptor that is not open, a read-only file, a folder the user may not write in.
 */
export function resolveOutput(file: string, fs: OutputFs = realFs): OutputTarget {
  if (file === '') throw new InputError('--out "": give a file name');
  if (file.includes('\0')) throw new InputError(`--out ${JSON.stringify(file)}: the path contains a NUL character`);
  try {
    const fd = file.endsWith('/') || file.endsWith(sep) ? undefined : ownDescriptor(file, fs);
    if (fd !== undefined) {
      const stats = fs.fstatSync(fd);
      const refusal = descriptorRefusal(fd, stats, fs);
      if (refusal !== undefined) throw cannotWrite(file, refusal);
      return { kind: 'descriptor', fd, path: file, stats };
    }
    const target = resolveByName(file, fs);
    if (target.kind !== 'direct') checkWritable(file, target, fs);
    return target;
  } catch (err) {
    throw cannotWrite(file, err);
  }
}

/** {@link resolveOutput} for a name that is none of the process's descriptors. */
function resolveByName(file: string, fs: OutputFs): Exclude<OutputTarget, { kind: 'descriptor' }> {
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

/** How long to wait for a reader when a descriptor would block, in milliseconds. */
const BUSY_WAIT_MS = 5;

/** Sleeps without spinning (the write is synchronous, so there is no event loop to wait on). */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Writes every byte: a write may take fewer than asked. One that takes none is a full disk.
 * `patient`: a descriptor Node made non-blocking (stdout on a pipe) says EAGAIN while the reader
 * is behind; wait for it, as a blocking write would.
 */
function writeAll(fs: OutputFs, fd: number, bytes: Uint8Array, patient = false): void {
  let offset = 0;
  while (offset < bytes.length) {
    let n: number;
    try {
      n = fs.writeSync(fd, bytes, offset, bytes.length - offset);
    } catch (err) {
      if (patient && code(err) === 'EAGAIN') {
        pause(BUSY_WAIT_MS);
        continue;
      }
      throw err;
    }
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
    if (code(err) === 'EPIPE') throw err;
    throw cannotWrite(file, err);
  }
}

/**
 * One of the process's own descriptors: every byte written through it at its offset, so what the
 * shell wrote before and writes after stays. Not closed (it is the process's, `/dev/stdout` is
 * also stdout) and not renamed over; a regular file behind it is fsynced.
 */
function writeDescriptor(file: string, target: Extract<OutputTarget, { kind: 'descriptor' }>, bytes: Uint8Array, fs: OutputFs): void {
  try {
    writeAll(fs, target.fd, bytes, true);
    if (target.stats.isFile()) fs.fsyncSync(target.fd);
  } catch (err) {
    // The reader of a pipe has gone (`--out /dev/stdout | head -1`): as for stdout, not a failure.
    if (code(err) === 'EPIPE') throw err;
    throw cannotWrite(file, err);
  }
}

/** The most bytes of the output's name kept in its temporary file's name: with `.`, the pid, 8 hex digits and `.tmp`, under NAME_MAX (255). */
const TMP_NAME_BYTES = 200;

/**
 * The longest start of `name` within `maxBytes` bytes of UTF-8, never cutting a character.
 *
 * @example utf8Prefix('报表.csv', 5) // '报' (3 bytes: the second character would need 6)
 */
export function utf8Prefix(name: string, maxBytes: number): string {
  let bytes = 0;
  let end = 0;
  for (const ch of name) {
    const size = Buffer.byteLength(ch, 'utf8');
    if (bytes + size > maxBytes) break;
    bytes += size;
    end += ch.length;
  }
  return name.slice(0, end);
}

/**
 * The replaced file's permission bits exactly (the umask cut them at open), and its owner and
 * group where the process may set them (as root): replacing a report changes its content only.
 */
function keepModeAndOwner(fs: OutputFs, fd: number, old: Stats): void {
  fs.fchmodSync(fd, old.mode & 0o7777);
  if (typeof process.getuid === 'function' && process.getuid() === 0 && (old.uid !== 0 || old.gid !== 0)) fs.fchownSync(fd, old.uid, old.gid);
}

/** Makes the rename itself durable: the folder's entry is synced too. Best effort (not every file system can). */
function syncFolder(fs: OutputFs, folder: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // The file's own bytes are already synced; a folder that cannot be synced loses nothing written.
  } finally {
    if (fd !== undefined) closeQuietly(fs, fd);
  }
}

/** A regular file: a temporary file beside it, every byte, fsync, close, rename, folder synced. */
function writeReplacing(file: string, target: Exclude<OutputTarget, { kind: 'direct' | 'descriptor' }>, bytes: Uint8Array, fs: OutputFs): void {
  // Beside the target (a rename cannot cross file systems), hidden, unique, and short enough
  // that a long file name does not make it too long: names are limited in bytes, not characters.
  const tmp = join(dirname(target.path), `.${utf8Prefix(basename(target.path), TMP_NAME_BYTES)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  // A file that was private stays private.
  const mode = target.kind === 'replace' ? target.stats.mode & 0o777 : 0o666;
  let fd: number | undefined;
  let created = false;
  try {
    fd = fs.openSync(tmp, 'wx', mode);
    created = true;
    if (target.kind === 'replace') keepModeAndOwner(fs, fd, target.stats);
    writeAll(fs, fd, bytes);
    fs.fsyncSync(fd);
    const open = fd;
    fd = undefined;
    fs.closeSync(open);
    fs.renameSync(tmp, target.path);
    syncFolder(fs, dirname(target.path));
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
 * Writes `text` (as UTF-8) or `bytes` (a workbook) to `file` whole or not at all (see the module's
 * comment); any failure is an InputError in words (`cannot write out.csv: disk full (no space
 * left on the device)`). `fs` is for tests that make a step fail.
 */
export function writeFileAtomic(file: string, content: string | Uint8Array, fs: OutputFs = realFs): void {
  const target = resolveOutput(file, fs);
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  switch (target.kind) {
    case 'descriptor':
      return writeDescriptor(file, target, bytes, fs);
    case 'direct':
      return writeDirect(file, target.path, bytes, fs);
    case 'replace':
    case 'create':
      return writeReplacing(file, target, bytes, fs);
    default:
      return assertNever(target, 'output target');
  }
}
