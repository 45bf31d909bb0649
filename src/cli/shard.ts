/**
 * `--shard I/N`: a command computes its share of independent items (Monte Carlo paths,
 * scenario rows) and writes a part file; `ipabs merge` runs the command again over the parts and
 * prints exactly what the whole run prints. A part file says what it is part of: a fingerprint
 * of the command, its canonical options and the SHA-256 of every input file.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import type { LoadedDeal } from '../io/loadDeal.js';
import { checkOutput } from '../io/outputTarget.js';
import { shardRange, type ShardedWork, type ShardSpec } from '../stress/shards.js';
import { decodeValue, encodeValue } from './partValue.js';
import type { PathRange } from '../stress/montecarlo.js';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { dealInputs, emit, loadDealForOutput, namedInputs, type OutputOptions } from './load.js';
import { VERSION } from './version.js';
import { STDIN_NAME } from '../io/stdin.js';

export const PART_FORMAT = 'ipabs-part';
/** 2: stress rows and Monte Carlo paths carry lateness (repaid date, periods late, interest missed). */
export const PART_VERSION = 2;

/** What a part is a part of: equal fingerprints, parts of one run. */
export interface Fingerprint {
  ipabs: string;
  command: string;
  /** The options that make the output, canonical (`--seed=7`, `--no-support`), in the command's order, defaults included. */
  args: string[];
  /** SHA-256 of each input by what it is: `deal`, `pool.tapes[0]`, `--scenarios`. */
  inputs: { input: string; sha256: string }[];
}

export interface PartFile {
  format: typeof PART_FORMAT;
  version: typeof PART_VERSION;
  command: string;
  fingerprint: Fingerprint;
  /** The deal file as the shard was given it: `ipabs merge` reads it there again (its hash checked). */
  deal: string;
  shard: ShardSpec;
  /** The items [from, to) of `total` this part holds. */
  range: PathRange & { total: number };
  results: unknown;
}

/** What `ipabs merge` hands the command it runs again: the parts in shard order, with their file names. */
export interface MergedRun {
  fingerprint: Fingerprint;
  parts: { file: string; part: PartFile }[];
}

/** Options that change neither the numbers nor the output: not in the fingerprint. */
const NOT_ARGS = new Set(['shard', 'out', 'workers', 'tapesFrom', 'maxInputMb']);
/** The output options: `ipabs merge` may give others. */
export const OUTPUT_ARGS = ['--format', '--lang', '--unit', '--section'] as const;

/** The largest N of `--shard I/N`. */
export const MAX_SHARDS = 100_000;

/**
 * `--shard I/N` parsed: 1 ≤ I ≤ N ≤ {@link MAX_SHARDS}; anything else an InputError.
 *
 * @example parseShard('2/4') // { index: 2, count: 4 }
 */
export function parseShard(text: string): ShardSpec {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = m ? Number(m[1]) : Number.NaN;
  const count = m ? Number(m[2]) : Number.NaN;
  if (!(count >= 1 && count <= MAX_SHARDS && index >= 1 && index <= count)) {
    const why = !m
      ? 'give I/N, shard I of N (--shard 1/4 … --shard 4/4, each writing a part file for ipabs merge)'
      : count < 1 || count > MAX_SHARDS
        ? `give a shard count N from 1 to ${MAX_SHARDS.toLocaleString('en-US')}`
        : `give a shard index I from 1 to ${count} (--shard 1/${count} … --shard ${count}/${count})${index === 0 ? '; an index counted from 0, such as JOB_COMPLETION_INDEX, needs 1 added' : ''}`;
    throw new InputError(`--shard ${JSON.stringify(text)}: ${why}`);
  }
  return { index, count };
}

/** The canonical options of a parsed command: every option that makes its output, as `--name=value` or a flag. */
export function canonicalArgs(command: Command, o: Record<string, unknown>): string[] {
  const args: string[] = [];
  for (const opt of command.options) {
    const attr = opt.attributeName();
    const v = o[attr];
    if (NOT_ARGS.has(attr) || v === undefined || opt.long === undefined) continue;
    // A flag is written when it changes something: `--no-support` when false, `--ledger` when true.
    if (typeof v === 'boolean') {
      if (v === opt.negate) continue;
      args.push(opt.long);
      continue;
    }
    for (const x of Array.isArray(v) ? v : [v]) args.push(`${opt.long}=${String(x)}`);
  }
  return args;
}

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The fingerprint of a run: the command, its canonical options, and the hash of the deal, its tapes and the files named by flags. */
export function fingerprintOf(command: Command, deal: LoadedDeal, others: Record<string, string | undefined>): Fingerprint {
  const inputs = dealInputs(deal).map((x, i) => ({ input: i === 0 ? 'deal' : `pool.tapes[${i - 1}]`, sha256: sha256(x.file) }));
  for (const [flag, file] of Object.entries(others)) if (file !== undefined) inputs.push({ input: flag, sha256: sha256(file) });
  return { ipabs: VERSION, command: command.name(), args: canonicalArgs(command, command.opts()), inputs };
}

/**
 * How two fingerprints differ, in words (`--seed=7 / --seed=8`), or undefined when they do not;
 * `outputToo` false leaves the output options out.
 */
