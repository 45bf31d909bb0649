/** Running the built CLI as separate processes, several at once: for the shard tests. */
import { execFile } from 'node:child_process';

export interface Ran {
  code: number;
  out: string;
  err: string;
}

/** Runs `command` (default: node bin/ipabs.js with `args`) in its own process; resolves whatever its exit code. */
export function spawnRun(args: readonly string[], options: { env?: NodeJS.ProcessEnv; cwd?: string; command?: string } = {}): Promise<Ran> {
  const [file, argv] = options.command ? [options.command, [...args]] : [process.execPath, ['bin/ipabs.js', ...args]];
  return new Promise((resolve) => {
    execFile(file, argv, { encoding: 'utf8', env: options.env ?? process.env, cwd: options.cwd, maxBuffer: 64 * 1024 * 1024 }, (err, out, errText) => {
      const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
      resolve({ code, out, err: errText });
    });
  });
}

/** Runs shards 1…n of `args` at once, each writing `dir/part-I.json`; every one must succeed. */
export async function runShards(args: readonly string[], n: number, dir: string): Promise<string[]> {
  const parts = Array.from({ length: n }, (_, i) => `${dir}/part-${i + 1}.json`);
  const runs = await Promise.all(parts.map((p, i) => spawnRun([...args, '--shard', `${i + 1}/${n}`, '--out', p])));
  for (const r of runs) if (r.code !== 0 || r.err !== '') throw new Error(`a shard failed (${r.code}): ${r.err}`);
  return parts;
}
