import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { FetchError } from '../../scrapers/fetch-error.js';
import { createFetcher, type Fetcher, type FetcherOptions } from '../../scrapers/fetcher.js';
import type { DnsLookup } from '../../scrapers/ssrf-guard.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';
import { offlineDns } from './offline-dns.js';

const USER_AGENT = 'verbatim-test/0.1 (+https://verbatim.invalid/bot)';
let server: FixtureServer;
const fetchers: Fetcher[] = [];
/** The default resolver of the test fetchers: no name resolves, so a test that leaves the machine fails in afterEach. */
const dns = offlineDns();

beforeAll(async () => {
  server = await startFixtureServer({ hugeBytes: 200_000 });
});

afterAll(async () => {
  for (const fetcher of fetchers) fetcher.close();
  await server.close();
});

afterEach(() => {
  expect(dns.refused.splice(0), 'host names looked up: no test may reach outside the machine').toEqual([]);
});

/** A fetcher for the loopback fixture: private addresses allowed, waits recorded instead of slept. */
function testFetcher(options: Partial<FetcherOptions> = {}): { fetcher: Fetcher; waits: number[] } {
  const waits: number[] = [];
  const fetcher = createFetcher({
    userAgent: USER_AGENT,
    allowPrivate: true,
    timeoutMs: 2_000,
    maxBytes: 64 * 1024,
    retry: { retries: 2, backoffBaseMs: 10 },
    lookup: dns.lookup,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  fetchers.push(fetcher);
  return { fetcher, waits };
}

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof FetchError) return error;
    throw error;
  }
  throw new Error('expected a FetchError');
}

/** A resolver that knows a few test names, like /etc/hosts would, and nothing else. */
function fakeDns(table: Record<string, string[]>): DnsLookup {
  return offlineDns(table).lookup;
}

describe('fetcher', () => {
  it('gets a page with an identifying User-Agent and reads gzip bodies', async () => {
    const { fetcher } = testFetcher();
    const response = await fetcher.fetch({ url: server.url('/gzipped'), accept: ['html'] });
    expect(response.status).toBe(200);
    expect(response.bodyKind).toBe('html');
    expect(response.body.toString('utf8')).toContain('Compte Essentiel');
    const seen = server.requests.find((request) => request.path === '/gzipped');
    expect(seen?.headers['user-agent']).toBe(USER_AGENT);
    expect(seen?.headers['accept-encoding']).toContain('gzip');
  });

  it('retries a 429 after the Retry-After the server asked for', async () => {
    const { fetcher, waits } = testFetcher();
    const response = await fetcher.fetch({ url: server.url('/busy'), accept: ['html'] });
    expect(response.status).toBe(200);
    expect(waits).toEqual([2_000]);
    expect(server.hits('/busy')).toBe(2);
  });

  it('retries 503 with exponential backoff, then succeeds', async () => {
    const { fetcher, waits } = testFetcher();
    const response = await fetcher.fetch({ url: server.url('/flaky'), accept: ['html'] });
    expect(response.status).toBe(200);
    expect(waits).toHaveLength(2);
    expect(waits[0]).toBeGreaterThanOrEqual(5);
    expect(waits[0]).toBeLessThanOrEqual(10);
    expect(waits[1]).toBeGreaterThanOrEqual(10);
    expect(waits[1]).toBeLessThanOrEqual(20);
  });

  it('gives up on a host that stays down, naming the status and the attempts', async () => {
    const { fetcher } = testFetcher();
    const error = await failure(fetcher.fetch({ url: server.url('/down'), accept: ['html'] }));
    expect(error.code).toBe('http-status');
    expect(error.status).toBe(503);
    expect(error.message).toBe('HTTP 503 Service Unavailable after 3 attempts');
  });

  it('does not wait for a Retry-After longer than its limit', async () => {
    const { fetcher, waits } = testFetcher({ retry: { retries: 2, backoffBaseMs: 10, maxRetryAfterMs: 60_000 } });
    const error = await failure(fetcher.fetch({ url: server.url('/rate-limited-for-an-hour'), accept: ['html'] }));
    expect(error.describe()).toMatch(/rate-limited-for-an-hour: http-status: HTTP 429; Retry-After 3600 s is longer than the 60 s we wait$/);
    expect(waits).toEqual([]);
  });

  it.each([
    ['/slow', 'headers that never come'],
    ['/trickle', 'a body trickled a byte at a time'],
  ])('times out on %s (%s)', async (route) => {
    const { fetcher } = testFetcher({ timeoutMs: 150 });
    const error = await failure(fetcher.fetch({ url: server.url(route), accept: ['html'] }));
    expect(error.code).toBe('timeout');
    expect(error.message).toBe('no complete response within 150 ms');
  });

  it.each([
    ['/huge', 'Content-Length 200000 bytes exceeds the 65536-byte limit'],
    ['/huge-chunked', 'body exceeds the 65536-byte limit'],
    ['/gzip-bomb', 'body exceeds the 65536-byte limit'],
  ])('caps the response size: %s', async (route, message) => {
    const { fetcher } = testFetcher();
    const error = await failure(fetcher.fetch({ url: server.url(route), accept: ['html'] }));
    expect(error.code).toBe('too-large');
    expect(error.message).toBe(message);
  });

  it('refuses a body of a media type it cannot read', async () => {
    const { fetcher } = testFetcher();
    const error = await failure(fetcher.fetch({ url: server.url('/logo.png'), accept: ['html', 'xml', 'json'] }));
    expect(error.describe()).toBe(`${server.url('/logo.png')}: content-type: unexpected content type image/png (expected html or xml or json)`);
  });

  it('reports a redirect loop with its chain', async () => {
    const { fetcher } = testFetcher();
    const error = await failure(fetcher.fetch({ url: server.url('/loop/a'), accept: ['html'] }));
    expect(error.code).toBe('redirect-loop');
    expect(error.message).toBe(`redirect loop: ${server.url('/loop/a')} → ${server.url('/loop/b')} → ${server.url('/loop/a')}`);
  });

  it('follows redirects up to the limit, and no further', async () => {
    const { fetcher } = testFetcher({ maxRedirects: 3 });
    const ok = await fetcher.fetch({ url: server.url('/hops?n=2'), accept: ['html'] });
    expect(ok.url).toBe(server.url('/offres/compte-essentiel'));
    expect(ok.redirects).toHaveLength(3);
    const error = await failure(fetcher.fetch({ url: server.url('/hops?n=5'), accept: ['html'] }));
    expect(error.code).toBe('too-many-redirects');
  });

  it('fails a 4xx at once, without retrying', async () => {
    const { fetcher, waits } = testFetcher();
    const error = await failure(fetcher.fetch({ url: server.url('/gone'), accept: ['html'] }));
    expect(error.describe()).toBe(`${server.url('/gone')}: http-status: HTTP 410 Gone`);
    expect(waits).toEqual([]);
  });

  it('sends the validators it was given and reports a 304 as not modified', async () => {
    const { fetcher } = testFetcher();
    const first = await fetcher.fetch({ url: server.url('/etag/avis'), accept: ['html'] });
    expect(first.validators).toEqual({ etag: '"avis-v1"', lastModified: 'Fri, 09 Oct 2026 10:00:00 GMT' });
    const second = await fetcher.fetch({ url: server.url('/etag/avis'), accept: ['html'], validators: first.validators });
    expect(second.notModified).toBe(true);
    expect(second.body).toHaveLength(0);
    const conditional = server.requests.filter((request) => request.path === '/etag/avis').at(-1);
    expect(conditional?.headers['if-none-match']).toBe('"avis-v1"');
  });

  it.each([
    ['file:///etc/passwd', 'only http and https URLs are scraped, not file:'],
    ['http://user:secret@127.0.0.1/', 'URLs with credentials are refused'],
    ['not a url', 'not a valid URL'],
  ])('refuses %s', async (url, message) => {
    const { fetcher } = testFetcher();
    const error = await failure(fetcher.fetch({ url, accept: ['html'] }));
    expect(error.code).toBe('invalid-url');
    expect(error.message).toBe(message);
  });
});

