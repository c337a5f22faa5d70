import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { chmod, mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { protocol } from '@electric-sql/pglite';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type OpenedDatabase } from '../../db/open-database.js';
import { readShareAddress, SHARE_ADDRESS_FILE, SHARE_STARTING_FILE, SOCKET_NAME, SOCKET_PORT, type ShareAddress } from '../../db/share-address.js';
import { createPgliteDir } from '../support/databases.js';

/** A `pg` client on the share's socket, as another process would connect. */
async function socketClient(address: ShareAddress): Promise<pg.Client> {
  const client = new pg.Client({ host: address.socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', ssl: false });
  await client.connect();
  return client;
}

/** A client speaking the wire protocol by hand, to send a sequence in pieces as a slow network would. */
class RawClient {
  readonly #socket: Socket;
  readonly #parser = new protocol.Parser();
  readonly messages: { name: string; fields?: unknown[]; message?: string }[] = [];
  #waiter: (() => void) | undefined;

  constructor(socketPath: string) {
    this.#socket = connect(socketPath);
    this.#socket.on('data', (data: Buffer) =>
      this.#parser.parse(data, (message) => {
        this.messages.push(message as unknown as RawClient['messages'][number]);
        this.#waiter?.();
      }),
    );
  }

  /** Sends `parts` and resolves once a message named `until` has come back. */
  async send(parts: Uint8Array[], until: string): Promise<void> {
    const seen = this.messages.length;
    const arrived = new Promise<void>((resolve) => {
      this.#waiter = () => {
        if (this.messages.slice(seen).some((message) => message.name === until)) resolve();
      };
    });
    this.#socket.write(Buffer.concat(parts));
    await arrived;
  }

  end(): void {
    this.#socket.end();
  }
}

const modeOf = async (file: string): Promise<number> => (await stat(file)).mode & 0o777;

describe('openDatabase with share (what `verbatim serve` opens)', () => {
  let dataDir: string;
  let remove: () => Promise<void>;
  let owner: OpenedDatabase;
  let address: ShareAddress;

  beforeAll(async () => {
    ({ dataDir, remove } = await createPgliteDir());
    owner = await openDatabase({ dataDir, share: true });
    address = (await readShareAddress(dataDir)) as ShareAddress;
    await sql`create table shared_probe (n int not null)`.execute(owner.db);
  });

  afterAll(async () => {
    await owner.close();
    await remove();
  });

  it('writes its address next to the lock, readable and reachable by this user only', async () => {
    expect(address).toEqual({ pid: process.pid, socketDir: expect.stringContaining(path.join(dataDir, 'pglite-socket-')) as string });
    expect(await modeOf(path.join(dataDir, SHARE_ADDRESS_FILE))).toBe(0o600);
    expect(await modeOf(address.socketDir)).toBe(0o700);
    expect(await modeOf(path.join(address.socketDir, SOCKET_NAME))).toBe(0o600);
  });

  it("keeps serve's own queries out of a client's transaction until it commits", async () => {
    const client = await socketClient(address);
    try {
      await client.query('begin');
      await client.query('insert into shared_probe (n) values ($1)', [1]);
      let seen: number | undefined;
      const count = sql<{ n: number }>`select count(*)::int as n from shared_probe`.execute(owner.db).then(({ rows }) => (seen = rows[0]?.n));
      // Several round trips of the client: the in-process query still waits for the transaction to end.
      for (let i = 0; i < 3; i += 1) await client.query('select $1::int', [i]);
      expect(seen).toBeUndefined();
      await client.query('commit');
      expect(await count).toBe(1);
    } finally {
      await client.end();
    }
  });

  it("rolls back what a client leaves open when it disconnects, and serve's queries carry on", async () => {
    const client = await socketClient(address);
    client.on('error', () => undefined); // the abrupt end below, as a killed process
    await client.query('begin');
    await client.query('insert into shared_probe (n) values (2)');
    const gone = new Promise((resolve) => client.once('end', resolve));
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await gone;
    const { rows } = await sql<{ n: number }>`select count(*)::int as n from shared_probe where n = 2`.execute(owner.db);
    expect(rows[0]?.n).toBe(0);
  });

  it("keeps a client's Parse … Sync sequence whole when it arrives in pieces, serve's query waiting in between", async () => {
    const { serialize } = protocol;
    const client = new RawClient(path.join(address.socketDir, SOCKET_NAME));
    try {
      await client.send([serialize.startup({ user: 'postgres', database: 'postgres' })], 'readyForQuery');
      await client.send([serialize.parse({ text: 'select $1::text as answer' }), serialize.flush()], 'parseComplete');
      // Serve's query has no parameter: had it run here, its own Parse would replace the client's unnamed statement.
      const served = sql<{ answer: string }>`select 'serve' as answer`.execute(owner.db);
      await client.send([serialize.bind({ values: ['client'] }), serialize.execute(), serialize.sync()], 'readyForQuery');
      expect(client.messages.filter((message) => message.name === 'error')).toEqual([]);
      expect(client.messages.find((message) => message.name === 'dataRow')?.fields).toEqual(['client']);
      expect((await served).rows).toEqual([{ answer: 'serve' }]);
    } finally {
      client.end();
    }
  });

  it('never mixes the statements of concurrent parameterised queries from serve and two clients', async () => {
    // Two client processes, one connection each (what `openDatabase` gives a command).
    const clients = [0, 1].map(() => new pg.Pool({ host: address.socketDir, port: SOCKET_PORT, user: 'postgres', database: 'postgres', ssl: false, max: 1 }));
    const viaClient = async (client: pg.Pool, i: number): Promise<string | undefined> =>
      (await client.query<{ answer: string }>('select $1::text || $2::text as answer', ['client ', i])).rows[0]?.answer;
    const viaServe = async (i: number): Promise<string | undefined> => (await sql<{ answer: string }>`select 'serve ' || ${i}::text as answer`.execute(owner.db)).rows[0]?.answer;
    try {
      const rounds = Array.from({ length: 60 }, (_, i) => i);
      const results = await Promise.all(rounds.map((i) => (i % 3 === 0 ? viaServe(i) : viaClient(clients[i % 3 === 1 ? 0 : 1] as pg.Pool, i))));
      expect(results).toEqual(rounds.map((i) => `${i % 3 === 0 ? 'serve' : 'client'} ${i}`));
    } finally {
      await Promise.all(clients.map((client) => client.end()));
    }
  });
});

