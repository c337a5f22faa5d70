/**
 * One review as a source read it, before it becomes a `Verbatim`: plain text
 * (HTML already reduced), the rating on a 1–5 scale, the author's name as given
 * (hashed or dropped later, never stored as is by default).
 */
export interface ScrapedReview {
  /** The site's own id for the review (`@id`, guid, itemid …), when it has one. */
  readonly externalId: string | null;
  readonly title: string | null;
  readonly body: string;
  /** 1–5, scaled from the source's own best/worst when they differ. */
  readonly rating: number | null;
  readonly author: string | null;
  /** ISO 8601, or null when absent or unreadable. */
  readonly createdAt: string | null;
  /** The page or feed the review came from. */
  readonly url: string;
  /** The product or service reviewed, when the source names it. */
  readonly product: string | null;
  /** Other source fields worth keeping as segments (`app_version` …). */
  readonly extra: Readonly<Record<string, string>>;
}

/** A product's overall rating (schema.org `AggregateRating`): reported and kept in the source state, not a verbatim. */
export interface AggregateRatingRecord {
  /** 1–5, scaled like review ratings. */
  readonly rating: number;
  readonly ratingCount: number | null;
  readonly reviewCount: number | null;
  readonly product: string | null;
  readonly url: string;
}

/** What a page gave: reviews, aggregate ratings, and a line for each thing that could not be read. */
export interface ExtractResult {
  readonly reviews: ScrapedReview[];
  readonly aggregates: AggregateRatingRecord[];
  readonly warnings: string[];
}

export function emptyExtract(): ExtractResult {
  return { reviews: [], aggregates: [], warnings: [] };
}

/**
 * A rating on the 1–5 scale: `value` between `worst` (default 1) and `best`
 * (default 5), scaled linearly when the source uses another range (0–10, 1–10,
 * 0–100). `undefined` when not a number or out of the source's range.
 *
 * @example normalizeRating('8', { best: '10', worst: '0' }) // 4.2
 */
export function normalizeRating(value: unknown, scale: { best?: unknown; worst?: unknown } = {}): number | undefined {
  const rating = toNumber(value);
  const best = toNumber(scale.best) ?? 5;
  const worst = toNumber(scale.worst) ?? (best === 5 || best === 10 ? 1 : 0);
  if (rating === undefined || best <= worst || rating < worst || rating > best) return undefined;
  if (best === 5 && worst === 1) return rating;
  return Math.round((1 + ((rating - worst) * 4) / (best - worst)) * 100) / 100;
}

/** A number from a number or a string such as `4,5`, `4.5/5`, `4 out of 5`. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const match = /-?\d+(?:[.,]\d+)?/.exec(value);
  if (match === null) return undefined;
  const number = Number(match[0].replace(',', '.'));
  return Number.isFinite(number) ? number : undefined;
}

/** An ISO 8601 timestamp from an ISO date, an RFC 822 date (RSS), or a Unix time; null when unreadable. */
export function toIsoDate(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return new Date(value > 1e12 ? value : value * 1000).toISOString();
  if (typeof value !== 'string' || value.trim() === '') return null;
  const time = Date.parse(value.trim());
  return Number.isNaN(time) ? null : new Date(time).toISOString();
}

/** The first non-empty trimmed string among `values`, or null. */
export function firstText(...values: unknown[]): string | null {
  for (const value of values) {
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
    if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  }
  return null;
}
