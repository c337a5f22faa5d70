import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { BUILT_EXECUTABLE } from '../core/package-root.js';
import { promisify } from 'node:util';

const run = promisify(execFile);

/** What one fresh `verbatim` process cost, as GNU time reports it. */
export interface ColdRun {
  readonly wall_s: number;
  /** User + system CPU seconds of the process and its threads. */
  readonly cpu_s: number;
  readonly peak_rss_mb: number;
}

/**
 * Runs `verbatim ARGS…` in a fresh process (modules, WASM, database connection all cold) under
 * `/usr/bin/time`, output discarded, and returns its wall and CPU seconds and peak RSS. `env`
 * chooses the database (`DATABASE_URL`, `VERBATIM_DATA_DIR`) as for a user.
 *
 * @example await coldCommand(['report', '--format', 'json'], { ...process.env, VERBATIM_DATA_DIR: dir })
 */
export async function coldCommand(args: readonly string[], env: NodeJS.ProcessEnv): Promise<ColdRun> {
  const scratch = await mkdtemp(path.join(tmpdir(), 'verbatim-cold-'));
  try {
    const measured = path.join(scratch, 'time');
    await run('/usr/bin/time', ['-o', measured, '-f', '%e %U %S %M', process.execPath, BUILT_EXECUTABLE, ...args], { env, maxBuffer: 1 << 28 });
    const [wall, user, system, rssKb] = (await readFile(measured, 'utf8')).trim().split('\n').at(-1)?.split(' ').map(Number) ?? [];
    return { wall_s: wall ?? Number.NaN, cpu_s: (user ?? Number.NaN) + (system ?? Number.NaN), peak_rss_mb: (rssKb ?? Number.NaN) / 1024 };
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
