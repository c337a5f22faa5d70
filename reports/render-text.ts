import type { Report } from '../analysis/report.js';
import { alignTable, interval, percent, signed } from './format.js';

/** The terminal report: headline NPS, drivers, NPS by journey step. */
export function renderText(report: Report): string {
  const { nps } = report;
  const lines: string[] = [];
  const who = report.filters.respondent === 'employee' ? 'eNPS' : 'NPS';
  lines.push(
    `${who} ${signed(nps.score)}  95% CI ${interval(nps.ci95)}  n=${nps.n}  ` +
      `(promoters ${nps.promoters}, passives ${nps.passives}, detractors ${nps.detractors})`,
  );
  lines.push(`${report.verbatims} verbatims, ${report.commented} with a comment, ${report.enriched} enriched`);
  lines.push('', 'Themes by volume (impact = NPS(all) − NPS(all without the theme))');
  lines.push(
    alignTable([
      ['theme', 'count', 'share', 'sentiment', 'NPS with', 'NPS without', 'impact', '95% CI', ''],
      ...report.drivers.map((driver) => [
        driver.theme,
        String(driver.count),
        percent(driver.share),
        signed(driver.sentiment_score, 2),
        signed(driver.nps_with),
        signed(driver.nps_without),
        signed(driver.impact),
        interval(driver.ci95),
        driver.significant ? '*' : '',
      ]),
    ]),
  );
  lines.push('', 'NPS by journey step');
  lines.push(
    alignTable([
      ['step', 'n', 'NPS', 'top themes'],
      ...report.journey.map((step) => [
        step.step,
        String(step.n),
        signed(step.nps),
        step.themes
          .slice(0, 3)
          .map((theme) => `${theme.theme} (${theme.count}, ${signed(theme.impact)})`)
          .join(', '),
      ]),
    ], new Set([3])),
  );
  lines.push('', '* the 95% interval of the impact excludes 0');
  return `${lines.join('\n')}\n`;
}
