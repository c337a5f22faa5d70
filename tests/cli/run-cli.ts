import { spawn } from 'node:child_process';
import path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { pathToFileURL } from 'node:url';
import { BUILT_EXECUTABLE, PACKAGE_ROOT } from '../../core/package-root.js';
import type * as Environment from '../../cli/environment.js';
import type * as ExitCodes from '../../cli/exit-codes.js';
import type * as Program from '../../cli/program.js';

/** The built executable, as `package.json`'s `bin` names it: the bundle (`npm test` builds first; cli/bundle.ts). */
export const CLI = BUILT_EXECUTABLE;

/** The same command as compiled by `tsc`, one module a file: what the bundle is built from. */
export const COMPILED_CLI = path.join(PACKAGE_ROOT, 'dist', 'cli', 'main.js');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** The environment variables the command sees (`DATABASE_URL` unset unless given here). */
  readonly env?: Record<string, string>;
  /** What the command reads on stdin (`--in -`); empty by default. */
  readonly stdin?: string;
  /** The working directory; the package root by default. */
  readonly cwd?: string;
  /** The command's clock (in-process runs only): fixed, so what is computed from it (hours late) compares across runs. */
  readonly now?: () => Date;
}

/**
 * Runs the built `verbatim` command in this process: the same code as `node dist/cli/main.js ARGS`
 * (`runCli` of dist/cli/program.js, its worker threads included), without a process start and its
 * module loading. For what is not about the process itself; `runVerbatim` spawns one.
 *
 * @example const run = await runCli(['report', '--format', 'json'], { env: { VERBATIM_DATA_DIR: dir } });
 */
export async function runCli(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const { program, environment, exitCodes } = await builtCli();
  const cwd = options.cwd ?? PACKAGE_ROOT;
  const stdout = new Collector();
  const stderr = new Collector();
  let code: number;
  try {
    const env = environment.readEnvironment({ ...options.env }, cwd);
    code = await program.runCli(['node', CLI, ...args], {
      env,
      cwd,
      stdin: Readable.from([Buffer.from(options.stdin ?? '')], { objectMode: false }),
      stdout,
      stderr,
      ...(options.now === undefined ? {} : { now: options.now }),
    });
  } catch (error) {
    // A bad environment variable: what `main.js` reports for it.
    code = exitCodes.reportFailure(error, stderr, false);
  }
  return { code, stdout: stdout.text, stderr: stderr.text };
}

/** Runs the built `verbatim` command as a separate process, as a user would: for tests about the process itself (signals, stdout). */
export function runVerbatim(args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: '', ...options.env };
    delete env['DOTENV_CONFIG_QUIET'];
    const child = spawn(process.execPath, [CLI, ...args], { env, cwd: options.cwd ?? PACKAGE_ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

interface BuiltCli {
  readonly program: typeof Program;
  readonly environment: typeof Environment;
  readonly exitCodes: typeof ExitCodes;
}

let built: Promise<BuiltCli> | undefined;

/** dist/cli's modules, loaded once per test file (natively: vitest.config.ts leaves dist/ to Node). */
function builtCli(): Promise<BuiltCli> {
  // As main.js does before loading anything: `natural`'s dotenv must not print.
  process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
  const load = <T>(file: string): Promise<T> => import(pathToFileURL(path.join(PACKAGE_ROOT, 'dist', 'cli', file)).href) as Promise<T>;
  built ??= Promise.all([load<typeof Program>('program.js'), load<typeof Environment>('environment.js'), load<typeof ExitCodes>('exit-codes.js')]).then(
    ([program, environment, exitCodes]) => ({ program, environment, exitCodes }),
  );
  return built;
}

/** A stream that keeps what is written to it, as text. */
class Collector extends Writable {
  text = '';

  override _write(chunk: Buffer | string, _encoding: BufferEncoding, callback: (error?: Error | null) => void): void {
    this.text += chunk.toString();
    callback();
  }
}
