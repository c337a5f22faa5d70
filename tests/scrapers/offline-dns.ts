import type { LookupAddress } from 'node:dns';
import type { DnsLookup } from '../../scrapers/ssrf-guard.js';

/** A resolver that never leaves the machine, and what it was asked that it did not know. */
export interface OfflineDns {
  readonly lookup: DnsLookup;
  /** Names asked for that are not in the table, in order: a test that reached for the outside world. */
  readonly refused: string[];
}

/** Thrown for any name outside the table, instead of asking the real DNS. */
export class OfflineLookupError extends Error {
  readonly code = 'ENOTFOUND';

  constructor(readonly hostname: string) {
    super(`offline test resolver refused ${hostname}: no test reaches outside the machine`);
    this.name = 'OfflineLookupError';
  }
}

/**
 * The tests' resolver, like an /etc/hosts with nothing else behind it: the
 * names of `table` resolve to their addresses, every other name fails (and is
 * recorded in `refused`). The fixture server listens on a literal 127.0.0.1,
 * which needs no lookup; so with the default empty table, any lookup at all
 * means a test followed a link off the machine.
 *
 * @example const dns = offlineDns({ 'metadata.test': ['169.254.169.254'] }); createFetcher({ userAgent, lookup: dns.lookup });
 */
export function offlineDns(table: Readonly<Record<string, readonly string[]>> = {}): OfflineDns {
  const refused: string[] = [];
  const lookup: DnsLookup = async (hostname) => {
    const addresses = table[hostname.toLowerCase()];
    if (addresses === undefined) {
      refused.push(hostname);
      throw new OfflineLookupError(hostname);
    }
    return addresses.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 }));
  };
  return { lookup, refused };
}
