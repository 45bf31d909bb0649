/**
 * Reading the files a command is given, as a careful user of a financial tool expects when the
 * files come from someone else: only regular files (never a device, FIFO, socket or folder),
 * no larger than a limit (checked before reading and again while reading), tapes only from the
 * deal file's folder or a folder the user allowed, and every failure said in words, never in
 * Node's.
 */
import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { displayPath, fsErrorWords } from './fsErrors.js';
import { readStdin, STDIN_NAME } from './stdin.js';

export { displayPath };

const MiB = 1024 * 1024;

/** The largest files read, in bytes. */
export interface InputLimits {
  /** A deal or scenario file (JSON). */
  jsonBytes: number;
  /** A CSV tape. */
  tapeBytes: number;
}

/**
 * The default limits: 16 MiB of JSON (the largest sample deal is a few kB; a deal with 10,000
 * inline assets is about 4 MiB) and 512 MiB of tape (a 1,000,000-loan tape is about 110 MiB).
 */
export const DEFAULT_LIMITS: Readonly<InputLimits> = Object.freeze({ jsonBytes: 16 * MiB, tapeBytes: 512 * MiB });

/**
 * The most JSON text read: a JSON file is decoded to one string, and the JavaScript engine's
 * strings stop at about 512 Mi characters. `--max-input-mb` cannot raise it.
 */
export const MAX_JSON_TEXT_BYTES = 500 * MiB;

/** JSON nested deeper than this is refused: the deal language needs a dozen levels. */
export const MAX_JSON_DEPTH = 64;

/** What loading may read. The defaults are the safe ones. */
export interface LoadOptions {
  /**
   * Folders tapes may also be read from (besides the deal file's own folder and those below
   * it), as given by `--tapes-from`. A tape path that is absolute or leads out of the deal's
   * folder (after resolving symbolic links) is refused unless it lies in one of them.
   */
  tapesFrom?: readonly string[];
  /** Size limits; any not given is the default. */
  limits?: Partial<InputLimits>;
}

/** The limits of `options`, the defaults filled in. */
export function limitsOf(options: LoadOptions | undefined): InputLimits {
  return { ...DEFAULT_LIMITS, ...(options?.limits ?? {}) };
}

/** A size for messages: `16 MiB`, `1.5 MiB`, `5.1 KiB`, `300 bytes`. */
export function mib(bytes: number): string {
  const unit = bytes >= MiB ? { size: MiB, name: 'MiB' } : bytes >= 1024 ? { size: 1024, name: 'KiB' } : { size: 1, name: bytes === 1 ? 'byte' : 'bytes' };
  const m = bytes / unit.size;
  return `${m >= 10 || Number.isInteger(m) ? Math.round(m) : m.toFixed(1)} ${unit.name}`;
}


/**
 * What an errno code means when reading, where it is worth saying more than
 * {@link fsErrorWords} does (a missing input is a file, not "a file or folder").
 */
const READ_WORDS: Record<string, string> = {
  ENOENT: 'no such file',
  EISDIR: 'is a folder, not a file',
  ENOTDIR: 'a part of the path is a file, not a folder',
  EMFILE: 'too many files are open; close some programs and try again',
  ENFILE: 'too many files are open; close some programs and try again',
  EBUSY: 'the file is busy (in use by another program)',
  EAGAIN: 'the file is not ready to be read (not a regular file?)',
  EWOULDBLOCK: 'the file is not ready to be read (not a regular file?)',
  EIO: 'the disk reported a read error',
  ENXIO: 'a device, not a regular file',
  ENODEV: 'a device, not a regular file',
  ETIMEDOUT: 'the network file system did not answer',
  ESTALE: 'the network file system did not answer',
  ENOMEM: 'not enough memory to read it',
};

/**
 * Why a file could not be read, in a few words, from a Node error: never Node's own message
 * (which names system calls and temporary paths). The reading words first, else the shared ones.
 *
 * @example ioErrorWords({ code: 'ENOENT' }) // 'no such file'
 */
export function ioErrorWords(err: unknown): string {
  const code = typeof err === 'object' && err !== null ? (err as NodeJS.ErrnoException).code : undefined;
  if (code === undefined) return 'the system refused to read it';
  return READ_WORDS[code] ?? (code === 'ERR_INVALID_ARG_VALUE' ? 'the path contains a NUL character' : fsErrorWords(err));
}

/** Why a path is not a regular file (the kind said plainly), or undefined when it is one. */
function notRegular(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'is a folder, not a file';
  if (st.isFIFO()) return 'is a named pipe (FIFO), not a regular file';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'is a device, not a regular file';
  if (st.isSocket()) return 'is a socket, not a regular file';
  return 'is not a regular file';
}

/** A file opened for reading, checked to be regular and within its limit. */
export type OpenedInput = { fd: number; size: number } | { reason: string };

/** The message of a file over its size limit. */
export function tooLarge(size: number | undefined, limit: number): string {
  return `${size === undefined ? 'larger' : `is ${mib(size)}, larger`} than the limit of ${mib(limit)} (raise it with --max-input-mb)`;
}

