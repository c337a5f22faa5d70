import { beforeAll, describe, expect, it } from 'vitest';
import { createLanguageDetector } from '../../models/language/language-detector.js';
import type { LanguageDetector } from '../../models/types.js';

let detector: LanguageDetector;
beforeAll(async () => {
  detector = await createLanguageDetector();
});

describe('language detector', () => {
  it.each([
    ['Les frais de tenue de compte ont encore augmenté', 'fr'],
    ['The mobile app keeps logging me out', 'en'],
    ['RAS', 'fr'],
    ['nul', 'fr'],
    ['tres bien merci', 'fr'],
    ['Super conseillere, tres efficace', 'fr'],
    ['great service', 'en'],
    ['La aplicación no funciona desde ayer', 'es'],
    ['Die Gebühren sind viel zu hoch', 'de'],
    ['Servizio clienti pessimo, nessuna risposta', 'it'],
    ['De app werkt niet meer sinds de update', 'nl'],
    ['O atendimento foi excelente e rápido', 'pt'],
    ['N/A', 'en'],
    ['👍', 'und'],
    ['???', 'und'],
    ['12345', 'und'],
  ])('%s → %s', (text, expected) => {
    expect(detector.detect(text).lang).toBe(expected);
  });

  it('gives a confidence between 0 and 1', () => {
    const { confidence } = detector.detect('Bonjour, je suis très content de ma banque');
    expect(confidence).toBeGreaterThan(0.5);
    expect(confidence).toBeLessThanOrEqual(1);
  });
});
