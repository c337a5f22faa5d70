/**
 * `npm run bench -- pipe [--size N] [--in FILE.jsonl] [--rounds R] [--sentiment rules|combined|learned]`: pipe-mode
 * verbatims/s of the fast tier (default models, bundled classifiers; `--sentiment`: `createFastModels`'s
 * sentiment option, default `combined` as in `createFastModels`) on one thread, warm: models are
 * loaded and the first 2,000 lines run once before the clock starts, so start-up is not
 * counted. Input: FILE, or N generated verbatims (default 50,000). Prints the best of R
 * rounds (default 3), by wall time and by this process's CPU time (user + system, GC threads
 * included): on a shared, loaded machine the CPU figure is the steadier one.
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { createFastModels, type FastModelOptions } from '../models/fast-tier.js';
import { createPipeline } from '../pipeline/create-pipeline.js';
import { runPipeMode } from '../pipeline/pipe-mode.js';
import { writeCorpus } from './corpus.js';

export async function printPipeOneThread(args: readonly string[]): Promise<void> {
  const option = (name: string): string | undefined => {
    const at = args.indexOf(name);
    return at === -1 ? undefined : args[at + 1];
  };
  const size = Number(option('--size') ?? 50_000);
  const rounds = Number(option('--rounds') ?? 3);
  const sentiment = option('--sentiment') ?? 'combined';
  if (!isSentimentOption(sentiment)) throw new Error(`Expected \`--sentiment\` to be one of ${SENTIMENT_OPTIONS.join(', ')}, got \`${sentiment}\``);
  const dir = await mkdtemp(path.join(tmpdir(), 'verbatim-pipe-one-'));
  try {
    const corpus = option('--in') ?? path.join(dir, 'corpus.jsonl');
    if (option('--in') === undefined) await writeCorpus(corpus, size);
    const pipeline = createPipeline(await createFastModels({ sentiment }));
    const pass = async (end?: number): Promise<number> =>
      (await runPipeMode({ input: createReadStream(corpus, end === undefined ? {} : { end }), output: createWriteStream('/dev/null'), pipeline, batchSize: 1000 })).lines;
    await pass(400_000);
    let best = 0;
    let bestCpu = 0;
    let lines = 0;
    for (let round = 0; round < rounds; round++) {
      const started = performance.now();
      const cpu = process.cpuUsage();
      lines = await pass();
      const used = process.cpuUsage(cpu);
      best = Math.max(best, lines / ((performance.now() - started) / 1000));
      bestCpu = Math.max(bestCpu, lines / ((used.user + used.system) / 1e6));
    }
    const rate = (value: number): string => Math.round(value).toLocaleString('en-US');
    const models = sentiment === 'combined' ? 'default models, combined sentiment' : `sentiment: ${sentiment}`;
    console.log(`pipe mode, fast tier (${models}), 1 thread, warm, ${lines.toLocaleString('en-US')} verbatims, best of ${rounds}: ${rate(best)} verbatims/s (wall), ${rate(bestCpu)} verbatims per CPU second`);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const SENTIMENT_OPTIONS = ['rules', 'combined', 'learned'] as const;

function isSentimentOption(value: string): value is NonNullable<FastModelOptions['sentiment']> {
  return (SENTIMENT_OPTIONS as readonly string[]).includes(value);
}
