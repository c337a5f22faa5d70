/**
 * The order overlapping stores keep (an enriching import on a database where each store runs
 * on a connection of its own): transactions begin and commit in the batches' arrival order.
 * The store awaits `mayBegin` before opening its transaction, calls `begun()` once it is open,
 * and awaits `mayCommit` inside it before its last statement (the data-version bump).
 */
export interface StoreTurn {
  /** Settles once the previous batch's transaction has begun (or its store ended): on a pool of one connection, the earlier batch gets it first. */
  readonly mayBegin: Promise<void>;
  /** Says this batch's transaction has begun: the next batch may begin its own. */
  begun(): void;
  /** Resolves once every earlier batch is stored (committed); rejects when one of them failed — then roll back. */
  readonly mayCommit: Promise<void>;
}

/** One batch handed to the stores: its ids, when its transaction began, and its whole outcome. */
interface Entry {
  readonly ids: ReadonlySet<string>;
  readonly begun: Promise<void>;
  readonly ended: Promise<unknown>;
}

/**
 * Hands out turns to the stores of batches, in arrival order, with at most `concurrency` of them
 * under way: a batch's store starts once the store `concurrency` batches before it has ended and
 * every earlier store still under way that holds one of its ids has ended — so an id in two
 * batches is still stored once, by the first (`ON CONFLICT DO NOTHING` then finds it committed),
 * and two overlapping transactions never touch the same rows. With `concurrency` 1, each store
 * waits for the one before it, as stores always did.
 *
 * @example
 * const turns = storeTurns(2);
 * const enter = turns.enter(new Set(batch.map((v) => v.id)));
 * const stored = enter(async () => { … enrich … }, (turn) => store.store(result, now, turn));
 */
export function storeTurns(concurrency: number) {
  if (!Number.isInteger(concurrency) || concurrency < 1) {
    throw new TypeError(`Expected \`concurrency\` to be a number from 1 and up, got \`${concurrency}\` (${typeof concurrency})`);
  }
  // The last `concurrency` batches entered, oldest first: no later batch needs to wait on an older one.
  let recent: readonly Entry[] = [];
  return {
    /**
     * Enters a batch (call it in arrival order): `prepare` runs at once (screening, enriching),
     * `store` when the batch's turn comes. Rejects with an earlier batch's failure, that batch's
     * store then never started or rolled back (`mayCommit`).
     */
    enter<P, T>(ids: ReadonlySet<string>, prepare: () => Promise<P>, store: (prepared: P, turn: StoreTurn) => Promise<T>): Promise<T> {
      const earlier = recent;
      let markBegun: () => void = () => undefined;
      const begun = new Promise<void>((resolve) => (markBegun = resolve));
      const previous = earlier.at(-1);
      const ended = (async () => {
        const prepared = await prepare();
        await Promise.all(earlier.filter((entry, index) => (earlier.length === concurrency && index === 0) || sharesAnId(entry.ids, ids)).map((entry) => entry.ended));
        const mayCommit = previous === undefined ? Promise.resolve() : previous.ended.then(() => undefined);
        mayCommit.catch(() => undefined); // observed below, and by the store
        const turn: StoreTurn = { mayBegin: previous?.begun ?? Promise.resolve(), begun: markBegun, mayCommit };
        const result = await store(prepared, turn);
        // Ends in arrival order even if the store did not wait (a batch that inserted nothing).
        await mayCommit;
        return result;
      })();
      // A store that never began (it failed first) must not hold up the next one's begin.
      ended.then(markBegun, markBegun);
      recent = [...earlier, { ids, begun, ended }].slice(-concurrency);
      return ended;
    },
  };
}

function sharesAnId(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  for (const id of small) if (large.has(id)) return true;
  return false;
}