describe('SSRF guard', () => {
  it('refuses loopback, private and link-local literals unless private access is allowed', async () => {
    const { fetcher } = testFetcher({ allowPrivate: false });
    const before = server.requests.length;
    for (const [url, reason] of [
      [server.url('/offres/compte-essentiel'), '127.0.0.1 is a loopback address'],
      ['http://10.1.2.3/', '10.1.2.3 is a private address'],
      ['http://169.254.169.254/latest/meta-data/', '169.254.169.254 is a link-local address'],
      ['http://[::1]:8080/', '::1 is a loopback address'],
      ['http://[::ffff:192.168.0.1]/', '::ffff:c0a8:1 is a private address'],
    ] as const) {
      const error = await failure(fetcher.fetch({ url, accept: ['html'] }));
      expect(error.code).toBe('ssrf-refused');
      expect(error.message).toContain(reason);
    }
    expect(server.requests.length).toBe(before);
  });

  it('checks the address a public-looking name resolves to, before connecting', async () => {
    const { fetcher } = testFetcher({ allowPrivate: false, lookup: fakeDns({ 'reviews.example.test': ['10.0.0.7'], 'mixed.example.test': ['192.168.1.20', 'fd00::1'] }) });
    const error = await failure(fetcher.fetch({ url: 'http://reviews.example.test/avis', accept: ['html'] }));
    expect(error.describe()).toBe('http://reviews.example.test/avis: ssrf-refused: reviews.example.test resolves to 10.0.0.7 is a private address; refused (use --allow-private for intranets)');
    const mixed = await failure(fetcher.fetch({ url: 'http://mixed.example.test/', accept: ['html'] }));
    expect(mixed.code).toBe('ssrf-refused');
  });

  it('connects to the address the injected lookup returns when it is allowed', async () => {
    const port = new URL(server.origin).port;
    const { fetcher } = testFetcher({ allowPrivate: true, lookup: fakeDns({ 'banque.example.test': ['127.0.0.1'] }) });
    const response = await fetcher.fetch({ url: `http://banque.example.test:${port}/offres/compte-essentiel`, accept: ['html'] });
    expect(response.status).toBe(200);
    expect(server.requests.at(-1)?.headers.host).toBe(`banque.example.test:${port}`);
  });

  it('checks every redirect hop: an allowed host cannot bounce us to the metadata service', async () => {
    const { fetcher } = testFetcher({ allowPrivate: ['127.0.0.1/32'], lookup: fakeDns({ 'metadata.test': ['169.254.169.254'] }) });
    const direct = await fetcher.fetch({ url: server.url('/moved'), accept: ['html'] });
    expect(direct.status).toBe(200);
    const error = await failure(fetcher.fetch({ url: server.url('/redirect-to-metadata'), accept: ['html'] }));
    expect(error.code).toBe('ssrf-refused');
    expect(error.message).toContain('metadata.test resolves to 169.254.169.254 is a link-local address');
  });
});
