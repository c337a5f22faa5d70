import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createFastModels } from '../../models/fast-tier.js';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { runPipeMode } from '../../pipeline/pipe-mode.js';

describe('pipe mode on two-word answers, with the shipped fast tier', () => {
  it('tells the language of "Bad service", and scores "Terrible service" though French and English read it alike', async () => {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const lines = [{ id: '4', text: 'Terrible service' }, { id: '5', text: 'Bad service' }].map((record) => JSON.stringify(record));
    await runPipeMode({ input: Readable.from([lines.join('\n')]), output, pipeline: createPipeline(await createFastModels()), batchSize: 10 });
    const [terrible, bad] = chunks.join('').trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(bad).toMatchObject({ id: '5', lang: 'en', sentiment: 'negative' });
    expect(terrible).toMatchObject({ id: '4', lang: 'und', sentiment: 'negative' });
    expect(terrible?.['sentiment_score']).toBeLessThan(-0.3);
  });
});
