import type { Kysely } from 'kysely';
import type { EnrichedVerbatim, ThemeMention } from '../../core/verbatim.js';
import type { Database } from '../../db/schema.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { seededRandom } from '../../models/learned/hashing.js';

/** The clock of the compare page tests: 1 July 2026, so June (the current period) is over. */
export const COMPARE_NOW = new Date('2026-07-01T08:00:00.000Z');

/**
 * Per theme and period: how often it comes up, and how it leans the score (−1..1). The
 * story the page should tell: fees come up more often and hurt more in June, the app
 * got better, waiting times did not move.
 */
const THEMES = {
  fees_pricing: { may: [0.18, -0.35], june: [0.34, -0.45] },
  advisor_quality: { may: [0.3, 0.25], june: [0.3, 0.3] },
  digital_app: { may: [0.25, -0.2], june: [0.22, 0.2] },
  waiting_time: { may: [0.15, -0.3], june: [0.15, -0.3] },
} as const;

/** 240 answers a branch and month (Lyon, Paris; May and June 2026) drawn from `THEMES`. */
export function compareDataset(): EnrichedVerbatim[] {
  const next = seededRandom(2026);
  const rows: EnrichedVerbatim[] = [];
  let n = 0;
  for (const [period, month] of [['may', '05'], ['june', '06']] as const) {
    for (const branch of ['Lyon', 'Paris']) {
      for (let i = 0; i < 240; i += 1) {
        n += 1;
        const themes: ThemeMention[] = [];
        let lean = branch === 'Paris' ? 0.05 : 0;
        for (const [theme, byPeriod] of Object.entries(THEMES)) {
          const [rate, effect] = byPeriod[period];
          if (next() >= rate) continue;
          lean += effect;
          // Mentions mostly follow the theme's lean, not all of them: the negative share has room to move.
          const negative = next() < 0.5 - effect;
          themes.push({ theme, sentiment: negative ? 'negative' : 'positive', score: negative ? -0.5 : 0.5, confidence: 0.9, evidence: theme.replace('_', ' ') });
        }
        const u = next() + lean;
        const nps = u > 0.62 ? 9 + Math.floor(next() * 2) : u > 0.35 ? 7 + Math.floor(next() * 2) : Math.floor(next() * 7);
        const verbatim = surveyAnswer(1000 + n, {
          nps,
          text: `${branch} ${period} ${i}: ${themes.map((t) => t.evidence).join(', ') || 'nothing in particular'}`,
          createdAt: `2026-${month}-${String(2 + (i % 27)).padStart(2, '0')}T10:00:00.000Z`,
          segments: { branch },
        });
        rows.push(enriched(verbatim, { themes, sentiment: lean < 0 ? 'negative' : 'positive', sentimentScore: Math.max(-1, Math.min(1, lean)) }));
      }
    }
  }
  return rows;
}

export async function seedCompareWebData(db: Kysely<Database>): Promise<void> {
  const rows = compareDataset();
  await insertVerbatims(db, rows);
  await saveEnrichments(db, rows, { now: COMPARE_NOW });
}
