import type { Report } from '../../analysis/report.js';
import { viewerReport, viewerScope } from '../viewer-report.js';
import type { PageContext } from './page.js';

/**
 * The whole report of the view (`reportForScope`'s `report` section: breakdowns, key
 * drivers, emerging and suggested themes, eNPS), computed once per filters and scope
 * until the data changes and shared by the pages that show its parts.
 *
 * @example const report = await wholeReport(context); report.breakdowns
 */
export async function wholeReport({ db, cache, now, minGroup, engine, filters, identity }: PageContext): Promise<Report> {
  const { report } = await cache.get(`whole-report:${JSON.stringify([filters, identity.scope, minGroup])}`, () =>
    viewerReport(db, viewerScope(filters, identity.scope), ['report'], now, { ...engine, minGroup }),
  );
  return report;
}