export function fingerprintDifference(a: Fingerprint, b: Fingerprint, outputToo = true): string | undefined {
  if (a.ipabs !== b.ipabs) return `ipabs ${a.ipabs} / ipabs ${b.ipabs}`;
  if (a.command !== b.command) return `ipabs ${a.command} / ipabs ${b.command}`;
  const kept = (args: string[]) => args.filter((x) => outputToo || !OUTPUT_ARGS.some((f) => x.startsWith(`${f}=`)));
  const [argsA, argsB] = [kept(a.args), kept(b.args)];
  if (argsA.join('\0') !== argsB.join('\0')) {
    const onlyA = argsA.filter((x) => !argsB.includes(x));
    const onlyB = argsB.filter((x) => !argsA.includes(x));
    return `options ${onlyA.join(' ') || '(none)'} / ${onlyB.join(' ') || '(none)'}`;
  }
  const names = [...new Set([...a.inputs, ...b.inputs].map((x) => x.input))];
  for (const name of names) {
    const [ha, hb] = [a.inputs.find((x) => x.input === name)?.sha256, b.inputs.find((x) => x.input === name)?.sha256];
    if (ha !== hb) return `the ${name} file differs (SHA-256 ${ha?.slice(0, 12) ?? 'none'}… / ${hb?.slice(0, 12) ?? 'none'}…)`;
  }
  return undefined;
}

/** A shardable command's options: its output options and `--shard`. */
export type ShardableOptions = OutputOptions & { shard?: string };

/**
 * Loads the deal of a command that may run as a shard: with `--shard`, `--out` names the part
 * file (checked before any work: not over an input), not the report.
 */
export function loadShardable(file: string, o: ShardableOptions, io: Io, others: Record<string, string | undefined> = {}): { deal: LoadedDeal; shard?: ShardSpec } {
  if (o.shard === undefined) return { deal: loadDealForOutput(file, o, io, others) };
  const shard = parseShard(o.shard);
  if ([file, ...Object.values(others)].includes(STDIN_NAME)) throw new InputError('--shard: give the deal and scenario files as files, not - (ipabs merge reads them again)');
  // The part is JSON whatever --format says (merge renders the report in that format).
  const deal = loadDealForOutput(file, { ...o, out: undefined, format: undefined }, io, others);
  if (o.out !== undefined) checkOutput(o.out, [...dealInputs(deal), ...namedInputs(others)]);
  return { deal, shard };
}

/** Rows computed by range (a stress grid's scenarios, break-even searches) as sharded work. */
export function rowWork<R>(total: number, rows: (range: PathRange) => R[]): ShardedWork<R[]> {
  const decodeRows = (data: unknown) => decodeValue(data) as R[];
  return {
    total,
    whole: () => rows({ from: 0, to: total }),
    part: (range) => encodeValue(rows(range)),
    problem(data, range) {
      try {
        if (Array.isArray(data) && decodeRows(data).length === range.to - range.from) return undefined;
      } catch {
        // A malformed value: said below.
      }
      return `it should hold ${range.to - range.from} well-formed rows`;
    },
    merge: (data) => data.flatMap(decodeRows),
  };
}

/** Where a shardable command runs: its parsed command and options, the deal, the files named by flags, and the merge it serves. */
export interface ShardedRun {
  command: Command;
  o: ShardableOptions;
  io: Io;
  deal: LoadedDeal;
  dealArg: string;
  shard?: ShardSpec;
  others?: Record<string, string | undefined>;
  merged?: MergedRun;
}

/**
 * Runs a shardable command's work: from the parts of `ipabs merge` (after checking that the
 * inputs are still those the shards read), as shard I of N (its part written, undefined
 * returned), or whole.
 */
export async function runSharded<T>(run: ShardedRun, work: ShardedWork<T>): Promise<T | undefined> {
  const fingerprint = () => fingerprintOf(run.command, run.deal, run.others ?? {});
  if (run.merged) {
    const diff = fingerprintDifference(run.merged.fingerprint, fingerprint(), false);
    if (diff) throw new InputError(`the parts were computed from other inputs than these: ${diff}; merge with the files the shards read`);
    for (const { file, part } of run.merged.parts) {
      const expected = shardRange(work.total, part.shard);
      const problem =
        part.range.total !== work.total || part.range.from !== expected.from || part.range.to !== expected.to
          ? `it holds items ${part.range.from} to ${part.range.to} of ${part.range.total}, where shard ${part.shard.index}/${part.shard.count} of this run holds ${expected.from} to ${expected.to} of ${work.total}`
          : work.problem(part.results, part.range);
      if (problem) throw new InputError(`${file} is not a valid part: ${problem}`);
    }
    return work.merge(run.merged.parts.map((p) => p.part.results));
  }
  if (!run.shard) return work.whole();
  const range = shardRange(work.total, run.shard);
  const part: PartFile = {
    format: PART_FORMAT,
    version: PART_VERSION,
    command: run.command.name(),
    fingerprint: fingerprint(),
    deal: run.dealArg,
    shard: run.shard,
    range: { ...range, total: work.total },
    results: await work.part(range),
  };
  emit(`${JSON.stringify(part)}\n`, run.o.out, run.io);
  run.io.exitCode = 0;
  return undefined;
}
