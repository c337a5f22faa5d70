import { describe, expect, it } from 'vitest';
import type { FetchResponse } from '../../scrapers/fetcher.js';
import { linkHeaderNext } from '../../scrapers/pagination.js';
import { parsePage } from '../../scrapers/parse-page.js';
import { sourceForUrls } from '../../scrapers/scrape-config.js';
import type { ScrapedReview } from '../../scrapers/sources/review-record.js';
import { reviewToVerbatim } from '../../scrapers/to-verbatim.js';
import { TEST_SECRET } from '../support/author-secret.js';

/** An untyped response, so the parser guesses the format from the first bytes. */
function untyped(body: string): FetchResponse {
  return { url: 'https://banque.example/page', status: 200, notModified: false, headers: {}, mediaType: undefined, bodyKind: undefined, charset: undefined, body: Buffer.from(body), validators: {}, redirects: [] };
}

// Issue 14 item 5: scraper text helpers whose regexes rescanned (or backtracked exponentially over) hostile input.
describe('scraper text helpers on adversarial input', () => {
  it('tells an untyped page that opens with many comments (exponential before: 70 "<!---->" never ended)', () => {
    // 73 empty comments fill the 512-byte head; no tag follows inside it, so this is "html" by its first '<'.
    const page = parsePage(untyped(`${'<!---->'.repeat(73)}<html><body><p>rien</p></body></html>`), { kind: 'auto' });
    expect(page.kind).toBe('html');
    expect(parsePage(untyped('<!-- a --> <!-- b -->\n<!doctype html><p>x</p>'), { kind: 'auto' }).kind).toBe('html');
  }, 20_000);

  it('reads a Link header of a megabyte of unclosed "<"', () => {
    expect(linkHeaderNext(`${'<'.repeat(1_000_000)}`, 'https://api.example/')).toBeUndefined();
    expect(linkHeaderNext('<https://api.example/reviews?page=2>; rel="next"', 'https://api.example/')).toBe('https://api.example/reviews?page=2');
  }, 20_000);

  it('joins a review title holding a megabyte of spaces to its body (`[\\s.…!?]+$` rescanned the run)', () => {
    const title = `Attente${' '.repeat(1_000_000)}longue`;
    const review: ScrapedReview = { externalId: null, title, body: 'Trop long.', rating: 2, author: null, createdAt: null, url: 'https://banque.example/avis', product: null, extra: {} };
    expect(reviewToVerbatim(review, sourceForUrls('avis', ['https://banque.example/avis']), TEST_SECRET).text).toBe(`${title}\nTrop long.`);
  }, 20_000);

  it('reads an RSS author of a megabyte of "(" (`\\(([^)]+)\\)` rescanned from every one)', () => {
    const author = '('.repeat(1_000_000);
    const rss = `<rss version="2.0"><channel><item><title>Avis</title><guid>a-1</guid><author>${author}</author><description>Bien.</description></item>`
      + `<item><title>Avis 2</title><guid>a-2</guid><author>x@banque.example (Inès)</author><description>Bien.</description></item></channel></rss>`;
    const page = parsePage({ ...untyped(rss), mediaType: 'application/rss+xml', bodyKind: 'xml' }, { kind: 'auto' });
    expect(page.reviews.map((review) => review.author)).toEqual([author, 'Inès']);
  }, 20_000);
});