describe('openDatabase with share, on a data dir too deep for a socket path', () => {
  it('puts the socket in a private folder of the temp dir, and removes socket and address on close', async () => {
    const { dataDir: base, remove } = await createPgliteDir();
    try {
      const dataDir = path.join(base, 'x'.repeat(60), 'y'.repeat(40));
      await mkdir(dataDir, { recursive: true });
      const owner = await openDatabase({ dataDir, share: true });
      const address = (await readShareAddress(dataDir)) as ShareAddress;
      expect(path.dirname(address.socketDir)).toBe(tmpdir());
      expect(await modeOf(address.socketDir)).toBe(0o700);
      await owner.close();
      await expect(readFile(path.join(dataDir, SHARE_ADDRESS_FILE))).rejects.toMatchObject({ code: 'ENOENT' });
      await expect(stat(address.socketDir)).rejects.toMatchObject({ code: 'ENOENT' });
    } finally {
      await remove();
    }
  });
});

describe('openDatabase on an embedded database another process shares', () => {
  it('refuses a socket folder that others could reach, naming it', async () => {
    const { dataDir, remove } = await createPgliteDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      const socketDir = path.join(dataDir, 'pglite-socket-open');
      await mkdir(socketDir);
      await chmod(socketDir, 0o755);
      await writeFile(path.join(dataDir, 'pglite.lock'), `${String(holder.pid)}\n`);
      await writeFile(path.join(dataDir, SHARE_ADDRESS_FILE), JSON.stringify({ pid: holder.pid, socketDir }));
      await expect(openDatabase({ dataDir })).rejects.toThrow(`Its socket folder ${socketDir} is not a private folder of this user: not connecting to it.`);
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'close');
      await remove();
    }
  });

  it('waits for a serve that is still starting (lock taken, address not yet written), and opens once the lock is free', async () => {
    const { dataDir, remove } = await createPgliteDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      await writeFile(path.join(dataDir, 'pglite.lock'), `${String(holder.pid)}\n`);
      await writeFile(path.join(dataDir, SHARE_STARTING_FILE), `${String(holder.pid)}\n`);
      let settled = false;
      const opening = openDatabase({ dataDir }).finally(() => {
        settled = true;
      });
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(settled).toBe(false);
      holder.kill('SIGKILL');
      await once(holder, 'close');
      const opened = await opening;
      try {
        expect(opened.kind).toBe('pglite');
        await expect(readFile(path.join(dataDir, SHARE_STARTING_FILE), 'utf8')).rejects.toThrow('ENOENT');
      } finally {
        await opened.close();
      }
    } finally {
      holder.kill('SIGKILL');
      await remove();
    }
  });

  it('refuses at once a holder that is neither sharing nor starting to share', async () => {
    const { dataDir, remove } = await createPgliteDir();
    const holder = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      await writeFile(path.join(dataDir, 'pglite.lock'), `${String(holder.pid)}\n`);
      await expect(openDatabase({ dataDir })).rejects.toThrow(`the embedded database is in use by process ${String(holder.pid)}`);
    } finally {
      holder.kill('SIGKILL');
      await once(holder, 'close');
      await remove();
    }
  });
});
