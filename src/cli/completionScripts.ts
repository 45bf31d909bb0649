/**
 * The completion scripts for bash, zsh and fish, written from a {@link ProgramSpec}. Each script
 * says in its first lines how to load it. Values: fixed words where the option has choices,
 * files for paths, folders for `--tapes-from`, nothing for numbers and ids.
 */
/** What a value (of an option or an argument) completes to: one of fixed words, a file, a folder, or nothing to offer. */
export type ValueHint = { words: readonly string[] } | 'file' | 'dir' | 'none';

export interface OptionSpec {
  /** `-f`, when the option has a short flag. */
  short?: string;
  /** `--format`. */
  long?: string;
  /** The description's first clause. */
  help: string;
  /** What its value completes to; undefined for a flag without a value. */
  value?: ValueHint;
  /** Whether it may be given more than once. */
  repeat: boolean;
}

export interface CommandSpec {
  name: string;
  help: string;
  options: OptionSpec[];
  /** What its arguments complete to (undefined: it takes none). */
  args?: ValueHint;
}

/** A program's name, its own options (`--version`, `--help`) and its commands. */
export interface ProgramSpec {
  name: string;
  options: OptionSpec[];
  commands: CommandSpec[];
}


export const SHELLS = ['bash', 'zsh', 'fish'] as const;
export type Shell = (typeof SHELLS)[number];

/** `s` in single quotes for sh-like shells (bash, zsh): `'` becomes `'\''`. */
const shQuote = (s: string): string => `'${s.replace(/'/g, `'\\''`)}'`;

/** An option's flags: `-f|--format`, as a bash `case` pattern or a list. */
const flagsOf = (o: OptionSpec): string[] => [o.short, o.long].filter((f): f is string => f !== undefined);

// ---------------------------------------------------------------------------------------------
// bash

/** The bash statement that completes a value. */
function bashValue(hint: ValueHint): string {
  if (hint === 'file') return '_ipabs_compgen -f';
  if (hint === 'dir') return '_ipabs_compgen -d';
  if (hint === 'none') return 'COMPREPLY=()';
  return `_ipabs_compgen -W ${shQuote(hint.words.join(' '))}`;
}

function bashCommand(c: CommandSpec): string[] {
  const valued = c.options.filter((o) => o.value !== undefined);
  const words = c.options.flatMap(flagsOf).join(' ');
  return [
    `    ${shQuote(c.name)})`,
    '      case "$prev" in',
    ...valued.map((o) => `        ${flagsOf(o).join('|')}) ${bashValue(o.value!)}; return ;;`),
    '      esac',
    `      if [[ $cur == -* ]]; then _ipabs_compgen -W ${shQuote(words)}; else ${c.args === undefined ? 'COMPREPLY=()' : bashValue(c.args)}; fi ;;`,
  ];
}

function bashScript(p: ProgramSpec): string {
  const fn = `_${p.name}`;
  return [
    `# bash completion for ${p.name} (made by \`${p.name} completion bash\`). Load it in this shell:`,
    `#   source <(${p.name} completion bash)`,
    `# or in every new shell: ${p.name} completion bash > ~/.local/share/bash-completion/completions/${p.name}`,
    '_ipabs_compgen() { mapfile -t COMPREPLY < <(compgen "$@" -- "$cur"); }',
    `${fn}() {`,
    '  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}" cmd="" i',
    '  # --format=csv: bash splits the word at "=".',
    '  if [[ $cur == "=" ]]; then cur=""; elif [[ $prev == "=" && $COMP_CWORD -ge 2 ]]; then prev="${COMP_WORDS[COMP_CWORD-2]}"; fi',
    '  for ((i = 1; i < COMP_CWORD; i++)); do',
    '    if [[ ${COMP_WORDS[i]} != -* ]]; then cmd="${COMP_WORDS[i]}"; break; fi',
    '  done',
    '  case "$cmd" in',
    `    '') if [[ $cur == -* ]]; then _ipabs_compgen -W ${shQuote(p.options.flatMap(flagsOf).join(' '))}; else _ipabs_compgen -W ${shQuote(p.commands.map((c) => c.name).join(' '))}; fi ;;`,
    ...p.commands.flatMap(bashCommand),
    '  esac',
    '}',
    `complete -o filenames -F ${fn} ${p.name}`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// zsh

/** A description for a zsh `_arguments` spec: brackets and backslashes escaped. */
const zshHelp = (s: string): string => s.replace(/[\\[\]]/g, (c) => `\\${c}`);

/** The `:message:action` of a value in an `_arguments` spec. */
function zshValue(name: string, hint: ValueHint): string {
  if (hint === 'file') return `:${name}:_files`;
  if (hint === 'dir') return `:${name}:_files -/`;
  if (hint === 'none') return `:${name}: `;
  return `:${name}:(${hint.words.join(' ')})`;
}