/**
 * Opens a file to read, or says why not: the path is stat'ed first, so a FIFO is never opened
 * (which would wait for a writer) and a device never read; then opened without blocking and
 * checked again, in case the path changed in between.
 */
export function openInput(path: string, maxBytes: number): OpenedInput {
  if (path.includes('\0')) return { reason: 'the path contains a NUL character' };
  if (path === '') return { reason: 'the path is empty' };
  let st: Stats;
  try {
    st = statSync(path);
  } catch (err) {
    return { reason: ioErrorWords(err) };
  }
  const kind = notRegular(st);
  if (kind) return { reason: kind };
  if (st.size > maxBytes) return { reason: tooLarge(st.size, maxBytes) };
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  } catch (err) {
    return { reason: ioErrorWords(err) };
  }
  try {
    const again = fstatSync(fd);
    const kindNow = notRegular(again);
    if (kindNow) throw kindNow;
    if (again.size > maxBytes) throw tooLarge(again.size, maxBytes);
    return { fd, size: again.size };
  } catch (err) {
    closeSync(fd);
    return { reason: typeof err === 'string' ? err : ioErrorWords(err) };
  }
}

/** Thrown out of {@link readChunks} when a file cannot be read to the end. */
export class InputReadError extends Error {
  constructor(readonly reason: string) {
    super(reason);
    this.name = 'InputReadError';
  }
}

const CHUNK = 1 << 20;

/**
 * The bytes of an opened file, chunk by chunk, stopping with an {@link InputReadError} past
 * `maxBytes` (a file that grows while read). The chunk given is only valid until the next.
 */
export function* readChunks(fd: number, maxBytes: number): Generator<Uint8Array> {
  const buf = Buffer.allocUnsafe(CHUNK);
  let total = 0;
  let position = 0;
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, buf, 0, CHUNK, position);
    } catch (err) {
      throw new InputReadError(ioErrorWords(err));
    }
    if (n === 0) return;
    position += n;
    total += n;
    if (total > maxBytes) throw new InputReadError(tooLarge(undefined, maxBytes));
    yield buf.subarray(0, n);
  }
}

/** The whole of a small file (a deal or scenario), or why it cannot be read. {@link STDIN_NAME} reads standard input. */
export function readWhole(path: string, maxBytes: number): { bytes: Buffer } | { reason: string } {
  if (path === STDIN_NAME) {
    try {
      const bytes = readStdin(maxBytes);
      return bytes ? { bytes } : { reason: tooLarge(undefined, maxBytes) };
    } catch (err) {
      return { reason: ioErrorWords(err) };
    }
  }
  const opened = openInput(path, maxBytes);
  if ('reason' in opened) return opened;
  try {
    const parts: Buffer[] = [];
    for (const chunk of readChunks(opened.fd, maxBytes)) parts.push(Buffer.from(chunk));
    return { bytes: Buffer.concat(parts) };
  } catch (err) {
    if (err instanceof InputReadError) return { reason: err.reason };
    throw err;
  } finally {
    closeSync(opened.fd);
  }
}

/** True when `inner` is `outer` or lies below it (both absolute and normalised). */
function within(inner: string, outer: string): boolean {
  const rel = relative(outer, inner);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}

/** realpath, or the path itself when it cannot be resolved (a folder that does not exist). */
function real(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return resolve(path);
  }
}

/**
 * Whether a deal may read a tape: the path as written in the deal (relative to the deal file's
 * folder) must lead to a file inside that folder, or inside a folder of `tapesFrom`, both
 * before and after resolving symbolic links. Undefined when allowed, else why not.
 */
export function tapeRefusal(dealFile: string, tapePath: string, tapesFrom: readonly string[] = []): string | undefined {
  if (tapePath.includes('\0')) return undefined; // openInput says so
  const dealDir = resolve(dirname(dealFile));
  const full = resolve(dealDir, tapePath);
  const allowed = tapesFrom.map((d) => resolve(d));
  const how = `allow its folder with --tapes-from ${displayPath(dirname(full))}`;
  const lexicalOk = (!isAbsolute(tapePath) && within(full, dealDir)) || allowed.some((d) => within(full, d) || within(full, real(d)));
  if (!lexicalOk) {
    const what = isAbsolute(tapePath) ? 'is absolute' : "leads out of the deal file's folder";
    return `the tape path ${what}: a deal file may only read tapes in its own folder (${how} if you trust this deal)`;
  }
  let target: string;
  try {
    target = realpathSync(full);
  } catch {
    return undefined; // missing or unreadable: openInput says why
  }
  const realAllowed = [...(isAbsolute(tapePath) ? [] : [real(dealDir)]), ...allowed.map(real)];
  if (!realAllowed.some((d) => within(target, d))) {
    return `the tape is a symbolic link to ${displayPath(target)}, outside the deal file's folder (allow that folder with --tapes-from ${displayPath(dirname(target))} if you trust this deal)`;
  }
  return undefined;
}
