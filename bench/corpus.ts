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
