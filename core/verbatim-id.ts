import { createHash } from 'node:crypto';

/**
 * Deterministic id of a verbatim, so importing the same file twice, or
 * re-scraping the same page, yields the same ids and adds nothing.
 * With an external id: source + external id. Without: source + the content and,
 * for a file row, the file name and line — so two people who gave the same score
 * and comment stay two answers, while the same file read again gives the same ids.
 *
 * @example verbatimId({ source: 'nps-2026', externalId: 'R-17' }) // 'v_3f1c…'
 * @example verbatimId({ source: 'nps', externalId: null, text: 'ok', origin: { file: 'nps.csv', line: 7 } })
 */
export function verbatimId(parts: {
  source: string;
  externalId: string | null;
  text?: string;
  createdAt?: string | null;
  nps?: number | null;
  authorKey?: string | null;
  /** Where a row without an id was read: its file's name (not path) and line. */
  origin?: { readonly file: string; readonly line: number };
}): string {
  const content = ['c', parts.source, parts.text ?? '', parts.createdAt ?? '', String(parts.nps ?? ''), parts.authorKey ?? ''];
  const key =
    parts.externalId != null && parts.externalId !== ''
      ? ['x', parts.source, parts.externalId]
      : parts.origin === undefined
        ? content
        : [...content, parts.origin.file, String(parts.origin.line)];
  return `v_${sha256(key.join('\u0000')).slice(0, 24)}`;
}

/** Hash of the text alone (whitespace- and case-folded), to find the same comment under two sources. */
export function contentHash(text: string): string {
  return sha256(text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim()).slice(0, 32);
}

/** Author keys are keyed (HMAC under the installation's secret): core/author-key.ts. */
export { authorKey, type AuthorSecret } from './author-key.js';

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
