import type { PGlite } from '@electric-sql/pglite';
import type { ConnectionLease, LeaseRelease } from './connection-lease.js';

/** What pglite-socket's `PGLiteSocketHandler` asks of its query queue (the `queryQueue` option). */
export interface SocketQueryQueue {
  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number>;
  clearQueueForHandler(handlerId: number): void;
  clearTransactionIfNeeded(handlerId: number): Promise<void>;
}

interface Session {
  /** The last message's run: a session's messages run one after the other, in order. */
  tail: Promise<unknown>;
  /** Held from the session's first message until PGlite is idle again (ReadyForQuery `I`). */
  release: LeaseRelease | undefined;
  closed: boolean;
}

const SYNC = Uint8Array.of(0x53, 0, 0, 0, 4);
const TERMINATE = 0x58;
/** ReadyForQuery: `Z`, length 5, then the status (`I` idle, `T` in a transaction, `E` failed transaction). */
const READY_FOR_QUERY = [0x5a, 0, 0, 0, 5] as const;
const IDLE = 0x49;

/**
 * pglite-socket's own queue lets clients take turns message by message, and
 * serve's in-process queries in between: another user's statement could land
 * between a client's Parse and Sync, or inside its transaction. This queue lends
 * PGlite to a socket client the way a transaction-pooling proxy does: under the
 * shared {@link ConnectionLease}, from its first message until PGlite answers
 * ReadyForQuery idle. A client that leaves mid-way has its work rolled back.
 *
 * @example
 * // pglite-socket types the option as its own (unexported) queue class, hence the cast:
 * const queryQueue = new LeasedSessionQueue(pglite, lease) as unknown as PGLiteSocketHandlerOptions['queryQueue'];
 * await new PGLiteSocketHandler({ queryQueue, closeOnDetach: true }).attach(socket);
 */
export class LeasedSessionQueue implements SocketQueryQueue {
  readonly #pglite: PGlite;
  readonly #lease: ConnectionLease;
  readonly #sessions = new Map<number, Session>();

  constructor(pglite: PGlite, lease: ConnectionLease) {
    this.#pglite = pglite;
    this.#lease = lease;
  }

  enqueue(handlerId: number, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    let session = this.#sessions.get(handlerId);
    if (session === undefined) {
      session = { tail: Promise.resolve(), release: undefined, closed: false };
      this.#sessions.set(handlerId, session);
    }
    const current = session;
    const run = current.tail.then(() => this.#run(current, message, onData));
    current.tail = run.catch(() => undefined);
    return run;
  }

  clearQueueForHandler(handlerId: number): void {
    const session = this.#sessions.get(handlerId);
    if (session !== undefined) session.closed = true;
  }

  /** The client is gone: ends what it left open (a half-sent sequence, a transaction) and lends PGlite on. */
  async clearTransactionIfNeeded(handlerId: number): Promise<void> {
    const session = this.#sessions.get(handlerId);
    if (session === undefined) return;
    session.closed = true;
    this.#sessions.delete(handlerId);
    await session.tail;
    const release = session.release;
    if (release === undefined) return;
    session.release = undefined;
    try {
      await this.#pglite.runExclusive(() => this.#pglite.execProtocolRaw(SYNC));
      if (this.#pglite.isInTransaction()) await this.#pglite.exec('rollback');
    } finally {
      release();
    }
  }

  async #run(session: Session, message: Uint8Array, onData: (data: Uint8Array) => void): Promise<number> {
    if (session.closed) throw new Error('client disconnected');
    // Terminate: PGlite ignores it and the socket's close ends the session; not worth a turn.
    if (message[0] === TERMINATE) return 0;
    session.release ??= await this.#lease.acquire();
    if (session.closed) {
      // Left while waiting its turn: `clearTransactionIfNeeded` gives back what it holds.
      throw new Error('client disconnected');
    }
    let bytes = 0;
    let last: Uint8Array = new Uint8Array(0);
    await this.#pglite.runExclusive(() =>
      this.#pglite.execProtocolRawStream(message, {
        onRawData: (data) => {
          bytes += data.length;
          last = lastBytes(last, data, READY_FOR_QUERY.length + 1);
          onData(data);
        },
      }),
    );
    if (endsIdle(last)) {
      session.release();
      session.release = undefined;
    }
    return bytes;
  }
}

/** The last `count` bytes of `previous` followed by `data`. */
function lastBytes(previous: Uint8Array, data: Uint8Array, count: number): Uint8Array {
  if (data.length >= count) return data.slice(data.length - count);
  const joined = new Uint8Array(previous.length + data.length);
  joined.set(previous);
  joined.set(data, previous.length);
  return joined.slice(Math.max(0, joined.length - count));
}

/** Whether the answer ends with ReadyForQuery idle: only Sync, a simple Query and the startup get one, and it comes last. */
function endsIdle(last: Uint8Array): boolean {
  return last.length === READY_FOR_QUERY.length + 1 && READY_FOR_QUERY.every((byte, index) => last[index] === byte) && last[READY_FOR_QUERY.length] === IDLE;
}
