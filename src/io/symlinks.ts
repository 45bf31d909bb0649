/** Symbolic links followed by hand, as the kernel would, so an output can say where each one leads. */
import type { Stats } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { cannotWrite, type OutputFs } from './outputFs.js';

/** Symbolic links followed before giving up, as the kernel does (Linux: 40). */
const MAX_LINKS = 40;

/**
 * The paths a chain of symbolic links passes through: `file`, then each link's target, up to
 * the first path that is no link or does not exist; `loops` when it is still a link after
 * {@link MAX_LINKS} (a cycle, as the kernel would say ELOOP).
 */
export function linkChain(file: string, fs: OutputFs): { paths: string[]; loops: boolean } {
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
export function danglingTarget(file: string, fs: OutputFs): string {
  const chain = linkChain(file, fs);
  if (chain.loops) throw cannotWrite(file, { code: 'ELOOP' });
  return chain.paths[chain.paths.length - 1]!;
}
