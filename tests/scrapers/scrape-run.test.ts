import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Verbatim } from '../../core/verbatim.js';
import type { FetchError } from '../../scrapers/fetch-error.js';
import { createPoliteClient, type PoliteClient, type PoliteClientOptions } from '../../scrapers/polite-client.js';
import { parseScrapeConfig, sourceForUrls, type SourceConfig } from '../../scrapers/scrape-config.js';
import { runScrape, type ScrapeRunOptions, type SourceSummary } from '../../scrapers/scrape-run.js';
import { reviewAuthorKey } from '../../scrapers/to-verbatim.js';
import { TEST_SECRET } from '../support/author-secret.js';
import { startFixtureServer, type FixtureServer } from './fixture-server.js';
import { MemoryStore } from './memory-store.js';
import { offlineDns } from './offline-dns.js';

const USER_AGENT = 'verbatim-test/0.1 (+https://verbatim.invalid/bot)';
let server: FixtureServer;
const clients: PoliteClient[] = [];
/** Every test client resolves through it: a test that follows a link off the machine fails in afterEach. */
const dns = offlineDns();

beforeAll(async () => {
  server = await startFixtureServer({ hugeBytes: 200_000 });
});

afterAll(async () => {
  await server.close();
});

afterEach(() => {
  for (const client of clients.splice(0)) client.close();
  expect(dns.refused.splice(0), 'host names looked up: no test may reach outside the machine').toEqual([]);
});

/** A polite client for the loopback fixture: private addresses allowed, no pacing, no DNS, waits recorded instead of slept. */
function testClient(options: Partial<PoliteClientOptions> = {}): { client: PoliteClient; waits: number[] } {
  const waits: number[] = [];
  const client = createPoliteClient({
    userAgent: USER_AGENT,
    allowPrivate: true,
    minIntervalMs: 0,
    retry: { retries: 2, backoffBaseMs: 1 },
    lookup: dns.lookup,
    sleep: async (ms) => {
      waits.push(ms);
    },
    ...options,
  });
  clients.push(client);
  return { client, waits };
}

function sources(yaml: string): readonly SourceConfig[] {
  return parseScrapeConfig(yaml.replaceAll('ORIGIN', server.origin), 'sources.yaml').sources;
}

async function run(list: readonly SourceConfig[], store: MemoryStore, options: Partial<ScrapeRunOptions> = {}): Promise<{ summaries: SourceSummary[]; errors: string[]; warnings: string[] }> {
  const errors: string[] = [];
  const warnings: string[] = [];
  const summaries = await runScrape(list, {
    client: options.client ?? testClient().client,
    store,
    now: () => new Date('2026-10-12T08:00:00Z'),
    secret: TEST_SECRET,
    reporter: {
      error: (source: string, error: FetchError) => errors.push(`${source}: ${error.describe()}`),
      warning: (source: string, url: string, message: string) => warnings.push(`${source}: ${url}: ${message}`),
    },
    ...options,
  });
  return { summaries, errors, warnings };
}

function summaryOf(summaries: readonly SourceSummary[], name: string): SourceSummary {
  const summary = summaries.find((item) => item.source === name);
  if (summary === undefined) throw new Error(`no summary for ${name}`);
  return summary;
}

const EVERY_KIND = `
sources:
  - name: json-ld
    url: ORIGIN/offres/compte-essentiel
  - name: microdata
    kind: microdata
    url: ORIGIN/cartes/premier
  - name: rss
    url: ORIGIN/feeds/avis.rss
  - name: atom
    kind: atom
    url: ORIGIN/feeds/reviews.atom
  - name: app-store
    kind: app-store
    url: ORIGIN/fr/rss/customerreviews/page=1/id=123456789/sortby=mostrecent/json
  - name: css
    kind: css
    url: ORIGIN/avis-clients?page=1
    selectors: { review: section.avis, title: .titre, text: .texte, rating: ".note@data-note", author: .nom, date: "time@datetime", id: "@data-review-id" }
  - name: css-pages
    kind: css
    url: ORIGIN/avis-clients
    selectors: { review: section.avis, text: .texte, rating: ".note@data-note", id: "@data-review-id" }
    pagination: { follow: false, param: page, start: 1 }
  - name: sitemap
    kind: sitemap
    url: ORIGIN/sitemap.xml
    sitemap: { pages: auto }
`;

