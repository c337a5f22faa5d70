import { beforeAll, describe, expect, it } from 'vitest';
import { createLanguageDetector } from '../../../models/language/language-detector.js';
import type { LanguageDetector } from '../../../models/types.js';

let detector: LanguageDetector;
beforeAll(async () => {
  detector = await createLanguageDetector();
});

describe('language of short texts (the shipped short-text model)', () => {
  it.each([
    ['Bad service', 'en'],
    ['Awful app', 'en'],
    ['Never again.', 'en'],
    ['@mybank thanks!', 'en'],
    ['Très déçu', 'fr'],
    ['Service au top', 'fr'],
    ['Insatisfaite', 'fr'],
    ['Parfait, merci', 'fr'],
    ['Sehr freundlich', 'de'],
    ['Muy buena atención', 'es'],
    ['Molto gentili', 'it'],
    ['Heel slecht', 'nl'],
    ['很好', 'zh'],
  ])('%s → %s', (text, expected) => {
    expect(detector.detect(text).lang).toBe(expected);
  });

  it('says und with both candidates when French and English read equally well, the likelier first', () => {
    expect(detector.detect('Terrible service')).toEqual({ lang: 'und', confidence: 0.3, candidates: ['en', 'fr'] });
    expect(detector.detect('ok')).toMatchObject({ lang: 'und', candidates: expect.arrayContaining(['fr', 'en']) });
  });

  it('gives a decided short text a confidence from the model, above what the source prior may override', () => {
    const { confidence } = detector.detect('Bad service');
    expect(confidence).toBeGreaterThan(0.7);
    expect(confidence).toBeLessThanOrEqual(1);
  });

  it('keeps a text of no letters und, without candidates', () => {
    expect(detector.detect('👍 !!')).toEqual({ lang: 'und', confidence: 0 });
  });
});
