import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql, type Kysely } from 'kysely';
import { recordWholesaleChange } from '../db/change-log.js';
import type { Database } from '../db/schema.js';
import { insertVerbatims, pendingVerbatims, saveEnrichments } from '../db/verbatims.table.js';
import { insertRolledUpThemes } from '../db/theme-rollup.js';
import { readSurveyFile } from '../imports/import-file.js';
import { createFastModels } from '../models/fast-tier.js';
import { createPipeline } from '../pipeline/create-pipeline.js';
import { InProcessRunner } from '../pipeline/in-process-runner.js';
import { writeCorpus } from './corpus.js';

/** Verbatims that go through the real import and enrichment before the SQL copies. */
export const SCALE_SEED = 5_000;

/**
 * Fills an empty database with `size` enriched verbatims, themes included: a seed of
 * 5,000 generated verbatims through the real import and enrichment (a third of the tags
 * turned into sub-themes, parents rolled up the product's way), then SQL copies of it
 * (new ids, dates moved by up to ±15 days) until `size` exist.
 */
export async function buildScaleDatabase(db: Kysely<Database>, size: number): Promise<void> {
  const SEED = Math.min(SCALE_SEED, size);
  const scratch = await mkdtemp(path.join(tmpdir(), 'verbatim-report-seed-'));
  try {
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
    // The copies above bypass the writers' change log: every replica is rebuilt, not patched.
    await recordWholesaleChange(db);
  } finally {
    await rm(scratch, { recursive: true, force: true });
  }
}
