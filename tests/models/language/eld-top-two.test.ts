import { beforeAll, describe, expect, it } from 'vitest';
import { loadEldTopTwo, type EldTopTwo } from '../../../models/language/eld-top-two.js';
import { generatedTexts, VARIED_TEXTS } from '../varied-texts.js';

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

  // The UTF-8 words are built a run of ASCII at a time: the cuts at 350 and 380 bytes must fall where eld's do.
  it('same language and margin as eld on varied, generated and cut-length texts', () => {
    const cutLengths = [340, 348, 349, 350, 351, 352, 378, 379, 380, 381, 382].flatMap((length) => [
      `${'a'.repeat(length)} fin`,
      `${'ab '.repeat(length / 3)}été`,
      `${'é'.repeat(length / 2)}abc déf`,
      `${'x'.repeat(length - 2)}€😀 tail words`,
      `${'mot '.repeat(length / 4)}${'z'.repeat(10)}`,
      // A word under 70 characters running past the 380-byte cut: its last n-gram is where the cut fell.
      `${'le '.repeat(length / 3)}${'motsansespace'.repeat(5)}`,
      `${'le '.repeat(length / 3)}${'déjàvuétéçà'.repeat(5)}`,
    ]);
    for (const text of [...VARIED_TEXTS, ...generatedTexts(500), ...cutLengths]) {
      const expected = eldTopTwo(text);
      const actual = ours.topTwo(text);
      expect({ text, language: actual?.language, margin: actual?.margin }).toEqual({ text, language: expected?.language, margin: expected?.margin });
    }
  });
});
