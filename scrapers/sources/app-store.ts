import { htmlToText } from './html-text.js';
import { emptyExtract, firstText, normalizeRating, toIsoDate, type ExtractResult } from './review-record.js';

/** An App Store page read: its reviews and the next page of the feed. */
export interface AppStoreExtract extends ExtractResult {
  readonly next: string[];
}

type Json = Record<string, unknown>;

/**
 * Reviews from Apple's customer-reviews JSON feed
 * (`/{country}/rss/customerreviews/page=N/id={app}/sortby=mostrecent/json`):
 * every `feed.entry` with an `im:rating` is a review; the entry without one
 * describes the app (its `im:name` names the product). Values sit in `label`s.
 * The feed's `rel="next"` link points at the XML variant: it is turned back into JSON.
 *
 * @example extractAppStore(JSON.parse(body), url).reviews[0].extra.app_version // '4.2.0'
 */
export function extractAppStore(document: unknown, url: string): AppStoreExtract {
  const result = { ...emptyExtract(), next: [] as string[] };
  const feed = object(object(document)?.['feed']);
  if (feed === undefined) {
    result.warnings.push('no `feed` object: not an App Store reviews feed');
    return result;
  }
  const entries = list(feed['entry']).map(object).filter((entry): entry is Json => entry !== undefined);
  const app = entries.find((entry) => entry['im:rating'] === undefined && entry['im:name'] !== undefined);
  const product = label(app?.['im:name']);
  entries.forEach((entry, index) => {
    if (entry['im:rating'] === undefined) return;
    const rating = normalizeRating(label(entry['im:rating']));
    const title = label(entry['title']);
    const body = contentText(entry['content']) ?? '';
    if (title === null && body === '') {
      result.warnings.push(`entry ${index + 1}: no title or content; skipped`);
      return;
    }
    const version = label(entry['im:version']);
    result.reviews.push({
      externalId: label(entry['id']),
      title,
      body,
      rating: rating ?? null,
      author: label(object(entry['author'])?.['name']),
      createdAt: toIsoDate(label(entry['updated'])),
      url,
      product,
      extra: version === null ? {} : { app_version: version },
    });
  });
  for (const link of list(feed['link'])) {
    const attributes = object(object(link)?.['attributes']);
    if (attributes?.['rel'] !== 'next' || typeof attributes['href'] !== 'string') continue;
    result.next.push(asJsonFeedUrl(new URL(attributes['href'], url)).href);
  }
  return result;
}

/** True when `document` looks like an App Store reviews feed. */
export function isAppStoreFeed(document: unknown): boolean {
  const feed = object(object(document)?.['feed']);
  if (feed === undefined) return false;
  const entries = list(feed['entry']).map(object);
  return entries.some((entry) => entry?.['im:rating'] !== undefined) || /customerreviews/i.test(label(feed['id']) ?? '');
}

/** `…/sortby=mostrecent/xml?urlDesc=…` → `…/sortby=mostrecent/json`. */
function asJsonFeedUrl(url: URL): URL {
  const next = new URL(url);
  next.pathname = next.pathname.replace(/\/xml$/i, '/json');
  next.searchParams.delete('urlDesc');
  return next;
}

/** Text content: `content` is one `{label, attributes:{type}}` or a list of them (text and html); text wins. */
function contentText(value: unknown): string | null {
  const parts = list(value).map(object);
  const text = parts.find((part) => object(part?.['attributes'])?.['type'] === 'text');
  if (text !== undefined) return label(text);
  const other = label(parts[0]);
  return other === null ? null : htmlToText(other);
}

function label(value: unknown): string | null {
  return firstText(object(value)?.['label']);
}

function object(value: unknown): Json | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
}

function list(value: unknown): unknown[] {
  if (value === undefined || value === null) return [];
  return Array.isArray(value) ? value : [value];
}
