import { createHash } from 'node:crypto';

/**
 * Deterministic id of a verbatim, so importing the same file twice, or
 * re-scraping the same page, yields the same ids and adds nothing.
 * With an external id: source + external id. Without: source + the content.
 *
 * @example verbatimId({ source: 'nps-2026', externalId: 'R-17' }) // 'v_3f1c…'
 */
export function verbatimId(parts: {
  source: string;
  externalId: string | null;
  text?: string;
  createdAt?: string | null;
  nps?: number | null;
  authorKey?: string | null;
}): string {
  const key =
    parts.externalId != null && parts.externalId !== ''
      ? ['x', parts.source, parts.externalId]
      : ['c', parts.source, parts.text ?? '', parts.createdAt ?? '', String(parts.nps ?? ''), parts.authorKey ?? ''];
  return `v_${sha256(key.join('\u0000')).slice(0, 24)}`;
}

/** Hash of the text alone (whitespace- and case-folded), to find the same comment under two sources. */
export function contentHash(text: string): string {
  return sha256(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()).slice(0, 32);
}

/** Pseudonymous author key (GDPR): the same person always maps to the same key; the name is not kept. */
export function authorKey(rawAuthor: string, salt = ''): string {
  return `a_${sha256(`${salt}\u0000${rawAuthor.trim().toLowerCase()}`).slice(0, 24)}`;
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
