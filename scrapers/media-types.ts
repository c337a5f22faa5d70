/** The kinds of body a scraper reads; anything else (images, PDFs, archives) is refused before it is downloaded. */
export const BODY_KINDS = ['html', 'xml', 'json', 'text'] as const;
export type BodyKind = (typeof BODY_KINDS)[number];

const MEDIA_TYPES: Readonly<Record<BodyKind, readonly string[]>> = {
  html: ['text/html', 'application/xhtml+xml'],
  xml: ['application/xml', 'text/xml', 'application/rss+xml', 'application/atom+xml', 'application/rdf+xml'],
  // Apple's review feeds have been served as text/javascript; it is parsed as JSON, never run.
  json: ['application/json', 'application/ld+json', 'text/json', 'text/javascript', 'application/javascript'],
  text: ['text/plain'],
};

/** `text/html; charset=UTF-8` → `{ type: 'text/html', charset: 'UTF-8' }`. */
export function parseContentType(header: string | undefined): { type: string | undefined; charset: string | undefined } {
  if (header === undefined || header.trim() === '') return { type: undefined, charset: undefined };
  const [type, ...params] = header.split(';');
  const charsetParam = params.map((param) => param.trim()).find((param) => /^charset\s*=/i.test(param));
  const charset = charsetParam?.replace(/^charset\s*=\s*/i, '').replace(/^["']|["']$/g, '');
  return { type: type?.trim().toLowerCase() || undefined, charset: charset || undefined };
}

/** Which body kind a media type is, if any (`+xml` and `+json` suffixes included). */
export function bodyKindOf(mediaType: string): BodyKind | undefined {
  for (const kind of BODY_KINDS) if (MEDIA_TYPES[kind].includes(mediaType)) return kind;
  if (mediaType.endsWith('+xml')) return 'xml';
  if (mediaType.endsWith('+json')) return 'json';
  return undefined;
}

/** The `Accept` header for the kinds a caller reads, most wanted first. */
export function acceptHeader(kinds: readonly BodyKind[]): string {
  const types = kinds.flatMap((kind) => MEDIA_TYPES[kind].filter((type) => !type.includes('javascript')));
  return [...types.map((type, index) => (index === 0 ? type : `${type};q=0.9`)), '*/*;q=0.1'].join(', ');
}
