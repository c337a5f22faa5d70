import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import iconv from 'iconv-lite';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A request the fixture server saw. */
export interface RecordedRequest {
  readonly path: string;
  readonly headers: IncomingMessage['headers'];
  /** `performance.now()` when it arrived. */
  readonly at: number;
}

export interface FixtureServer {
  /** `http://127.0.0.1:PORT` */
  readonly origin: string;
  url(pathAndQuery: string): string;
  readonly requests: RecordedRequest[];
  /** How many requests hit this path (query included when given). */
  hits(pathAndQuery: string): number;
  /** The most requests this server had in flight at once. */
  readonly maxInFlight: () => number;
  close(): Promise<void>;
}

export interface FixtureOptions {
  /** robots.txt body; `null` answers 404, a number answers that status. */
  readonly robots?: string | number | null;
  /** Size of the oversized bodies (default 200 KB). */
  readonly hugeBytes?: number;
}

export const DEFAULT_ROBOTS = ['User-agent: *', 'Disallow: /private/', '', 'User-agent: badbot', 'Disallow: /', '', 'Sitemap: /sitemap.xml'].join('\n');

type Handler = (request: IncomingMessage, response: ServerResponse, url: URL, state: Map<string, number>) => void;

/**
 * A loopback HTTP server (127.0.0.1, port 0) with a realistic page for every
 * source kind and a route for every failure the scrapers must survive. Nothing
 * it serves points outside the machine except `/redirect-to-metadata`, whose
 * host name tests resolve (with an injected lookup) to a link-local address.
 */
