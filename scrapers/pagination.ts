import type { CheerioAPI } from 'cheerio';

/**
 * The next page of an HTML page: `<link rel="next">` in the head, else an
 * `<a rel="next">` in the body; resolved against `<base href>` and the page URL.
 *
 * @example htmlNextLink(load(html), 'https://shop.example/reviews?page=1') // 'https://shop.example/reviews?page=2'
 */
export function htmlNextLink($: CheerioAPI, pageUrl: string): string | undefined {
  const href = $('link[rel~="next" i][href]').first().attr('href') ?? $('a[rel~="next" i][href]').first().attr('href');
  if (href === undefined || href.trim() === '') return undefined;
  const base = $('base[href]').first().attr('href');
  try {
    return new URL(href.trim(), base === undefined ? pageUrl : new URL(base, pageUrl)).href;
  } catch {
    return undefined;
  }
}

/**
 * The `rel="next"` target of an HTTP `Link` header (RFC 8288), resolved against the response URL.
 *
 * @example linkHeaderNext('<https://api.example/reviews?page=3>; rel="next"', url) // 'https://api.example/reviews?page=3'
 */
export function linkHeaderNext(header: string | string[] | undefined, responseUrl: string): string | undefined {
  const values = Array.isArray(header) ? header : header === undefined ? [] : [header];
  for (const value of values) {
    for (const match of value.matchAll(/<([^<>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
      const params = match[2] ?? '';
      const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^\s;,]+))/i.exec(params);
      const rels = (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/);
      if (rels.includes('next') && match[1] !== undefined) {
        try {
          return new URL(match[1], responseUrl).href;
        } catch {
          return undefined;
        }
      }
    }
  }
  return undefined;
}

/** Page-parameter pagination: what the source's config says about `?page=N`. */
export interface PageParameter {
  /** Query parameter name (`page`, `p`, `offset` …). */
  readonly param: string;
  /** First page number (default 1). */
  readonly start?: number;
  /** Added at each page (default 1; 20 for an `offset` of 20 a page). */
  readonly step?: number;
}

/**
 * The URL of the `index`-th page (0-based) under page-parameter pagination.
 *
 * @example pageParameterUrl('https://shop.example/reviews', { param: 'page' }, 2) // 'https://shop.example/reviews?page=3'
 */
export function pageParameterUrl(url: string, pagination: PageParameter, index: number): string {
  const next = new URL(url);
  next.searchParams.set(pagination.param, String((pagination.start ?? 1) + index * (pagination.step ?? 1)));
  return next.href;
}
