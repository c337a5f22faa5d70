import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { ConfigError } from '../core/errors.js';
import { emailDestination } from './alerts-email-settings.js';
import { PERIOD_GRANULARITIES } from './periods.js';

/** What a rule watches: verbatim count, share of commented verbatims, mean sentiment, NPS, mean star rating. */
export const ALERT_METRICS = ['volume', 'share', 'sentiment', 'nps', 'rating'] as const;
export type AlertMetric = (typeof ALERT_METRICS)[number];

/** spike/drop: z-score against the previous periods; threshold: a fixed bound; emerging: `findEmerging`. */
export const ALERT_KINDS = ['spike', 'drop', 'threshold', 'emerging'] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];

/** `theme: '*'`: one subject per theme (each is tested on its own). */
export const EVERY_THEME = '*';

const id = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$/, 'expected letters, digits, `_`, `-` or `.` (at most 64)');
const scope = {
  /** A theme id, `*` for each theme, absent for everything in scope. */
  theme: z.string().min(1).max(200).optional(),
  segments: z.record(z.string().min(1), z.string().min(1)).optional(),
  source: z.string().min(1).optional(),
};
const minVolume = z.number().int().min(1).default(10);
const period = z.enum(PERIOD_GRANULARITIES).default('week');

const changeRule = z.strictObject({
  id,
  kind: z.enum(['spike', 'drop']),
  metric: z.enum(ALERT_METRICS).default('volume'),
  ...scope,
  period,
  /** Previous periods the baseline is made of. */
  baseline: z.number().int().min(3).max(104).default(6),
  z: z.number().positive().default(3),
  minVolume,
});

const thresholdRule = z
  .strictObject({ id, kind: z.literal('threshold'), metric: z.enum(ALERT_METRICS), ...scope, period, below: z.number().optional(), above: z.number().optional(), minVolume })
  .refine((rule) => (rule.below === undefined) !== (rule.above === undefined), 'give exactly one of `below` or `above`');

const emergingRule = z.strictObject({
  id,
  kind: z.literal('emerging'),
  segments: scope.segments,
  source: scope.source,
  period,
  recentDays: z.number().int().min(1).max(366).default(7),
  baselineDays: z.number().int().min(1).max(3660).default(42),
  minCount: z.number().int().min(1).default(5),
});

const rulesFile = z
  .strictObject({
    /** Slack/Teams incoming-webhook URLs: each new alert is POSTed as `{"text": …}`. */
    webhooks: z.array(z.url({ protocol: /^https?$/ })).default([]),
    /** New alerts by e-mail over SMTP, one message a run (`alerts-email.ts`). */
    email: emailDestination.optional(),
    /** The dashboard's address, for links to the inbox and to each alert's verbatims in messages. */
    dashboardUrl: z.url({ protocol: /^https?$/ }).optional(),
    rules: z.array(z.discriminatedUnion('kind', [changeRule, thresholdRule, emergingRule])).min(1),
  })
  // An e-mail is read away from the dashboard: its links must be whole addresses.
  .refine((file) => file.email === undefined || file.dashboardUrl !== undefined, { message: 'give `dashboardUrl` too: e-mails link to the verbatims behind each alert', path: ['dashboardUrl'] });

export type ChangeRule = z.infer<typeof changeRule>;
export type ThresholdRule = z.infer<typeof thresholdRule>;
export type EmergingRule = z.infer<typeof emergingRule>;
export type AlertRule = ChangeRule | ThresholdRule | EmergingRule;
export type AlertRules = Readonly<z.infer<typeof rulesFile>>;

/**
 * Reads an alert rules file (YAML, or JSON which is YAML too), validated once and frozen.
 *
 * @example parseAlertRules('rules:\n  - { id: fees-spike, kind: spike, theme: fees_pricing }', 'alerts.yaml')
 * @throws ConfigError naming the file and the field that is wrong.
 */
export function parseAlertRules(text: string, file: string): AlertRules {
  let data: unknown;
  try {
    data = parseYaml(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid YAML: ${error instanceof Error ? error.message : String(error)}`);
  }
  const parsed = rulesFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined || issue.path.length === 0 ? '' : ` at \`${issue.path.join('.')}\``;
    throw new ConfigError(`${file}${where}: ${issue?.message ?? 'invalid rules'}`);
  }
  const seen = new Set<string>();
  for (const rule of parsed.data.rules) {
    if (seen.has(rule.id)) throw new ConfigError(`${file}: rule id \`${rule.id}\` is used twice (ids name the events, so they must be unique)`);
    seen.add(rule.id);
  }
  return Object.freeze(parsed.data);
}
