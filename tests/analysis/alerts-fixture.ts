import type { Kysely } from 'kysely';
import type { EnrichedVerbatim, ThemeMention } from '../../core/verbatim.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';

/** A Monday: the last complete week is 2026-W24 (8–14 June), its baseline W18–W23. */
export const ALERTS_NOW = new Date('2026-06-15T12:00:00.000Z');

/** Per week, oldest first (W18 … W24): fees spikes ×3 in W24, atm too but it is tiny, advisor is flat, card_blocked is new. */
const WEEKS: readonly { monday: string; fees: number; atm: number; advisor: number; card: number }[] = [
  { monday: '2026-04-27', fees: 9, atm: 1, advisor: 10, card: 0 },
  { monday: '2026-05-04', fees: 11, atm: 1, advisor: 10, card: 0 },
  { monday: '2026-05-11', fees: 10, atm: 1, advisor: 10, card: 0 },
  { monday: '2026-05-18', fees: 10, atm: 1, advisor: 10, card: 0 },
  { monday: '2026-05-25', fees: 12, atm: 1, advisor: 10, card: 0 },
  { monday: '2026-06-01', fees: 8, atm: 1, advisor: 10, card: 0 },
  { monday: '2026-06-08', fees: 30, atm: 3, advisor: 10, card: 8 },
];

function mention(theme: string, score: number): ThemeMention {
  return { theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 0.9, evidence: theme };
}

/**
 * Lyon detractors complain about fees (and the ATM, and a blocked card), Paris promoters
 * praise their advisor: the spike, the small theme, the Lyon NPS threshold and a new theme.
 */
export function alertsDataset(): EnrichedVerbatim[] {
  const rows: EnrichedVerbatim[] = [];
  let n = 0;
  const add = (monday: string, theme: string, branch: string, nps: number, score: number): void => {
    n += 1;
    const day = new Date(`${monday}T10:00:00.000Z`);
    day.setUTCDate(day.getUTCDate() + (n % 5));
    const verbatim = surveyAnswer(n, { text: `${branch} ${n}: ${theme}`, nps, createdAt: day.toISOString(), segments: { branch } });
    rows.push(enriched(verbatim, { themes: [mention(theme, score)], sentiment: score < 0 ? 'negative' : 'positive', sentimentScore: score }));
  };
  for (const week of WEEKS) {
    for (let i = 0; i < week.fees; i += 1) add(week.monday, 'fees_pricing', 'Lyon', 2, -0.7);
    for (let i = 0; i < week.atm; i += 1) add(week.monday, 'atm', 'Lyon', 3, -0.5);
    for (let i = 0; i < week.advisor; i += 1) add(week.monday, 'advisor_quality', 'Paris', 10, 0.6);
    for (let i = 0; i < week.card; i += 1) add(week.monday, 'card_blocked', 'Lyon', 1, -0.8);
  }
  return rows;
}

/** Stores and enriches the data set. */
export async function seedAlertsData(db: Kysely<Database>): Promise<void> {
  const rows = alertsDataset();
  await insertVerbatims(db, rows);
  await saveEnrichments(db, rows, { now: ALERTS_NOW });
}

/** The rules of the tests, as a user would write them. */
export const ALERTS_YAML = `
rules:
  - id: theme-spike
    kind: spike
    metric: volume
    theme: "*"
    baseline: 6
    z: 3
    minVolume: 10
  - id: lyon-nps
    kind: threshold
    metric: nps
    segments: { branch: Lyon }
    below: 0
    minVolume: 10
`;
