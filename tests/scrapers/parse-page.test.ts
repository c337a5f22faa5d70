import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../scrapers/charset.js';
import { FetchError } from '../../scrapers/fetch-error.js';
import type { FetchResponse } from '../../scrapers/fetcher.js';
import { bodyKindOf, parseContentType } from '../../scrapers/media-types.js';
import { parsePage, type ParseOptions } from '../../scrapers/parse-page.js';
import { htmlToText } from '../../scrapers/sources/html-text.js';
import { normalizeRating } from '../../scrapers/sources/review-record.js';

const FIXTURES = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

/** A response as the fetcher would return it, from a fixture file or a string. */
function response(body: string | Buffer, contentType: string | undefined, url = 'https://banque.example/page', headers: Record<string, string> = {}): FetchResponse {
  const { type, charset } = parseContentType(contentType);
  return {
    url,
    status: 200,
    notModified: false,
    headers: { ...headers, ...(contentType === undefined ? {} : { 'content-type': contentType }) },
    mediaType: type,
    bodyKind: type === undefined ? undefined : bodyKindOf(type),
    charset,
    body: typeof body === 'string' ? Buffer.from(body) : body,
    validators: {},
    redirects: [],
  };
}

function fixture(name: string): Buffer {
  return readFileSync(path.join(FIXTURES, name));
}

function parse(body: string | Buffer, contentType: string | undefined, options: Partial<ParseOptions> = {}, url?: string): ReturnType<typeof parsePage> {
  return parsePage(response(body, contentType, url), { kind: 'auto', ...options });
}

describe('JSON-LD', () => {
  const page = parse(fixture('json-ld-graph.html'), 'text/html; charset=utf-8');

  it('reads Review nodes of an @graph, resolving itemReviewed references', () => {
    expect(page.kind).toBe('html');
    expect(page.reviews.map((review) => [review.externalId, review.author, review.rating, review.product])).toEqual([
      ['https://banque.example/avis/r-1001', 'Claire M.', 5, 'Compte Essentiel'],
      ['https://banque.example/avis/r-1002', 'Julien', 2, 'Compte Essentiel'],
      ['https://banque.example/avis/r-1003', 'Sam', 4.2, 'Compte Essentiel'],
    ]);
    expect(page.reviews[0]).toMatchObject({ title: 'Ouverture rapide', createdAt: '2026-10-02T00:00:00.000Z' });
    expect(page.reviews[1]?.body).toBe('Les frais de tenue de compte ont augmenté sans prévenir & personne ne répond au téléphone.');
    expect(page.reviews[1]?.createdAt).toBe('2026-10-05T16:22:00.000Z');
  });

  it('reads the AggregateRating of the valid block', () => {
    expect(page.aggregates).toEqual([{ rating: 4.1, ratingCount: 212, reviewCount: null, product: 'Compte Essentiel', url: 'https://banque.example/page' }]);
  });

  it('reports the malformed block next to the valid one, which is still read', () => {
    expect(page.warnings).toHaveLength(1);
    expect(page.warnings[0]).toMatch(/^JSON-LD block 1: invalid JSON \(.+\); skipped$/);
  });

  it('reads a JSON-LD document served as application/ld+json', () => {
    const document = parse(JSON.stringify({ '@context': 'https://schema.org', '@type': 'Review', '@id': 'urn:r:1', reviewBody: 'Fine.', reviewRating: { ratingValue: '4' } }), 'application/ld+json');
    expect(document.kind).toBe('json-ld');
    expect(document.reviews.map((review) => [review.externalId, review.body, review.rating])).toEqual([['urn:r:1', 'Fine.', 4]]);
  });

  it('drops an id shared by every review of a page instead of merging them', () => {
    const shared = { '@type': 'Review', url: 'https://shop.example/p/1', reviewRating: { ratingValue: 3 } };
    const html = `<script type="application/ld+json">${JSON.stringify([{ ...shared, reviewBody: 'One' }, { ...shared, reviewBody: 'Two' }])}</script>`;
    const result = parse(html, 'text/html');
    expect(result.reviews.map((review) => [review.body, review.externalId])).toEqual([
      ['One', null],
      ['Two', null],
    ]);
    expect(result.warnings[0]).toContain('shared by several reviews');
  });

});

