/**
 * Writing results: whole or not at all, never over an input, never a device replaced by a file.
 *
 * A regular file (or a name not yet taken) is written through a temporary file in the same folder:
 * every byte, fsync, close, rename. A failure at any step leaves the previous file as it was and
 * no temporary file behind, and is an InputError naming the file as the user wrote it.
 * A pipe, terminal or character device (`/dev/null`, a FIFO) cannot be replaced: it is opened and
 * written directly. A name of one of the process's own descriptors (`/dev/stdout`, `/dev/fd/3`,
 * `/proc/self/fd/1`, or a link through them) is written through that descriptor, at its offset,
 * as the shell's `>>` or `( …; ipabs …; … ) > all.csv` expect: never reopened with truncation,
 * never renamed over (the file it is redirected to is the user's, not ipabs's). A symbolic link
 * is followed: its target is replaced and the link stays a link. An existing file the user may
 * not write, or a folder the user may not write in, is refused before any work. Where an output
 * goes and those checks: outputTarget.ts; this module writes.
 */
import type { Stats } from 'node:fs';
// Deferred to first use in the CLI bundle (scripts/bundle.mjs names this file): keep it here.
import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { assertNever } from '../util/never.js';
import { cannotWrite, errCode as code, realFs, type OutputFs } from './outputFs.js';
import { resolveOutput, type OutputTarget } from './outputTarget.js';

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
