import { htmlToText } from './html-text.js';
import { emptyExtract, firstText, normalizeRating, toIsoDate, type ExtractResult, type ScrapedReview } from './review-record.js';
import { asArray, xmlAttribute, xmlText } from './xml.js';

/** A feed read: its entries as reviews, and the next page when the feed is paged (RFC 5005 `rel="next"`). */
export interface FeedExtract extends ExtractResult {
  readonly next: string[];
}

type XmlRecord = Record<string, unknown>;

/**
 * Entries of an RSS 2.0 (or RSS 1.0 / RDF) feed as reviews: `guid`, `title`,
 * `content:encoded` or `description` reduced to text, `dc:creator` or `author`,
 * `pubDate`. A `rating` element, when a review feed has one, is read as 1–5.
 *
 * @example extractRss(parseXml(xml), url).reviews
 */
export function extractRss(document: XmlRecord, url: string): FeedExtract {
  const result = { ...emptyExtract(), next: [] as string[] };
  const rss = record(document['rss']) ?? record(document['RDF']);
  const channel = record(asArray(rss?.['channel'])[0]);
  const items = [...asArray(channel?.['item']), ...asArray(rss?.['item'])];
  items.forEach((raw, index) => {
    const item = record(raw) ?? {};
    const guid = firstText(xmlText(item['guid']), xmlText(firstPlainLink(item['link'])), xmlAttribute(raw, 'about'));
    const review = toReview(
      {
        externalId: guid,
        title: xmlText(item['title']),
        html: xmlText(item['encoded']) ?? xmlText(item['description']),
        author: rssAuthor(xmlText(item['creator']) ?? xmlText(item['author'])),
        date: xmlText(item['pubDate']) ?? xmlText(item['date']),
        rating: xmlText(item['rating']),
      },
      url,
    );
    if (review === undefined) result.warnings.push(`RSS item ${index + 1}: no title or description; skipped`);
    else result.reviews.push(review);
  });
  result.next.push(...atomLinks(channel?.['link'], 'next', url));
  return result;
}

/**
 * Entries of an Atom feed as reviews: `id`, `title`, `content` or `summary`
 * (HTML and XHTML reduced to text), `author/name`, `published` or `updated`.
 *
 * @example extractAtom(parseXml(xml), url).reviews
 */
export function extractAtom(document: XmlRecord, url: string): FeedExtract {
  const result = { ...emptyExtract(), next: [] as string[] };
  const feed = record(document['feed']) ?? {};
  asArray(feed['entry']).forEach((raw, index) => {
    const entry = record(raw) ?? {};
    const author = record(asArray(entry['author'])[0]);
    const review = toReview(
      {
        externalId: firstText(xmlText(entry['id']), atomLinks(entry['link'], 'alternate', url)[0]),
        title: atomText(entry['title']),
        html: atomText(entry['content']) ?? atomText(entry['summary']),
        author: xmlText(author?.['name']),
        date: xmlText(entry['published']) ?? xmlText(entry['updated']),
        rating: xmlText(entry['rating']),
      },
      url,
    );
    if (review === undefined) result.warnings.push(`Atom entry ${index + 1}: no title or content; skipped`);
    else result.reviews.push(review);
  });
  result.next.push(...atomLinks(feed['link'], 'next', url));
  return result;
}

interface FeedFields {
  readonly externalId: string | null;
  readonly title: string | null;
  readonly html: string | null;
  readonly author: string | null;
  readonly date: string | null;
  readonly rating: string | null;
}

function toReview(fields: FeedFields, url: string): ScrapedReview | undefined {
  const title = fields.title === null ? null : htmlToText(fields.title) || null;
  const body = fields.html === null ? '' : htmlToText(fields.html);
  if (title === null && body === '') return undefined;
  return {
    externalId: fields.externalId,
    title,
    body,
    rating: normalizeRating(fields.rating) ?? null,
    author: fields.author,
    createdAt: toIsoDate(fields.date),
    url,
    product: null,
    extra: {},
  };
}

/** Atom text constructs: `type="xhtml"` content arrives as nested elements, whose text is gathered. */
function atomText(value: unknown): string | null {
  const text = xmlText(value);
  return text === null || text.trim() === '' ? null : text;
}

/** `href`s of `<link rel="…">` elements (Atom, or `atom:link` inside RSS), resolved against the feed URL. */
function atomLinks(links: unknown, rel: string, base: string): string[] {
  return asArray(links)
    .filter((link) => (xmlAttribute(link, 'rel') ?? 'alternate') === rel && xmlAttribute(link, 'href') !== undefined)
    .map((link) => new URL(xmlAttribute(link, 'href') ?? '', base).href);
}

/** RSS `<link>` is text; `atom:link` siblings (attributes only) are skipped. */
function firstPlainLink(links: unknown): unknown {
  return asArray(links).find((link) => typeof link === 'string');
}

/** RSS `author` is `email (Name)`: keep the name when there is one. */
function rssAuthor(value: string | null): string | null {
  if (value === null) return null;
  const named = /\(([^()]+)\)\s*$/.exec(value);
  return (named?.[1] ?? value).trim() || null;
}

function record(value: unknown): XmlRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as XmlRecord) : undefined;
}
