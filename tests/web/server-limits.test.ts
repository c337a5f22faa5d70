import { once } from 'node:events';
import { connect, type Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createToken } from '../../db/tokens.table.js';
import { serverLimits, TokenConcurrency } from '../../web/limits.js';
import { buildServer } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';

let database: TestDatabase;
let token = '';
let app: FastifyInstance | undefined;
const sockets: Socket[] = [];

beforeAll(async () => {
  database = await openTestDatabase('postgres');
  await seedWebData(database.db);
  token = (await createToken(database.db, { role: 'viewer', now: NOW })).token;
});

afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await app?.close();
  app = undefined;
});

afterAll(async () => {
  await database?.close();
});

/** A server on a free loopback port with these limits; resolves with its port. */
async function start(limits: Parameters<typeof serverLimits>[0], cacheSeconds = 300): Promise<number> {
  app = await buildServer({ db: database.db, now: () => NOW, limits, cacheSeconds });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

/** A raw TCP connection, open (nothing sent yet). */
async function open(port: number): Promise<Socket> {
  const socket = connect({ port, host: '127.0.0.1' });
  sockets.push(socket);
  socket.on('error', () => {});
  await once(socket, 'connect');
  return socket;
}

/** Everything the server sends until it closes the connection. */
async function untilClosed(socket: Socket): Promise<string> {
  let received = '';
  socket.on('data', (chunk: Buffer) => (received += chunk.toString()));
  if (!socket.destroyed) await once(socket, 'close');
  return received;
}

describe('server limits (issue 14 item 7)', () => {
  it('closes connections beyond the per-address cap, and serves again once they are gone', async () => {
    const port = await start({ maxConnectionsPerAddress: 3 });
    const held = [await open(port), await open(port), await open(port)];
    const extra = await open(port);
    expect(await untilClosed(extra)).toBe('');
    for (const socket of held) {
      socket.destroy();
      await once(socket, 'close');
    }
    // The server sees the closes asynchronously: a bounded number of attempts, each a real request.
    let status = 0;
    for (let attempt = 0; attempt < 50 && status !== 401; attempt += 1) {
      status = await fetch(`http://127.0.0.1:${port}/api/report`).then((response) => response.status, () => 0);
    }
    expect(status).toBe(401);
  });

  it('times out a request whose headers never end (slowloris)', async () => {
    const port = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400, checkEveryMs: 50 });
    const socket = await open(port);
    socket.write('GET /api/report HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: 1\r\n');
    const answer = await untilClosed(socket);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('times out a request body that never arrives', async () => {
    const port = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400, checkEveryMs: 50 });
    const socket = await open(port);
    socket.write('POST /login HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\ntoken=');
    const answer = await untilClosed(socket);
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).toBe(true);
  });

  it('refuses more than N expensive reports in flight for one token with 429, then serves it again', async () => {
    const port = await start({ expensivePerToken: 1 }, 0);
    const ask = (minCount: number) =>
      fetch(`http://127.0.0.1:${port}/api/report?min_count=${minCount}`, { headers: { authorization: `Bearer ${token}` } }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as { error?: { code: string; message: string } },
      }));
    const answers = await Promise.all([1, 2, 3, 4, 5, 6].map(ask));
    const statuses = answers.map((answer) => answer.status);
    expect(statuses).toContain(200);
    expect(statuses).toContain(429);
    expect(answers.find((answer) => answer.status === 429)?.body).toEqual({ error: { code: 'rate_limited', message: expect.stringContaining('at most 1') } });
    expect((await ask(7)).status).toBe(200);
  });
});

describe('TokenConcurrency and serverLimits', () => {
  it('lets N run per token, refuses the next, and frees the slot when one ends', async () => {
    const limiter = new TokenConcurrency(2);
    let release: () => void = () => {};
    const gate = new Promise<void>((resolve) => (release = resolve));
    const running = [limiter.run(1, () => gate), limiter.run(1, () => gate)];
    await expect(limiter.run(1, () => Promise.resolve('third'))).rejects.toMatchObject({ code: 'rate_limited', statusCode: 429 });
    expect(await limiter.run(2, () => Promise.resolve('other token'))).toBe('other token');
    release();
    await Promise.all(running);
    expect(await limiter.run(1, () => Promise.resolve('again'))).toBe('again');
  });

  it.each([{ maxConnections: 0 }, { headersTimeoutMs: 5_000, requestTimeoutMs: 1_000 }, { expensivePerToken: 1.5 }])('refuses %j', (limits) => {
    expect(() => serverLimits(limits)).toThrow(RangeError);
  });
});
