import type { Cheerio, CheerioAPI } from 'cheerio';
import type { AnyNode } from 'domhandler';
import { htmlToText } from './html-text.js';
import { emptyExtract, firstText, normalizeRating, toIsoDate, type ExtractResult } from './review-record.js';

/**
 * Where a generic review page keeps its reviews. `review` selects each review
 * block; the others are read inside it. A field is `selector` (its text),
 * `selector@attribute`, or `@attribute` (on the review block itself).
 *
 * @example { review: '.review', text: '.review-body', rating: '.stars@data-rating', author: '.who', date: 'time@datetime', id: '@data-review-id' }
 */
export interface CssSelectors {
  readonly review: string;
  readonly text?: string;
  readonly title?: string;
  readonly rating?: string;
  readonly author?: string;
  readonly date?: string;
  readonly id?: string;
  readonly product?: string;
  /** The link to the next page (`a.next@href`, read on the whole page). */
  readonly next?: string;
  /** The best rating of the site's scale when not 5 (10, 100 …). */
  readonly ratingBest?: number;
  readonly ratingWorst?: number;
}

/**
 * Reviews from a page through the selectors of the source's config.
 *
 * @example extractWithSelectors(load(html), url, { review: '.review', text: 'p' }).reviews
 */
export function extractWithSelectors($: CheerioAPI, url: string, selectors: CssSelectors): ExtractResult & { next: string[] } {
  const result = { ...emptyExtract(), next: [] as string[] };
  $(selectors.review).each((index, element) => {
    const block = $(element);
    const read = (field: string | undefined): string | null => (field === undefined ? null : readField(block, field, false));
    const html = selectors.text === undefined ? null : readField(block, selectors.text, true);
    const body = htmlToText(html ?? '');
    const title = read(selectors.title);
    const ratingText = read(selectors.rating);
    const rating = ratingText === null ? undefined : normalizeRating(starCount(ratingText) ?? ratingText, { best: selectors.ratingBest, worst: selectors.ratingWorst });
    if (ratingText !== null && rating === undefined) result.warnings.push(`review ${index + 1}: rating ${JSON.stringify(ratingText)} is not a rating; kept without rating`);
    if (body === '' && title === null && rating === undefined) {
      result.warnings.push(`review ${index + 1} (${selectors.review}): no text, title or rating found; skipped`);
      return;
    }
    const date = read(selectors.date);
    result.reviews.push({
      externalId: read(selectors.id),
      title,
      body,
      rating: rating ?? null,
      author: read(selectors.author),
      createdAt: toIsoDate(date),
      url,
      product: read(selectors.product),
      extra: {},
    });
  });
  if (selectors.next !== undefined) {
    const href = readField($.root(), selectors.next, false);
    if (href !== null) result.next.push(new URL(href, url).href);
  }
  return result;
}

/** `selector@attribute` → [selector, attribute]; `@attribute` → ['', attribute]; `selector` → [selector, undefined]. */
export function splitField(field: string): [string, string | undefined] {
  const at = field.lastIndexOf('@');
  // `a[href^="mailto:x@y"]`: an @ inside brackets or quotes is part of the selector.
  if (at < 0 || /[\]"')]/.test(field.slice(at))) return [field.trim(), undefined];
  return [field.slice(0, at).trim(), field.slice(at + 1).trim()];
}

/** A field's attribute value, else its inner HTML (`asHtml`, for the body) or its text, trimmed; null when absent. */
function readField(block: Cheerio<AnyNode>, field: string, asHtml: boolean): string | null {
  const [selector, attribute] = splitField(field);
  const target = selector === '' ? block : block.find(selector).first();
  if (target.length === 0) return null;
  if (attribute !== undefined) return firstText(target.attr(attribute));
  return firstText(asHtml ? target.html() : target.text().replace(/\s+/g, ' '));
}

/** `★★★★☆` → 4. */
function starCount(text: string): number | undefined {
  const stars = (text.match(/[★⭐]/gu) ?? []).length;
  return stars > 0 && !/\d/.test(text) ? stars : undefined;
}