function zshOption(o: OptionSpec): string {
  const flags = flagsOf(o);
  const value = o.value === undefined ? '' : zshValue((o.long ?? o.short ?? 'value').replace(/^-+/, ''), o.value);
  const body = `[${zshHelp(o.help)}]${value}`;
  const prefix = o.repeat ? '*' : flags.length > 1 ? `(${flags.join(' ')})` : '';
  if (flags.length === 1) return shQuote(`${prefix}${flags[0]}${body}`);
  return `${shQuote(prefix)}{${flags.join(',')}}${shQuote(body)}`;
}

function zshCommand(c: CommandSpec): string[] {
  const specs = [...c.options.map(zshOption), ...(c.args === undefined ? [] : [shQuote(`*${zshValue(c.name === 'help' ? 'command' : 'file', c.args)}`)])];
  return [`        ${shQuote(c.name)}) _arguments \\`, ...specs.map((s, i) => `          ${s}${i < specs.length - 1 ? ' \\' : ' ;;'}`)];
}

function zshScript(p: ProgramSpec): string {
  const fn = `_${p.name}`;
  return [
    `#compdef ${p.name}`,
    `# zsh completion for ${p.name} (made by \`${p.name} completion zsh\`). Load it in this shell (after compinit):`,
    `#   source <(${p.name} completion zsh)`,
    `# or save it as ${fn} in a folder of $fpath.`,
    `${fn}() {`,
    '  local curcontext="$curcontext" state line',
    '  typeset -A opt_args',
    '  _arguments -C \\',
    ...p.options.map((o) => `    ${zshOption(o)} \\`),
    "    '1: :->command' \\",
    "    '*:: :->args' && return",
    '  case $state in',
    '    command)',
    '      local -a commands',
    '      commands=(',
    ...p.commands.map((c) => `        ${shQuote(`${c.name}:${c.help}`)}`),
    '      )',
    `      _describe -t commands ${shQuote(`${p.name} command`)} commands ;;`,
    '    args)',
    '      case $words[1] in',
    ...p.commands.flatMap(zshCommand),
    '      esac ;;',
    '  esac',
    '}',
    `if [[ $funcstack[1] == ${fn} ]]; then ${fn} "$@"; else compdef ${fn} ${p.name}; fi`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// fish

/** `s` in fish single quotes: `\` and `'` escaped. */
const fishQuote = (s: string): string => `'${s.replace(/[\\']/g, (c) => `\\${c}`)}'`;

/** The flags and value part of a fish `complete` line. */
function fishOption(o: OptionSpec): string {
  const parts: string[] = [];
  if (o.short) parts.push(`-s ${o.short.slice(1)}`);
  if (o.long) parts.push(`-l ${o.long.slice(2)}`);
  if (o.value === 'file') parts.push('-r -F');
  else if (o.value === 'dir') parts.push("-x -a '(__fish_complete_directories)'");
  else if (o.value === 'none') parts.push('-x');
  else if (o.value !== undefined) parts.push(`-x -a ${fishQuote(o.value.words.join(' '))}`);
  parts.push(`-d ${fishQuote(o.help)}`);
  return parts.join(' ');
}

function fishArgs(hint: ValueHint | undefined): string | undefined {
  if (hint === undefined || hint === 'none') return undefined;
  if (hint === 'file') return '-F';
  if (hint === 'dir') return "-a '(__fish_complete_directories)'";
  return `-a ${fishQuote(hint.words.join(' '))}`;
}

function fishScript(p: ProgramSpec): string {
  const c = `complete -c ${p.name}`;
  const top = `${c} -n __fish_use_subcommand`;
  const lines = [
    `# fish completion for ${p.name} (made by \`${p.name} completion fish\`). Load it in this shell:`,
    `#   ${p.name} completion fish | source`,
    `# or save it as ~/.config/fish/completions/${p.name}.fish`,
    `${c} -f`,
    ...p.options.map((o) => `${top} ${fishOption(o)}`),
    ...p.commands.map((k) => `${top} -a ${k.name} -d ${fishQuote(k.help)}`),
  ];
  for (const k of p.commands) {
    const when = `${c} -n ${fishQuote(`__fish_seen_subcommand_from ${k.name}`)}`;
    lines.push(...k.options.map((o) => `${when} ${fishOption(o)}`));
    const args = fishArgs(k.args);
    if (args) lines.push(`${when} ${args}`);
  }
  return `${lines.join('\n')}\n`;
}

const WRITERS: Record<Shell, (p: ProgramSpec) => string> = { bash: bashScript, zsh: zshScript, fish: fishScript };

/** The completion script for `shell`. */
export function writeScript(shell: Shell, spec: ProgramSpec): string {
  return WRITERS[shell](spec);
}
