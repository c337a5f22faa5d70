import { beforeAll, expect, it } from 'vitest';
import { representativeVerbatims } from '../../analysis/representative-verbatims.js';
import { phrasesOf } from '../../core/text-phrases.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { JourneyStep } from '../../core/vocabulary.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/** The typical complaint, three near-copies of it, and five different ones — all tagged `waiting`. */
const TYPICAL = 'Waited an hour on the phone for an advisor';
const NEAR_COPIES = ['Waited an hour on the phone for an advisor!', 'waited an hour on the phone for an advisor, again', 'Waited an hour on the phone for my advisor'];
const OTHERS: readonly [string, JourneyStep][] = [
  ['The queue at the branch was long', 'support_contact'],
  ['Nobody answered my emails for a week', 'support_contact'],
  ['Chat support took days to reply', 'support_contact'],
  ['Long wait at the counter, staff rude', 'onboarding'],
  ['Waited on hold, the phone line was busy', 'support_contact'],
];
const DISTINCTIVE = ['waited', 'hour', 'phone', 'advisor'];

const jaccard = (a: string, b: string): number => {
  const [x, y] = [phrasesOf(a), phrasesOf(b)];
  const shared = [...x].filter((phrase) => y.has(phrase)).length;
  return shared / (x.size + y.size - shared);
};

forEachDatabase((database) => {
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    const texts: [string, JourneyStep][] = [[TYPICAL, 'support_contact'], ...NEAR_COPIES.map((text): [string, JourneyStep] => [text, 'support_contact']), ...OTHERS];
    const verbatims = texts.map(([text], index) => surveyAnswer(index + 1, { text, nps: 3 }));
    await insertVerbatims(db, verbatims);
    await saveEnrichments(
      db,
      verbatims.map((verbatim, index) =>
        enriched(verbatim, { journey: texts[index]?.[1] ?? null, themes: [{ theme: 'waiting', sentiment: 'negative', score: -0.6, confidence: 0.9, evidence: verbatim.text.slice(0, 6) }] }),
      ),
    );
  });

  it('five quotes, the typical one among them, no two near-duplicates', async () => {
    const quotes = await representativeVerbatims(database().db, {}, 'waiting', DISTINCTIVE, 5);
    const texts = quotes.map((quote) => quote.text);
    expect(texts).toHaveLength(5);
    // the four copies carry all four distinctive phrases (relevance 0.9 + 4/4): exactly one of them is chosen
    expect(texts.filter((text) => text === TYPICAL || NEAR_COPIES.includes(text))).toHaveLength(1);
    for (const [i, a] of texts.entries()) for (const b of texts.slice(i + 1)) expect(jaccard(a, b)).toBeLessThan(0.6);
  });

  it('the near-copies are near-duplicates of the typical text by the same measure', () => {
    // "…advisor!" has the very same phrases; the others add or swap one word
    for (const copy of NEAR_COPIES) expect(jaccard(TYPICAL, copy)).toBeGreaterThanOrEqual(0.6);
  });
});
