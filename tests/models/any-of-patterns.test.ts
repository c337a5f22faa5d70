import { describe, expect, it } from 'vitest';
import { fold } from '../../core/text-folding.js';
import { anyOfPatterns } from '../../models/any-of-patterns.js';
import { DEFAULT_TAXONOMY_PATH } from '../../models/fast-tier.js';
import { COMPLAINT_FACTS } from '../../models/sentiment/lexicons.js';
import { nonUnicodeTwin } from '../../models/themes/non-unicode-twin.js';
import { loadTaxonomy } from '../../models/themes/taxonomy.js';
import { generatedTexts, VARIED_TEXTS } from './varied-texts.js';

const TEXTS = [
  ...VARIED_TEXTS,
  "ne marche pas depuis 3 semaines, personne ne rappelle, 4 relances et trop cher, n'aboutit jamais",
  "doesn't work, nobody answers, 3 emails for weeks, too expensive, in 5 minutes, in 2 weeks, nothing to add",
  'Attente de 45 min, 2 heures d’attente, en 2 jours, depuis 3 semaines, immédiatement', 'IMMÉDIAT, 2 HOURS ON HOLD, 3 weeks to get it',
  ...generatedTexts(2_000),
].flatMap((text) => [text, fold(text).replace(/['’]/g, ' ')]);

const taxonomy = await loadTaxonomy(DEFAULT_TAXONOMY_PATH);
const SETS: Record<string, readonly RegExp[]> = {
  'fr complaint facts': COMPLAINT_FACTS.fr.map(([pattern]) => pattern),
  'en complaint facts': COMPLAINT_FACTS.en.map(([pattern]) => pattern),
  "the taxonomy patterns' twins": taxonomy.themes.flatMap((theme) => theme.patterns).map((source) => nonUnicodeTwin(new RegExp(source, 'iu')) as RegExp),
};

describe('anyOfPatterns', () => {
  it.each(Object.keys(SETS))('matches exactly the texts one of %s matches', (name) => {
    const facts = SETS[name] as readonly RegExp[];
    const any = anyOfPatterns(facts) as RegExp;
    expect(any).toBeInstanceOf(RegExp);
    let matched = 0;
    for (const text of TEXTS) {
      const expected = facts.some((pattern) => pattern.test(text));
      if (expected) matched++;
      expect({ text, match: any.test(text) }).toEqual({ text, match: expected });
    }
    expect(matched).toBeGreaterThan(5); // both answers are exercised
    expect(TEXTS.length - matched).toBeGreaterThan(1_000);
  });

  it('keeps each pattern whole: an alternation inside one does not spill into the next', () => {
    const any = anyOfPatterns([/^a|b$/, /^c/]) as RegExp;
    expect(['a..', '..b', 'c..', '..c', 'x'].map((text) => any.test(text))).toEqual([true, true, true, false, false]);
  });

  it('gives up when joining would change a pattern: back-references, mixed flags, g or y, a repeated group name', () => {
    expect(anyOfPatterns([/(a)\1/, /b/])).toBeUndefined();
    expect(anyOfPatterns([/(?<x>a)\k<x>/, /b/])).toBeUndefined();
    expect(anyOfPatterns([/a/i, /b/])).toBeUndefined();
    expect(anyOfPatterns([/a/g, /b/g])).toBeUndefined();
    expect(anyOfPatterns([/a/y])).toBeUndefined();
    expect(anyOfPatterns([/(?<x>a)/, /(?<x>b)/])).toBeUndefined();
    expect(anyOfPatterns([])).toBeUndefined();
  });
});
