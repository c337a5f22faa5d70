import { chmod, mkdtemp } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketHandler, type PGLiteSocketHandlerOptions } from '@electric-sql/pglite-socket';
import type { ConnectionLease } from './connection-lease.js';
import { LeasedSessionQueue } from './pglite-session-queue.js';
import { removeShareAddress, SOCKET_DIR_PREFIX, SOCKET_NAME, writeShareAddress, type ShareAddress } from './share-address.js';

/** A running share; `stop()` disconnects its clients (their open work rolled back) and removes socket and address. */
export interface PgliteShare {
  readonly address: ShareAddress;
  stop(): Promise<void>;
}

/** A Unix socket path must fit `sun_path` (108 bytes on Linux, 104 on macOS). */
const MAX_SOCKET_PATH = 100;

/**
 * Shares an open PGlite with other processes of the same user, through
 * pglite-socket's protocol handler on a Unix socket: the socket lives in a fresh
 * folder of mode 0700 (in the data dir, or the temp dir when that path is too
 * long for a socket) and is itself 0600, so only this user can connect. Its
 * address is written to the data dir for `openDatabase` to find.
 *
 * @example const share = await sharePglite(pglite, lease, dataDir); … await share.stop();
 */
export async function sharePglite(pglite: PGlite, lease: ConnectionLease, dataDir: string): Promise<PgliteShare> {
  const parent = path.join(dataDir, `${SOCKET_DIR_PREFIX}XXXXXX`, SOCKET_NAME).length <= MAX_SOCKET_PATH ? dataDir : tmpdir();
  const socketDir = await mkdtemp(path.join(parent, SOCKET_DIR_PREFIX));
  const address: ShareAddress = { pid: process.pid, socketDir };
  // Typed as pglite-socket's own queue class; ours keeps its three-method contract (see LeasedSessionQueue).
  const queryQueue = new LeasedSessionQueue(pglite, lease) as unknown as PGLiteSocketHandlerOptions['queryQueue'];
  const handlers = new Set<PGLiteSocketHandler>();
  const server = createServer((socket) => {
    const handler = new PGLiteSocketHandler({ queryQueue, closeOnDetach: true });
    handlers.add(handler);
    handler.addEventListener('close', () => handlers.delete(handler));
    handler.addEventListener('error', () => handlers.delete(handler));
    handler.attach(socket).catch(() => socket.destroy());
  });
  try {
    await listen(server, path.join(socketDir, SOCKET_NAME));
    await chmod(path.join(socketDir, SOCKET_NAME), 0o600);
    await writeShareAddress(dataDir, address);
  } catch (error) {
    server.close();
    await removeShareAddress(dataDir, address);
    throw error;
  }
  // A failed accept must not bring the dashboard down; the client sees its connection refused.
  server.on('error', () => undefined);
  let stopping: Promise<void> | undefined;
  const stop = async (): Promise<void> => {
    await removeShareAddress(dataDir, undefined);
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    await Promise.all([...handlers].map((handler) => handler.detach(true)));
    await closed;
    await removeShareAddress(dataDir, address);
  };
  return { address, stop: () => (stopping ??= stop()) };
}

function listen(server: Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(socketPath, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