describe('page scripts', () => {
  // Each script of scripted.html, if run, would replace the static text or add
  // a review; each event handler likewise. Parsed as data, the page holds one
  // review: the server's text, with no script source in it.
  const scripted = fixture('scripted.html');

  it.each([
    ['microdata', {}],
    ['css', { selectors: { review: 'section.avis', text: '.texte', id: '@data-review-id' } }],
    ['auto', {}],
  ] as const)('%s: the static text only, no script run and no script text in a review', (kind, options) => {
    const result = parse(scripted, 'text/html; charset=utf-8', { kind, ...options });
    expect(result.reviews.map((review) => review.body)).toEqual(['Texte statique du serveur.']);
    expect(JSON.stringify(result.reviews)).not.toMatch(/SCRIPT-RAN|document\.|currentScript|JavaScript/);
  });

  it('takes JSON-LD only from application/ld+json blocks, not from a plain script that builds one', () => {
    const result = parse(scripted, 'text/html; charset=utf-8', { kind: 'json-ld' });
    expect(result.reviews).toEqual([]);
  });
});

describe('microdata', () => {
  const page = parse(fixture('microdata.html'), 'text/html', {}, 'https://bank.example/cards/premier');

  it('reads nested Review items with their Rating and Person', () => {
    expect(page.reviews).toEqual([
      {
        externalId: 'https://bank.example/reviews/premier/77',
        title: 'Great travel card',
        body: 'No foreign fees abroad and the lounge access was easy.\nSupport answered in two minutes.',
        rating: 5,
        author: 'Dana W.',
        createdAt: '2026-09-14T00:00:00.000Z',
        url: 'https://bank.example/cards/premier',
        product: 'Premier Card',
        extra: {},
      },
      {
        externalId: null,
        title: null,
        body: 'Card blocked twice while travelling, and the hotline kept me on hold for 40 minutes.',
        rating: 1,
        author: 'Anonymous',
        createdAt: '2026-09-20T00:00:00.000Z',
        url: 'https://bank.example/cards/premier',
        product: 'Premier Card',
        extra: {},
      },
    ]);
  });

  it('reads the AggregateRating item', () => {
    expect(page.aggregates).toEqual([{ rating: 3.5, ratingCount: null, reviewCount: 48, product: 'Premier Card', url: 'https://bank.example/cards/premier' }]);
  });

  it('is skipped when the source asks for JSON-LD only', () => {
    expect(parse(fixture('microdata.html'), 'text/html', { kind: 'json-ld' }).reviews).toEqual([]);
  });
});

describe('feeds', () => {
  it('reads RSS 2.0 items, HTML reduced to text, scripts dropped, and the next page link', () => {
    const page = parse(fixture('feed.rss'), 'application/rss+xml; charset=utf-8', {}, 'https://banque.example/feeds/avis.rss');
    expect(page.kind).toBe('rss');
    expect(page.reviews.map((review) => [review.externalId, review.title, review.body, review.author, review.createdAt])).toEqual([
      ['avis-2001', 'Prêt immo : dossier traité vite', 'Offre reçue en une semaine.\nTaux correct.', 'Marc D.', '2026-10-06T07:12:00.000Z'],
      ['https://banque.example/avis/r-2002', 'Appli en panne', "Impossible de me connecter depuis la mise à jour ; j'ai dû aller en agence.", 'Inès', '2026-10-07T21:40:00.000Z'],
    ]);
    expect(page.next).toEqual(['https://banque.example/feeds/avis.rss?page=2']);
  });

  it('reads Atom entries, html and xhtml content', () => {
    const page = parse(fixture('feed.atom'), 'application/atom+xml');
    expect(page.kind).toBe('atom');
    expect(page.reviews.map((review) => [review.externalId, review.title, review.body, review.author, review.createdAt])).toEqual([
      ['tag:bank.example,2026:review-3001', 'Mortgage advisor was excellent', 'Clear explanations & a rate better than my old bank.', 'Priya K.', '2026-10-08T08:00:00.000Z'],
      ['tag:bank.example,2026:review-3002', 'Fees again', 'Charged twice for the same transfer.', 'Tom', '2026-10-09T17:30:00.000Z'],
    ]);
  });

  it('fails malformed XML with a parse error', () => {
    expect(() => parse('<rss><channel><item></channel>', 'application/rss+xml')).toThrow(FetchError);
  });
});

