/**
 * What the commands that load a deal may read: `--tapes-from DIR` (repeatable) allows tapes
 * outside the deal file's folder, `--max-input-mb N` raises or lowers the size limit of deal,
 * scenario and tape files. The options of the command being run are kept here for the loaders
 * of the CLI (and passed to Monte Carlo workers), so the commands need no extra parameter.
 */
import { statSync } from 'node:fs';
import { Option, type Command } from 'commander';
import { DEFAULT_LIMITS, ioErrorWords, MAX_JSON_TEXT_BYTES, mib, type LoadOptions } from '../io/input.js';
import { InputError } from '../validate/diagnostics.js';

const MiB = 1024 * 1024;
/** The largest --max-input-mb: 4 GiB (JSON files stop at {@link MAX_JSON_TEXT_BYTES} whatever it says). */
const MAX_MB = 4096;
/** The smallest --max-input-mb: 1 KiB (a smaller limit would refuse any deal). */
const MIN_MB = 0.001;

/** Why a --tapes-from path is not a folder, in words: missing, a file, or unreadable. */
function folderProblem(dir: string): string {
  if (dir === '') return 'give a folder';
  if (dir.includes('\0')) return 'the path contains a NUL character';
  try {
    const st = statSync(dir);
    return st.isDirectory() ? 'cannot be read' : 'not a folder';
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such folder' : ioErrorWords(err);
  }
}

let current: LoadOptions = {};

/** The load options of the command being run (the safe defaults before any is parsed). */
export function cliLoadOptions(): LoadOptions {
  return current;
}

/** The load options given by a command's parsed `--tapes-from` and `--max-input-mb`, checked. */
export function loadOptionsOf(opts: { tapesFrom?: string[]; maxInputMb?: string }): LoadOptions {
  const out: LoadOptions = {};
  if (opts.tapesFrom !== undefined) {
    for (const dir of opts.tapesFrom) {
      let isDir = false;
      try {
        isDir = !dir.includes('\0') && dir !== '' && statSync(dir).isDirectory();
      } catch {
        isDir = false;
      }
      if (!isDir) throw new InputError(`--tapes-from ${JSON.stringify(dir)}: ${folderProblem(dir)}`);
    }
    out.tapesFrom = [...opts.tapesFrom];
  }
  if (opts.maxInputMb !== undefined) {
    const t = opts.maxInputMb.trim();
    const n = Number(t);
    if (!/^\d+(\.\d+)?$/.test(t) || !(n >= MIN_MB) || n > MAX_MB) {
      throw new InputError(`--max-input-mb ${JSON.stringify(opts.maxInputMb)}: give a size in MiB from ${MIN_MB} (1 KiB) to ${MAX_MB}`);
    }
    const bytes = Math.floor(n * MiB);
    out.limits = { jsonBytes: bytes, tapeBytes: bytes };
  }
  return out;
}

/** A repeatable option's values, in order. */
export const collect = (value: string, previous: string[] | undefined): string[] => [...(previous ?? []), value];

/**
 * Adds `--tapes-from` and `--max-input-mb` to a command that loads a deal, and keeps their
 * values for {@link cliLoadOptions} when it runs.
 */
export function addInputOptions(c: Command): Command {
  return c
    .addOption(
      new Option('--tapes-from <dir>', "also read tapes from this folder (repeatable): a deal file may otherwise only read tapes in its own folder").argParser(collect),
    )
    .addOption(
      new Option(
        '--max-input-mb <n>',
        `largest deal, scenario or tape file read, in MiB (default: ${mib(DEFAULT_LIMITS.jsonBytes)} for JSON files, ${mib(DEFAULT_LIMITS.tapeBytes)} for tapes; JSON files at most ${mib(MAX_JSON_TEXT_BYTES)} whatever it says)`,
      ),
    )
    .hook('preAction', (command) => {
      current = loadOptionsOf(command.opts());
    });
}
