/**
 * Names of the process's own descriptors (`/dev/stdout`, `/dev/fd/3`, `/proc/self/fd/1`, or a link
 * through them) as an output, and which of them may take it: written through at the shell's
 * offset, never reopened or renamed over (see output.ts).
 */
import * as nodeFs from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { OutputFs } from './outputFs.js';
import { linkChain } from './symlinks.js';

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
export function ownDescriptor(file: string, fs: OutputFs): number | undefined {
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
export function descriptorRefusal(fd: number, stats: Stats, fs: OutputFs): string | undefined {
  if (stats.isDirectory()) return 'is a directory (give a file name)';
  if (!(stats.isFile() || stats.isFIFO() || stats.isCharacterDevice() || stats.isSocket())) {
    return `descriptor ${fd} is none that ipabs was given (not a file, pipe, terminal or socket)`;
  }
  if (stats.isFIFO() && pipeReadHere(fd, stats, fs)) return `descriptor ${fd} is none that ipabs was given (a pipe ipabs reads itself)`;
  return undefined;
}
