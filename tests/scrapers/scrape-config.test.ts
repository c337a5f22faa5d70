import { describe, expect, it } from 'vitest';
import { InputError } from '../../core/errors.js';
import { DEFAULT_LIMITS, parseScrapeConfig } from '../../scrapers/scrape-config.js';

function failure(yaml: string): string {
  try {
    parseScrapeConfig(yaml, 'sources.yaml');
  } catch (error) {
    if (error instanceof InputError) return error.describe();
    throw error;
  }
  throw new Error('expected an InputError');
}

describe('sources file', () => {
  it('reads named sources with defaults, limits, schedule, selectors, pagination and sitemap filters', () => {
    const config = parseScrapeConfig(
      `userAgent: "verbatim/1.0 (+mailto:cx@banque.example)"
allowPrivate: ["10.0.0.0/8"]
limits: { timeout: 10s, maxBytes: 2MB }
politeness: { concurrencyPerHost: 1, minInterval: 2s, retries: 5, maxRetryAfter: 5m, maxRedirects: 3 }
sources:
  - name: app-ios
    kind: app-store
    url: https://itunes.apple.com/fr/rss/customerreviews/id=1/sortby=mostrecent/json
    schedule: { every: 6h }
  - name: agences
    kind: css
    urls: [https://banque.example/avis?page=1]
    selectors: { review: .avis, text: .texte, rating: ".note@data-note", ratingBest: 10 }
    pagination: { follow: false, param: p, start: 0, step: 20 }
    limits: { maxPages: 3, timeout: 500ms }
    authors: keep
    segments: { channel: branch }
  - name: plan
    kind: sitemap
    url: https://banque.example/sitemap.xml
    sitemap: { pages: json-ld, include: "/avis/", exclude: "\\\\?print" }
`,
      'sources.yaml',
    );
    expect(config.userAgent).toBe('verbatim/1.0 (+mailto:cx@banque.example)');
    expect(config.allowPrivate).toEqual(['10.0.0.0/8']);
    expect(config.politeness).toEqual({ concurrencyPerHost: 1, minIntervalMs: 2_000, retries: 5, maxRetryAfterMs: 300_000, maxRedirects: 3 });
    const [app, agences, plan] = config.sources;
    expect(app).toMatchObject({ name: 'app-ios', kind: 'app-store', everyMs: 21_600_000, authors: 'hash', respondent: 'customer', followNext: true, limits: { timeoutMs: 10_000, maxBytes: 2 * 1024 * 1024, maxPages: DEFAULT_LIMITS.maxPages } });
    expect(agences).toMatchObject({ urls: ['https://banque.example/avis?page=1'], followNext: false, pageParameter: { param: 'p', start: 0, step: 20 }, limits: { maxPages: 3, timeoutMs: 500 }, authors: 'keep', segments: { channel: 'branch' } });
    expect(agences?.selectors).toEqual({ review: '.avis', text: '.texte', rating: '.note@data-note', ratingBest: 10 });
    expect(plan?.sitemapPages.kind).toBe('json-ld');
    expect(plan?.sitemapPages.include?.test('https://banque.example/avis/1')).toBe(true);
    expect(plan?.sitemapPages.exclude?.test('https://banque.example/avis/1?print')).toBe(true);
    expect(Object.isFrozen(config.sources[0])).toBe(true);
  });

  it.each([
    ['sources:\n  - name: a\n    kind: rs\n    url: https://x.example/\n', 'sources.yaml:3: field `sources[0].kind`: '],
    ['sources:\n  - name: a\n', 'sources.yaml:2: field `sources[0].url`: expected `url` or `urls`'],
    ['sources:\n  - name: a\n    url: ftp://x.example/\n', 'sources.yaml:3: field `sources[0].url`: an http(s) URL'],
    ['sources:\n  - name: a\n    url: https://x.example/\n    kind: css\n', 'sources.yaml:2: field `sources[0].selectors`: kind `css` needs `selectors` (at least `review`)'],
    ['sources:\n  - name: a\n    url: https://x.example/\n    selectors: { review: "div[" }\n', 'sources.yaml:4: field `sources[0].selectors.review`: not a valid CSS selector'],
    ['sources:\n  - name: a\n    url: https://x.example/\n    limits: { timeout: soon }\n', 'sources.yaml:4: field `sources[0].limits.timeout`: '],
    ['sources:\n  - name: a\n    url: https://x.example/\n    schedule: { every: 6 hours }\n', 'sources.yaml:4: field `sources[0].schedule.every`: '],
    ['sources:\n  - name: a\n    url: https://x.example/\n    sitemap: { include: "(" }\n', 'sources.yaml:4: field `sources[0].sitemap.include`: not a valid regular expression'],
    ['sources:\n  - name: a\n    url: https://x.example/\n    selector: { review: p }\n', 'sources.yaml:4: field `sources[0].selector`: Unrecognized key: "selector"'],
    ['sources:\n  - name: a\n    url: https://x.example/\n  - name: a\n    url: https://y.example/\n', 'sources.yaml:4: field `sources[1].name`: duplicate source name `a`'],
    ['allowPrivate: [intranet]\nsources:\n  - name: a\n    url: https://x.example/\n', 'sources.yaml:1: field `allowPrivate`: Expected an IP address or CIDR range such as 10.0.0.0/8, got `intranet`'],
    ['sources:\n  - name: a\n    url: [https://x.example/\n', 'sources.yaml:4: invalid YAML: '],
    ['sources: []\n', 'sources.yaml:1: field `sources`: '],
  ])('names the line and field of a mistake: %j', (yaml, expected) => {
    expect(failure(yaml).startsWith(expected)).toBe(true);
  });
});
