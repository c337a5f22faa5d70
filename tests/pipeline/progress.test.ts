import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createProgress } from '../../pipeline/progress.js';

function capture(isTTY: boolean): { stream: PassThrough & { isTTY?: boolean }; text: () => string } {
  const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
  let text = '';
  stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
  return { stream, text: () => text };
}

describe('progress', () => {
  it('writes plain lines with count and rate when stderr is not a terminal', () => {
    let now = 0;
    const { stream, text } = capture(false);
    const progress = createProgress({ stream, total: 1000, label: 'enrich', now: () => now, intervalMs: 1000 });
    now = 500;
    progress.update(100);
    now = 2000;
    progress.update(400);
    now = 4000;
    progress.update(1000);
    progress.stop();
    expect(text()).toBe('enrich: 400/1000 (200/s)\nenrich: 1000/1000 (250/s)\nenrich: 1000/1000 (250/s)\n');
  });

  it('draws a bar with count and rate on a terminal', () => {
    let now = 0;
    const { stream, text } = capture(true);
    const progress = createProgress({ stream, total: 10, label: 'enrich', now: () => now });
    now = 1000;
    progress.update(5);
    progress.stop();
    expect(text()).toContain('5/10');
    expect(text()).toContain('5/s');
  });
});
