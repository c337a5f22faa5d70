import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_TAXONOMY_PATH } from '../../models/fast-tier.js';
import { queueSettings } from '../../pipeline/queue/queue-settings.js';
import { removeQueue, testRedisUrl, uniqueQueueName } from '../pipeline/bullmq-support.js';
import { runCli } from './run-cli.js';
import { importedDatabase, startVerbatim, startWorker, type Background } from './worker-support.js';

const TOTAL = 200;
let database: { url: string; drop: () => Promise<void> };
let env: Record<string, string>;
let dir: string;
const processes: Background[] = [];

beforeAll(async () => {
  database = await importedDatabase(TOTAL);
  dir = await mkdtemp(path.join(tmpdir(), 'verbatim-worker-taxonomy-'));
  env = { DATABASE_URL: database.url, REDIS_URL: testRedisUrl(), VERBATIM_QUEUE: uniqueQueueName(), VERBATIM_DATA_DIR: path.join(dir, 'data') };
}, 120_000);

afterAll(async () => {
  for (const background of processes) background.child.kill('SIGKILL');
  await removeQueue(queueSettings({ redisUrl: testRedisUrl(), name: env['VERBATIM_QUEUE'] ?? '' }));
  await database.drop();
  await rm(dir, { recursive: true, force: true });
});

it("a worker tags with the database's active taxonomy version, as in-process enrich does", async () => {
  // Version 2 renames the fees theme's id: only a worker that read the active version can write the new id.
  const renamed = (await readFile(DEFAULT_TAXONOMY_PATH, 'utf8')).replace('  - id: fees_pricing\n', '  - id: bank_charges\n');
  await writeFile(path.join(dir, 'v2.yaml'), renamed);
  await runCli(['taxonomy', 'import', path.join(dir, 'v2.yaml'), '--message', 'fees become bank charges'], { env });
  const worker = await startWorker(env);
  processes.push(worker);
  const producer = startVerbatim(['enrich', '--runner', 'bullmq', '--batch-size', '50', '--log-every', '0'], env);
  processes.push(producer);
  expect(await producer.exited, producer.stderr()).toBe(0);
  expect(producer.stdout()).toBe(`enriched ${TOTAL} verbatims\n`);
  const client = new pg.Client({ connectionString: database.url });
  await client.connect();
  try {
    // The rule tagger wrote the new id. (`fees_pricing` may still come from the bundled classifiers, which learned
    // their ids at training time whatever the taxonomy: that is `verbatim train`'s to change.)
    const { rows } = await client.query<{ n: string }>(`select count(*) as n from verbatim_themes where theme = 'bank_charges'`);
    expect(Number(rows[0]?.n)).toBeGreaterThan(0);
  } finally {
    await client.end();
  }
}, 180_000);
