/**
 * One report-at-scale measurement in its own process:
 * `node dist/bench/report-scale-phase.js SIZE DATA_DIR` prints one JSON line.
 *
 * Importing and enriching a million verbatims takes many minutes and measures the
 * pipeline, not the report. So: a seed of 5,000 generated verbatims goes through the
 * real import and enrichment, then SQL copies it (new ids, dates moved by up to ±15
 * days) until SIZE enriched verbatims exist, themes included. The report then runs on
 * that database exactly as `verbatim report` does.
 */
import { performance } from 'node:perf_hooks';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

process.env['DOTENV_CONFIG_QUIET'] ??= 'true';
const [sizeArg, dataDir] = process.argv.slice(2);
const size = Number(sizeArg);
if (!Number.isInteger(size) || size < 1 || dataDir === undefined) {
  process.stderr.write('usage: report-scale-phase.js SIZE DATA_DIR\n');
  process.exit(1);
}

const SEED = Math.min(5_000, size);
const { sql } = await import('kysely');
const { writeCorpus } = await import('./corpus.js');
const { openDatabase } = await import('../db/open-database.js');
const { insertVerbatims, pendingVerbatims, saveEnrichments } = await import('../db/verbatims.table.js');
const { insertRolledUpThemes } = await import('../db/theme-rollup.js');
const { readSurveyFile } = await import('../imports/import-file.js');
const { createFastModels } = await import('../models/fast-tier.js');
const { createPipeline } = await import('../pipeline/create-pipeline.js');
const { InProcessRunner } = await import('../pipeline/in-process-runner.js');
const { buildReport } = await import('../analysis/report.js');
const { buildRootCause } = await import('../analysis/root-cause.js');

const result: Record<string, number> = { verbatims: size, seed: SEED };
const opened = await openDatabase({ dataDir });
const { db } = opened;
const scratch = await mkdtemp(path.join(tmpdir(), 'verbatim-report-seed-'));
try {
  const buildStart = performance.now();
  const corpus = path.join(scratch, 'seed.jsonl');
  await writeCorpus(corpus, SEED, 7);
  const batch = [];
  for await (const event of readSurveyFile(corpus, { source: 'bench' })) if (event.kind === 'record') batch.push(event.verbatim);
  await insertVerbatims(db, batch);
  await new InProcessRunner({ concurrency: 2 }).run({
    source: pendingVerbatims(db, { batchSize: 1000 }),
    pipeline: createPipeline(await createFastModels()),
    sink: { write: async (items) => void (await saveEnrichments(db, items)) },
  });
  // A third of the tags become sub-themes (two per theme), so the report exercises the
  // roll-up into parents like a taxonomy with sub-themes; parents written the product's way.
  await sql`
    update verbatim_themes set theme = theme || '.' || (case when abs(hashtext(verbatim_id)) % 2 = 0 then 'detail_a' else 'detail_b' end)
    where abs(hashtext(verbatim_id || theme)) % 3 = 0`.execute(db);
  await insertRolledUpThemes(db, 'all');
  const copies = Math.ceil(size / SEED) - 1;
  // Copies are written 20 seeds at a time so no statement holds more than ~100k rows.
  for (let first = 1; first <= copies; first += 20) {
    const last = Math.min(copies, first + 19);
    const limit = size - SEED * first; // the last copy may be partial
    await sql`
      insert into verbatims (id, source, external_id, content_hash, text, created_at, nps, rating, respondent, author_key, segments,
        journey_hint, imported_at, lang, lang_confidence, sentiment_supported, sentiment, sentiment_score, journey, nps_category, model_version, enriched_at)
      select s.id || '~' || k, s.source, s.external_id || '~' || k, s.content_hash, s.text,
        s.created_at + make_interval(secs => (hashtext(s.id || '~' || k) % 1296000)),
        s.nps, s.rating, s.respondent, s.author_key, s.segments, s.journey_hint, s.imported_at, s.lang, s.lang_confidence,
        s.sentiment_supported, s.sentiment, s.sentiment_score, s.journey, s.nps_category, s.model_version, s.enriched_at
      from verbatims s cross join generate_series(${first}::int, ${last}::int) k
      where position('~' in s.id) = 0
      order by k, s.id
      limit ${limit}`.execute(db);
    await sql`
      insert into verbatim_themes (verbatim_id, theme, sentiment, score, confidence, evidence, rolled_up)
      select t.verbatim_id || '~' || k, t.theme, t.sentiment, t.score, t.confidence, t.evidence, t.rolled_up
      from verbatim_themes t cross join generate_series(${first}::int, ${last}::int) k
      where position('~' in t.verbatim_id) = 0 and exists (select 1 from verbatims v where v.id = t.verbatim_id || '~' || k)`.execute(db);
  }
  await sql`analyze`.execute(db);
  result['build_s'] = (performance.now() - buildStart) / 1000;
  const count = await db.selectFrom('verbatims').select(sql<string>`count(*)`.as('n')).executeTakeFirstOrThrow();
  result['verbatims'] = Number(count.n);
  const rssBefore = process.memoryUsage().rss;
  const reportStart = performance.now();
  const report = await buildReport(db, {}, new Date());
  result['report_s'] = (performance.now() - reportStart) / 1000;
  result['drivers'] = report.drivers.length;
  // The first read after a bulk load also sets hint bits and warms the cache: time a second run too.
  const againStart = performance.now();
  await buildReport(db, {}, new Date());
  result['report_again_s'] = (performance.now() - againStart) / 1000;
  const theme = report.drivers[0]?.theme;
  if (theme !== undefined) {
    const rootStart = performance.now();
    await buildRootCause(db, {}, theme, new Date());
    result['root_cause_s'] = (performance.now() - rootStart) / 1000;
  }
  result['report_rss_growth_mb'] = (process.memoryUsage().rss - rssBefore) / 1024 / 1024;
} finally {
  await opened.close();
  await rm(scratch, { recursive: true, force: true });
}
result['peak_rss_mb'] = process.resourceUsage().maxRSS / 1024;
process.stdout.write(`${JSON.stringify(result)}\n`);
