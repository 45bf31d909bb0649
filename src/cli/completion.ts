/**
 * `ipabs completion bash|zsh|fish`: a completion script made from the commander program itself,
 * so it offers exactly the commands and options `ipabs --help` lists: command names, each
 * command's options, the values of options with a fixed set (`--format`, `--lang`, `--unit`,
 * `--principal-by`, the shell), files for deal, scenario, part and output paths, folders for
 * `--tapes-from`. The three writers are in completionScripts.ts.
 */
import type { Command, Option } from 'commander';
import { InputError } from '../validate/diagnostics.js';
import type { Io } from './io.js';
import { SHELLS, writeScript, type CommandSpec, type OptionSpec, type ProgramSpec, type Shell, type ValueHint } from './completionScripts.js';

/** The value placeholders (`<file>`, `<dir>`) that name a path. */
const FILE_PLACEHOLDERS = new Set(['file', 'deal', 'parts', 'file...', 'parts...']);

/** The first clause of a description, for a one-line completion hint. */
function firstClause(text: string): string {
  const clause = text.split(/[;:：；(（]/)[0]!.trim();
  return clause.length > 70 ? `${clause.slice(0, 69)}…` : clause;
}

/** What a placeholder such as `file`, `dir` or `format` completes to, given the choices if any. */
function hintOf(placeholder: string, choices: readonly string[] | undefined): ValueHint {
  if (choices && choices.length > 0) return { words: choices };
  if (placeholder === 'dir') return 'dir';
  return FILE_PLACEHOLDERS.has(placeholder) ? 'file' : 'none';
}

function optionSpec(o: Option): OptionSpec {
  const placeholder = /<([^>]+)>|\[([^\]]+)\]/.exec(o.flags);
  const name = placeholder?.[1] ?? placeholder?.[2];
  return {
    short: o.short,
    long: o.long,
    help: firstClause(o.description),
    value: name === undefined ? undefined : hintOf(name, o.argChoices),
    repeat: o.variadic || o.parseArg?.name === 'collect',
  };
}

/** The completion spec of one command. */
function commandSpec(c: Command): CommandSpec {
  const arg = c.registeredArguments[0];
  return {
    name: c.name(),
    help: firstClause(c.description()),
    // visibleOptions: the command's options and its help option, as --help lists them.
    options: c.createHelp().visibleOptions(c).map(optionSpec),
    args: arg === undefined ? undefined : hintOf(arg.name(), arg.argChoices),
  };
}

/** The completion spec of `program`: its options, and its commands with the help command. */
export function completionSpec(program: Command): ProgramSpec {
  const commands = program.commands.map(commandSpec);
  const help = program.createHelp();
  const helpCommand = help.visibleCommands(program).find((c) => c.name() === 'help' && !program.commands.includes(c));
  if (helpCommand) commands.push({ name: 'help', help: firstClause(helpCommand.description()), options: [], args: { words: program.commands.map((c) => c.name()) } });
  return { name: program.name(), options: help.visibleOptions(program).map(optionSpec), commands };
}

/** `ipabs completion SHELL`: prints the script. */
export function completionCommand(shell: string, program: Command, io: Io): number {
  if (!(SHELLS as readonly string[]).includes(shell)) throw new InputError(`completion ${JSON.stringify(shell)}: give bash, zsh or fish`);
  io.stdout(writeScript(shell as Shell, completionSpec(program)));
  return 0;
}
