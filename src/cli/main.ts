/**
 * The CLI: thin wiring over the library. Each command parses options, loads inputs, calls the
 * library and renders. Exit codes: 0 ok, 1 track's findings (actual periods that do not
 * balance; the report is written), 2 bad input (a clear message, no stack trace), 70 an
 * internal error (a bug: please report).
 */
import { Argument, Command, CommanderError, Option } from 'commander';
import { addOutputOptions, addRatingScaleOptions } from './options.js';
import { addInputOptions, collect } from './inputOptions.js';
import { InputError, InternalError, printable } from '../validate/diagnostics.js';
import type { SchemaOptions } from './schema.js';
import { RESULT_KINDS } from '../report/kinds.js';
import type { Io } from './io.js';
import { isBrokenPipe, processIo } from './io.js';
import { fsErrorMessage, isFsError } from '../io/fsErrors.js';
import type { MergedRun } from './shard.js';
import { VERSION } from './version.js';
import { helpLang, localizeHelp } from './helpLang.js';
import { stdinForDash } from './stdin.js';

export { VERSION } from './version.js';

/**
 * The commands defined here. The stress commands (stress, breakeven, obligors, montecarlo: their
 * definitions live in src/cli/stress.ts) are registered only when the command line may need them
 * (one of them, help, or an unknown word), so start-up of these does not load the stress code.
 * Each action loads its own module on first use.
 */
const OTHER_COMMANDS = ['validate', 'pool', 'run', 'track', 'size', 'price', 'schema'];

/**
 * A command's module, loaded on first use. Before it (and so before any zod schema is built),
 * zod's compiled fast path is switched off: it compiles a function per object schema (≈ 10 ms
 * on a deal), more than it saves when each schema parses one document (on a 10,000-row tape
 * the two are even).
 */
async function load<T>(module: () => Promise<T>): Promise<T> {
  (await import('./zodSetup.js')).zodJitless();
  return module();
}

/** Whether `argv` may need the stress commands (and merge, which runs them again): not when it names another command or asks for the version. */
const mayNeedStress = (argv: readonly string[]): boolean => !(argv[0] !== undefined && [...OTHER_COMMANDS, '-V', '--version'].includes(argv[0]));

