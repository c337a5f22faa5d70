import { Command, CommanderError } from 'commander';
import { readEnvironment } from './environment.js';
import { EXIT_INPUT, EXIT_OK, reportFailure } from './exit-codes.js';
import type { CliContext } from './context.js';
import { VERSION } from './version.js';

/** A subcommand: adds itself to the program; its action runs with the shared context. */
export type CommandRegistration = (program: Command, context: CliContext) => void;

/**
 * Subcommands by name; each loads its heavy dependencies (database, models) only when it runs.
 * Each module registers the one top-level command it is named after.
 */
const registrations: ReadonlyMap<string, () => Promise<CommandRegistration>> = new Map([
  ['demo', async () => (await import('./demo.js')).registerDemo],
  ['import', async () => (await import('./import.js')).registerImport],
  ['scrape', async () => (await import('./scrape.js')).registerScrape],
  ['enrich', async () => (await import('./enrich.js')).registerEnrich],
  ['worker', async () => (await import('./worker.js')).registerWorker],
  ['queue', async () => (await import('./queue.js')).registerQueue],
  ['report', async () => (await import('./report.js')).registerReport],
  ['export', async () => (await import('./export.js')).registerExport],
  ['followups', async () => (await import('./followups.js')).registerFollowups],
  ['forget', async () => (await import('./forget.js')).registerForget],
  ['secret', async () => (await import('./secret.js')).registerSecret],
  ['serve', async () => (await import('./serve.js')).registerServe],
  ['token', async () => (await import('./token.js')).registerToken],
  ['train', async () => (await import('./train.js')).registerTrain],
  ['alerts', async () => (await import('./alerts.js')).registerAlerts],
  ['taxonomy', async () => (await import('./taxonomy.js')).registerTaxonomy],
]);

/**
 * The registrations `argv` needs: only the subcommand it names first (`verbatim report …`), so a
 * command does not load the module graphs of the fifteen others (≈ 0.3 s of CPU at start); none
 * for `--version`; every one for anything else (`--help`, `help`, a mistyped name that commander
 * suggests a command for), in the order the help lists them.
 */
export function registrationsFor(argv: readonly string[]): (() => Promise<CommandRegistration>)[] {
  const first = argv[2];
  if (first === '--version' || first === '-V') return [];
  const named = first === undefined ? undefined : registrations.get(first);
  return named === undefined ? [...registrations.values()] : [named];
}

/**
 * Runs the `verbatim` command line and returns the exit code.
 *
 * @example process.exitCode = await runCli(process.argv)
 */
export async function runCli(argv: readonly string[], overrides: Partial<CliContext> = {}): Promise<number> {
  const stderr = overrides.stderr ?? process.stderr;
  let debug = false;
  try {
    const env = overrides.env ?? readEnvironment(process.env, overrides.cwd ?? process.cwd());
    debug = env.debug;
    const context: CliContext = {
      env,
      cwd: overrides.cwd ?? process.cwd(),
      stdin: overrides.stdin ?? process.stdin,
      stdout: overrides.stdout ?? process.stdout,
      stderr,
      now: overrides.now ?? (() => new Date()),
    };
    const program = new Command('verbatim')
      .description('Text analytics for customer verbatims: language, sentiment per theme, themes, journey, NPS drivers.')
      .version(VERSION)
      .exitOverride()
      .configureOutput({
        writeOut: (text) => context.stdout.write(text),
        writeErr: (text) => stderr.write(text),
      })
      .showHelpAfterError('(run `verbatim --help` for the commands)');
    for (const load of registrationsFor(argv)) (await load())(program, context);
    await program.parseAsync(argv as string[]);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version exit with 0; a bad flag or a missing argument is a usage error.
      return error.exitCode === 0 ? EXIT_OK : EXIT_INPUT;
    }
    return reportFailure(error, stderr, debug);
  }
}
