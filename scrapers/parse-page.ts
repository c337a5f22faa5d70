import { load } from 'cheerio';
import { decodeBody, type BodyFormat } from './charset.js';
import { FetchError } from './fetch-error.js';
import type { FetchResponse } from './fetcher.js';
import { htmlNextLink, linkHeaderNext } from './pagination.js';
import { extractAppStore, isAppStoreFeed } from './sources/app-store.js';
import { extractWithSelectors, type CssSelectors } from './sources/css-selectors.js';
import { extractAtom, extractRss } from './sources/feeds.js';
import { extractJsonLd } from './sources/json-ld.js';
import { extractMicrodata } from './sources/microdata.js';
import type { AggregateRatingRecord, ScrapedReview } from './sources/review-record.js';
import { extractFromSchemaNodes } from './sources/schema-org.js';
import { extractSitemap, type SitemapEntry } from './sources/sitemap.js';
import type { SourceKind } from './source-kinds.js';
import { parseXml } from './sources/xml.js';

export { SOURCE_KINDS, type SourceKind } from './source-kinds.js';

/** What a fetched body turned out to be. */
export const CONTENT_KINDS = ['html', 'json-ld', 'rss', 'atom', 'app-store', 'sitemap'] as const;
export type ContentKind = (typeof CONTENT_KINDS)[number];

/** Everything one page gave. */
export interface PageResult {
  readonly kind: ContentKind;
  readonly reviews: readonly ScrapedReview[];
  readonly aggregates: readonly AggregateRatingRecord[];
  /** One line each for what could not be read (a malformed JSON-LD block, a review without text …). */
  readonly warnings: readonly string[];
  /** The next page(s): `rel=next` links, `Link` header, the feed's next link, the `next` selector. */
  readonly next: readonly string[];
  /** A sitemap's pages and child sitemaps. */
  readonly sitemapPages: readonly SitemapEntry[];
  readonly sitemaps: readonly SitemapEntry[];
}

export interface ParseOptions {
  readonly kind: SourceKind;
  readonly selectors?: CssSelectors;
}

/**
 * Reads a fetched body as the source's kind, or, for `auto`, as what its media
 * type and first bytes say it is: HTML (JSON-LD and microdata, or the CSS
 * selectors when the source has some), a JSON-LD document, RSS, Atom, an App
 * Store reviews feed, or a sitemap. A body that is not the kind asked for
 * fails with a `parse` error naming both.
 *
 * @example parsePage(response, { kind: 'auto' }).reviews
 */
export function parsePage(response: FetchResponse, options: ParseOptions): PageResult {
  const format = bodyFormat(response);
  const { text } = decodeBody(response.body, response.charset, format);
  const url = response.url;
  const headerNext = linkHeaderNext(response.headers['link'], url);
  const base = { warnings: [] as string[], next: headerNext === undefined ? [] : [headerNext], sitemapPages: [], sitemaps: [], aggregates: [] };
  if (format === 'html') {
    expectKind(options.kind, ['auto', 'schema-org', 'json-ld', 'microdata', 'css'], 'an HTML page', url);
    return { ...base, ...readHtml(text, url, options, base.next) };
  }
  if (format === 'json') {
    const document = parseJson(text, url);
    if (isAppStoreFeed(document) || options.kind === 'app-store') {
      expectKind(options.kind, ['auto', 'app-store'], 'an App Store reviews feed', url);
      const result = extractAppStore(document, url);
      return { ...base, kind: 'app-store', ...result, next: unique([...result.next, ...base.next]) };
    }
    expectKind(options.kind, ['auto', 'schema-org', 'json-ld'], 'a JSON document', url);
    return { ...base, kind: 'json-ld', ...extractFromSchemaNodes([document], url) };
  }
  let document: Record<string, unknown>;
  try {
    document = parseXml(text);
  } catch (error) {
    throw new FetchError('parse', url, `not well-formed XML (${error instanceof Error ? error.message : String(error)})`);
  }
  if (document['rss'] !== undefined || document['RDF'] !== undefined) {
    expectKind(options.kind, ['auto', 'rss', 'atom'], 'an RSS feed', url);
    const result = extractRss(document, url);
    return { ...base, kind: 'rss', ...result, next: unique([...result.next, ...base.next]) };
  }
  if (document['feed'] !== undefined) {
    expectKind(options.kind, ['auto', 'rss', 'atom'], 'an Atom feed', url);
    const result = extractAtom(document, url);
    return { ...base, kind: 'atom', ...result, next: unique([...result.next, ...base.next]) };
  }
  if (document['urlset'] !== undefined || document['sitemapindex'] !== undefined) {
    expectKind(options.kind, ['auto', 'sitemap'], 'a sitemap', url);
    const sitemap = extractSitemap(document, url);
    return { ...base, kind: 'sitemap', reviews: [], warnings: sitemap.warnings, sitemapPages: sitemap.pages, sitemaps: sitemap.sitemaps };
  }
  const root = Object.keys(document).find((key) => !key.startsWith('?'));
  throw new FetchError('parse', url, `XML with root <${root ?? '?'}> is not a feed or a sitemap`);
}

