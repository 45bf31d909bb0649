/**
 * `-` for a deal or scenario file: read from standard input. The path `-` of a command's file
 * arguments and of `--deal`, `--scenario` and `--scenarios` becomes {@link STDIN_NAME} before the
 * command runs, so every message names `<stdin>` and the loaders read standard input (once: see
 * src/io/stdin.ts). The deal's folder is then the current directory: its relative tape paths
 * resolve against it. `ipabs merge` re-reads files and takes none from standard input.
 */
import type { Command } from 'commander';
import { InputError } from '../validate/diagnostics.js';
import { STDIN_NAME } from '../io/stdin.js';

export { STDIN_NAME } from '../io/stdin.js';

/** The options that name a deal or scenario file. */
const FILE_OPTIONS = ['deal', 'scenario', 'scenarios'];
/** The commands whose arguments are not deal or scenario files. */
const NOT_FILES = new Set(['merge', 'schema', 'completion', 'help']);

const named = (v: unknown): unknown => (v === '-' ? STDIN_NAME : v);

/**
 * Puts {@link STDIN_NAME} for each `-` among the deal and scenario files of `command` (its
 * parsed arguments and options, in place, before its action). Standard input can be read once:
 * `-` given for two different inputs (a deal and a scenario) is an InputError.
 */
export function stdinForDash(command: Command): void {
  if (NOT_FILES.has(command.name())) return;
  let dashes = 0;
  command.processedArgs.forEach((a, i) => {
    if (Array.isArray(a)) {
      dashes += a.filter((x) => x === '-').length;
      command.processedArgs[i] = a.map(named);
    } else if (a === '-') {
      dashes++;
      command.processedArgs[i] = STDIN_NAME;
    }
  });
  const opts: string[] = [];
  for (const key of FILE_OPTIONS) {
    if (command.getOptionValue(key) !== '-') continue;
    opts.push(`--${key}`);
    command.setOptionValue(key, STDIN_NAME);
  }
  if (dashes + opts.length > 1) throw new InputError('standard input (-) can be only one of the files a command reads: give the others as files');
}