async function buildProgram(io: Io, argv: readonly string[], merged?: MergedRun): Promise<Command> {
  const program = new Command();
  program
    .name('ipabs')
    .description('Cash flows of Chinese IP securitizations (知识产权证券化): deal files, pool reports, waterfalls, stress tests.')
    .version(VERSION)
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout(s), writeErr: (s) => io.stderr(s) })
    .showHelpAfterError('(run ipabs --help for usage)')
    .hook('preAction', (_, command) => stdinForDash(command));

  program
    .command('validate')
    .description(
      'check deal files and their tapes, or scenario files; prints ok or each problem with its file and JSON path or CSV line. A file whose "$schema" ends in scenario.schema.json is a scenario file',
    )
    .argument('<file...>', 'deal or scenario files (JSON)')
    .option('--strict', 'warnings are errors: printed as errors that say so, exit 2')
    .option('--scenario', 'the files are scenario files (one scenario, a list, or {"scenarios": [...]})')
    .option('--deal <deal>', 'check what the scenario files name (obligors, assets, supports, periods) against this deal')
    .action(async (files: string[], opts: { strict?: boolean; scenario?: boolean; deal?: string }) => {
      const { validateCommand } = await load(() => import('./validate.js'));
      io.exitCode = validateCommand(files, opts, io);
    });

  const pool = program
    .command('pool')
    .description('the pool report: totals, concentration, strata, tranche coverage; --cashflows adds the contractual cash flows')
    .argument('<deal>', 'deal file (JSON)')
    .option('--cashflows', 'add the contractual pool cash flows per collection period')
    .option('--asset-flows', "add every asset's contractual payments");
  addOutputOptions(pool).action(async (deal: string, opts) => {
    const { poolCommand } = await load(() => import('./pool.js'));
    io.exitCode = await poolCommand(deal, opts, io);
  });

  const run = program
    .command('run')
    .description('run the waterfall: tranche cash-flow tables, pool collections, fees, accounts, support draws, events, analytics')
    .argument('<deal>', 'deal file (JSON)')
    .option('-s, --scenario <file>', 'performance scenario (JSON): obligor defaults, support failures')
    .option('--ledger', 'add every cash movement: to the JSON result, or as a section of the report')
    .option('--status <file>', 'run the rest of the deal from a status file (a live deal: balances, accounts, asset statuses on a date)')
    .option('--status-at <date>', 'write the status the projection reaches on this date (a status file, JSON) instead of the run');
  addOutputOptions(run).action(async (deal: string, opts) => {
    const { runCommand } = await load(() => import('./run.js'));
    io.exitCode = await runCommand(deal, opts, io);
  });

  registerTrackCommand(program, io);
  registerSizeCommand(program, io);

  const price = program
    .command('price')
    .description('price ↔ yield of a tranche per 100 yuan of face on a date (PBoC 2007 convention): full price (全价), accrued interest (应计利息), clean price (净价), yield, durations, convexity; a spread over a curve')
    .argument('<deal>', 'deal file (JSON)')
    .requiredOption('--tranche <id>', 'the tranche to price (its id)')
    .requiredOption('--date <date>', 'settlement date (YYYY-MM-DD), from the closing date to before the maturity')
    .option('--yield <percent>', 'price at this yield (percent: 4 or 4.25%)')
    .option('--price <clean>', 'solve the yield from this clean price (净价) per 100 yuan of face')
    .option('--full-price <full>', 'solve the yield from this full price (全价) per 100 yuan of face')
    .option('--spread <bp>', 'price at the curve (--curve) plus this spread in basis points')
    .option('--curve <file>', 'yield curve: CSV lines tenor,yield (years, percent) or JSON [{"tenor":1,"yield":2.35}]; with --yield or --price the spread over it is solved')
    .addOption(new Option('--to <maturity>', 'the payments to price: to the expected maturity (what is owed then is repaid then) or the legal maturity (as projected)').choices(['expected', 'legal']).default('expected'))
    .option('-s, --scenario <file>', 'performance scenario (JSON); default the base case')
    .option('--status <file>', 'price the rest of a live deal, run from a status file (a settlement date on or after its date)');
  addOutputOptions(price).action(async (deal: string, opts) => {
    const { priceCommand } = await load(() => import('./price.js'));
    io.exitCode = await priceCommand(deal, opts, io);
  });

  if (mayNeedStress(argv)) {
    (await load(() => import('./stress.js'))).registerStressCommands(program, io, merged);
    (await import('./merge.js')).registerMergeCommand(program, io, (args, parts) => main(args, io, parts));
  }

  program
    .command('schema')
    .description('print the JSON Schema of deal files (schemas/deal.schema.json), with --scenario of scenario files, with --status of status files, with --result of a command’s JSON output')
    .option('--scenario', 'the scenario file’s schema (schemas/scenario.schema.json)')
    .option('--status', 'the status file’s schema (schemas/status.schema.json)')
    .option('--result <command>', `the schema of a command’s --format json output (schemas/COMMAND-result.schema.json): ${RESULT_KINDS.join(', ')}`)
    .option('--run-result', 'the same as --result run (schemas/run-result.schema.json)')
    .option('-o, --out <file>', 'write to a .json file (or a FIFO or device such as /dev/stdout) instead of stdout')
    .action(async (opts: SchemaOptions) => {
      const { schemaCommand } = await load(() => import('./schema.js'));
      io.exitCode = schemaCommand(opts, io);
    });

  for (const c of program.commands) if (c.name() !== 'schema') addInputOptions(c);
  program
    .command('completion')
    .description('print a completion script for bash, zsh or fish: source <(ipabs completion bash), ipabs completion fish | source (README, "Shell habits")')
    .addArgument(new Argument('<shell>', 'bash, zsh or fish').choices(['bash', 'zsh', 'fish']))
    .action(async (shell: string) => {
      const { completionCommand } = await import('./completion.js');
      io.exitCode = completionCommand(shell, program, io);
    });
  if (helpLang(argv, process.env) === 'zh') localizeHelp(program);
  return program;
}

