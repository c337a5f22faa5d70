/**
 * Closed sets shared by every stage, report and table. Each union type is
 * derived from its `as const` array so a new value is added in one place.
 */

export const NPS_CATEGORIES = ['detractor', 'passive', 'promoter'] as const;
export type NpsCategory = (typeof NPS_CATEGORIES)[number];

export const SENTIMENT_LABELS = ['negative', 'neutral', 'positive', 'mixed'] as const;
export type SentimentLabel = (typeof SENTIMENT_LABELS)[number];

export const RESPONDENTS = ['customer', 'employee'] as const;
export type Respondent = (typeof RESPONDENTS)[number];

/** Journey step ids of the default banking / consumer-finance journey. */
export const JOURNEY_STEPS = [
  'discovery',
  'application',
  'onboarding',
  'everyday_use',
  'billing_statements',
  'support_contact',
  'complaint',
  'repayment_collections',
  'closure',
] as const;
export type JourneyStep = (typeof JOURNEY_STEPS)[number];

/** Theme ids of the default taxonomy (see samples/taxonomy). */
export const DEFAULT_THEME_IDS = [
  'fees_pricing',
  'advisor_quality',
  'reachability_wait',
  'processing_speed',
  'digital_app',
  'paperwork_process',
  'information_clarity',
  'trust_security',
  'product_offer',
  'collections_reminders',
  'complaint_handling',
  'account_closure',
] as const;

export function isJourneyStep(value: unknown): value is JourneyStep {
  return typeof value === 'string' && (JOURNEY_STEPS as readonly string[]).includes(value);
}

export function isRespondent(value: unknown): value is Respondent {
  return typeof value === 'string' && (RESPONDENTS as readonly string[]).includes(value);
}

/** NPS category from a 0–10 score: detractor 0–6, passive 7–8, promoter 9–10. */
export function npsCategory(score: number | null | undefined): NpsCategory | null {
  if (score == null || !Number.isInteger(score) || score < 0 || score > 10) return null;
  if (score <= 6) return 'detractor';
  if (score <= 8) return 'passive';
  return 'promoter';
}
