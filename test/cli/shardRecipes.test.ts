/**
 * The README's three shard recipes work: the `xargs -P` block run as written, the Kubernetes
 * manifests' fields and command lines (with JOB_COMPLETION_INDEX 0…3 set here), and the Slurm
 * script (with SLURM_ARRAY_TASK_ID 1…4) and its merge. Fewer paths than the recipes, so the test
 * stays short; `ipabs` on PATH is the built CLI.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli, useTempDir } from '../helpers.js';
import { requireFreshDist } from '../stress/fixtures.js';
import { spawnRun } from './shardRun.js';

const tmp = useTempDir('ipabs-recipes-');
const FEW = '1000';
let env: NodeJS.ProcessEnv = {};

/** A fresh working folder with the sample deals in it, as where the recipes run. */
function workFolder(name: string): string {
  const dir = join(tmp.dir(), name);
  mkdirSync(dir);
  symlinkSync(resolve('deals'), join(dir, 'deals'));
  return dir;
}

const sh = (script: string, cwd: string, extra: NodeJS.ProcessEnv = {}) => spawnRun(['-eu', '-c', script], { command: '/bin/sh', cwd, env: { ...env, ...extra } });

/** The whole run the recipes shard, with its few paths. */
const whole = (...more: string[]) => runCli(['montecarlo', 'deals/guangkai-patent-license.json', '--paths', FEW, '--seed', '1', ...more]);

beforeAll(() => {
  requireFreshDist();
  const bin = join(tmp.dir(), 'bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'ipabs'), `#!/bin/sh\nexec "${process.execPath}" "${resolve('bin/ipabs.js')}" "$@"\n`);
  chmodSync(join(bin, 'ipabs'), 0o755);
  env = { ...process.env, PATH: `${bin}${delimiter}${process.env['PATH'] ?? ''}` };
});

const hasXargs = spawnSync('/bin/sh', ['-c', 'command -v xargs'], { encoding: 'utf8' }).status === 0;

describe('README recipe: xargs -P on one machine', () => {
  it.skipIf(!hasXargs)('runs as written (fewer paths): four shards at once, merged, the same bytes as the whole run', async () => {
    const readme = readFileSync('README.md', 'utf8');
    const from = readme.indexOf('**One machine**');
    const block = /```sh\n([\s\S]*?)```/.exec(readme.slice(from))![1]!;
    expect(block).toMatch(/xargs -P 4 .*--shard \{\}\/4 --out parts\/part-\{\}\.json/);
    const dir = workFolder('xargs');
    const r = await sh(block.replaceAll('--paths 100000', `--paths ${FEW}`), dir);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'montecarlo.txt'), 'utf8')).toBe((await whole()).out);
  });
});

/** `name: value` pairs of a manifest's env list. */
function envOf(yaml: string): Record<string, string> {
  return Object.fromEntries([...yaml.matchAll(/- name: (\w+)\n\s+value: "?([^"\n]*)"?/g)].map((m) => [m[1]!, m[2]!]));
}

/** The one command line under `args:` of a container that runs `sh -c`. */
function shellLine(yaml: string): string {
  expect(yaml).toMatch(/command: \["sh", "-c"\]\n\s+args:\n/);
  return /args:\n\s+- (.*)\n/.exec(yaml)![1]!;
}

describe('README recipe: a Kubernetes Indexed Job', () => {
  const job = readFileSync('examples/k8s-montecarlo-job.yaml', 'utf8');
  const merge = readFileSync('examples/k8s-montecarlo-merge.yaml', 'utf8');

  it('is an Indexed Job whose completions, parallelism and SHARDS agree, writing parts to its volume', () => {
    expect(job).toMatch(/^apiVersion: batch\/v1\nkind: Job\n/m);
    expect(job).toMatch(/^ {2}completionMode: Indexed$/m);
    expect(job).toMatch(/^ {6}restartPolicy: Never$/m);
    const completions = /^ {2}completions: (\d+)$/m.exec(job)![1];
    expect(/^ {2}parallelism: (\d+)$/m.exec(job)![1]).toBe(completions);
    const e = envOf(job);
    expect(e['SHARDS']).toBe(completions);
    expect(job).toContain(`mountPath: ${e['PARTS']}\n`);
    expect(merge).toContain(`mountPath: ${envOf(merge)['PARTS']}\n`);
    expect(/claimName: (\S+)/.exec(merge)![1]).toBe(/claimName: (\S+)/.exec(job)![1]);
    expect(shellLine(job)).toContain('--shard "$((JOB_COMPLETION_INDEX + 1))/$SHARDS" --out "$PARTS/part-$((JOB_COMPLETION_INDEX + 1)).json"');
  });

  it('its command lines, run with JOB_COMPLETION_INDEX 0…3, then the merge Job, give the whole run', async () => {
    const dir = workFolder('k8s');
    const parts = join(dir, 'parts');
    mkdirSync(parts);
    const e = { ...envOf(job), PATHS: FEW, PARTS: parts };
    const runs = await Promise.all([0, 1, 2, 3].map((i) => sh(shellLine(job), dir, { ...e, JOB_COMPLETION_INDEX: String(i) })));
    for (const r of runs) expect([r.code, r.err]).toEqual([0, '']);
    const m = await sh(shellLine(merge), dir, { ...envOf(merge), PARTS: parts });
    expect([m.code, m.err]).toEqual([0, '']);
    expect(m.out).toBe((await whole('--workers', '2', '--lang', 'en')).out);
    expect(readFileSync(join(parts, 'montecarlo.json'), 'utf8')).toBe((await whole('--format', 'json')).out);
  });
});

describe('README recipe: a Slurm job array', () => {
  const script = resolve('examples/slurm-montecarlo.sh');
  const text = readFileSync(script, 'utf8');

  it('runs as tasks 1…4 of the array, and its merge gives the whole run', async () => {
    const n = /^#SBATCH --array=1-(\d+)$/m.exec(text)![1]!;
    const mergeLine = /--wrap '([^']*)'/.exec(text)![1]!;
    const dir = workFolder('slurm');
    mkdirSync(join(dir, 'parts'));
    const tasks = Array.from({ length: Number(n) }, (_, i) => sh(`sh ${script}`, dir, { PATHS: FEW, SLURM_ARRAY_TASK_ID: String(i + 1), SLURM_ARRAY_TASK_COUNT: n, SLURM_CPUS_PER_TASK: '2' }));
    for (const r of await Promise.all(tasks)) expect([r.code, r.err]).toEqual([0, '']);
    const m = await sh(mergeLine, dir);
    expect([m.code, m.err]).toEqual([0, '']);
    expect(m.out).toBe((await whole()).out);
  });
});
