import { href } from '../filters.js';

/** The CSV download of one table of a page, with the page's filters. */
export function csvHref(path: string, params: URLSearchParams, table: string, extra: Readonly<Record<string, string | undefined>> = {}): string {
  return href(path, params, { ...extra, format: 'csv', table });
}
