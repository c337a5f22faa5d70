import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../db/open-database.js';
import { ALERTS_YAML, seedAlertsData } from '../analysis/alerts-fixture.js';
import { runCli } from './run-cli.js';
import { seedMigratedPglite } from '../support/pglite-template.js';

/** `verbatim alerts run` mailing through a loopback SMTP server that wants a sign-in. */
describe('verbatim alerts run with an e-mail destination', () => {
  let dir: string;
  let env: Record<string, string>;
  let server: SMTPServer;
  let port = 0;
  const received: string[][] = [];

  beforeAll(async () => {
    server = new SMTPServer({
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => (auth.password === 'from-env' ? callback(null, { user: auth.username }) : callback(new Error('Invalid username or password'))),
      onData(stream, session, callback) {
        stream.resume();
        stream.on('end', () => {
          received.push(session.envelope.rcptTo.map((to) => to.address));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.server.address() as AddressInfo).port;
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-alerts-email-'));
    env = { VERBATIM_DATA_DIR: path.join(dir, 'data') };
    await seedMigratedPglite(path.join(dir, 'data'));
    await mkdir(path.join(dir, 'data'), { recursive: true });
    const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      await seedAlertsData(opened.db);
    } finally {
      await opened.close();
    }
    const email = `email:\n  to: [insight@example.com]\n  from: verbatim@example.com\n  smtp: { host: 127.0.0.1, port: ${port}, security: none, user: alerts }\ndashboardUrl: https://verbatim.example.com\n`;
    await writeFile(path.join(dir, 'rules.yaml'), `${email}${ALERTS_YAML}`);
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(resolve));
    await rm(dir, { recursive: true, force: true });
  });

  const run = (now: string, password: string) => runCli(['alerts', 'run', '--rules', path.join(dir, 'rules.yaml'), '--now', now], { env: { ...env, VERBATIM_SMTP_PASSWORD: password } });

  it('signs in with VERBATIM_SMTP_PASSWORD and says the e-mail went', async () => {
    const first = await run('2026-06-15T12:00:00Z', 'from-env');
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`e-mail to 1 recipient via 127.0.0.1:${port} sent\n`);
    expect(received).toEqual([['insight@example.com']]);
  });

  it('prints a failed delivery, still stores the alerts, and mails them once the server takes them', async () => {
    // The same events again, as if never raised.
    const opened = await openDatabase({ dataDir: env['VERBATIM_DATA_DIR'] });
    try {
      await opened.db.deleteFrom('alerts').execute();
    } finally {
      await opened.close();
    }
    const failed = await run('2026-06-15T12:00:00Z', 'wrong');
    expect(failed.code, failed.stderr).toBe(0);
    expect(failed.stdout).toMatch(/^2 rules evaluated, 2 new alerts/);
    expect(failed.stdout).toMatch(new RegExp(`e-mail to 1 recipient via 127\\.0\\.0\\.1:${port} failed after 2 attempts: SMTP 127\\.0\\.0\\.1:${port}: Invalid login`));
    expect(failed.stdout).not.toContain('wrong');
    const again = await run('2026-06-15T12:00:00Z', 'from-env');
    expect(again.stdout).toBe(`2 rules evaluated, 0 new alerts (2 already raised; 2 undelivered before, sent again)\ne-mail to 1 recipient via 127.0.0.1:${port} sent\n`);
    expect(received).toHaveLength(2);
    const quiet = await run('2026-06-15T12:00:00Z', 'from-env');
    expect(quiet.stdout).toBe('2 rules evaluated, 0 new alerts (2 already raised)\n');
    expect(received).toHaveLength(2);
  });
});
