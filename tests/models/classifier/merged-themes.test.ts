import { describe, expect, it } from 'vitest';
import { ClassifierAssistedThemeTagger } from '../../../models/classifier/classifier-theme-tagger.js';
import { decide } from '../../../models/classifier/label-model.js';
import type { LabelScorer } from '../../../models/classifier/label-scorer.js';
import { createSentimentModel } from '../../../models/sentiment/lexicon-sentiment.js';
import { applyEdit } from '../../../models/themes/taxonomy-edit.js';
import { parseTaxonomy } from '../../../models/themes/taxonomy.js';
import { currentThemeId } from '../../../models/themes/theme-aliases.js';
import type { ThemeTagger } from '../../../models/types.js';

const noRules: ThemeTagger = { version: 'none', tag: () => [] };
const sentiment = createSentimentModel();

/** A classifier trained on fees, advisor and app: every label above its threshold. */
const sure: LabelScorer = {
  labels: ['fees', 'advisor', 'app'],
  probabilities: () => Float64Array.from([0.9, 0.8, 0.7]),
  decide: (p) => decide(p, [0.5, 0.5, 0.5], Infinity),
  threshold: () => 0.5,
};

const TRAINED_ON = parseTaxonomy(
  `themes:
  - { id: fees, label: Fees, terms: { en: [fee*] } }
  - { id: advisor, label: Advisor, terms: { en: [advisor*] } }
  - { id: app, label: App, terms: { en: [app] } }
`,
  'trained.yaml',
);

function themesUnder(taxonomy: Parameters<typeof currentThemeId>[0]): string[] {
  const text = 'Nothing the rules know';
  return new ClassifierAssistedThemeTagger(noRules, sure, '2026-12-06T00:00:00Z', currentThemeId(taxonomy)).tag(text, 'en', sentiment.analyze(text, 'en')).map((mention) => mention.theme);
}

describe('classifier themes under a taxonomy edited since training', () => {
  it('keeps every label the taxonomy still has', () => {
    expect(themesUnder(TRAINED_ON)).toEqual(['fees', 'advisor', 'app']);
  });

  it('tags a merged-away label as the theme it went into, once', () => {
    const merged = applyEdit(TRAINED_ON, { op: 'merge', from: 'advisor', into: 'fees' });
    expect(themesUnder(merged)).toEqual(['fees', 'app']);
  });

  it('follows merges of merges', () => {
    const twice = applyEdit(applyEdit(TRAINED_ON, { op: 'merge', from: 'advisor', into: 'fees' }), { op: 'merge', from: 'fees', into: 'app' });
    expect(twice.themes.find((theme) => theme.id === 'app')?.aliases).toEqual(['advisor', 'fees']);
    expect(themesUnder(twice)).toEqual(['app']);
  });

  it('never tags a removed theme, nor what had been merged into it', () => {
    const merged = applyEdit(TRAINED_ON, { op: 'merge', from: 'advisor', into: 'fees' });
    const removed = { themes: merged.themes.filter((theme) => theme.id !== 'fees') };
    expect(themesUnder(removed)).toEqual(['app']);
  });

  it('tags an id taken again by a new theme as that theme', () => {
    const merged = applyEdit(TRAINED_ON, { op: 'merge', from: 'advisor', into: 'fees' });
    const recreated = applyEdit(merged, { op: 'create', id: 'advisor', label: 'Advisers', terms: { en: ['adviser'] } });
    expect(recreated.themes.find((theme) => theme.id === 'fees')?.aliases).toBeUndefined();
    expect(themesUnder(recreated)).toEqual(['fees', 'advisor', 'app']);
  });
});
