import type { Verbatim } from '../core/verbatim.js';
import { authorKey, reviewKeyScope, type AuthorSecret } from '../core/author-key.js';
import { verbatimId } from '../core/verbatim-id.js';
import type { SourceConfig } from './scrape-config.js';
import type { ScrapedReview } from './sources/review-record.js';

/**
 * The author key of a review: the name keyed (HMAC, installation secret) with the
 * source name, since a display name ("Julien") names a person only within one site.
 *
 * @example reviewAuthorKey('banque-avis', 'Claire M.', secret) // 'a_…' — `verbatim forget --author 'Claire M.'` finds it
 */
export function reviewAuthorKey(source: string, author: string, secret: AuthorSecret): string {
  return authorKey(author, secret, reviewKeyScope(source));
}


/**
 * A scraped review as the pipeline's record: a star rating and no NPS; the
 * title and body as one text; the author's name kept only as a hashed key
 * unless the source says `authors: keep` (then also as the `author` segment)
 * or `drop`. Fixed segments of the config win over what the page says.
 */
export function reviewToVerbatim(review: ScrapedReview, source: SourceConfig, secret: AuthorSecret): Verbatim {
  const author = review.author?.trim() || null;
  const key = author === null || source.authors === 'drop' ? null : reviewAuthorKey(source.name, author, secret);
  const text = joinTitle(review.title, review.body);
  const segments: Record<string, string> = { ...review.extra };
  if (review.product !== null) segments['product'] = review.product;
  if (author !== null && source.authors === 'keep') segments['author'] = author;
  Object.assign(segments, source.segments);
  return {
    id: verbatimId({ source: source.name, externalId: review.externalId, text, createdAt: review.createdAt, nps: null, authorKey: key }),
    externalId: review.externalId,
    source: source.name,
    text,
    createdAt: review.createdAt,
    nps: null,
    rating: review.rating,
    respondent: source.respondent,
    authorKey: key,
    segments,
    journeyHint: null,
  };
}

/** Drops trailing spaces and . … ! ?, by hand: `/[\s.…!?]+$/` rescans a long inner run from each of its characters. */
function trimEndPunctuation(value: string): string {
  let end = value.length;
  while (end > 0 && /[\s.…!?]/u.test(value.charAt(end - 1))) end--;
  return value.slice(0, end);
}

/** `Title\nBody`, unless the body already starts with the title (feeds that repeat it). */
function joinTitle(title: string | null, body: string): string {
  if (title === null || title === '') return body;
  if (body === '') return title;
  const folded = (value: string): string => trimEndPunctuation(value.toLowerCase());
  return body.toLowerCase().startsWith(folded(title)) ? body : `${title}\n${body}`;
}
