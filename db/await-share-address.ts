import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './directory-lock.js';
import { readShareAddress, readShareStarting, type ShareAddress } from './share-address.js';

/** What a process that found the lock held learns about its holder. */
export type HolderShare =
  | { readonly kind: 'shared'; readonly address: ShareAddress }
  | { readonly kind: 'not-sharing' }
  /** The holder died while we waited: its lock is stale and may be taken over. */
  | { readonly kind: 'gone' };

/**
 * The address of the holder's share. A `verbatim serve` that has taken the lock but is still
 * opening or migrating the database has not published it yet (its starting mark says so): a
 * CLI started at that moment waits for it, up to `timeoutMs`, instead of being refused.
 *
 * @example const share = await awaitShareAddress('.verbatim', 4242); if (share.kind === 'shared') connect(share.address);
 */
export async function awaitShareAddress(dataDir: string, holderPid: number, options: { timeoutMs?: number; pollMs?: number } = {}): Promise<HolderShare> {
  const deadline = Date.now() + (options.timeoutMs ?? 120_000);
  for (;;) {
    const address = await readShareAddress(dataDir);
    if (address !== undefined && address.pid === holderPid) return { kind: 'shared', address };
    if (!isAlive(holderPid)) return { kind: 'gone' };
    if ((await readShareStarting(dataDir)) !== holderPid || Date.now() >= deadline) return { kind: 'not-sharing' };
    await sleep(options.pollMs ?? 100);
  }
}
