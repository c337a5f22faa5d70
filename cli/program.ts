import { Command, CommanderError } from 'commander';
import { readEnvironment } from './environment.js';
import { EXIT_INPUT, EXIT_OK, reportFailure } from './exit-codes.js';
import type { CliContext } from './context.js';
import { VERSION } from './version.js';

/** A subcommand: adds itself to the program; its action runs with the shared context. */
export type CommandRegistration = (program: Command, context: CliContext) => void;

/** Subcommands; each loads its heavy dependencies (database, models) only when it runs. */
const registrations: readonly (() => Promise<CommandRegistration>)[] = [
  async () => (await import('./demo.js')).registerDemo,
  async () => (await import('./import.js')).registerImport,
  async () => (await import('./scrape.js')).registerScrape,
  async () => (await import('./enrich.js')).registerEnrich,
  async () => (await import('./worker.js')).registerWorker,
  async () => (await import('./queue.js')).registerQueue,
  async () => (await import('./report.js')).registerReport,
  async () => (await import('./export.js')).registerExport,
  async () => (await import('./followups.js')).registerFollowups,
  async () => (await import('./forget.js')).registerForget,
  async () => (await import('./secret.js')).registerSecret,
  async () => (await import('./serve.js')).registerServe,
  async () => (await import('./token.js')).registerToken,
  async () => (await import('./train.js')).registerTrain,
  async () => (await import('./alerts.js')).registerAlerts,
  async () => (await import('./taxonomy.js')).registerTaxonomy,
];

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
    for (const load of registrations) (await load())(program, context);
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
