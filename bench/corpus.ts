import { createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';
import { corpusLines } from '../samples/generator/datasets.js';

/** Writes n generated pipe-mode records (JSONL) to `file`, streaming. */
export async function writeCorpus(file: string, n: number, seed = 42): Promise<void> {
  const out = createWriteStream(file);
  for (const line of corpusLines(seed, n)) if (!out.write(line)) await once(out, 'drain');
  out.end();
  await finished(out);
}

/**
 * The same n generated records as {@link writeCorpus}, as a CSV survey export (header
 * `id,comment,nps,date,branch,country`, every cell quoted), streaming.
 */
export async function writeCsvCorpus(file: string, n: number, seed = 42): Promise<void> {
  const out = createWriteStream(file);
  const cell = (value: unknown): string => `"${String(value).replaceAll('"', '""')}"`;
  out.write('id,comment,nps,date,branch,country\n');
  for (const line of corpusLines(seed, n)) {
    const record = JSON.parse(line) as { id: string; text: string; nps: number | null; created_at: string; branch: string; country: string };
    const row = [record.id, record.text, record.nps ?? '', record.created_at, record.branch, record.country].map(cell).join(',');
    if (!out.write(`${row}\n`)) await once(out, 'drain');
  }
  out.end();
  await finished(out);
}
