import { describe, expect, it } from 'vitest';
import type { ThemeMention } from '../../../core/verbatim.js';
import { createFastModels } from '../../../models/fast-tier.js';
import type { JourneyInput } from '../../../models/types.js';

const mention = (theme: string): ThemeMention => ({ theme, sentiment: 'neutral', score: 0, confidence: 0.9, evidence: 'x' });

/** One text, read with other languages, themes, hints and sources: each must get its own answer, as from a linker that never saw the text. */
const JOURNEY_INPUTS: readonly JourneyInput[] = [
  { text: 'Pas terrible dans l’ensemble', lang: 'fr', themes: [], hint: null, source: 'survey' },
  { text: 'Pas terrible dans l’ensemble', lang: 'fr', themes: [mention('fees_pricing')], hint: null, source: 'survey' },
  { text: 'Pas terrible dans l’ensemble', lang: 'fr', themes: [mention('digital_app')], hint: null, source: 'survey' },
  { text: 'Pas terrible dans l’ensemble', lang: 'en', themes: [mention('digital_app')], hint: null, source: 'survey' },
  { text: 'Pas terrible dans l’ensemble', lang: 'fr', themes: [mention('digital_app')], hint: 'closure', source: 'survey' },
  { text: 'Pas terrible dans l’ensemble', lang: 'fr', themes: [mention('digital_app')], hint: null, source: 'app-store' },
];

const TEXTS = ['Bad service', 'Très bien, merci', 'ok', 'Les frais sont abusifs mais le conseiller est top.', 'The app keeps crashing', 'Bad service'];

describe('the fast tier’s memos of recent texts (language, themes, journey)', () => {
  it('links a repeated text by its own input every time, as a linker that never saw it', async () => {
    const seen = await createFastModels();
    const answers = [...JOURNEY_INPUTS, ...JOURNEY_INPUTS].map((input) => seen.journey.link(input));
    const fresh = await Promise.all(JOURNEY_INPUTS.map(async (input) => (await createFastModels()).journey.link(input)));
    expect(answers).toEqual([...fresh, ...fresh]);
    expect(new Set(fresh).size).toBeGreaterThan(1);
  });

  it('gives a repeated text the same language, themes and step as the first time, and the themes in an array of its own', async () => {
    const seen = await createFastModels();
    const run = (text: string): unknown => {
      const lang = seen.language.detect(text);
      const sentiment = seen.sentiment.analyze(text, lang.lang);
      const themes = seen.themes.tag(text, lang.lang, sentiment);
      return { lang, sentiment, themes, journey: seen.journey.link({ text, lang: lang.lang, themes, hint: null, source: 'survey' }) };
    };
    const first = TEXTS.map(run);
    expect(TEXTS.map(run)).toEqual(first);
    const text = 'The fees are far too high.';
    const analysis = seen.sentiment.analyze(text, 'en');
    const tagged = seen.themes.tag(text, 'en', analysis);
    expect(tagged.length).toBeGreaterThan(0);
    expect(seen.themes.tag(text, 'en', analysis)).not.toBe(tagged);
    // Another analysis of the same text (another model's), or another language, is tagged afresh, not from the memo.
    const other = { ...analysis, label: 'positive' as const, score: 0.9, clauses: analysis.clauses.map((clause) => ({ ...clause, label: 'positive' as const, score: 0.9 })) };
    const fresh = await createFastModels();
    expect(seen.themes.tag(text, 'en', other)).toEqual(fresh.themes.tag(text, 'en', other));
    expect(seen.themes.tag(text, 'en', other)).not.toEqual(tagged);
    expect(seen.themes.tag(text, 'fr', analysis)).toEqual(fresh.themes.tag(text, 'fr', analysis));
  });
});