describe('a scrape run over every source kind', () => {
  const store = new MemoryStore();
  let first: Awaited<ReturnType<typeof run>>;

  beforeAll(async () => {
    first = await run(sources(EVERY_KIND), store);
  });

  it.each([
    ['json-ld', 3, 1],
    ['microdata', 2, 1],
    ['rss', 3, 2],
    ['atom', 2, 1],
    ['app-store', 3, 2],
    ['css', 3, 2],
    ['css-pages', 3, 3],
  ])('%s: stores %i reviews from %i pages', (name, reviews, pages) => {
    const summary = summaryOf(first.summaries, name);
    expect(summary).toMatchObject({ inserted: reviews, found: reviews, pages, errors: [] });
    expect(store.ofSource(name)).toHaveLength(reviews);
  });

  it('sitemap: reads the index, its urlset and the pages it lists, and reports the one robots.txt disallows', () => {
    const summary = summaryOf(first.summaries, 'sitemap');
    // compte-essentiel (3) + premier (2) + archive-2024 (1)
    expect(summary.inserted).toBe(6);
    expect(summary.errors.map((error) => [error.code, new URL(error.url).pathname])).toEqual([['robots-disallowed', '/private/offre-collaborateurs']]);
    expect(first.errors).toContain(`sitemap: ${server.url('/private/offre-collaborateurs')}: robots-disallowed: disallowed by ${server.origin}/robots.txt for verbatim-test`);
    expect(server.hits('/private/offre-collaborateurs')).toBe(0);
  });

  it('stores reviews as verbatims with a star rating and no NPS', () => {
    const rows = store.ofSource('app-store');
    expect(rows.every((row) => row.nps === null && row.rating !== null && row.respondent === 'customer')).toBe(true);
    expect(rows.find((row) => row.externalId === '11223344556')).toMatchObject({
      text: "Déconnexions permanentes\nDepuis la 8.4 l'appli me déconnecte toutes les deux minutes. Inutilisable pour valider un paiement.",
      rating: 1,
      createdAt: '2026-10-11T09:14:55.000Z',
      segments: { app_version: '8.4.1', product: 'Banque Exemple – Mes comptes' },
    });
  });

  it('keeps authors only as a hashed key', () => {
    const row = store.ofSource('json-ld').find((item) => item.externalId === 'https://banque.example/avis/r-1001');
    expect(row?.authorKey).toBe(reviewAuthorKey('json-ld', 'Claire M.', TEST_SECRET));
    expect(JSON.stringify([...store.rows.values()])).not.toMatch(/Claire M\.|Lulu_75|Hélène|Priya K\./);
  });

  it('reports the malformed JSON-LD block as a warning, one line', () => {
    expect(first.warnings.filter((line) => line.includes('JSON-LD block 1: invalid JSON'))).toHaveLength(2); // the product page, directly and through the sitemap
  });

  it('reads robots.txt once for the host, whatever the number of pages and sources', () => {
    expect(server.hits('/robots.txt')).toBe(1);
  });

  it('sends an identifying User-Agent on every request', () => {
    expect(new Set(server.requests.map((request) => request.headers['user-agent']))).toEqual(new Set([USER_AGENT]));
  });

  it('adds nothing on a second run, and remembers what it saw', async () => {
    const second = await run(sources(EVERY_KIND), store);
    for (const summary of second.summaries) expect([summary.source, summary.inserted]).toEqual([summary.source, 0]);
    expect(second.summaries.reduce((total, summary) => total + summary.inserted, 0)).toBe(0);
    expect(summaryOf(second.summaries, 'rss')).toMatchObject({ found: 2, duplicates: 2, pages: 1 }); // page 1 brings nothing new: page 2 is not fetched again
    expect(store.states.get('rss')?.seen).toHaveLength(3);
  });
});

