import { stringify } from 'csv-stringify/sync';
import type { Report } from '../analysis/report.js';
import { defuseCell } from './csv-safe.js';

/** The drivers table as CSV, one theme a row, every cell defused. */
export function renderCsv(report: Report): string {
  const header = ['theme', 'count', 'share', 'sentiment_score', 'nps_with', 'nps_without', 'impact', 'ci95_low', 'ci95_high', 'significant'];
  const rows = report.drivers.map((driver) => [
    driver.theme,
    driver.count,
    driver.share,
    driver.sentiment_score,
    driver.nps_with ?? '',
    driver.nps_without ?? '',
    driver.impact ?? '',
    driver.ci95?.[0] ?? '',
    driver.ci95?.[1] ?? '',
    driver.significant,
  ]);
  return stringify([header, ...rows].map((row) => row.map(defuseCell)), { cast: { boolean: String } });
}