export async function startFixtureServer(options: FixtureOptions = {}): Promise<FixtureServer> {
  const requests: RecordedRequest[] = [];
  const state = new Map<string, number>();
  const sockets = new Set<Socket>();
  const routes = buildRoutes(options);
  let inFlight = 0;
  let maxInFlight = 0;
  const server = createServer((request, response) => {
    inFlight += 1;
    maxInFlight = Math.max(maxInFlight, inFlight);
    response.on('close', () => (inFlight -= 1));
    const url = new URL(request.url ?? '/', 'http://fixture.invalid');
    requests.push({ path: url.pathname + url.search, headers: request.headers, at: performance.now() });
    const handler = routes.get(url.pathname);
    if (handler === undefined) {
      send(response, 404, 'text/html; charset=utf-8', '<!doctype html><title>Not found</title><h1>404</h1>');
      return;
    }
    handler(request, response, url, state);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    url: (pathAndQuery) => `${origin}${pathAndQuery}`,
    requests,
    maxInFlight: () => maxInFlight,
    hits: (pathAndQuery) => requests.filter((request) => request.path === pathAndQuery || (!pathAndQuery.includes('?') && request.path.split('?')[0] === pathAndQuery)).length,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

function send(response: ServerResponse, status: number, contentType: string | undefined, body: string | Buffer, headers: Record<string, string> = {}): void {
  const bytes = typeof body === 'string' ? Buffer.from(body) : body;
  response.writeHead(status, { ...(contentType === undefined ? {} : { 'content-type': contentType }), 'content-length': String(bytes.length), ...headers });
  response.end(bytes);
}

function redirect(response: ServerResponse, location: string, status = 302): void {
  response.writeHead(status, { location, 'content-length': '0' });
  response.end();
}

/** Counts calls per route, so a route can fail the first times and then answer. */
function nth(state: Map<string, number>, key: string): number {
  const count = (state.get(key) ?? 0) + 1;
  state.set(key, count);
  return count;
}

const HTML = 'text/html; charset=utf-8';

function jsonLdPage(reviews: readonly { id: string; author: string; date: string; rating: number; body: string }[], title: string): string {
  const graph = reviews.map((review) => ({
    '@type': 'Review',
    '@id': review.id,
    author: { '@type': 'Person', name: review.author },
    datePublished: review.date,
    reviewBody: review.body,
    reviewRating: { '@type': 'Rating', ratingValue: review.rating, bestRating: 5 },
  }));
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title>
<script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Product', name: title, review: graph })}</script>
</head><body><h1>${title}</h1></body></html>`;
}

/** A French review page in Windows-1252: €, ’, œ and é are single bytes 0x80, 0x92, 0x9C, 0xE9. */
function windows1252Page(declare: 'header' | 'meta' | 'none'): { body: Buffer; contentType: string } {
  const meta = declare === 'meta' ? '<meta http-equiv="Content-Type" content="text/html; charset=windows-1252">' : '';
  const html = `<!DOCTYPE html><html lang="fr"><head>${meta}<title>Avis – agence de Nîmes</title>
<script type="application/ld+json">{"@context":"https://schema.org","@type":"Review","@id":"urn:avis:nimes-${declare}",
"author":{"@type":"Person","name":"Benoît"},"datePublished":"2026-10-07",
"reviewBody":"Frais de 8 € pour un virement, c’est cher ; l’accueil reste sœur de la courtoisie. Très déçu.",
"reviewRating":{"@type":"Rating","ratingValue":"2"}}</script></head>
<body><p>Agence de Nîmes</p></body></html>`;
  return { body: iconv.encode(html, 'windows-1252'), contentType: declare === 'header' ? 'text/html; charset=windows-1252' : 'text/html' };
}

function buildRoutes(options: FixtureOptions): Map<string, Handler> {
  const hugeBytes = options.hugeBytes ?? 200_000;
  const routes = new Map<string, Handler>();
  const staticRoute = (route: string, file: string, contentType: string): void => {
    routes.set(route, (_request, response) => send(response, 200, contentType, fixture(file)));
  };

  routes.set('/robots.txt', (_request, response) => {
    const robots = options.robots === undefined ? DEFAULT_ROBOTS : options.robots;
    if (robots === null) send(response, 404, HTML, '<h1>Not found</h1>');
    else if (typeof robots === 'number') send(response, robots, 'text/plain', 'unavailable');
    else send(response, 200, 'text/plain; charset=utf-8', robots);
  });

  // Source kinds.
  staticRoute('/offres/compte-essentiel', 'json-ld-graph.html', HTML);
  staticRoute('/cartes/premier', 'microdata.html', HTML);
  routes.set('/feeds/avis.rss', (_request, response, url) =>
    send(response, 200, 'application/rss+xml; charset=utf-8', fixture(url.searchParams.get('page') === '2' ? 'feed-page2.rss' : 'feed.rss')),
  );
  staticRoute('/feeds/reviews.atom', 'feed.atom', 'application/atom+xml');
  routes.set('/fr/rss/customerreviews/page=1/id=123456789/sortby=mostrecent/json', (_request, response) =>
    send(response, 200, 'application/json; charset=utf-8', fixture('app-store-page1.json')),
  );
  routes.set('/fr/rss/customerreviews/page=2/id=123456789/sortby=mostrecent/json', (_request, response) =>
    send(response, 200, 'text/javascript; charset=utf-8', fixture('app-store-page2.json')),
  );
  routes.set('/avis-clients', (_request, response, url) => {
    const page = url.searchParams.get('page') ?? '1';
    if (page === '1' || page === '2') send(response, 200, HTML, fixture(`css-page${page}.html`));
    else send(response, 200, HTML, '<!doctype html><html><body><main><p>Aucun autre avis.</p></main></body></html>');
  });
  staticRoute('/sitemap.xml', 'sitemap-index.xml', 'application/xml');
  staticRoute('/sitemaps/offres.xml', 'sitemap-offres.xml', 'text/xml; charset=utf-8');
  routes.set('/sitemaps/mixed.xml', (_request, response) =>
    send(
      response,
      200,
      'application/xml',
      '<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>/cartes/premier</loc></url><url><loc>http://elsewhere.invalid/avis</loc></url></urlset>',
    ),
  );
  routes.set('/offres/archive-2024', (_request, response) =>
    send(response, 200, HTML, jsonLdPage([{ id: 'urn:avis:archive-1', author: 'Ancien client', date: '2024-11-02', rating: 3, body: 'Offre 2024, correcte sans plus.' }], 'Archive 2024')),
  );
  routes.set('/private/offre-collaborateurs', (_request, response) => send(response, 200, HTML, jsonLdPage([], 'Interne')));
  routes.set('/avis/nimes', (_request, response, url) => {
    const declare = url.searchParams.get('declare');
    const page = windows1252Page(declare === 'meta' ? 'meta' : declare === 'none' ? 'none' : 'header');
    send(response, 200, page.contentType, page.body);
  });
  routes.set('/api/reviews.jsonld', (_request, response) =>
    send(response, 200, 'application/ld+json', JSON.stringify({ '@context': 'https://schema.org', '@type': 'Review', '@id': 'urn:avis:api-1', reviewBody: 'Served as a JSON-LD document.', reviewRating: { ratingValue: 4 } })),
  );
  // Answers after `ms` milliseconds, one review per `n`: to see how many requests a host gets at once.
  routes.set('/held', (request, response, url) => {
    const n = url.searchParams.get('n') ?? '0';
    const timer = setTimeout(
      () => send(response, 200, HTML, jsonLdPage([{ id: `urn:avis:held-${n}`, author: `Client ${n}`, date: '2026-10-08', rating: 4, body: `Avis numéro ${n}.` }], `Held ${n}`)),
      Number(url.searchParams.get('ms') ?? '50'),
    );
    response.on('close', () => clearTimeout(timer));
  });
  // Scripts and handlers that would rewrite the review, and an image: a scraper requests the page and nothing else.
  staticRoute('/scripted', 'scripted.html', HTML);
  routes.set('/no-reviews', (_request, response) => send(response, 200, HTML, '<!doctype html><html><head><title>Accueil</title></head><body><p>Bienvenue</p></body></html>'));

  // Incremental: ETag and Last-Modified, 304 when they still hold.
  routes.set('/etag/avis', (request, response) => {
    const etag = '"avis-v1"';
    const lastModified = 'Fri, 09 Oct 2026 10:00:00 GMT';
    if (request.headers['if-none-match'] === etag || request.headers['if-modified-since'] === lastModified) {
      response.writeHead(304, { etag, 'last-modified': lastModified });
      response.end();
      return;
    }
    const body = jsonLdPage([{ id: 'urn:avis:etag-1', author: 'Agathe', date: '2026-10-09', rating: 4, body: 'Carte remplacée en 48 heures, merci.' }], 'Remplacement de carte');
    send(response, 200, HTML, body, { etag, 'last-modified': lastModified });
  });
  // Three reviews of three dates behind one ETag: a run cut by --since or maxReviews must not take the 304 for "all read".
  routes.set('/etag/mois', (request, response) => {
    const etag = '"mois-v1"';
    if (request.headers['if-none-match'] === etag) {
      response.writeHead(304, { etag });
      response.end();
      return;
    }
    const reviews = [
      { id: 'urn:avis:mois-1', author: 'Inès', date: '2026-10-10', rating: 5, body: 'Virement instantané arrivé en dix secondes.' },
      { id: 'urn:avis:mois-2', author: 'Marc', date: '2026-10-04', rating: 2, body: 'Plafond de carte impossible à relever depuis l’appli.' },
      { id: 'urn:avis:mois-3', author: 'Sofia', date: '2026-09-27', rating: 4, body: 'Conseillère à l’écoute, rendez-vous obtenu vite.' },
    ];
    send(response, 200, HTML, jsonLdPage(reviews, 'Avis du mois'), { etag });
  });
  // A chain of three pages, `?id=` naming it; with `fail=2`, page 2 answers 429 for an hour the first time, so one run ends with it unread.
  routes.set('/chain', (_request, response, url, counts) => {
    const id = url.searchParams.get('id') ?? 'x';
    const page = Number(url.searchParams.get('page') ?? '1');
    if (page === 2 && url.searchParams.get('fail') === '2' && nth(counts, `chain-${id}`) === 1) {
      send(response, 429, 'text/plain', 'Too Many Requests', { 'retry-after': '3600' });
      return;
    }
    const reviews = page > 2 ? [] : [1, 2].map((n) => ({ id: `urn:avis:chain-${id}-${page}-${n}`, author: `Client ${page}.${n}`, date: `2026-10-0${6 - page * 2 + n}`, rating: 3 + n, body: `Avis ${n} de la page ${page}.` }));
    const following = new URLSearchParams(url.searchParams);
    following.set('page', String(page + 1));
    const next = page > 2 ? '' : `<link rel="next" href="/chain?${following.toString().replaceAll('&', '&amp;')}">`;
    send(response, 200, HTML, jsonLdPage(reviews, `Page ${page}`).replace('</head>', `${next}</head>`));
  });
  // The same review on two pages, without ids: one verbatim (content hash).
  const noId = (title: string): string =>
    `<!doctype html><html><head><title>${title}</title><script type="application/ld+json">${JSON.stringify({ '@context': 'https://schema.org', '@type': 'Review', author: 'Léa', reviewBody: 'Service client joignable et efficace.', reviewRating: { ratingValue: 5 } })}</script></head><body></body></html>`;
  routes.set('/syndicated/a', (_request, response) => send(response, 200, HTML, noId('A')));
  routes.set('/syndicated/b', (_request, response) => send(response, 200, HTML, noId('B')));

  // Failures.
  routes.set('/busy', (_request, response, _url, counts) => {
    if (nth(counts, 'busy') === 1) send(response, 429, 'text/plain', 'Too Many Requests', { 'retry-after': '2' });
    else send(response, 200, HTML, jsonLdPage([{ id: 'urn:avis:busy-1', author: 'Rémi', date: '2026-10-06', rating: 3, body: 'Site lent aux heures de pointe.' }], 'Busy'));
  });
  routes.set('/flaky', (_request, response, _url, counts) => {
    if (nth(counts, 'flaky') <= 2) send(response, 503, 'text/plain', 'Service Unavailable');
    else send(response, 200, HTML, jsonLdPage([{ id: 'urn:avis:flaky-1', author: 'Yann', date: '2026-10-06', rating: 4, body: 'Bonne appli malgré quelques pannes.' }], 'Flaky'));
  });
  routes.set('/down', (_request, response) => send(response, 503, 'text/plain', 'Service Unavailable'));
  routes.set('/rate-limited-for-an-hour', (_request, response) => send(response, 429, 'text/plain', 'Too Many Requests', { 'retry-after': '3600' }));
  routes.set('/slow', (request, response) => {
    const timer = setTimeout(() => send(response, 200, HTML, jsonLdPage([], 'Slow')), 5_000);
    response.on('close', () => clearTimeout(timer));
  });
  routes.set('/trickle', (request, response) => {
    // Headers at once, then one byte every 100 ms: only a whole-response deadline catches it.
    response.writeHead(200, { 'content-type': HTML });
    const timer = setInterval(() => response.write(' '), 100);
    response.on('close', () => clearInterval(timer));
  });
  routes.set('/huge', (_request, response) => send(response, 200, HTML, Buffer.alloc(hugeBytes, 0x20)));
  routes.set('/huge-chunked', (_request, response) => {
    response.writeHead(200, { 'content-type': HTML });
    const chunk = Buffer.alloc(16_384, 0x20);
    for (let written = 0; written < hugeBytes; written += chunk.length) response.write(chunk);
    response.end();
  });
  routes.set('/gzip-bomb', (_request, response) => {
    const body = gzipSync(Buffer.alloc(hugeBytes * 10, 0x20));
    response.writeHead(200, { 'content-type': HTML, 'content-encoding': 'gzip', 'content-length': String(body.length) });
    response.end(body);
  });
  routes.set('/gzipped', (_request, response) => {
    const body = gzipSync(fixture('json-ld-graph.html'));
    response.writeHead(200, { 'content-type': HTML, 'content-encoding': 'gzip', 'content-length': String(body.length) });
    response.end(body);
  });
  routes.set('/loop/a', (_request, response) => redirect(response, '/loop/b'));
  routes.set('/loop/b', (_request, response) => redirect(response, '/loop/a', 301));
  routes.set('/hops', (_request, response, url) => {
    const left = Number(url.searchParams.get('n') ?? '0');
    if (left > 0) redirect(response, `/hops?n=${left - 1}`, 307);
    else redirect(response, '/offres/compte-essentiel', 308);
  });
  routes.set('/moved', (_request, response) => redirect(response, '/offres/compte-essentiel', 301));
  routes.set('/redirect-to-private-path', (_request, response) => redirect(response, '/private/offre-collaborateurs'));
  routes.set('/redirect-to-metadata', (_request, response) => redirect(response, 'http://metadata.test/latest/meta-data/'));
  routes.set('/logo.png', (_request, response) => send(response, 200, 'image/png', Buffer.from('89504e470d0a1a0a', 'hex')));
  routes.set('/gone', (_request, response) => send(response, 410, HTML, '<h1>Gone</h1>'));
  return routes;
}
