import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Verbatim } from '../../core/verbatim.js';
import { ingestSurveyFile, type IngestOptions } from '../../imports/ingest.js';

let dir: string;
let file: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-t-ingest-'));
  file = path.join(dir, 'nps.csv');
  await writeFile(
    file,
    [
      'id,date,score,comment',
      '1,2026-02-03,9,Très bien: écrivez-moi à claire.m@exemple.fr',
      '2,2026-02-04,42,Score out of range',
      '3,2026-02-05,3,Trop cher',
      '4,2026-02-06,7,Rappelez-moi au 06 12 34 56 78',
      '',
    ].join('\n'),
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Ingests `file` into memory: the batches the sink was given, what was logged, the result. */
async function ingest(options: IngestOptions, duplicates = new Set<string>()) {
  const batches: Verbatim[][] = [];
  const lines: string[] = [];
  const result = await ingestSurveyFile(
    file,
    options,
    async (batch) => {
      batches.push([...batch]);
      const fresh = batch.filter((verbatim) => !duplicates.has(verbatim.externalId ?? ''));
      return { inserted: fresh.length, duplicates: batch.length - fresh.length };
    },
    (line) => lines.push(line),
  );
  return { batches, lines, result, texts: batches.flat().map((verbatim) => verbatim.text) };
}

describe('ingestSurveyFile', () => {
  it('redacts PII by default before the sink sees the text', async () => {
    const { texts } = await ingest({ source: 'nps' });
    expect(texts).toHaveLength(4); // the out-of-range score is a warning: the row is kept, its score left out
    expect(texts.join('\n')).not.toMatch(/claire\.m@exemple\.fr|06 12 34 56 78/);
    expect(texts).toContain('Très bien: écrivez-moi à [EMAIL]');
  });

  it('hands the texts over as they are with `redact: false`', async () => {
    const { texts } = await ingest({ source: 'nps', redact: false });
    expect(texts).toContain('Très bien: écrivez-moi à claire.m@exemple.fr');
  });

  it('gives the sink batches of `batchSize` and sums what it says', async () => {
    const { batches, result } = await ingest({ source: 'nps', batchSize: 2 }, new Set(['3']));
    expect(batches.map((batch) => batch.length)).toEqual([2, 2]);
    expect(result).toEqual({ file, read: 4, inserted: 3, duplicates: 1, skipped: 0, warnings: 1 });
  });

  it('logs every row it does not take as it is, with file and line', async () => {
    const { lines } = await ingest({ source: 'nps' });
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`^${file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:3: field \`nps\`: warning: `));
  });

  it('refuses a batch size below 1 before reading', async () => {
    await expect(ingest({ batchSize: 0 })).rejects.toThrow('Expected `batchSize` to be a number from 1 and up, got `0` (number)');
  });
});
