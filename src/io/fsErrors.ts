/**
 * File-system errors in the project's words. Node's own text (`ENOTDIR: not a directory, rename
 * '.x.csv.123.tmp' -> …`) names temporary files and system calls a user never asked for; these
 * helpers say what went wrong with the file the user named.
 */
import { isAbsolute, relative, resolve, sep } from 'node:path';

/** What an errno code means to someone naming a file, in a few words. */
const WORDS: Record<string, string> = {
  ENOENT: 'no such file or folder',
  ENOTDIR: 'not a folder (a part of the path is a file)',
  EISDIR: 'is a directory',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'disk full (no space left on the device)',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file would be too large for the file system',
  EIO: 'input/output error on the device',
  EBUSY: 'busy (in use by the system or another program)',
  ETXTBSY: 'busy (a running program)',
  EEXIST: 'already exists',
  EXDEV: 'on another file system',
  ENAMETOOLONG: 'the name is too long',
  ELOOP: 'too many symbolic links (a link that points to itself?)',
  EMFILE: 'too many files open',
  ENFILE: 'too many files open on the system',
  ENXIO: 'no such device, or a socket or pipe with no one at the other end',
  ENODEV: 'no such device',
  EPIPE: 'the reader closed the pipe',
  EAGAIN: 'temporarily unavailable (try again)',
  EINVAL: 'not possible on this kind of file',
  ENOMEM: 'out of memory',
  ESTALE: 'stale network file handle',
  ENOTEMPTY: 'the folder is not empty',
  EBADF: 'not an open file descriptor (or not open for writing)',
};

/** Node's code for a path with a NUL character in it (a TypeError, with no system call). */
const NUL_PATH_CODE = 'ERR_INVALID_ARG_VALUE';

/**
 * True for an error of the operating system (an errno code such as `ENOENT` and the system call
 * that failed), or Node's refusal of a path containing a NUL character. Only these are turned
 * into input errors: any other error escaping a command is a bug and must stay one.
 */
export function isFsError(err: unknown): err is NodeJS.ErrnoException {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code !== 'string') return false;
  if (/^E[A-Z0-9]+$/.test(e.code) && typeof e.syscall === 'string') return true;
  return isNulPathError(e);
}

function isNulPathError(e: NodeJS.ErrnoException): boolean {
  return e.code === NUL_PATH_CODE && e instanceof TypeError && /null bytes/.test(e.message);
}

/**
 * The words for an fs error: `disk full (no space left on the device)` for ENOSPC, `path contains
 * a NUL character` for a path Node refuses; an unknown errno code is named as it is.
 *
 * @example fsErrorWords({ code: 'EROFS' }) // 'read-only file system'
 */
export function fsErrorWords(err: unknown): string {
  const e = (typeof err === 'object' && err !== null ? err : {}) as NodeJS.ErrnoException;
  if (isNulPathError(e)) return 'the path contains a NUL character';
  const code = typeof e.code === 'string' ? e.code : undefined;
  if (code === undefined) return 'an unexpected error';
  return WORDS[code] ?? `system error ${code}`;
}

/**
 * A path for messages: relative to the working folder when it lies below it, else absolute.
 *
 * @example displayPath(`${process.cwd()}/deals/a.json`) // 'deals/a.json'
 */
export function displayPath(path: string): string {
  const full = resolve(path);
  const rel = relative(process.cwd(), full);
  if (rel === '') return '.';
  // `..` or `../x` leaves the folder; a name such as `..t.csv` does not.
  return rel === '..' || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? full : rel;
}

/**
 * The message for an fs error that escaped a command: `PATH: WORDS` with the path Node names
 * (shown relative to the working folder), or the words alone when Node names none.
 *
 * @example fsErrorMessage(Object.assign(new Error(), { code: 'EBUSY', syscall: 'open', path: '/mnt/x' })) // '/mnt/x: busy (…)'
 */
export function fsErrorMessage(err: unknown): string {
  const path = (err as NodeJS.ErrnoException | undefined)?.path;
  const words = fsErrorWords(err);
  return typeof path === 'string' && path !== '' ? `${displayPath(path)}: ${words}` : words;
}
