import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { createPostgresDatabase } from '../support/databases.js';
import { CLI, runCli } from './run-cli.js';

let env: Record<string, string>;
let drop: () => Promise<void>;
let server: ChildProcess | undefined;

beforeAll(async () => {
  const database = await createPostgresDatabase();
  drop = database.drop;
  env = { DATABASE_URL: database.url };
});

afterAll(async () => {
  if (server !== undefined && server.exitCode === null) {
    server.kill('SIGTERM');
    await once(server, 'close');
  }
  await drop();
});

/** Starts the built `verbatim serve --port 0` and resolves with its base URL once it listens. */
async function startServer(): Promise<string> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0'], { env: { ...process.env, ...env }, cwd: PACKAGE_ROOT });
  server = child;
  let output = '';
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const url = /on (http:\/\/127\.0\.0\.1:\d+)\//.exec(output)?.[1];
      if (url !== undefined) resolve(url);
    });
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('close', (code) => reject(new Error(`serve exited with ${String(code)}: ${output}`)));
  });
}

describe('verbatim token and verbatim serve', () => {
  let viewer = '';

  it('prints a new token once on stdout, and its role and scope on stderr', async () => {
    const run = await runCli(['token', 'create', '--role', 'viewer', '--scope', 'branch=Lyon', '--label', 'Lyon team'], { env });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^vbt_[A-Za-z0-9_-]{43}\n$/);
    expect(run.stderr).toContain('viewer, scope branch=Lyon');
    viewer = run.stdout.trim();
    const list = await runCli(['token', 'list'], { env });
    expect(list.stdout).toContain('#1 viewer scope=branch=Lyon Lyon team');
    expect(list.stdout).not.toContain(viewer);
  });

  it.each([
    [['token', 'create', '--role', 'boss'], 'expected one of admin, analyst, viewer'],
    [['token', 'create', '--role', 'viewer', '--scope', 'Lyon'], 'expected KEY=VALUE'],
    [['token', 'create'], "required option '--role <role>' not specified"],
    [['serve', '--port', '70000'], 'expected a port from 0 to 65535'],
    [['serve', '--refresh-ahead', 'some'], 'expected a whole number, 0 or more, got `some`'],
  ])('refuses %j with exit code 1', async (args, message) => {
    const run = await runCli(args, { env });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
  });

  it('serves the API with the token, refuses it once revoked, and stops on SIGTERM', async () => {
    const base = await startServer();
    const report = await fetch(`${base}/api/report`, { headers: { authorization: `Bearer ${viewer}` } });
    expect(report.status).toBe(200);
    expect(await report.json()).toMatchObject({ nps: { n: 0 }, filters: { segments: { branch: 'Lyon' } } });
    expect((await fetch(`${base}/api/report`)).status).toBe(401);
    const login = await fetch(`${base}/login`);
    expect(login.status).toBe(200);
    expect(await login.text()).toContain('name="token"');

    expect((await runCli(['token', 'revoke', '1'], { env })).code).toBe(0);
    expect((await fetch(`${base}/api/report`, { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(401);

    const child = server as ChildProcess;
    child.kill('SIGTERM');
    const [code] = (await once(child, 'close')) as [number | null];
    expect(code).toBe(0);
  });
});