describe('App Store customer-reviews feed', () => {
  const url = 'https://itunes.apple.example/fr/rss/customerreviews/page=1/id=123456789/sortby=mostrecent/json';
  const page = parse(fixture('app-store-page1.json'), 'application/json', {}, url);

  it('reads rated entries, skips the app entry, keeps the app version', () => {
    expect(page.kind).toBe('app-store');
    expect(page.reviews.map((review) => [review.externalId, review.rating, review.author, review.title, review.product, review.extra])).toEqual([
      ['11223344556', 1, 'Lulu_75', 'Déconnexions permanentes', 'Banque Exemple – Mes comptes', { app_version: '8.4.1' }],
      ['11223344557', 5, 'Pierre G.', 'Top', 'Banque Exemple – Mes comptes', { app_version: '8.4.1' }],
    ]);
    expect(page.reviews[0]?.createdAt).toBe('2026-10-11T09:14:55.000Z');
  });

  it('turns the XML next link back into the JSON feed', () => {
    expect(page.next).toEqual(['https://itunes.apple.example/fr/rss/customerreviews/page=2/id=123456789/sortby=mostrecent/json']);
  });

  it('reads a page whose single entry is an object, not a list', () => {
    const second = parse(fixture('app-store-page2.json'), 'text/javascript', { kind: 'app-store' });
    expect(second.reviews.map((review) => review.externalId)).toEqual(['11223344500']);
    expect(second.next).toEqual([]);
  });
});

describe('CSS selectors', () => {
  const selectors = { review: 'section.avis', title: '.titre', text: '.texte', rating: '.note@data-note', author: '.nom', date: 'time@datetime', id: '@data-review-id' };

  it('reads review blocks through the configured selectors, and reports the empty one', () => {
    const page = parse(fixture('css-page1.html'), 'text/html', { kind: 'css', selectors }, 'https://banque.example/avis-clients?page=1');
    expect(page.reviews.map((review) => [review.externalId, review.title, review.body, review.rating, review.author, review.createdAt])).toEqual([
      ['c-501', 'Agence de Lyon au top', 'Accueil chaleureux, prêt auto accordé en 48 h.', 5, 'Hélène', '2026-10-03T00:00:00.000Z'],
      ['c-502', 'Attente interminable', '45 minutes au téléphone pour faire opposition sur ma carte.', 2, 'Karim', '2026-10-04T00:00:00.000Z'],
    ]);
    expect(page.warnings).toEqual(['review 3 (section.avis): no text, title or rating found; skipped']);
    expect(page.next).toEqual(['https://banque.example/avis-clients?page=2']);
  });

  it('counts stars when the rating is only drawn', () => {
    const page = parse(fixture('css-page1.html'), 'text/html', { kind: 'css', selectors: { ...selectors, rating: '.note' } });
    expect(page.reviews.map((review) => review.rating)).toEqual([5, 2]);
  });

  it('refuses kind css without selectors', () => {
    expect(() => parse('<p>x</p>', 'text/html', { kind: 'css' })).toThrow('kind `css` needs `selectors`');
  });
});

describe('sitemaps', () => {
  it('lists pages with lastmod and skips non-http locations', () => {
    const page = parse(fixture('sitemap-offres.xml'), 'text/xml', {}, 'https://banque.example/sitemaps/offres.xml');
    expect(page.kind).toBe('sitemap');
    expect(page.sitemapPages.map((entry) => [entry.url, entry.lastmod])).toEqual([
      ['https://banque.example/offres/compte-essentiel', '2026-10-09T00:00:00.000Z'],
      ['https://banque.example/cartes/premier', '2026-09-20T10:00:00.000Z'],
      ['https://banque.example/offres/archive-2024', '2025-01-15T00:00:00.000Z'],
      ['https://banque.example/private/offre-collaborateurs', '2026-10-01T00:00:00.000Z'],
    ]);
    expect(page.warnings).toEqual(['url 5: <loc> "javascript:alert(1)" is not an http(s) URL; skipped']);
  });

  it('lists the child sitemaps of an index', () => {
    const page = parse(fixture('sitemap-index.xml'), 'application/xml', {}, 'https://banque.example/sitemap.xml');
    expect(page.sitemaps.map((entry) => entry.url)).toEqual(['https://banque.example/sitemaps/offres.xml']);
  });
});

