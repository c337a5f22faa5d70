import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseAlertRules } from '../../analysis/alerts-rules.js';
import { runAlerts } from '../../analysis/alerts-run.js';
import { postWebhook } from '../../analysis/alerts-webhook.js';
import { listAlerts } from '../../db/alerts.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { ALERTS_NOW, ALERTS_YAML, seedAlertsData } from './alerts-fixture.js';

/** A loopback chat service: records every POST body; `answers` says what each request gets (then 200). */
interface Hook {
  readonly url: string;
  readonly bodies: unknown[];
  answers: (number | 'hang')[];
}

let server: Server;
const hook: Hook = { url: '', bodies: [], answers: [] };

beforeAll(async () => {
  server = createServer((request: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      hook.bodies.push({ path: request.url, type: request.headers['content-type'], json: JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown });
      const answer = hook.answers.shift() ?? 200;
      if (answer === 'hang') return; // never answers: the client's timeout must end it
      // One connection a request: a kept-alive socket closed under the next test would make its first attempt fail.
      response.writeHead(answer, { connection: 'close' }).end(answer === 200 ? 'ok' : 'no');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  Object.assign(hook, { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T000/B000/secret` });
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  hook.bodies.length = 0;
  hook.answers = [];
});

describe('postWebhook', () => {
  it('POSTs Slack/Teams JSON', async () => {
    expect(await postWebhook(hook.url, 'hello', { retryDelayMs: 0 })).toEqual({ url: hook.url, attempts: 1, error: null });
    expect(hook.bodies).toEqual([{ path: '/services/T000/B000/secret', type: 'application/json', json: { text: 'hello' } }]);
  });

  it('retries once after a failure', async () => {
    hook.answers = [503];
    expect(await postWebhook(hook.url, 'again', { retryDelayMs: 0 })).toMatchObject({ attempts: 2, error: null });
    expect(hook.bodies).toHaveLength(2);
  });

  it('gives up after the retry, on time, without the secret path in the error', async () => {
    hook.answers = ['hang', 500];
    const result = await postWebhook(hook.url, 'late', { timeoutMs: 200, retryDelayMs: 0 });
    expect(result.attempts).toBe(2);
    expect(result.error).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/…: HTTP 500$/);
    expect(result.error).not.toContain('secret');
  });
});

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
    await sql`truncate table alerts restart identity cascade`.execute(database().db);
    await seedAlertsData(database().db);
  });

  it('sends the new alerts once, with a link to the inbox', async () => {
    const { db } = database();
    const rules = parseAlertRules(`webhooks: ["${hook.url}"]\ndashboardUrl: https://verbatim.example.com\n${ALERTS_YAML}`, 'alerts.yaml');
    const first = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(first.deliveries).toEqual([{ url: hook.url, attempts: 1, error: null }]);
    expect(hook.bodies).toHaveLength(1);
    const text = (hook.bodies[0] as { json: { text: string } }).json.text;
    expect(text).toMatch(/^verbatim: 2 new alerts\n• Spike: volume of theme fees_pricing 30 in 2026-W24/);
    expect(text).toContain('• Threshold: NPS of all verbatims (branch=Lyon) -100.0 in 2026-W24, below 0.0');
    expect(text.endsWith('\nhttps://verbatim.example.com/alerts')).toBe(true);
    expect((await listAlerts(db)).every((alert) => alert.delivered_at !== null && alert.delivery_error === null)).toBe(true);

    await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(hook.bodies).toHaveLength(1);
  });

  it('records a failed delivery, sends it again in the next run, and never again once delivered', async () => {
    const { db } = database();
    hook.answers = [500, 500];
    const rules = parseAlertRules(`webhooks: ["${hook.url}"]\n${ALERTS_YAML}`, 'alerts.yaml');
    const first = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(first.raised).toHaveLength(2);
    expect((await listAlerts(db)).map((alert) => [alert.delivered_at, alert.delivery_error])).toEqual([
      [null, expect.stringMatching(/HTTP 500$/)],
      [null, expect.stringMatching(/HTTP 500$/)],
    ]);
    const second = await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(second).toMatchObject({ raised: [], retried: 2, deliveries: [{ error: null }] });
    expect(hook.bodies).toHaveLength(3);
    expect(JSON.stringify(hook.bodies[2])).toContain('2 new alerts');
    expect((await listAlerts(db)).map((alert) => [alert.delivered_at?.toISOString(), alert.delivery_error])).toEqual([
      [ALERTS_NOW.toISOString(), null],
      [ALERTS_NOW.toISOString(), null],
    ]);
    expect(await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 })).toMatchObject({ retried: 0, deliveries: [] });
    expect(hook.bodies).toHaveLength(3);
  });

  it('gives up on an alert after five failed runs, and on alerts older than three days', async () => {
    const { db } = database();
    const rules = parseAlertRules(`webhooks: ["${hook.url}"]\n${ALERTS_YAML}`, 'alerts.yaml');
    hook.answers = Array.from({ length: 10 }, () => 500);
    for (let run = 0; run < 5; run++) await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    expect(hook.bodies).toHaveLength(10);
    expect(await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 })).toMatchObject({ retried: 0, deliveries: [] });
    await truncateAll(db);
    await seedAlertsData(db);
    hook.bodies.length = 0;
    hook.answers = [500, 500];
    await runAlerts(db, rules, { now: ALERTS_NOW, retryDelayMs: 0 });
    const fourDaysLater = new Date(ALERTS_NOW.getTime() + 4 * 86_400_000);
    expect(await runAlerts(db, rules, { now: fourDaysLater, retryDelayMs: 0 })).toMatchObject({ retried: 0 });
  });
});