describe('incremental runs', () => {
  it('sends the saved ETag and Last-Modified, and counts a 304 as unchanged', async () => {
    const store = new MemoryStore();
    const list = sources('sources:\n  - name: etag\n    url: ORIGIN/etag/avis\n');
    expect(summaryOf((await run(list, store)).summaries, 'etag')).toMatchObject({ inserted: 1, unchanged: 0 });
    expect(store.states.get('etag')?.pages[server.url('/etag/avis')]).toEqual({ etag: '"avis-v1"', lastModified: 'Fri, 09 Oct 2026 10:00:00 GMT' });
    const second = await run(list, store);
    expect(summaryOf(second.summaries, 'etag')).toMatchObject({ inserted: 0, unchanged: 1, found: 0 });
    const conditional = server.requests.filter((request) => request.path === '/etag/avis').at(-1);
    expect(conditional?.headers).toMatchObject({ 'if-none-match': '"avis-v1"', 'if-modified-since': 'Fri, 09 Oct 2026 10:00:00 GMT' });
  });

  it.each([
    ['--since', '', { since: new Date('2026-10-01') }, { inserted: 2, older: 1 }],
    ['maxReviews', '    limits: { maxReviews: 1 }\n', {}, { inserted: 1, limited: true }],
  ] as const)('reads a page cut short by %s again next run instead of taking its 304 for all read', async (name, limits, options, firstRun) => {
    const store = new MemoryStore();
    const cut = sources(`sources:\n  - name: cut-${name}\n    url: ORIGIN/etag/mois\n${limits}`);
    expect(summaryOf((await run(cut, store, options)).summaries, `cut-${name}`)).toMatchObject(firstRun);
    expect(store.states.get(`cut-${name}`)?.pages[server.url('/etag/mois')]).toBeUndefined();
    const whole = sources(`sources:\n  - name: cut-${name}\n    url: ORIGIN/etag/mois\n`);
    expect(summaryOf((await run(whole, store)).summaries, `cut-${name}`)).toMatchObject({ inserted: 3 - firstRun.inserted, unchanged: 0 });
    expect(store.ofSource(`cut-${name}`)).toHaveLength(3);
    expect(summaryOf((await run(whole, store)).summaries, `cut-${name}`)).toMatchObject({ inserted: 0, unchanged: 1 });
  });

  it('forgets what an earlier run remembered of a page it now reads only in part', async () => {
    const store = new MemoryStore();
    store.states.set('stale', { version: 1, pages: { [server.url('/etag/mois')]: { etag: '"mois-v0"' } }, seen: [], aggregates: [] });
    await run(sources('sources:\n  - name: stale\n    url: ORIGIN/etag/mois\n'), store, { since: new Date('2026-10-01') });
    expect(store.states.get('stale')?.pages).toEqual({});
  });

  it.each([
    ['rel=next', ''],
    ['page parameter', '    pagination: { follow: false, param: page }\n'],
  ])('visits next run a page of a chain that failed (%s), though the page before it brings nothing new', async (name, pagination) => {
    const store = new MemoryStore();
    const id = name.replace(/\W/g, '');
    const list = sources(`sources:\n  - name: chain\n    url: ORIGIN/chain?id=${id}&fail=2\n${pagination}`);
    const page2 = `${server.url(`/chain?id=${id}&fail=2`)}&page=2`;
    const first = summaryOf((await run(list, store)).summaries, 'chain');
    expect(first).toMatchObject({ inserted: 2, pages: 2 });
    expect(first.errors.map((error) => [error.url, error.code])).toEqual([[page2, 'http-status']]);
    expect(store.states.get('chain')?.pending?.map((task) => task.url)).toEqual([page2]);
    const second = summaryOf((await run(list, store)).summaries, 'chain');
    expect(second).toMatchObject({ inserted: 2, errors: [], pages: 3 }); // page 1 (nothing new), page 2 (its two reviews), page 3 (nothing new)
    expect(store.ofSource('chain')).toHaveLength(4);
    expect(store.states.get('chain')?.pending).toEqual([]);
    expect(summaryOf((await run(list, store)).summaries, 'chain')).toMatchObject({ inserted: 0, pages: 1 });
  });

  it('visits next run the page of a chain that maxPages left', async () => {
    const store = new MemoryStore();
    const list = (maxPages: number): readonly SourceConfig[] => sources(`sources:\n  - name: chain-capped\n    url: ORIGIN/chain?id=capped\n    limits: { maxPages: ${maxPages} }\n`);
    expect(summaryOf((await run(list(1), store)).summaries, 'chain-capped')).toMatchObject({ inserted: 2, pages: 1, limited: true });
    expect(store.states.get('chain-capped')?.pending?.map((task) => task.url)).toEqual([`${server.url('/chain?id=capped')}&page=2`]);
    expect(summaryOf((await run(list(2), store)).summaries, 'chain-capped')).toMatchObject({ inserted: 2, pages: 2, limited: true });
    expect(store.states.get('chain-capped')?.pending?.map((task) => task.url)).toEqual([`${server.url('/chain?id=capped')}&page=3`]);
  });

  it('drops an unfinished page of a start URL no longer configured', async () => {
    const store = new MemoryStore();
    const orphan = { url: server.url('/cartes/premier'), kind: 'auto', role: 'next', root: server.url('/removed'), depth: 0 } as const;
    store.states.set('orphan', { version: 1, pages: {}, seen: [], aggregates: [], pending: [orphan] });
    expect(summaryOf((await run(sources('sources:\n  - name: orphan\n    url: ORIGIN/no-reviews\n'), store)).summaries, 'orphan')).toMatchObject({ pages: 1, inserted: 0 });
  });

  it('leaves out reviews and sitemap pages older than --since', async () => {
    const store = new MemoryStore();
    const { summaries } = await run(sources('sources:\n  - name: since\n    kind: sitemap\n    url: ORIGIN/sitemaps/offres.xml\n'), store, { since: new Date('2026-10-01') });
    // archive-2024 (lastmod 2025) and premier (lastmod 2026-09-20) are not fetched; compte-essentiel keeps its 3 October reviews.
    expect(summaryOf(summaries, 'since')).toMatchObject({ inserted: 3, older: 2 });
    expect(store.ofSource('since').every((row) => (row.createdAt ?? '') >= '2026-10-01')).toBe(true);
  });

  it('leaves out feed items older than --since, and takes them when run without it', async () => {
    const store = new MemoryStore();
    const { summaries } = await run(sources('sources:\n  - name: feed-since\n    url: ORIGIN/feeds/avis.rss\n'), store, { since: new Date('2026-10-07T00:00:00Z') });
    // Page 1: one item of 7 October, one of the 6th; page 2 (28 September) brings nothing new, so pagination ends there.
    expect(summaryOf(summaries, 'feed-since')).toMatchObject({ inserted: 1, older: 2, pages: 2 });
    const everything = await run(sources('sources:\n  - name: feed-since\n    url: ORIGIN/feeds/avis.rss\n'), store);
    expect(summaryOf(everything.summaries, 'feed-since')).toMatchObject({ inserted: 2 });
  });

  it('skips a sitemap page whose lastmod has not moved since the last run', async () => {
    const store = new MemoryStore();
    const list = sources('sources:\n  - name: lastmod\n    kind: sitemap\n    url: ORIGIN/sitemaps/offres.xml\n    sitemap: { exclude: "/private/" }\n');
    expect(summaryOf((await run(list, store)).summaries, 'lastmod')).toMatchObject({ inserted: 6, errors: [] });
    const before = server.hits('/cartes/premier');
    const second = summaryOf((await run(list, store)).summaries, 'lastmod');
    expect(second).toMatchObject({ inserted: 0, unchanged: 3, pages: 1 });
    expect(server.hits('/cartes/premier')).toBe(before);
  });

  it('stores the same review found on two pages without ids once (content hash)', async () => {
    const store = new MemoryStore();
    const { summaries } = await run([sourceForUrls('syndicated', [server.url('/syndicated/a'), server.url('/syndicated/b')])], store);
    expect(summaryOf(summaries, 'syndicated')).toMatchObject({ found: 1, inserted: 1 });
    expect(store.ofSource('syndicated')).toHaveLength(1);
  });

  it('does not bring back a review deleted since (a forgotten author stays forgotten)', async () => {
    const store = new MemoryStore();
    const list = sources('sources:\n  - name: forget\n    url: ORIGIN/cartes/premier\n');
    await run(list, store);
    const dana = store.ofSource('forget').find((row) => row.authorKey === reviewAuthorKey('forget', 'Dana W.', TEST_SECRET));
    expect(dana).toBeDefined();
    store.rows.delete(dana?.id ?? '');
    expect(summaryOf((await run(list, store)).summaries, 'forget')).toMatchObject({ inserted: 0, duplicates: 2 });
    expect(store.rows.has(dana?.id ?? '')).toBe(false);
  });

  it('skips a source run again before its schedule says, unless forced', async () => {
    const store = new MemoryStore();
    const list = sources('sources:\n  - name: daily\n    url: ORIGIN/feeds/reviews.atom\n    schedule: { every: 1d }\n');
    await run(list, store);
    const again = summaryOf((await run(list, store, { now: () => new Date('2026-10-12T14:00:00Z') })).summaries, 'daily');
    expect(again.skipped).toBe('last run 6 h ago, schedule every 1 d (use --force to run now)');
    expect(again.pages).toBe(0);
    expect(summaryOf((await run(list, store, { now: () => new Date('2026-10-12T14:00:00Z'), force: true })).summaries, 'daily')).toMatchObject({ skipped: undefined, pages: 1 });
  });
});

