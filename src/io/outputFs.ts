/** The file-system calls writing an output makes, and the error of an output that cannot be written. */
import * as nodeFs from 'node:fs';
import type { Stats } from 'node:fs';
import { InputError } from '../util/errors.js';
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

/** The `code` of a Node file-system error (`ENOENT`, `EACCES`), if any. */
export const errCode = (err: unknown): string | undefined => (err as NodeJS.ErrnoException | undefined)?.code;

/** The error of an output that cannot be written: the name as given, the reason in words. */
export function cannotWrite(file: string, why: unknown): InputError {
  if (why instanceof InputError) return why;
  return new InputError(`cannot write ${file}: ${typeof why === 'string' ? why : fsErrorWords(why)}`);
}
