import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { ApiError } from './errors.js';

/**
 * What one client may hold of the server. Every bound has a default; a test or a
 * deployment behind a proxy sets its own (`buildServer({ limits })`).
 */
export interface ServerLimits {
  /** Time to receive the request headers (slowloris), ms. */
  readonly headersTimeoutMs: number;
  /** Time to receive the whole request, body included, ms. */
  readonly requestTimeoutMs: number;
  /** A socket with no traffic this long is closed, ms. */
  readonly connectionTimeoutMs: number;
  /** An idle keep-alive connection is closed after this, ms. */
  readonly keepAliveTimeoutMs: number;
  /** How often Node checks the header and request timeouts, ms. */
  readonly checkEveryMs: number;
  /** Open connections in all. */
  readonly maxConnections: number;
  /** Open connections from one client address: one client cannot hold the whole `maxConnections`. */
  readonly maxConnectionsPerAddress: number;
  /** Requests served on one keep-alive connection before it is closed. */
  readonly maxRequestsPerSocket: number;
  /** Largest request body, bytes. */
  readonly bodyLimit: number;
  /** Expensive views (reports, trends) one token may have computing at once; the next gets 429. */
  readonly expensivePerToken: number;
}

export const DEFAULT_LIMITS: ServerLimits = Object.freeze({
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  // A socket idle this long is closed. Nothing crosses it while a report is computed (a root
  // cause at 1M verbatims takes about a minute cold), so it must outlast the slowest view;
  // slow clients are bounded by the header and request timeouts above.
  connectionTimeoutMs: 600_000,
  keepAliveTimeoutMs: 5_000,
  checkEveryMs: 1_000,
  maxConnections: 1_000,
  maxConnectionsPerAddress: 100,
  maxRequestsPerSocket: 1_000,
  bodyLimit: 64 * 1024,
  expensivePerToken: 2,
});

/**
 * The defaults with the given limits over them, each checked.
 *
 * @example serverLimits({ maxConnectionsPerAddress: 20 })
 */
export function serverLimits(given: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_LIMITS, ...given };
  for (const [name, value] of Object.entries(limits)) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`Expected \`limits.${name}\` to be a whole number from 1 and up, got \`${String(value)}\``);
  }
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new RangeError(`Expected \`limits.headersTimeoutMs\` (${limits.headersTimeoutMs}) to be at most \`limits.requestTimeoutMs\` (${limits.requestTimeoutMs})`);
  }
  return Object.freeze(limits);
}

/**
 * Caps connections on the Node server: `maxConnections` in all (Node refuses the
 * rest) and `maxConnectionsPerAddress` from one client address (the rest are closed
 * at once), so one client holding thousands of idle sockets cannot lock others out.
 */
export function capConnections(server: Server, limits: Pick<ServerLimits, 'maxConnections' | 'maxConnectionsPerAddress' | 'headersTimeoutMs'>): void {
  server.maxConnections = limits.maxConnections;
  server.headersTimeout = limits.headersTimeoutMs;
  const open = new Map<string, number>();
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? 'unknown';
    const count = (open.get(address) ?? 0) + 1;
    if (count > limits.maxConnectionsPerAddress) {
      socket.destroy();
      return;
    }
    open.set(address, count);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left === 0) open.delete(address);
      else open.set(address, left);
    });
  });
}

/**
 * At most `perToken` expensive computations in flight for one token; the next one is
 * refused with 429 rather than queued, so a viewer varying a parameter (`min_count`)
 * cannot keep the database busy for everyone.
 *
 * @example const report = await cache.get(key, compute, (work) => limiter.run(identity.id, work))
 */
export class TokenConcurrency {
  readonly #inFlight = new Map<number, number>();

  constructor(private readonly perToken: number) {}

  async run<T>(tokenId: number, work: () => Promise<T>): Promise<T> {
    const running = this.#inFlight.get(tokenId) ?? 0;
    if (running >= this.perToken) {
      throw new ApiError('rate_limited', `this token already has ${running} reports in progress (at most ${this.perToken}); wait for one to finish and try again`);
    }
    this.#inFlight.set(tokenId, running + 1);
    try {
      return await work();
    } finally {
      const left = (this.#inFlight.get(tokenId) ?? 1) - 1;
      if (left === 0) this.#inFlight.delete(tokenId);
      else this.#inFlight.set(tokenId, left);
    }
  }
}
