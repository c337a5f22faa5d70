import type { JourneyRow, JourneyTheme, Report } from '../analysis/report.js';

/**
 * Below this many verbatims a journey cell's impact is shown greyed, "n < 30": the
 * interval is wide and the colour would overstate it.
 */
export const SMALL_CELL = 30;

/**
 * A theme as people read it: the taxonomy's label, else the id.
 *
 * @example reportThemeLabel(report, 'fees_pricing') // 'Fees and pricing'
 */
export function reportThemeLabel(report: Pick<Report, 'theme_labels'>, id: string): string {
  return Object.hasOwn(report.theme_labels, id) ? (report.theme_labels[id] ?? id) : id;
}

/**
 * What a view says about the themes it leaves out ('' when none are).
 *
 * @example hiddenThemesNote(5, 3) // 'Themes with fewer than 5 verbatims are not shown (3 themes).'
 */
export function hiddenThemesNote(minCount: number, hidden: number): string {
  if (hidden === 0) return '';
  return `Themes with fewer than ${minCount} verbatims are not shown (${hidden} ${hidden === 1 ? 'theme' : 'themes'}).`;
}

/**
 * The same for the journey's step × theme cells ('' when none are left out).
 *
 * @example hiddenCellsNote(5, journey) // 'Themes with fewer than 5 verbatims at a step are not shown (12 step × theme cells).'
 */
export function hiddenCellsNote(minCount: number, journey: readonly Pick<JourneyRow, 'hidden_themes'>[]): string {
  const hidden = journey.reduce((sum, step) => sum + step.hidden_themes, 0);
  if (hidden === 0) return '';
  return `Themes with fewer than ${minCount} verbatims at a step are not shown (${hidden} step × theme ${hidden === 1 ? 'cell' : 'cells'}).`;
}

/**
 * A journey cell in plain text: label, count, impact, `*` when significant, "n < 30" when small.
 *
 * @example journeyCellText({ label: 'Fees', count: 7, impact: -12, significant: false, … }) // 'Fees (7, -12.0, n < 30)'
 */
export function journeyCellText(theme: JourneyTheme, signed: (value: number | null) => string): string {
  return `${theme.label} (${theme.count}, ${signed(theme.impact)}${theme.significant ? '*' : ''}${theme.count < SMALL_CELL ? ', n < 30' : ''})`;
}
