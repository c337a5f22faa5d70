import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.js';
import { saveEnrichments, insertVerbatims } from '../../db/verbatims.table.js';
import type { EnrichedVerbatim, ThemeMention } from '../../core/verbatim.js';
import type { JourneyStep } from '../../core/vocabulary.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';

/** The clock of the web tests: mid-June 2026 (verbatims run from January to June). */
export const NOW = new Date('2026-06-15T12:00:00.000Z');

/** Hostile texts: each would run code if it reached the page as markup. */
export const HOSTILE_TEXTS = [
  '<script>window.__xss = "script"</script> les frais sont trop élevés',
  'Super appli <img src=x onerror="window.__xss = \'img\'"> mais les frais sont trop élevés',
  '"><svg onload="window.__xss = \'svg\'"></svg> conseiller injoignable',
  "javascript:window.__xss='link' <a href=\"javascript:window.__xss='a'\">clic</a> attente trop longue",
] as const;

const BRANCHES = ['Lyon', 'Paris', 'Bordeaux'] as const;
const STEPS: readonly JourneyStep[] = ['support_contact', 'billing_statements', 'onboarding', 'everyday_use'];

function mention(theme: string, evidence: string, score: number): ThemeMention {
  return { theme, sentiment: score > 0.1 ? 'positive' : score < -0.1 ? 'negative' : 'neutral', score, confidence: 0.9, evidence };
}

/**
 * A small, readable data set: 3 branches × 60 survey answers over six months with
 * themes tied to scores (fees with detractors, advisor with promoters), a few
 * employee answers, two undated Paris answers, and the hostile texts in Lyon (each
 * tagged with its payload as evidence).
 */
export function webDataset(): EnrichedVerbatim[] {
  const rows: EnrichedVerbatim[] = [];
  let n = 0;
  for (const branch of BRANCHES) {
    for (let i = 0; i < 60; i += 1) {
      n += 1;
      // Paris scores better than Lyon, Lyon better than Bordeaux: branch filters change every number.
      const offset = branch === 'Paris' ? 2 : branch === 'Lyon' ? 0 : -2;
      const nps = Math.max(0, Math.min(10, ((i * 7) % 11) + offset));
      const month = (i % 6) + 1;
      const fees = nps <= 6;
      const advisor = nps >= 8 || i % 5 === 0;
      const text = `${branch} ${i}: ${fees ? 'les frais sont trop élevés' : 'rien à signaler'}${advisor ? ', conseiller très aimable' : ''}`;
      const themes = [
        ...(fees ? [mention('fees_pricing', 'les frais sont trop élevés', -0.7)] : []),
        ...(advisor ? [mention('advisor_quality', 'conseiller très aimable', 0.6)] : []),
      ];
      const verbatim = surveyAnswer(n, {
        source: branch === 'Bordeaux' ? 'reviews' : 'nps-web',
        text,
        nps,
        createdAt: `2026-0${month}-${String(10 + (i % 15)).padStart(2, '0')}T09:${String(i % 60).padStart(2, '0')}:00.000Z`,
        segments: { branch, country: 'FR' },
      });
      rows.push(
        enriched(verbatim, {
          lang: i % 10 === 0 ? 'en' : 'fr',
          themes,
          journey: STEPS[i % STEPS.length] ?? null,
          sentiment: fees ? 'negative' : 'positive',
          sentimentScore: fees ? -0.5 : 0.5,
        }),
      );
    }
  }
  for (let i = 0; i < 12; i += 1) {
    n += 1;
    const branch = BRANCHES[i % BRANCHES.length] ?? 'Lyon';
    const verbatim = surveyAnswer(n, {
      source: 'staff',
      respondent: 'employee',
      text: `Équipe ${branch}: outils lents`,
      nps: i % 2 === 0 ? 3 : 9,
      createdAt: '2026-05-02T10:00:00.000Z',
      segments: { branch, country: 'FR' },
    });
    rows.push(enriched(verbatim, { themes: [mention('digital_app', 'outils lents', -0.6)], journey: 'support_contact', sentiment: 'negative', sentimentScore: -0.6 }));
  }
  for (const i of [1, 2]) {
    n += 1;
    const verbatim = surveyAnswer(n, { source: 'nps-web', text: `Paris undated ${i}: les frais sont trop élevés`, nps: 3, createdAt: null, segments: { branch: 'Paris', country: 'FR' } });
    rows.push(enriched(verbatim, { themes: [mention('fees_pricing', 'les frais sont trop élevés', -0.7)], journey: 'billing_statements', sentiment: 'negative', sentimentScore: -0.7 }));
  }
  HOSTILE_TEXTS.forEach((text, index) => {
    n += 1;
    const verbatim = surveyAnswer(n, { source: 'nps-web', text, nps: 2, createdAt: `2026-06-1${index}T08:00:00.000Z`, segments: { branch: 'Lyon', country: 'FR' } });
    const payload = /<[^>]+>/.exec(text)?.[0] ?? text.slice(0, 20);
    rows.push(enriched(verbatim, { themes: [mention('fees_pricing', payload, -0.8)], journey: 'billing_statements', sentiment: 'negative', sentimentScore: -0.8 }));
  });
  return rows;
}

/** Hostile names: a branch and a source that would run code if shown as markup in a select, a card or a table. */
export const HOSTILE_NAMES = {
  branch: '<img src=x onerror="window.__xss = \'branch\'">',
  source: '"><script>window.__xss = "source"</script><b onclick="window.__xss = \'b\'">',
} as const;

/** Three detractors of the hostile branch from the hostile source (plain texts: the names are the payload). */
export function hostileNamedRows(): EnrichedVerbatim[] {
  return [1, 2, 3].map((i) => {
    const verbatim = surveyAnswer(5000 + i, {
      source: HOSTILE_NAMES.source,
      text: `Agence ${i}: les frais sont trop élevés`,
      nps: i,
      createdAt: `2026-05-2${i}T08:00:00.000Z`,
      segments: { branch: HOSTILE_NAMES.branch, country: 'FR' },
    });
    return enriched(verbatim, { themes: [mention('fees_pricing', 'les frais sont trop élevés', -0.7)], journey: 'billing_statements', sentiment: 'negative', sentimentScore: -0.7 });
  });
}

/** Stores the data set (verbatims and their enrichment). */
export async function seedWebData(db: Kysely<Database>): Promise<EnrichedVerbatim[]> {
  const rows = webDataset();
  await insertVerbatims(db, rows);
  await saveEnrichments(db, rows, { now: NOW });
  return rows;
}
