/** Gives the lease back; calling it twice is harmless. */
export type LeaseRelease = () => void;

/**
 * The one connection of an embedded database, lent to one user at a time, in
 * arrival order: `verbatim serve`'s own queries (a query or a whole transaction)
 * and each client of the shared socket (from its first message until the server
 * is idle again, outside a transaction). PGlite itself only serialises single
 * protocol messages, which would let two users' transactions or extended-protocol
 * sequences (Parse … Sync) interleave.
 *
 * @example const release = await lease.acquire(); try { … } finally { release(); }
 */
export class ConnectionLease {
  #held = false;
  readonly #waiting: (() => void)[] = [];

  acquire(): Promise<LeaseRelease> {
    if (!this.#held) {
      this.#held = true;
      return Promise.resolve(this.#releaser());
    }
    return new Promise((resolve) => this.#waiting.push(() => resolve(this.#releaser())));
  }

  #releaser(): LeaseRelease {
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.#waiting.shift();
      if (next === undefined) this.#held = false;
      else next();
    };
  }
}