describe('authors', () => {
  it.each([
    ['keep', 'Dana W.', true],
    ['drop', undefined, false],
  ] as const)('authors: %s', async (policy, segment, hasKey) => {
    const store = new MemoryStore();
    await run(sources(`sources:\n  - name: authors-${policy}\n    url: ORIGIN/cartes/premier\n    authors: ${policy}\n    segments: { channel: web }\n`), store);
    const row = store.ofSource(`authors-${policy}`).find((item) => item.externalId !== null);
    expect(row?.segments['author']).toBe(segment);
    expect(row?.segments['channel']).toBe('web');
    expect(row?.authorKey !== null).toBe(hasKey);
  });
});

describe('failures, one line each, the run goes on', () => {
  it('reports every bad URL and still stores the good ones', async () => {
    const store = new MemoryStore();
    const { client, waits } = testClient({ retry: { retries: 2, backoffBaseMs: 1, maxRetryAfterMs: 60_000 } });
    const bad = ['/private/offre-collaborateurs', '/slow', '/huge', '/loop/a', '/logo.png', '/gone', '/rate-limited-for-an-hour', '/no-reviews'];
    const list = sources(`sources:\n  - name: mixed\n    limits: { timeout: 300ms, maxBytes: 64KB }\n    urls:\n${[...bad, '/busy', '/avis/nimes?declare=header'].map((path) => `      - ORIGIN${path}`).join('\n')}\n`);
    const { summaries, errors, warnings } = await run(list, store, { client });
    const summary = summaryOf(summaries, 'mixed');
    expect(summary.errors.map((error) => [new URL(error.url).pathname, error.code])).toEqual(
      expect.arrayContaining([
        ['/private/offre-collaborateurs', 'robots-disallowed'],
        ['/slow', 'timeout'],
        ['/huge', 'too-large'],
        ['/loop/a', 'redirect-loop'],
        ['/logo.png', 'content-type'],
        ['/gone', 'http-status'],
        ['/rate-limited-for-an-hour', 'http-status'],
      ]),
    );
    expect(errors).toHaveLength(7);
    for (const line of errors) expect(line).not.toContain('\n');
    expect(warnings).toContain(`mixed: ${server.url('/no-reviews')}: no schema.org Review or AggregateRating found (JSON-LD or microdata)`);
    // /busy answered 429 with Retry-After: 2 once, then its review came through.
    expect(waits).toContain(2_000);
    expect(summary.inserted).toBe(2);
    expect(summary.startFailures).toBe(7);
  });

  it('runs no page script and requests no subresource: robots.txt and the page, nothing else', async () => {
    const store = new MemoryStore();
    const before = server.requests.length;
    await run([sourceForUrls('scripted', [server.url('/scripted')])], store);
    expect(store.ofSource('scripted').map((row) => row.text)).toEqual(['Texte statique du serveur.']);
    expect(server.requests.slice(before).map((request) => request.path)).toEqual(['/robots.txt', '/scripted']);
  });

  it('keeps the other sources when the store fails for one, and says which in one line', async () => {
    class FailingStore extends MemoryStore {
      override async store(source: string, verbatims: readonly Verbatim[]): Promise<{ inserted: number; duplicates: number }> {
        if (source === 'broken') throw new Error('could not write verbatims:\n  disk full');
        return super.store(source, verbatims);
      }
    }
    const store = new FailingStore();
    const list = [sourceForUrls('broken', [server.url('/cartes/premier')]), sourceForUrls('fine', [server.url('/feeds/reviews.atom')])];
    const { summaries } = await run(list, store, { sourcesInFlight: 1 });
    expect(summaries.map((summary) => [summary.source, summary.failed, summary.inserted])).toEqual([
      ['broken', 'could not write verbatims: disk full', 0],
      ['fine', undefined, 2],
    ]);
    expect(store.states.has('broken')).toBe(false); // nothing remembered: the next run reads it all again
  });

  it('decodes a Windows-1252 page end to end', async () => {
    const store = new MemoryStore();
    await run(sources('sources:\n  - name: cp1252\n    urls: [ORIGIN/avis/nimes?declare=header, ORIGIN/avis/nimes?declare=meta, ORIGIN/avis/nimes?declare=none]\n'), store);
    const texts = store.ofSource('cp1252').map((row) => row.text);
    // Three pages, three ids, one review: a single text left after content dedup means all three decodings agree.
    expect(texts).toHaveLength(1);
    expect(texts[0]).toBe('Frais de 8 € pour un virement, c’est cher ; l’accueil reste sœur de la courtoisie. Très déçu.');
  });

  it('refuses the loopback fixture without --allow-private, before any request', async () => {
    const store = new MemoryStore();
    const before = server.requests.length;
    const { client } = testClient({ allowPrivate: false });
    const { summaries, errors } = await run([sourceForUrls('ssrf', [server.url('/offres/compte-essentiel')])], store, { client });
    expect(summaryOf(summaries, 'ssrf')).toMatchObject({ inserted: 0, startFailures: 1 });
    expect(errors).toEqual([`ssrf: ${server.url('/offres/compte-essentiel')}: ssrf-refused: 127.0.0.1 is a loopback address; refused (use --allow-private for intranets)`]);
    expect(server.requests.length).toBe(before);
  });

  it('does not follow a sitemap to another host', async () => {
    const { summaries, warnings } = await run([sourceForUrls('mixed-sitemap', [server.url('/sitemaps/mixed.xml')])], new MemoryStore());
    expect(summaryOf(summaries, 'mixed-sitemap')).toMatchObject({ inserted: 2, errors: [], pages: 2 });
    expect(warnings).toContain(`mixed-sitemap: ${server.url('/sitemaps/mixed.xml')}: link to another host not followed: http://elsewhere.invalid/avis`);
  });

  it('stops at maxReviews across pages and says so', async () => {
    const store = new MemoryStore();
    const { summaries } = await run(sources('sources:\n  - name: reviews-capped\n    url: ORIGIN/chain?id=reviews-capped\n    limits: { maxReviews: 3 }\n'), store);
    // Two reviews of page 1, the first of page 2; page 3 is not asked for.
    expect(summaryOf(summaries, 'reviews-capped')).toMatchObject({ pages: 2, found: 3, inserted: 3, limited: true });
    expect(store.ofSource('reviews-capped').map((row) => row.externalId).sort()).toEqual(['urn:avis:chain-reviews-capped-1-1', 'urn:avis:chain-reviews-capped-1-2', 'urn:avis:chain-reviews-capped-2-1']);
    expect(server.hits('/chain?id=reviews-capped&page=3')).toBe(0);
  });

  it('stops at maxPages and says so', async () => {
    const store = new MemoryStore();
    const { summaries } = await run(sources('sources:\n  - name: capped\n    url: ORIGIN/feeds/avis.rss\n    limits: { maxPages: 1 }\n'), store);
    expect(summaryOf(summaries, 'capped')).toMatchObject({ pages: 1, inserted: 2, limited: true });
  });
});

