import { stringify } from 'csv-stringify/sync';
import type { DriverRow, Report } from '../analysis/report.js';
import { defuseCell } from './csv-safe.js';
import { compareCsvTables } from './render-compare-csv.js';
import type { ComparedReport } from './render-compare.js';

const DRIVER_HEADER = ['theme', 'count', 'share', 'sentiment_score', 'nps_with', 'nps_without', 'impact', 'ci95_low', 'ci95_high', 'significant'];

function csv(rows: readonly (readonly unknown[])[]): string {
  return stringify(rows.map((row) => row.map(defuseCell)), { cast: { boolean: String } });
}

function driverTable(drivers: readonly DriverRow[]): string {
  return csv([
    DRIVER_HEADER,
    ...drivers.map((d) => [d.theme, d.count, d.share, d.sentiment_score, d.nps_with ?? '', d.nps_without ?? '', d.impact ?? '', d.ci95?.[0] ?? '', d.ci95?.[1] ?? '', d.significant]),
  ]);
}

/** The drivers table as CSV, one theme a row, every cell defused. */
export function renderCsv(report: Report): string {
  return driverTable(report.drivers);
}

/**
 * Every table of the report as its own CSV file (what `report --format csv --out DIR` writes):
 * drivers, key drivers, breakdowns, trends, journey, emerging, suggested themes, moments,
 * eNPS drivers, SLA summary and overdue follow-ups, and with `--compare` the comparison's
 * three tables. Every file is written, header only when the view is empty (an employee
 * report has no eNPS or SLA rows).
 */
export function renderCsvTables(report: ComparedReport): Record<string, string> {
  const sla = report.followups;
  return {
    'drivers.csv': renderCsv(report),
    'key-drivers.csv': csv([
      ['theme', 'count', 'coefficient', 'beta', 'relative_weight', 'importance'],
      ...report.key_drivers.themes.map((row) => [row.theme, row.count, row.coefficient, row.beta, row.relative_weight, row.importance]),
    ]),
    'breakdowns.csv': csv([
      ['dimension', 'value', 'n', 'nps', 'nps_ci95_low', 'nps_ci95_high', 'theme', 'count', 'share', 'sentiment_score', 'nps_with', 'nps_without', 'impact', 'ci95_low', 'ci95_high', 'significant'],
      ...report.breakdowns.flatMap((b) =>
        b.groups.flatMap((g) => {
          const group = [b.dimension, g.value, g.n, g.nps.score ?? '', g.nps.ci95?.[0] ?? '', g.nps.ci95?.[1] ?? ''];
          if (g.drivers.length === 0) return [[...group, '', '', '', '', '', '', '', '', '', '']];
          return g.drivers.map((d) => [...group, d.theme, d.count, d.share, d.sentiment_score, d.nps_with ?? '', d.nps_without ?? '', d.impact ?? '', d.ci95?.[0] ?? '', d.ci95?.[1] ?? '', d.significant]);
        }),
      ),
    ]),
    'trends.csv': csv([
      ['period', 'theme', 'count', 'share', 'sentiment_score', 'impact', 'ci95_low', 'ci95_high'],
      ...report.trends.periods.map((p) => [p.period, '', p.n, '', '', p.nps.score ?? '', p.nps.ci95?.[0] ?? '', p.nps.ci95?.[1] ?? '']),
      ...report.trends.themes.flatMap((t) => t.points.map((p) => [p.period, t.theme, p.count, p.share, p.sentiment_score ?? '', p.impact ?? '', p.ci95?.[0] ?? '', p.ci95?.[1] ?? ''])),
    ]),
    'journey.csv': csv([
      ['step', 'n', 'nps', 'theme', 'count', 'impact'],
      ...report.journey.flatMap((step) =>
        step.themes.length === 0 ? [[step.step, step.n, step.nps ?? '', '', '', '']] : step.themes.map((t) => [step.step, step.n, step.nps ?? '', t.theme, t.count, t.impact ?? '']),
      ),
    ]),
    'emerging.csv': csv([
      ['kind', 'item', 'baseline_share', 'recent_share', 'ratio', 'g2', 'p_value', 'flagged'],
      ...report.emerging.themes.map((t) => ['theme', t.theme, t.baseline_share, t.recent_share, t.ratio ?? '', t.g2, t.p_value, t.emerging]),
      ...report.emerging.phrases.map((p) => ['phrase', p.phrase, p.reference_share, p.target_share, p.ratio ?? '', p.g2, p.p_value, p.significant]),
    ]),
    'suggested-themes.csv': csv([
      ['id', 'seed', 'sample_size', 'estimated_size', 'top_phrases', 'examples'],
      ...report.suggested_themes.clusters.map((c) => [
        c.id,
        c.seed,
        c.sample_size,
        c.estimated_size,
        c.top_phrases.map((p) => `${p.phrase} (${p.docs})`).join(' | '),
        c.examples.map((e) => e.text).join(' | '),
      ]),
    ]),
    'moments.csv': csv([
      ['step', 'customer_n', 'customer_valence', 'customer_signal', 'employee_n', 'employee_valence', 'employee_signal', 'moment'],
      ...report.moments.steps.map((s) => [s.step, s.customer.n, s.customer.valence ?? '', s.customer.signal, s.employee.n, s.employee.valence ?? '', s.employee.signal, s.moment ?? '']),
    ]),
    'enps-drivers.csv': driverTable(report.enps?.drivers ?? []),
    'followups-sla.csv': csv([
      ['due_hours', 'total', 'open', 'assigned', 'closed', 'closed_in_time', 'due', 'compliance', 'overdue'],
      ...(sla === null ? [] : [[sla.due_hours, sla.total, sla.open, sla.assigned, sla.closed, sla.closed_in_time, sla.due, sla.compliance ?? '', sla.overdue]]),
    ]),
    'followups-overdue.csv': csv([
      ['id', 'verbatim_id', 'external_id', 'source', 'nps', 'status', 'assignee', 'due_at', 'hours_late'],
      ...(report.followups?.overdue_list ?? []).map((f) => [f.id, f.verbatim_id, f.external_id ?? '', f.source, f.nps ?? '', f.status, f.assignee ?? '', f.due_at, f.hours_late]),
    ]),
    ...compareCsvTables(report, csv),
  };
}