function readHtml(text: string, url: string, options: ParseOptions, headerNext: readonly string[]): Omit<PageResult, 'sitemapPages' | 'sitemaps'> {
  // Parsed as data only: cheerio never runs scripts, fetches subresources or evaluates styles.
  const $ = load(text);
  const next = [...headerNext];
  const pageNext = htmlNextLink($, url);
  if (pageNext !== undefined) next.push(pageNext);
  const useSelectors = options.kind === 'css' || (options.kind === 'auto' && options.selectors !== undefined);
  if (useSelectors) {
    if (options.selectors === undefined) throw new FetchError('parse', url, 'kind `css` needs `selectors` in the source config');
    const result = extractWithSelectors($, url, options.selectors);
    return { kind: 'html', ...result, reviews: dropSharedIds(result.reviews, result.warnings), next: unique([...result.next, ...next]) };
  }
  const parts = [
    ...(options.kind === 'microdata' ? [] : [extractJsonLd($, url)]),
    ...(options.kind === 'json-ld' ? [] : [extractMicrodata($, url)]),
  ];
  const warnings = parts.flatMap((part) => part.warnings);
  // Shared ids are judged per format; then the same review given in both formats counts once.
  const reviews = uniqueReviews(parts.flatMap((part) => dropSharedIds(part.reviews, warnings)));
  const aggregates = parts.flatMap((part) => part.aggregates);
  if (reviews.length === 0 && aggregates.length === 0) warnings.push('no schema.org Review or AggregateRating found (JSON-LD or microdata)');
  return { kind: 'html', reviews, aggregates, warnings, next: unique(next) };
}

/** The format to decode and parse as: the media type's, else what the first bytes look like. */
function bodyFormat(response: FetchResponse): BodyFormat {
  if (response.bodyKind === 'html' || response.bodyKind === 'xml' || response.bodyKind === 'json') return response.bodyKind;
  const head = response.body.subarray(0, 512).toString('latin1').replace(/^\uFEFF|^\xEF\xBB\xBF/, '').trimStart();
  if (head.startsWith('{') || head.startsWith('[')) return 'json';
  if (/^<(!doctype html|html|head|body)\b/i.test(skipLeadingComments(head))) return 'html';
  if (head.startsWith('<?xml') || /^<(rss|feed|urlset|sitemapindex|rdf:RDF)\b/i.test(head)) return 'xml';
  if (head.startsWith('<')) return 'html';
  throw new FetchError('parse', response.url, `cannot tell what this ${response.mediaType ?? 'untyped'} body is (not HTML, XML or JSON)`);
}

/**
 * `head` without its leading `<!-- … -->` comments, by hand: the regex `^(<!--[\s\S]*?-->\s*)*` backtracks
 * exponentially on a run of comments not followed by a tag (70 "<!---->" never finish).
 */
function skipLeadingComments(head: string): string {
  let at = 0;
  while (head.startsWith('<!--', at)) {
    const close = head.indexOf('-->', at + 4);
    if (close < 0) return head.slice(at);
    at = close + 3;
    while (at < head.length && /\s/.test(head.charAt(at))) at++;
  }
  return head.slice(at);
}

function parseJson(text: string, url: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new FetchError('parse', url, `invalid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
}

function expectKind(kind: SourceKind, accepted: readonly SourceKind[], found: string, url: string): void {
  if (!accepted.includes(kind)) throw new FetchError('parse', url, `the source is of kind \`${kind}\` but this is ${found}`);
}

/** The same review given twice on a page (JSON-LD and microdata) counts once. */
function uniqueReviews(reviews: readonly ScrapedReview[]): ScrapedReview[] {
  const seen = new Set<string>();
  return reviews.filter((review) => {
    const key = review.externalId ?? JSON.stringify([review.body, review.title, review.author, review.rating]);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * An id shared by different reviews on one page (a site that puts the page URL
 * in every review's `url`) identifies none of them: such ids are dropped, so the
 * reviews get content-based ids instead of collapsing into one.
 */
export function dropSharedIds(reviews: readonly ScrapedReview[], warnings: string[]): ScrapedReview[] {
  const counts = new Map<string, number>();
  for (const review of reviews) if (review.externalId !== null) counts.set(review.externalId, (counts.get(review.externalId) ?? 0) + 1);
  const shared = [...counts].filter(([, count]) => count > 1).map(([id]) => id);
  if (shared.length === 0) return [...reviews];
  warnings.push(`${shared.length} review id(s) shared by several reviews (${shared.slice(0, 3).join(', ')}); content-based ids used instead`);
  return reviews.map((review) => (review.externalId !== null && shared.includes(review.externalId) ? { ...review, externalId: null } : review));
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
