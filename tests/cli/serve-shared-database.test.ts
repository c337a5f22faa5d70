import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { SHARE_ADDRESS_FILE } from '../../db/share-address.js';
import { createPgliteDir } from '../support/databases.js';
import { CLI, runCli, runVerbatim } from './run-cli.js';

const CSV = ['id,text,nps,created_at', '1,Great service at the branch,10,2026-11-01', '2,Hidden fees again,2,2026-11-02', '3,Waited too long,6,2026-11-03', ''].join('\n');

let dataDir: string;
let remove: () => Promise<void>;
let env: Record<string, string>;
const children: ChildProcess[] = [];

beforeAll(async () => {
  ({ dataDir, remove } = await createPgliteDir());
  env = { VERBATIM_DATA_DIR: dataDir };
});

afterAll(async () => {
  for (const child of children.filter((each) => each.exitCode === null && each.signalCode === null)) {
    child.kill('SIGKILL');
    await once(child, 'close');
  }
  await remove();
});

/** Starts the built `verbatim serve --port 0` on the embedded database and resolves with its base URL once it listens. */
function startServe(): Promise<{ child: ChildProcess; base: string }> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { env: { ...process.env, DATABASE_URL: '', ...env }, cwd: PACKAGE_ROOT });
  children.push(child);
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const base = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (base !== undefined) resolve({ child, base });
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => reject(new Error(`serve exited with ${String(code)}: ${output}`)));
  });
}

describe('verbatim import while verbatim serve runs on the embedded database (issue 15 item 7)', () => {
  // Two PGlite starts in child processes (token, serve): slow on a busy machine.
  it('imports through serve, the dashboard shows the new rows, and the socket is gone after SIGTERM', { timeout: 180_000 }, async () => {
    const token = await runVerbatim(['token', 'create', '--role', 'admin'], { env });
    expect(token.code).toBe(0);
    const { child, base } = await startServe();
    const report = async (): Promise<{ verbatims: number }> => {
      const response = await fetch(`${base}/api/report`, { headers: { authorization: `Bearer ${token.stdout.trim()}` } });
      expect(response.status).toBe(200);
      return (await response.json()) as { verbatims: number };
    };
    expect((await report()).verbatims).toBe(0); // cached now: the import must make it stale
    const file = path.join(dataDir, 'answers.csv');
    await writeFile(file, CSV);

    // The dashboard keeps answering while the import works through the same database.
    const [run] = await Promise.all([runCli(['import', file, '--map', 'external_id=id'], { env }), report(), report()]);
    expect(run.stderr).toContain('the embedded database is open in `verbatim serve` (process');
    expect(run.stdout).toContain('3 imported');
    expect(run.code).toBe(0);
    await vi.waitFor(async () => expect((await report()).verbatims).toBe(3), { timeout: 15_000, interval: 250 });
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining([SHARE_ADDRESS_FILE, expect.stringMatching(/^pglite-socket-/) as string]));

    child.kill('SIGTERM');
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(0);
    expect((await readdir(dataDir)).filter((name) => name === SHARE_ADDRESS_FILE || name.startsWith('pglite-socket-') || name.endsWith('.lock'))).toEqual([]);
  });

  it('still refuses, with the clear message, when the lock holder is not a serve', async () => {
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    children.push(holder);
    try {
      await writeFile(path.join(dataDir, 'pglite.lock'), `${String(holder.pid)}\n`);
      // An address left by an earlier serve names another process: it is not the holder's, so it is not used.
      await writeFile(path.join(dataDir, SHARE_ADDRESS_FILE), JSON.stringify({ pid: process.pid, socketDir: path.join(dataDir, 'pglite-socket-old') }), { mode: 0o600 });
      const run = await runCli(['report', '--format', 'json'], { env });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`the embedded database is in use by process ${String(holder.pid)}: lock file ${path.join(dataDir, 'pglite.lock')}. Stop that process`);
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'close');
    }
  });
});
