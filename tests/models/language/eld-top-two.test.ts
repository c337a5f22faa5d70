import { beforeAll, describe, expect, it } from 'vitest';
import { loadEldTopTwo, type EldTopTwo } from '../../../models/language/eld-top-two.js';

interface EldResult {
  readonly language: string;
  getScores(): Record<string, number>;
}

let ours: EldTopTwo;
let eld: { detect(text: string): EldResult };
beforeAll(async () => {
  ours = await loadEldTopTwo();
  eld = ((await import('eld/medium')) as unknown as { eld: typeof eld }).eld;
});

/** What the language detector read from eld before: its best language, and best minus second of its sorted scores. */
function eldTopTwo(text: string): { language: string; margin: number } | undefined {
  const result = eld.detect(text);
  if (result.language === '') return undefined;
  const sorted = Object.values(result.getScores()).sort((a, b) => b - a);
  return { language: result.language, margin: (sorted[0] ?? 0) - (sorted[1] ?? 0) };
}

describe('eld scores, best two in one pass', () => {
  it.each([
    'Les frais de tenue de compte ont encore augmenté',
    'The mobile app keeps logging me out',
    'La aplicación no funciona desde ayer',
    'Die Gebühren sind viel zu hoch',
    'Servizio clienti pessimo, nessuna risposta',
    'O atendimento foi excelente e rápido',
    'tres bien merci mais trop cher',
    "don't know what to say, it's fine I guess",
    'слишком дорого и медленно',
    '非常好的服务',
    'ok',
    'a',
    'abc',
    '12345',
    '👍👍',
    '',
    '   ',
    'x'.repeat(2000),
    'mot '.repeat(400),
    'été ÉTÉ Œuvre naïve façade 𝔘𝔫𝔦𝔠𝔬𝔡𝔢',
    'proto __proto__ constructor toString',
  ])('same language and margin as eld: %s', (text) => {
    const expected = eldTopTwo(text);
    const actual = ours.topTwo(text);
    expect(actual?.language).toBe(expected?.language);
    // Exactly the same number: the scores are summed and scaled as eld does.
    expect(actual?.margin).toBe(expected?.margin);
  });
});
