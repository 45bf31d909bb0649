/**
 * `ipabs merge part-*.json`: checks that the parts belong together (one fingerprint, shards 1…N
 * each once), then runs their command again with the parts' results in place of the work, so
 * the output is, byte for byte, that of the whole run. The deal and the files named by flags are
 * read again where the shards read them (relative to the working folder) and must be unchanged.
 */
import { readFileSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { checkOutput } from '../io/outputTarget.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { formatOption, sectionOption } from './options.js';
import { fingerprintDifference, PART_FORMAT, PART_VERSION, type MergedRun, type PartFile } from './shard.js';

/** The commands that write parts. */
export const SHARDABLE = ['montecarlo', 'stress', 'breakeven'] as const;

export interface MergeOptions {
  format?: string;
  lang?: string;
  unit?: string;
  section?: string;
  out?: string;
  tapesFrom?: string[];
  maxInputMb?: string;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);
const isWhole = (x: unknown): x is number => Number.isInteger(x) && (x as number) >= 0;

/** Why a parsed part is not a part file of this version, or undefined. */
function partProblem(v: unknown): string | undefined {
  if (!isObject(v) || v['format'] !== PART_FORMAT) return `not an ipabs part file (no "format": "${PART_FORMAT}"; parts are written by ipabs ${SHARDABLE.join(', ')} with --shard I/N)`;
  if (v['version'] !== PART_VERSION) return `a part file of version ${JSON.stringify(v['version'])}; this ipabs reads version ${PART_VERSION} (run the shards again with this ipabs)`;
  const f = v['fingerprint'];
  const fingerprintOk =
    isObject(f) &&
    typeof f['ipabs'] === 'string' &&
    typeof f['command'] === 'string' &&
    Array.isArray(f['args']) &&
    f['args'].every((a) => typeof a === 'string') &&
    Array.isArray(f['inputs']) &&
    f['inputs'].every((x) => isObject(x) && typeof x['input'] === 'string' && typeof x['sha256'] === 'string');
  const s = v['shard'];
  const r = v['range'];
  const shapeOk =
    fingerprintOk &&
    typeof v['command'] === 'string' &&
    v['command'] === f['command'] &&
    typeof v['deal'] === 'string' &&
    isObject(s) &&
    isWhole(s['index']) &&
    isWhole(s['count']) &&
    s['index'] >= 1 &&
    s['index'] <= s['count'] &&
    isObject(r) &&
    isWhole(r['from']) &&
    isWhole(r['to']) &&
    isWhole(r['total']);
  return shapeOk ? undefined : 'a damaged part file (its fingerprint, shard or range is missing or malformed)';
}

/** Reads a part file: an InputError naming it when it is not one. */
export function readPart(file: string): PartFile {
  const text = readFileSync(file, 'utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    throw new InputError(`${file} is not a part file: it is not JSON (${(err as Error).message})`);
  }
  const problem = partProblem(value);
  if (problem) throw new InputError(`${file} is ${problem}`);
  return value as PartFile;
}

/**
 * The parts of one run in shard order, checked: one command, one N, one fingerprint, every
 * shard 1…N exactly once. Each problem names the files.
 */
export function checkParts(files: readonly string[], parts: readonly PartFile[]): MergedRun {
  const first = parts[0]!;
  const firstFile = files[0]!;
  const byIndex = new Map<number, string>();
  parts.forEach((p, i) => {
    const file = files[i]!;
    if (p.command !== first.command) throw new InputError(`${file} is a part of ipabs ${p.command}, ${firstFile} of ipabs ${first.command}: merge the parts of one run`);
    if (p.shard.count !== first.shard.count) throw new InputError(`${file} is shard ${p.shard.index} of ${p.shard.count}, ${firstFile} shard ${first.shard.index} of ${first.shard.count}: merge the parts of one run`);
    const diff = fingerprintDifference(first.fingerprint, p.fingerprint);
    if (diff) throw new InputError(`${file} is not a part of the run of ${firstFile}: they differ in ${diff}`);
    const other = byIndex.get(p.shard.index);
    if (other !== undefined) throw new InputError(`${other} and ${file} are both shard ${p.shard.index} of ${p.shard.count}: give each shard once`);
    byIndex.set(p.shard.index, file);
  });
  const n = first.shard.count;
  const missing = Array.from({ length: n }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0) {
    const list = missing.length > 10 ? `${missing.slice(0, 10).join(', ')} and ${missing.length - 10} more` : missing.join(', ');
    throw new InputError(`shard${missing.length === 1 ? '' : 's'} ${list} of ${n} ${missing.length === 1 ? 'is' : 'are'} missing (given: ${[...byIndex.keys()].sort((a, b) => a - b).join(', ')}): merge needs every part`);
  }
  const ordered = parts.map((part, i) => ({ file: files[i]!, part })).sort((a, b) => a.part.shard.index - b.part.shard.index);
  return { fingerprint: first.fingerprint, parts: ordered };
}

/**
 * The command line that runs the parts' command again: its canonical options, with the output
 * options given to merge in place of the shards' (an `--out` without `--format` takes the format
 * from its extension), merge's input options, and the deal.
 */
export function mergedArgv(part: PartFile, o: MergeOptions): string[] {
  const given = (attr: keyof MergeOptions) => o[attr] !== undefined;
  const replaced = new Set<string>();
  for (const attr of ['format', 'lang', 'unit', 'section'] as const) if (given(attr)) replaced.add(`--${attr}`);
  if (given('out') && !given('format')) replaced.add('--format');
  const args = part.fingerprint.args.filter((a) => !replaced.has(a.split('=')[0]!));
  for (const attr of ['format', 'lang', 'unit', 'section', 'out'] as const) if (o[attr] !== undefined) args.push(`--${attr}=${o[attr]}`);
  for (const dir of o.tapesFrom ?? []) args.push(`--tapes-from=${dir}`);
  if (o.maxInputMb !== undefined) args.push(`--max-input-mb=${o.maxInputMb}`);
  return [part.command, ...args, '--', part.deal];
}

/**
 * `ipabs merge`: reads and checks the parts, then `rerun`s their command over them (which writes
 * the output and returns its exit code).
 */
export async function mergeCommand(files: string[], o: MergeOptions, rerun: (argv: string[], merged: MergedRun) => Promise<number>): Promise<number> {
  const parts = files.map(readPart);
  const merged = checkParts(files, parts);
  const first = merged.parts[0]!.part;
  if (!(SHARDABLE as readonly string[]).includes(first.command)) throw new InputError(`${merged.parts[0]!.file} is a part of ipabs ${first.command}, which ipabs merge does not combine (it combines ${SHARDABLE.join(', ')})`);
  if (o.out !== undefined) checkOutput(o.out, files.map((f) => ({ file: f, role: `the part file ${f}` })));
  return rerun(mergedArgv(first, o), merged);
}

/**
 * Registers `ipabs merge`. Its output options have no defaults of their own: those not given are
 * the shards'. `rerun` runs a command line over the merged parts.
 */
export function registerMergeCommand(program: Command, io: Io, rerun: (argv: string[], merged: MergedRun) => Promise<number>): void {
  program
    .command('merge')
    .description(`combine the part files of ${SHARDABLE.join(', ')} --shard I/N into exactly the output of the whole run (the deal and scenario files are read again, unchanged, from where the shards read them)`)
    .argument('<parts...>', 'the part files, every shard 1…N once, in any order')
    .addOption(formatOption())
    .addOption(new Option('-l, --lang <lang>', 'language of headers (default: the shards’ --lang)').choices(['zh', 'en']))
    .addOption(new Option('-u, --unit <unit>', 'unit of amounts: yuan (元) or wan (万元) (default: the shards’ --unit)').choices(['yuan', 'wan']))
    .addOption(sectionOption())
    .option('-o, --out <file>', 'write to a file (whole or not at all; never over an input or a part) instead of stdout; the format from its extension unless --format is given')
    .action(async (files: string[], o: MergeOptions) => {
      io.exitCode = await mergeCommand(files, o, rerun);
    });
}
