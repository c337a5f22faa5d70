import type { DataCache } from './data-version.js';

/** A running refresh: `stop()` ends it and waits for the computation in flight. */
export interface CacheRefresh {
  stop(): Promise<void>;
}

/**
 * Watches the data version every `everyMs` and, once it has stayed the same for one whole
 * interval (an import bumps it at every batch: nothing is recomputed while one runs),
 * recomputes the views people asked for last (`DataCache.refreshStale`), one at a time.
 * After an import, the dashboard's usual pages are ready before anyone opens them again,
 * instead of the first viewer waiting for every report to be computed on the new data.
 */
export function startCacheRefresh(cache: DataCache, readVersion: () => Promise<string>, everyMs: number): CacheRefresh {
  let stopped = false;
  let lastRead: string | undefined;
  let refreshedFor: string | undefined;
  let running: Promise<void> | undefined;
  const tick = async (): Promise<void> => {
    // Nobody viewed anything yet: no need to read the version.
    if (!cache.remembersAny) return;
    const version = await readVersion();
    const settled = version === lastRead;
    lastRead = version;
    if (!settled || version === refreshedFor) return;
    refreshedFor = version;
    await cache.refreshStale(version, async () => !stopped && (await readVersion()) === version);
  };
  const timer = setInterval(() => {
    if (stopped || running !== undefined) return;
    // A failed read (the database restarting) is retried at the next tick.
    running = tick()
      .catch(() => undefined)
      .finally(() => (running = undefined));
  }, everyMs);
  timer.unref();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