describe('politeness', () => {
  it('waits the Crawl-delay robots.txt asks for between two requests to the host', async () => {
    const slowHost = await startFixtureServer({ robots: 'User-agent: *\nCrawl-delay: 0.2\n' });
    try {
      const { client } = testClient();
      const list = sources('sources:\n  - name: delayed\n    urls: [ORIGIN/feeds/reviews.atom, ORIGIN/cartes/premier, ORIGIN/etag/avis]\n'.replaceAll('ORIGIN', slowHost.origin));
      await run(list, new MemoryStore(), { client });
      const starts = slowHost.requests.filter((request) => request.path !== '/robots.txt').map((request) => request.at);
      expect(starts).toHaveLength(3);
      for (let index = 1; index < starts.length; index++) expect((starts[index] ?? 0) - (starts[index - 1] ?? 0)).toBeGreaterThanOrEqual(190);
    } finally {
      await slowHost.close();
    }
  });

  it.each([
    [503, 'robots-unavailable'],
    [404, undefined],
  ])('robots.txt answering %i: %s', async (status, code) => {
    const host = await startFixtureServer({ robots: status });
    try {
      const { summaries } = await run([sourceForUrls('robots', [host.url('/cartes/premier'), host.url('/feeds/reviews.atom')])], new MemoryStore());
      const summary = summaryOf(summaries, 'robots');
      expect(summary.errors.map((error) => error.code)).toEqual(code === undefined ? [] : [code, code]);
      expect(host.hits('/robots.txt')).toBe(status === 503 ? 3 : 1); // a 503 is retried, then the host is skipped for the run
      expect(host.hits('/cartes/premier')).toBe(code === undefined ? 1 : 0);
    } finally {
      await host.close();
    }
  });

  it('obeys the group of robots.txt that names our user agent', async () => {
    const host = await startFixtureServer({ robots: 'User-agent: verbatim-test\nDisallow: /feeds/\n\nUser-agent: *\nDisallow: /\n' });
    try {
      const { summaries } = await run([sourceForUrls('ours', [host.url('/feeds/reviews.atom'), host.url('/cartes/premier')])], new MemoryStore());
      expect(summaryOf(summaries, 'ours').errors.map((error) => [new URL(error.url).pathname, error.code])).toEqual([['/feeds/reviews.atom', 'robots-disallowed']]);
    } finally {
      await host.close();
    }
  });

  it('checks robots.txt on a redirect hop too', async () => {
    const { summaries } = await run([sourceForUrls('hop', [server.url('/redirect-to-private-path')])], new MemoryStore());
    expect(summaryOf(summaries, 'hop').errors.map((error) => error.code)).toEqual(['robots-disallowed']);
  });
});

describe('tests stay on the machine', () => {
  it.each(['http://elsewhere.invalid/avis', 'https://apps.apple.example/fr/app/id123456789'])('the test client refuses to resolve %s rather than ask the DNS', async (url) => {
    const { client } = testClient();
    await expect(client.get({ url, accept: ['html'] })).rejects.toThrow(`offline test resolver refused ${new URL(url).hostname}`);
    expect(new Set(dns.refused.splice(0))).toEqual(new Set([new URL(url).hostname]));
  });
});
