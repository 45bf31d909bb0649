/**
 * The language of the help text, chosen at start-up: `--lang zh|en` on the command line (the
 * option that also sets the language of report headers), else the locale (`LC_ALL`, then
 * `LC_MESSAGES`, then `LANG`, as POSIX orders them) when it starts with `zh`; English otherwise.
 * Only the help is translated: error messages stay English.
 */
import { Help, type Command } from 'commander';
import { displayWidth } from '../report/width.js';
import { ZH_ARGUMENTS, ZH_COMMANDS, ZH_HEADINGS, ZH_HELP_COMMAND, ZH_HELP_OPTION, ZH_OPTIONS, ZH_PROGRAM, ZH_VERSION_OPTION } from './helpZh.js';

export type HelpLang = 'zh' | 'en';

/** The `--lang` value on the command line (`--lang zh`, `--lang=zh`, `-l zh`, `-lzh`), if any. */
function langArgument(argv: readonly string[]): string | undefined {
  let found: string | undefined;
  argv.forEach((a, i) => {
    if (a === '--lang' || a === '-l') found = argv[i + 1];
    else if (a.startsWith('--lang=')) found = a.slice('--lang='.length);
    else if (/^-l[a-z]/.test(a)) found = a.slice(2);
  });
  return found;
}

/**
 * The help language for `argv` and the environment `env`.
 *
 * @example helpLang(['--help', '--lang', 'zh'], {}) // 'zh'
 * @example helpLang(['--help'], { LANG: 'zh_CN.UTF-8' }) // 'zh'
 * @example helpLang(['--help'], { LC_ALL: 'C', LANG: 'zh_CN.UTF-8' }) // 'en'
 */
export function helpLang(argv: readonly string[], env: Readonly<Record<string, string | undefined>>): HelpLang {
  const given = langArgument(argv);
  if (given === 'zh' || given === 'en') return given;
  const locale = env['LC_ALL'] || env['LC_MESSAGES'] || env['LANG'] || '';
  return /^zh/i.test(locale) ? 'zh' : 'en';
}

/** An option's key in ZH_OPTIONS: its long flag as written (`--no-support`), or its short flag. */
const optionKey = (o: { long?: string; short?: string }): string => o.long ?? o.short ?? '';

/** The Chinese description of option `flag` of command `command`: its own, else the shared one. */
export function zhOption(command: string, flag: string): string | undefined {
  return ZH_OPTIONS[`${command} ${flag}`] ?? ZH_OPTIONS[flag];
}

/** A chunk of text to wrap: one CJK character or full-width mark, or a run of other non-space characters; with the spaces before it. */
const CHUNK = /\s*(?:[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+)/gu;
/** Marks no line may start with (a line break goes before the character ahead of them). */
const NO_LINE_START = /^[，。、；：！？）》」』”’]/u;

/**
 * Wraps `line` to `width` display columns, breaking between words and between any two Chinese
 * characters (commander breaks only at spaces, so a Chinese description would run past the edge).
 * A closing mark (`，` `。` `）`…) never starts a line: the character before it moves down with it.
 */
export function wrapLine(line: string, width: number): string {
  const lines: string[][] = [];
  let current: string[] = [];
  const text = () => current.join('');
  for (const chunk of line.match(CHUNK) ?? []) {
    if (text().trim() === '' || displayWidth(text() + chunk) <= width) {
      current.push(chunk);
      continue;
    }
    const carried = NO_LINE_START.test(chunk) && current.length > 1 ? [current.pop()!] : [];
    lines.push(current);
    current = [...carried, chunk];
    current[0] = current[0]!.trimStart();
  }
  lines.push(current);
  return lines.map((l) => l.join('').trimEnd()).join('\n');
}

/** Commander's help in Chinese: headings, `(可选：…，默认：…)`, and widths that count a CJK character as two columns. */
function zhHelp(): Partial<Help> {
  const describe = (text: string) => text.replace(/\(choices: /g, '(可选：').replace(/, default: /g, '，默认：').replace(/\(default: /g, '(默认：');
  return {
    styleTitle: (title: string) => ZH_HEADINGS[title] ?? title,
    optionDescription(option) {
      return describe(Help.prototype.optionDescription.call(this, option));
    },
    argumentDescription(argument) {
      return describe(Help.prototype.argumentDescription.call(this, argument));
    },
    displayWidth,
    boxWrap(str: string, width: number) {
      return width < this.minWidthToWrap! ? str : str.split('\n').map((l) => wrapLine(l, width)).join('\n');
    },
  };
}

/**
 * Puts the Chinese descriptions on `program` and every command under it (built in English):
 * descriptions, arguments, options, the help and version options and the help command. A
 * command or option without a translation keeps its English text.
 */
export function localizeHelp(program: Command): void {
  program.description(ZH_PROGRAM);
  program.helpCommand('help [command]', ZH_HELP_COMMAND);
  const version = program.options.find((o) => o.long === '--version');
  if (version) version.description = ZH_VERSION_OPTION;
  for (const c of [program, ...program.commands]) {
    const name = c.name();
    c.configureHelp(zhHelp());
    c.helpOption('-h, --help', ZH_HELP_OPTION);
    if (c !== program && ZH_COMMANDS[name]) c.description(ZH_COMMANDS[name]);
    for (const a of c.registeredArguments) a.description = ZH_ARGUMENTS[a.name()] ?? a.description;
    for (const o of c.options) o.description = zhOption(name, optionKey(o)) ?? o.description;
  }
}