describe('kind detection', () => {
  it.each([
    ['json-ld-graph.html', undefined, 'html'],
    ['feed.rss', 'text/xml', 'rss'],
    ['feed.atom', undefined, 'atom'],
    ['app-store-page1.json', 'text/javascript', 'app-store'],
    ['sitemap-index.xml', undefined, 'sitemap'],
  ])('tells %s (served as %s) is %s', (file, contentType, kind) => {
    expect(parse(fixture(file), contentType).kind).toBe(kind);
  });

  it('refuses a body that is not the kind the source names', () => {
    expect(() => parse(fixture('feed.rss'), 'application/rss+xml', { kind: 'app-store' })).toThrow('the source is of kind `app-store` but this is an RSS feed');
    expect(() => parse(fixture('json-ld-graph.html'), 'text/html', { kind: 'rss' })).toThrow('the source is of kind `rss` but this is an HTML page');
  });

  it('follows rel=next from the Link header too', () => {
    const page = parsePage(response('<p>nothing</p>', 'text/html', 'https://api.example/reviews?page=1', { link: '<https://api.example/reviews?page=2>; rel="next", <https://api.example/reviews?page=9>; rel="last"' }), { kind: 'auto' });
    expect(page.next).toEqual(['https://api.example/reviews?page=2']);
  });
});

describe('charsets', () => {
  const french = 'Frais de 8 € pour un virement, c’est cher ; l’accueil reste sœur de la courtoisie.';

  it.each([
    ['declared in the Content-Type header', `<html><body>${french}</body></html>`, 'windows-1252', 'header'],
    ['declared in a meta http-equiv', `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>${french}</body></html>`, undefined, 'meta'],
    ['declared as ISO-8859-1 (read as Windows-1252, as browsers do)', `<html><head><meta charset="ISO-8859-1"></head><body>${french}</body></html>`, undefined, 'meta'],
    ['not declared at all (sniffed)', `<html><body>${french}</body></html>`, undefined, 'sniffed'],
  ])('decodes a Windows-1252 page %s', (_case, html, headerCharset, source) => {
    const decoded = decodeBody(iconv.encode(html, 'windows-1252'), headerCharset, 'html');
    expect(decoded.text).toContain(french);
    expect(decoded.source).toBe(source);
  });

  it('prefers a BOM, and reads an undeclared UTF-8 page as UTF-8', () => {
    expect(decodeBody(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('é')]), 'windows-1252', 'html')).toMatchObject({ text: 'é', source: 'bom' });
    expect(decodeBody(Buffer.from(`<p>${french}</p>`), undefined, 'html')).toMatchObject({ charset: 'utf-8', source: 'sniffed' });
  });

  it('reads the encoding of an XML declaration', () => {
    const xml = `<?xml version="1.0" encoding="ISO-8859-15"?><rss><channel><item><title>Prix : 5 €</title></item></channel></rss>`;
    expect(decodeBody(iconv.encode(xml, 'iso-8859-15'), undefined, 'xml')).toMatchObject({ charset: 'iso-8859-15', source: 'xml-declaration' });
  });
});

describe('helpers', () => {
  it.each([
    [['4'], 4],
    [['8', { best: '10', worst: '0' }], 4.2],
    [['8', { best: 10 }], 4.11],
    [['4,5'], 4.5],
    [['90', { best: 100 }], 4.6],
    [['6'], undefined],
    [['n/a'], undefined],
  ] as const)('normalizeRating(%j) = %s', (args, expected) => {
    expect(normalizeRating(...(args as unknown as [unknown, { best?: unknown; worst?: unknown }?]))).toBe(expected);
  });

  it('reduces HTML to text with line breaks', () => {
    expect(htmlToText('<p>Great <b>app</b></p><p>but slow&hellip;</p><script>alert(1)</script>')).toBe('Great app\nbut slow…');
    expect(htmlToText('Line one<br/>Line two &amp; more')).toBe('Line one\nLine two & more');
  });
});
