import { toIsoDate } from './review-record.js';
import { asArray, xmlText } from './xml.js';

/** A URL a sitemap lists, with its `lastmod` when given. */
export interface SitemapEntry {
  readonly url: string;
  readonly lastmod: string | null;
}

/** A sitemap read: pages (`urlset`) and child sitemaps (`sitemapindex`). */
export interface SitemapExtract {
  readonly pages: SitemapEntry[];
  readonly sitemaps: SitemapEntry[];
  readonly warnings: string[];
}

/**
 * The `<url><loc>` entries of a `urlset` and the `<sitemap><loc>` entries of a
 * `sitemapindex` (sitemaps.org 0.9), resolved against the sitemap's URL;
 * entries that are not http(s) URLs become warnings.
 *
 * @example extractSitemap(parseXml(xml), url).pages.map((page) => page.url)
 */
export function extractSitemap(document: Record<string, unknown>, url: string): SitemapExtract {
  const result: SitemapExtract = { pages: [], sitemaps: [], warnings: [] };
  const read = (entries: unknown, into: SitemapEntry[], what: string): void => {
    asArray(entries).forEach((raw, index) => {
      const entry = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>) : {};
      const loc = xmlText(entry['loc'])?.trim();
      let resolved: URL | undefined;
      try {
        resolved = loc === undefined || loc === '' ? undefined : new URL(loc, url);
      } catch {
        resolved = undefined;
      }
      if (resolved === undefined || (resolved.protocol !== 'http:' && resolved.protocol !== 'https:')) {
        result.warnings.push(`${what} ${index + 1}: <loc> ${JSON.stringify(loc ?? '')} is not an http(s) URL; skipped`);
        return;
      }
      into.push({ url: resolved.href, lastmod: toIsoDate(xmlText(entry['lastmod'])) });
    });
  };
  const urlset = document['urlset'];
  const index = document['sitemapindex'];
  if (typeof urlset === 'object' && urlset !== null) read((urlset as Record<string, unknown>)['url'], result.pages, 'url');
  if (typeof index === 'object' && index !== null) read((index as Record<string, unknown>)['sitemap'], result.sitemaps, 'sitemap');
  return result;
}