/** `ipabs track`: its options here, its work loaded on first use. */
function registerTrackCommand(program: Command, io: Io): void {
  const track = program
    .command('track')
    .description('a live deal: actual figures (收益分配报告) against the projection — each period balanced, triggers tested on the actuals, actual beside projected with variances and the cumulative default ratio — then the rest projected from the last actual period')
    .argument('<deal>', 'deal file (JSON)')
    .requiredOption('--actuals <file>', 'the actual figures, a line each: 兑付日,项目,对象,金额 (CSV or .xlsx; README, "Tracking actuals")')
    .option('--status <file>', 'the status after the last actual period (asset statuses), checked against the actuals; without it, built from the actuals and the projection')
    .option('-s, --scenario <file>', 'performance scenario (JSON) of the projection; default the base case');
  addOutputOptions(track).action(async (deal: string, opts) => {
    const { trackCommand } = await load(() => import('./track.js'));
    io.exitCode = await trackCommand(deal, opts, io);
  });
}

/** `ipabs size`: its options here, its work loaded on first use. */
function registerSizeCommand(program: Command, io: Io): void {
  const size = program
    .command('size')
    .description('size the tranches to target ratings: the largest balance of each targeted tranche (senior first) that still earns its grade, the rest to the tranche below, the issue size kept; the structure table and, with --out-deal, the resized deal')
    .argument('<deal>', 'deal file (JSON)')
    .addOption(new Option('-T, --target <tranche=grade>', 'a tranche and the grade it must earn, e.g. A=AAA (repeat for more tranches)').argParser(collect))
    .option('--step <amount>', 'balances move in steps of this amount: yuan, or 100万, 0.5亿 (default 100万)')
    .option('--base-rate <pct>', 'base-case cumulative default rate the multiples multiply, per cent (default: the deal’s baseCase)')
    .option('--recovery <pct>', 'recovery rate, per cent (default: the deal’s baseCase)')
    .option('--lag <periods>', 'recovery lag in periods (default: the deal’s baseCase)')
    .addOption(new Option('--principal-by <basis>', 'principal repaid in full by the expected or the legal maturity').choices(['expected', 'legal']).default('expected'))
    .option('--preset <name>', 'each grade must also hold in every scenario of this preset (cn-standard: recovery, timing, spread and delay stresses), each at the TDR')
    .option('--no-support', 'size on the pool and internal enhancement alone (no guarantees, undertakings, liquidity support)')
    .option('--out-deal <file>', 'write the resized deal file (.json; whole or not at all; never over an input)');
  addOutputOptions(addRatingScaleOptions(size)).action(async (deal: string, opts) => {
    const { sizeCommand } = await load(() => import('./size.js'));
    io.exitCode = await sizeCommand(deal, opts, io);
  });
}

/**
 * Runs the CLI on `argv` (without node and script); returns the exit code. `merged`: the parts
 * `ipabs merge` hands the command it runs again.
 */
export async function main(argv: string[], io: Io = processIo(), merged?: MergedRun): Promise<number> {
  try {
    const program = await buildProgram(io, argv, merged);
    await program.parseAsync(argv, { from: 'user' });
    return io.exitCode ?? 0;
  } catch (err) {
    if (err instanceof CommanderError) {
      // Help and version exit 0; usage errors have already been printed by commander.
      return err.exitCode === 0 ? 0 : 2;
    }
    // The reader of stdout has gone (`| head -1`): nothing left to say, and not a failure.
    if (isBrokenPipe(err)) return io.exitCode ?? 0;
    if (err instanceof InputError) {
      io.stderr(`ipabs: ${printable(err.message, true)}\n`);
      return 2;
    }
    // A file the user named cannot be read or written (ENOTDIR, EBUSY, EMFILE, a NUL in a
    // path…): bad input, in words. Only errno-style errors: anything else stays a bug.
    if (isFsError(err)) {
      io.stderr(`ipabs: ${printable(fsErrorMessage(err), true)}\n`);
      return 2;
    }
    const detail = err instanceof Error ? (err.stack ?? err.message) : String(err);
    io.stderr(`ipabs: internal error${err instanceof InternalError ? '' : ' (unexpected)'}: ${err instanceof Error ? err.message : String(err)}\nThis is a bug in ipabs; please report it with the deal file and this message.\n`);
    if (process.env['IPABS_DEBUG']) io.stderr(`${detail}\n`);
    return 70;
  }
}
