import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFastModels } from '../models/fast-tier.js';
import { createPipeline } from '../pipeline/create-pipeline.js';
import { runPipeMode } from '../pipeline/pipe-mode.js';
import { writeCorpus } from './corpus.js';

/**
 * Pipe-mode verbatims/s of the fast tier on a generated corpus, rules only and
 * with the bundled classifiers (the default): what each costs. Models
 * are loaded (and warmed on the first batch) before the clock starts.
 */
export async function measurePipeThroughput(size: number): Promise<{ rulesOnly: number; withClassifiers: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-pipe-'));
  try {
    const corpus = path.join(dir, 'corpus.jsonl');
    await writeCorpus(corpus, size);
    const rate = async (classifiers: null | undefined): Promise<number> => {
      const pipeline = createPipeline(await createFastModels({ classifiers }));
      await runPipeMode({ input: createReadStream(corpus, { end: 200_000 }), output: createWriteStream('/dev/null'), pipeline, batchSize: 1000 });
      const started = performance.now();
      const { lines } = await runPipeMode({ input: createReadStream(corpus), output: createWriteStream('/dev/null'), pipeline, batchSize: 1000 });
      return lines / ((performance.now() - started) / 1000);
    };
    return { rulesOnly: await rate(null), withClassifiers: await rate(undefined) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
