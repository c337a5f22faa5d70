import type { Report } from '../analysis/report.js';
import { momentLabel } from './moment-labels.js';

/** What the charts of the HTML report draw, shaped for Chart.js (embedded as JSON). */
export interface HtmlChartData {
  readonly impact: readonly { theme: string; label: string; impact: number; ci95: readonly [number, number] | null; significant: boolean }[];
  readonly trend: readonly { period: string; nps: number | null; low: number | null; high: number | null; n: number }[];
  readonly heatmap: { readonly steps: readonly string[]; readonly themes: readonly string[]; readonly cells: readonly { x: string; y: string; v: number; n: number; s: boolean }[] };
  readonly moments: readonly { step: string; x: number; y: number; employeeSignal: boolean; moment: string }[];
  readonly thresholds: { readonly positive: number; readonly negative: number };
  readonly who: string;
}

/** Picks and reshapes the report figures the four charts need (no new figure is computed here). */
export function htmlChartData(report: Report): HtmlChartData {
  // The heatmap's columns are the themes' labels (what people read); `s`: the impact is significant.
  const themes = [...new Set(report.journey.flatMap((step) => step.themes.filter((theme) => theme.impact !== null).map((theme) => theme.label)))].sort();
  return {
    who: report.filters.respondent === 'employee' ? 'eNPS' : 'NPS',
    impact: report.drivers
      .filter((driver) => driver.impact !== null)
      .map((driver) => ({ theme: driver.theme, label: driver.label, impact: driver.impact ?? 0, ci95: driver.ci95, significant: driver.significant }))
      .sort((a, b) => a.impact - b.impact),
    trend: report.trends.periods.map((period) => ({ period: period.period, nps: period.nps.score, low: period.nps.ci95?.[0] ?? null, high: period.nps.ci95?.[1] ?? null, n: period.n })),
    heatmap: {
      steps: report.journey.map((step) => step.step),
      themes,
      cells: report.journey.flatMap((step) =>
        step.themes.filter((theme) => theme.impact !== null).map((theme) => ({ x: theme.label, y: step.step, v: theme.impact ?? 0, n: theme.count, s: theme.significant })),
      ),
    },
    moments: report.moments.steps
      .filter((step) => step.customer.valence !== null)
      .map((step) => ({
        step: step.step,
        x: step.customer.valence ?? 0,
        y: step.employee.signal === 'none' ? 0 : (step.employee.valence ?? 0),
        employeeSignal: step.employee.signal === 'positive' || step.employee.signal === 'negative',
        moment: step.moment === null ? 'no moment (customers neutral or too few)' : momentLabel(step.moment),
      })),
    thresholds: { positive: report.moments.thresholds.positive, negative: report.moments.thresholds.negative },
  };
}
