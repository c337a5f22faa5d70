import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hostQueueSettings } from '../../scrapers/host-queues.js';
import { createPoliteClient } from '../../scrapers/polite-client.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';
import { offlineDns } from './offline-dns.js';

/** No name resolves: the fixture hosts are literal 127.0.0.1 addresses. */
const dns = offlineDns();

describe('host queue settings', () => {
  it.each([
    [{}, undefined, { concurrency: 2, interval: 250, intervalCap: 1 }],
    [{ concurrency: 4, minIntervalMs: 0 }, undefined, { concurrency: 4, interval: 0, intervalCap: 1 }],
    [{ concurrency: 4, minIntervalMs: 100 }, 2_000, { concurrency: 1, interval: 2_000, intervalCap: 1 }],
    [{ maxCrawlDelayMs: 10_000 }, 3_600_000, { concurrency: 1, interval: 10_000, intervalCap: 1 }],
  ] as const)('%j with Crawl-delay %s ms → %j', (options, crawlDelay, expected) => {
    expect(hostQueueSettings(options, crawlDelay)).toEqual(expected);
  });

  it('refuses a concurrency below 1 with a message naming the value', () => {
    expect(() => hostQueueSettings({ concurrency: 0 }, undefined)).toThrow('Expected `concurrency` to be a whole number from 1 and up, got `0`');
  });
});

describe('per-host concurrency', () => {
  let hosts: FixtureServer[] = [];

  beforeAll(async () => {
    hosts = await Promise.all([startFixtureServer(), startFixtureServer(), startFixtureServer()]);
  });

  afterAll(async () => {
    await Promise.all(hosts.map((host) => host.close()));
    expect(dns.refused).toEqual([]);
  });

  it.each([1, 2])('never has more than %i request(s) in flight to one host', async (concurrency) => {
    const host = hosts[concurrency - 1] as FixtureServer;
    const client = createPoliteClient({ userAgent: 'verbatim-test/0.1', allowPrivate: true, lookup: dns.lookup, concurrency, minIntervalMs: 0 });
    try {
      const pages = await Promise.all([1, 2, 3, 4, 5].map((n) => client.get({ url: host.url(`/held?n=${n}&ms=200`), accept: ['html'] })));
      expect(pages.every((page) => page.status === 200)).toBe(true);
      expect(host.maxInFlight()).toBe(concurrency);
    } finally {
      client.close();
    }
  });

  it('paces one host without holding up another', async () => {
    const freeHost = hosts[2] as FixtureServer;
    const delayedHost = await startFixtureServer({ robots: 'User-agent: *\nCrawl-delay: 1\n' });
    const client = createPoliteClient({ userAgent: 'verbatim-test/0.1', allowPrivate: true, lookup: dns.lookup, minIntervalMs: 0 });
    try {
      const order: string[] = [];
      const delayed = [1, 2].map((n) => client.get({ url: delayedHost.url(`/held?n=${n}&ms=1`), accept: ['html'] }).then(() => order.push(`delayed-${n}`)));
      const free = [1, 2, 3].map((n) => client.get({ url: freeHost.url(`/held?n=${n}&ms=1`), accept: ['html'] }).then(() => order.push(`free-${n}`)));
      await Promise.all([...delayed, ...free]);
      // The crawl-delayed host's second page waits a second; the other host's pages are all done by then.
      expect(order.at(-1)).toBe('delayed-2');
      expect(order.filter((item) => item.startsWith('free'))).toHaveLength(3);
    } finally {
      client.close();
      await delayedHost.close();
    }
  });
});
