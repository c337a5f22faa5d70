import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFastModels } from '../../../models/fast-tier.js';
import { createPipeline } from '../../../pipeline/create-pipeline.js';
import { runPipeMode } from '../../../pipeline/pipe-mode.js';
import { MAX_MODEL_TEXT, modelWindow } from '../../../pipeline/stages/model-window.js';
import { normalizeText } from '../../../pipeline/stages/normalize.js';

const MB = 1_000_000;
const fill = (unit: string, size = MB): string => unit.repeat(Math.ceil(size / unit.length));
const ENRICHMENT_FIELDS = ['lang', 'lang_confidence', 'sentiment', 'sentiment_score', 'sentiment_supported', 'themes', 'journey'] as const;

describe('modelWindow', () => {
  it.each([
    ['a short text stays whole', 'Frais trop élevés.', 'Frais trop élevés.'],
    ['a long text ends at its last sentence end inside the window', `${fill('Bien. ', MAX_MODEL_TEXT - 3)}Trop cher.`, fill('Bien. ', MAX_MODEL_TEXT - 3).trimEnd()],
    ['without sentence ends, at a space', `${'ab '.repeat(6_666)}cd ef`, 'ab '.repeat(6_666).trimEnd()],
    ['without spaces, at the window', fill('a', MAX_MODEL_TEXT * 2), fill('a', MAX_MODEL_TEXT)],
    ['without spaces near the end, at the window', `Trop cher. ${fill('a', MAX_MODEL_TEXT * 2)}`, `Trop cher. ${fill('a', MAX_MODEL_TEXT)}`.slice(0, MAX_MODEL_TEXT)],
    ['never inside a surrogate pair', `a${fill('😀', MAX_MODEL_TEXT)}`, `a${fill('😀', MAX_MODEL_TEXT - 2).slice(0, MAX_MODEL_TEXT - 2)}`],
  ])('%s', (_name, text, expected) => {
    const window = modelWindow(text);
    expect(window.length).toBeLessThanOrEqual(MAX_MODEL_TEXT);
    expect(window).toBe(expected);
  });
});

// Issue 16 item 4: a megabyte-long comment costs the pipeline what its window costs, whatever it is made
// of: pipe mode enriches it exactly as it enriches the window alone (and the window is read whole).
describe('pipe mode on megabyte-long comments', () => {
  const shapes: ReadonlyArray<readonly [string, string]> = [
    ['one repeated letter', fill('a')],
    ['letters without spaces', fill('qwertzuiopasdfghjklyxcvbnm')],
    ['@ and . alternating', fill('@.')],
    ['a@a. repeated', fill('a@a.')],
    ['digits and separators', fill('06 12-34.')],
    ['whitespace', `x${fill(' \t\n')}y`],
    ['a clause every two characters', fill('a.')],
    ['a complaint, then a megabyte', `Les frais sont scandaleux, appelez-moi au 06 12 34 56 78. ${fill('blabla ')}`],
  ];

  it('enriches each as its model window', async () => {
    const pipeline = createPipeline(await createFastModels({ classifiers: null }));
    const lines = shapes.flatMap(([name, text]) => [
      JSON.stringify({ id: name, text }),
      JSON.stringify({ id: `${name} (window)`, text: modelWindow(normalizeText(text)) }),
    ]);
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const result = await runPipeMode({ input: Readable.from([lines.join('\n')]), output, pipeline, batchSize: 4 });
    expect(result).toEqual({ lines: shapes.length * 2, errors: 0 });
    const records = chunks.join('').trim().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    const enrichment = (record: Record<string, unknown> | undefined): unknown[] => ENRICHMENT_FIELDS.map((field) => record?.[field]);
    for (let i = 0; i < shapes.length; i++) expect(enrichment(records[2 * i]), shapes[i]?.[0]).toEqual(enrichment(records[2 * i + 1]));
    const complaint = records.at(-1);
    expect(complaint).toMatchObject({ sentiment: 'negative', themes: expect.arrayContaining([expect.objectContaining({ theme: 'fees_pricing' })]) });
    expect(JSON.stringify(complaint?.['themes'])).not.toContain('06 12');
  });
});
