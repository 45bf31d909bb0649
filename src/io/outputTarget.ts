/**
 * Where `--out FILE` writes (a file replaced or created by a rename, a pipe or device written
 * directly, one of the process's own descriptors) and the checks made before any work: it can be
 * written, and it is none of the command's inputs.
 */
import * as nodeFs from 'node:fs';
import type { Stats } from 'node:fs';
import { basename, dirname, join, sep } from 'node:path';
import { InputError } from '../util/errors.js';
import { displayPath } from './fsErrors.js';
import { cannotWrite, errCode as code, realFs, type OutputFs } from './outputFs.js';
import { danglingTarget } from './symlinks.js';
import { descriptorRefusal, ownDescriptor } from './outputDescriptor.js';

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
