import dns from 'node:dns';
import { syncBuiltinESMExports } from 'node:module';

/**
 * Makes this process's resolver refuse every host name but localhost (tests/scrapers/offline-dns-preload.mjs,
 * the `--import` preload of spawned processes), so a command run in-process cannot reach outside the machine.
 * Resolves with the function that puts the real resolver back. Call it once per test file (the preload runs once
 * per process), after any server of the test is listening: `listen` on 127.0.0.1 asks the resolver too.
 *
 * @example const restore = await goOffline(); try { … } finally { restore(); }
 */
export async function goOffline(): Promise<() => void> {
  const saved = { lookup: dns.lookup, promisesLookup: dns.promises.lookup };
  await import(new URL('../scrapers/offline-dns-preload.mjs', import.meta.url).href);
  return () => {
    dns.lookup = saved.lookup;
    dns.promises.lookup = saved.promisesLookup;
    syncBuiltinESMExports();
  };
}
