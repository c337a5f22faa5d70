import { PassThrough, Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createPipeline } from '../../pipeline/create-pipeline.js';
import { runPipeMode } from '../../pipeline/pipe-mode.js';
import { fakeModels } from './fake-models.js';

async function pipe(lines: readonly string[]): Promise<{ out: Record<string, unknown>[]; result: { lines: number; errors: number } }> {
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
  const result = await runPipeMode({ input: Readable.from([lines.join('\n')]), output, pipeline: createPipeline(fakeModels()), batchSize: 2 });
  const text = chunks.join('');
  return { out: text.split('\n').filter((line) => line !== '').map((line) => JSON.parse(line) as Record<string, unknown>), result };
}

describe('pipe mode', () => {
  it('keeps every input field and adds the contract fields, in input order', async () => {
    const { out } = await pipe([
      JSON.stringify({ id: 'a', text: 'good fees', nps: 9, branch: 'Lyon', extra: { nested: true } }),
      JSON.stringify({ id: 'b', text: 'bad service', nps: 3 }),
      JSON.stringify({ id: 'c', text: 'la note', nps: null, journey: 'complaint' }),
    ]);
    expect(out.map((record) => record['id'])).toEqual(['a', 'b', 'c']);
    expect(out[0]).toMatchObject({
      id: 'a', text: 'good fees', nps: 9, branch: 'Lyon', extra: { nested: true },
      lang: 'en', lang_confidence: 0.8, sentiment: 'positive', sentiment_score: 1,
      themes: [{ theme: 'fees_pricing', sentiment: 'positive', score: 1, evidence: 'fees' }],
      journey: null, nps_category: 'promoter',
    });
    expect(out[1]).toMatchObject({ sentiment: 'negative', nps_category: 'detractor', themes: [] });
    expect(out[2]).toMatchObject({ lang: 'fr', journey: 'complaint', nps_category: null });
  });

  it('puts an error line in place of a bad line and goes on', async () => {
    const { out, result } = await pipe([
      JSON.stringify({ id: 1, text: 'good' }),
      '{not json',
      JSON.stringify({ id: 3, nps: 4 }),
      '',
      JSON.stringify({ id: 5, text: 42 }),
      '[1,2]',
      JSON.stringify({ id: 7, text: 'bad' }),
    ]);
    expect(out).toHaveLength(6);
    expect(out[1]).toEqual({ id: null, error: { line: 2, message: expect.stringContaining('invalid JSON') as unknown } });
    expect(out[2]).toEqual({ id: 3, error: { line: 3, message: 'field `text`: expected a string, got no `text` field' } });
    expect(out[3]).toEqual({ id: 5, error: { line: 5, message: 'field `text`: expected a string, got `text` of type number' } });
    expect(out[4]).toMatchObject({ id: null, error: { line: 6 } });
    expect(out[5]).toMatchObject({ id: 7, sentiment: 'negative' });
    expect(result).toEqual({ lines: 6, errors: 4 });
  });

  it('treats an out-of-range score as no score', async () => {
    const { out } = await pipe([JSON.stringify({ id: 'x', text: 'ok', nps: 11 })]);
    expect(out[0]).toMatchObject({ nps: 11, nps_category: null });
  });
});

describe('pipe mode with several batches in flight', () => {
  it('writes the batches in input order, whichever finishes first', async () => {
    const inner = createPipeline(fakeModels());
    // Later batches finish first: batch k waits (4 − k) × 5 ms.
    let calls = 0;
    let inFlight = 0;
    let mostInFlight = 0;
    const pipeline = {
      modelVersions: inner.modelVersions,
      async enrich(batch: Parameters<typeof inner.enrich>[0], ctx: Parameters<typeof inner.enrich>[1]) {
        const delay = (4 - calls++) * 5;
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, Math.max(0, delay)));
        inFlight -= 1;
        return inner.enrich(batch, ctx);
      },
    };
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    const lines = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((id) => JSON.stringify({ id, text: `text ${id}` }));
    lines.splice(3, 0, 'not json');
    const result = await runPipeMode({ input: Readable.from([lines.join('\n')]), output, pipeline, batchSize: 2, concurrency: 3 });
    const ids = chunks.join('').trimEnd().split('\n').map((line) => (JSON.parse(line) as { id: unknown }).id);
    expect(ids).toEqual(['a', 'b', 'c', null, 'd', 'e', 'f', 'g']);
    expect(result).toEqual({ lines: 8, errors: 1 });
    expect(mostInFlight).toBe(3);
  });
});
