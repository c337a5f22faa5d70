import type { NewAlert } from '../db/alerts.table.js';
import type { AlertMetric, AlertRule } from './alerts-rules.js';

/** What an event is about: a theme (or the whole scope) within segments and a source. */
export interface AlertSubject {
  readonly theme: string | null;
  readonly segments: Readonly<Record<string, string>>;
  readonly source: string | null;
}

/**
 * The subject as a stable string (segments sorted), the middle of the event key.
 *
 * @example subjectKey({ theme: 'fees', segments: { branch: 'Lyon' }, source: null }) // 'theme=fees;branch=Lyon'
 */
export function subjectKey(subject: AlertSubject): string {
  const parts = [
    ...(subject.theme === null ? [] : [`theme=${subject.theme}`]),
    ...Object.entries(subject.segments)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([key, value]) => `${key}=${value}`),
    ...(subject.source === null ? [] : [`source=${subject.source}`]),
  ];
  return parts.length === 0 ? 'all' : parts.join(';');
}

/** Rule id, subject and period: the same event always gets the same key, so it is stored (and sent) once. */
export function eventKey(ruleId: string, subject: AlertSubject, period: string): string {
  return `${ruleId}|${subjectKey(subject)}|${period}`;
}

/** The subject of a rule for one theme (`null`: the whole scope). */
export function subjectOf(rule: AlertRule, theme: string | null): AlertSubject {
  return { theme, segments: { ...(rule.segments ?? {}) }, source: rule.source ?? null };
}

const LABELS: Readonly<Record<AlertMetric, string>> = { volume: 'volume', share: 'share', sentiment: 'mean sentiment', nps: 'NPS', rating: 'mean rating' };

/** A metric's value as people read it: 12, 8.5 %, −0.42, NPS −3.1, 3.84 ★. */
export function formatMetric(metric: AlertMetric, value: number): string {
  switch (metric) {
    case 'volume':
      return String(Math.round(value * 10) / 10);
    case 'share':
      return `${(value * 100).toFixed(1)} %`;
    case 'nps':
      return value.toFixed(1);
    case 'sentiment':
    case 'rating':
      return value.toFixed(2);
  }
}

/** `volume of fees_pricing (branch=Lyon)`: the start of every alert message. */
export function describe(metric: AlertMetric, subject: AlertSubject): string {
  const within = subjectKey({ ...subject, theme: null });
  const what = subject.theme === null ? 'all verbatims' : `theme ${subject.theme}`;
  return `${LABELS[metric]} of ${what}${within === 'all' ? '' : ` (${within})`}`;
}

/** The event fields every kind fills the same way. */
export function eventOf(
  rule: AlertRule,
  metric: AlertMetric,
  subject: AlertSubject,
  period: { readonly label: string; readonly from: Date; readonly to: Date },
  figures: Pick<NewAlert, 'value' | 'baseline' | 'z' | 'n' | 'message'>,
  now: Date,
  keyPeriod: string = period.label,
): NewAlert {
  return {
    event_key: eventKey(rule.id, subject, keyPeriod),
    rule_id: rule.id,
    kind: rule.kind,
    metric,
    theme: subject.theme,
    segments: subject.segments,
    source: subject.source,
    period: period.label,
    period_from: period.from,
    period_to: period.to,
    raised_at: now,
    ...figures,
  };
}
