import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFastModels, type FastModelOptions } from '../models/fast-tier.js';
import { createPipeline } from '../pipeline/create-pipeline.js';
import { runPipeMode } from '../pipeline/pipe-mode.js';
import { writeCorpus } from './corpus.js';

/**
 * Pipe-mode verbatims/s of the fast tier on a generated corpus: rules only, the rules
 * assisted by the bundled classifiers (`--sentiment rules`), and the default (combined
 * sentiment): what each costs. Models are loaded (and warmed on the first batch) before the clock starts.
 */
export async function measurePipeThroughput(size: number): Promise<{ rulesOnly: number; assisted: number; combined: number }> {
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-pipe-'));
  try {
    const corpus = path.join(dir, 'corpus.jsonl');
    await writeCorpus(corpus, size);
    const rate = async (options: FastModelOptions): Promise<number> => {
      const pipeline = createPipeline(await createFastModels(options));
      await runPipeMode({ input: createReadStream(corpus, { end: 200_000 }), output: createWriteStream('/dev/null'), pipeline, batchSize: 1000 });
      const started = performance.now();
      const { lines } = await runPipeMode({ input: createReadStream(corpus), output: createWriteStream('/dev/null'), pipeline, batchSize: 1000 });
      return lines / ((performance.now() - started) / 1000);
    };
    return { rulesOnly: await rate({ classifiers: null, sentiment: 'rules' }), assisted: await rate({ sentiment: 'rules' }), combined: await rate({}) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
