import type { Verbatim } from '../core/verbatim.js';
import { contentHash } from '../core/verbatim-id.js';

/** What identifies the same comment posted again: its folded text and its author. */
export function contentKey(hash: string, authorKey: string | null): string {
  return `${hash}\u0000${authorKey ?? ''}`;
}

/**
 * Drops verbatims whose text (by content hash) and author are already `known`
 * for the source, or repeated earlier in the batch: the same review syndicated
 * on two pages, or re-posted without an id. Empty texts (rating-only reviews)
 * are left to the id check, since they all hash alike.
 *
 * @example dropKnownContent(batch, new Set([contentKey(contentHash(text), null)]))
 */
export function dropKnownContent(verbatims: readonly Verbatim[], known: ReadonlySet<string>): { fresh: Verbatim[]; duplicates: number } {
  const seen = new Set(known);
  const fresh: Verbatim[] = [];
  for (const verbatim of verbatims) {
    if (verbatim.text.trim() === '') {
      fresh.push(verbatim);
      continue;
    }
    const key = contentKey(contentHash(verbatim.text), verbatim.authorKey);
    if (seen.has(key)) continue;
    seen.add(key);
    fresh.push(verbatim);
  }
  return { fresh, duplicates: verbatims.length - fresh.length };
}
