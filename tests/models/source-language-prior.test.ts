import { describe, expect, it } from 'vitest';
import { SourceLanguagePrior } from '../../models/language/source-language-prior.js';
import { createFastModels } from '../../models/fast-tier.js';
import { detectLanguageStage } from '../../pipeline/stages/model-stages.js';
import type { WorkItem } from '../../pipeline/stage.js';
import type { Verbatim } from '../../core/verbatim.js';

const sure = (lang: string) => ({ lang, confidence: 0.9 });
const unsure = { lang: 'und', confidence: 0.2 };

describe('SourceLanguagePrior', () => {
  it('settles an undecided guess with the language the source mostly speaks', () => {
    const prior = new SourceLanguagePrior();
    for (let i = 0; i < 7; i++) prior.learn('survey', sure('fr'));
    for (let i = 0; i < 3; i++) prior.learn('survey', sure('en'));
    expect(prior.settle('survey', unsure, true)).toEqual({ lang: 'fr', confidence: 0.5 });
  });

  it('never overrides a confident guess, nor guesses for a text without letters', () => {
    const prior = new SourceLanguagePrior();
    for (let i = 0; i < 10; i++) prior.learn('survey', sure('fr'));
    expect(prior.settle('survey', sure('en'), true)).toEqual(sure('en'));
    expect(prior.settle('survey', unsure, false)).toEqual(unsure);
  });

  it('stays silent without enough evidence, without a clear majority, or for another source', () => {
    const few = new SourceLanguagePrior();
    for (let i = 0; i < 4; i++) few.learn('survey', sure('fr'));
    expect(few.settle('survey', unsure, true)).toEqual(unsure);

    const split = new SourceLanguagePrior();
    for (let i = 0; i < 5; i++) split.learn('survey', sure('fr'));
    for (let i = 0; i < 5; i++) split.learn('survey', sure('en'));
    expect(split.settle('survey', unsure, true)).toEqual(unsure);
    expect(split.settle('app_store', unsure, true)).toEqual(unsure);
  });

  it('learns nothing from weak guesses', () => {
    const prior = new SourceLanguagePrior();
    for (let i = 0; i < 10; i++) prior.learn('survey', { lang: 'fr', confidence: 0.5 });
    expect(prior.dominant('survey')).toBeUndefined();
  });
});

describe('detect-language stage', () => {
  it('gives "ok" the language of its French survey, and English to the same word in an English feed', async () => {
    const stage = detectLanguageStage(await createFastModels());
    const item = (id: string, source: string, text: string): WorkItem => ({
      verbatim: { id, externalId: null, source, text, createdAt: null, nps: 8, rating: null, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null } satisfies Verbatim,
      text,
      enrichment: {},
    });
    const french = ['Les frais sont beaucoup trop élevés pour ce service', 'Conseillère très aimable et disponible, merci', "L'application plante à chaque mise à jour", 'Le délai de traitement de mon dossier est trop long', 'Très bon accueil en agence, je recommande'];
    const english = ['The fees are far too high for this service', 'My advisor was very kind and helpful', 'The app crashes after every update', 'It took three weeks to process my application', 'Great branch staff, I recommend them'];
    const items = [
      ...french.map((text, i) => item(`fr${i}`, 'survey-fr', text)),
      ...english.map((text, i) => item(`en${i}`, 'feed-en', text)),
      item('ok-fr', 'survey-fr', 'ok'),
      item('ok-en', 'feed-en', 'ok'),
      item('ok-none', 'unknown', 'ok'),
    ];
    const out = await stage.run(items, { signal: new AbortController().signal, now: () => new Date() });
    const langOf = (id: string) => out.find((x) => x.verbatim.id === id)?.enrichment.lang;
    expect(langOf('ok-fr')).toBe('fr');
    expect(langOf('ok-en')).toBe('en');
    expect(langOf('ok-none')).toBe('und');
  });
});
