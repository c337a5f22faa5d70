import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { SMTPServer, type SMTPServerAddress } from 'smtp-server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAlertRules } from '../../analysis/alerts-rules.js';
import { runAlerts } from '../../analysis/alerts-run.js';
import { listAlerts } from '../../db/alerts.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { ALERTS_NOW, ALERTS_YAML, seedAlertsData } from './alerts-fixture.js';

/** One message as the loopback server received it: envelope, sign-in and the decoded source. */
interface Received {
  readonly from: string;
  readonly to: string[];
  readonly user: string | null;
  readonly source: string;
}

/** Undoes quoted-printable soft breaks and escapes, enough to read links and text in a raw message. */
const decodeQuotedPrintable = (raw: string): string =>
  raw.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(Number.parseInt(hex, 16)));

const inbox: Received[] = [];
/** What the server answers to the next messages (then acceptance). */
let refusals: string[] = [];
let server: SMTPServer;
let port = 0;

beforeAll(async () => {
  server = new SMTPServer({
    disabledCommands: ['STARTTLS'],
    authOptional: true,
    allowInsecureAuth: true,
    logger: false,
    onAuth(auth, _session, callback) {
      if (auth.username === 'alerts' && auth.password === 's3cret') callback(null, { user: auth.username });
      else callback(new Error('Invalid username or password'));
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const refusal = refusals.shift();
        if (refusal !== undefined) return callback(Object.assign(new Error(refusal), { responseCode: 451 }));
        const address = (entry: SMTPServerAddress | false): string => (entry === false ? '' : entry.address);
        inbox.push({
          from: address(session.envelope.mailFrom),
          to: session.envelope.rcptTo.map(address),
          user: typeof session.user === 'string' ? session.user : null,
          source: decodeQuotedPrintable(Buffer.concat(chunks).toString('utf8')),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(resolve));
});

beforeEach(() => {
  inbox.length = 0;
  refusals = [];
});

/** The rules of the fixture with an e-mail destination on the loopback server. */
function rulesWithEmail(smtp = `{ host: 127.0.0.1, port: ${port}, security: none }`): ReturnType<typeof parseAlertRules> {
  return parseAlertRules(rulesWithEmailText(smtp), 'alerts.yaml');
}

function rulesWithEmailText(smtp = `{ host: 127.0.0.1, port: ${port}, security: none }`): string {
  const email = `email:\n  to: [insight@example.com, cx-lead@example.com]\n  from: verbatim@example.com\n  smtp: ${smtp}\n`;
  return `${email}dashboardUrl: https://verbatim.example.com\n${ALERTS_YAML}`;
}

describe('the e-mail destination of the rules file', () => {
  it('needs the dashboard address, for the links', () => {
    expect(() => parseAlertRules(`email: { to: [a@example.com], from: b@example.com, smtp: { host: mail.example.com } }\n${ALERTS_YAML}`, 'alerts.yaml')).toThrow(
      'alerts.yaml at `dashboardUrl`: give `dashboardUrl` too',
    );
  });

  it('refuses a recipient that is not an address', () => {
    expect(() => parseAlertRules(`dashboardUrl: https://v.example.com\nemail: { to: [insight], from: b@example.com, smtp: { host: h } }\n${ALERTS_YAML}`, 'alerts.yaml')).toThrow(
      'alerts.yaml at `email.to.0`',
    );
  });
});

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
    await sql`truncate table alerts restart identity cascade`.execute(database().db);
    await seedAlertsData(database().db);
  });

  it('mails the new alerts once to every recipient, with their numbers and links to their verbatims', async () => {
    const { db } = database();
    const rules = rulesWithEmail();
    const first = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(first.email).toEqual({ server: `127.0.0.1:${port}`, recipients: ['insight@example.com', 'cx-lead@example.com'], attempts: 1, error: null });
    expect(inbox).toHaveLength(1);
    const [mail] = inbox;
    expect(mail?.from).toBe('verbatim@example.com');
    expect(mail?.to).toEqual(['insight@example.com', 'cx-lead@example.com']);
    expect(mail?.user).toBeNull();
    expect(mail?.source).toMatch(/^Subject: verbatim: 2 new alerts\r?$/m);
    expect(mail?.source).toContain('Content-Type: text/plain');
    expect(mail?.source).toContain('Content-Type: text/html');
    expect(mail?.source).toContain('#1 Spike: volume of theme fees_pricing 30 in 2026-W24');
    expect(mail?.source).toContain('Verbatims: https://verbatim.example.com/search?theme=fees_pricing&from=2026-06-08&to=2026-06-15');
    expect(mail?.source).toContain('<a href="https://verbatim.example.com/search?from=2026-06-08&amp;to=2026-06-15&amp;segment=branch%3ALyon">');
    expect(mail?.source).toContain('  Baseline: 10');
    expect(mail?.source).toContain('  Verbatims (n): 30');
    expect((await listAlerts(db)).every((alert) => alert.delivered_at !== null && alert.delivery_error === null)).toBe(true);

    const second = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(second.raised).toEqual([]);
    expect(second.email).toBeNull();
    expect(inbox).toHaveLength(1);
  });

  it('signs in with the password from the environment', async () => {
    const rules = rulesWithEmail(`{ host: 127.0.0.1, port: ${port}, security: none, user: alerts }`);
    const result = await runAlerts(database().db, rules, { now: ALERTS_NOW, retryDelayMs: 0, smtpPassword: 's3cret' });
    expect(result.email?.error).toBeNull();
    expect(inbox.map((mail) => mail.user)).toEqual(['alerts']);
  });

  it('retries once after a refusal', async () => {
    refusals = ['try later'];
    const result = await runAlerts(database().db, rulesWithEmail(), { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(result.email).toMatchObject({ attempts: 2, error: null });
    expect(inbox).toHaveLength(1);
  });

  it('records a failed delivery on the stored alerts and mails them in the next run, once', async () => {
    const { db } = database();
    refusals = ['mailbox unavailable', 'mailbox unavailable'];
    const rules = rulesWithEmail();
    const first = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(first.raised).toHaveLength(2);
    expect(first.email?.error).toMatch(new RegExp(`^SMTP 127\\.0\\.0\\.1:${port}: .*mailbox unavailable`));
    const stored = await listAlerts(db);
    expect(stored.map((alert) => [alert.delivered_at, alert.delivery_error?.startsWith(`SMTP 127.0.0.1:${port}: `)])).toEqual([
      [null, true],
      [null, true],
    ]);
    const second = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(second).toMatchObject({ raised: [], retried: 2, email: { error: null } });
    expect(inbox).toHaveLength(1);
    expect((await listAlerts(db)).every((alert) => alert.delivered_at !== null && alert.delivery_error === null)).toBe(true);
    await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(inbox).toHaveLength(1);
  });

  it('sends again only to the channel that failed: the mail that went out is not mailed twice', async () => {
    const { db } = database();
    // Nothing listens on port 1 of the loopback: the webhook fails at once, every time.
    const rules = parseAlertRules(`webhooks: ["http://127.0.0.1:1/hook"]\n${rulesWithEmailText()}`, 'alerts.yaml');
    const first = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(first.email).toMatchObject({ error: null });
    expect(first.deliveries).toMatchObject([{ error: expect.any(String) }]);
    expect(inbox).toHaveLength(1);
    const second = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(second).toMatchObject({ retried: 2, email: null, deliveries: [{ error: expect.any(String) }] });
    expect(inbox).toHaveLength(1);
  });

  it('fails clearly when the password is missing or wrong', async () => {
    const rules = rulesWithEmail(`{ host: 127.0.0.1, port: ${port}, security: none, user: alerts }`);
    const missing = await runAlerts(database().db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(missing.email?.error).toBe(`SMTP 127.0.0.1:${port}: user alerts given but VERBATIM_SMTP_PASSWORD is not set`);
    await sql`truncate table alerts restart identity cascade`.execute(database().db);
    const wrong = await runAlerts(database().db, rules, { now: ALERTS_NOW, retryDelayMs: 0, smtpPassword: 'nope' });
    expect(wrong.email?.error).toMatch(/Invalid login/);
    expect(wrong.email?.error).not.toContain('nope');
    expect(inbox).toHaveLength(0);
  });
});
