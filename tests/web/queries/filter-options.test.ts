import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { recordWholesaleChange } from '../../../db/change-log.js';
import { queryFilterOptions } from '../../../web/queries/filter-options.js';
import { forEachDatabase } from '../../support/databases.js';
import { seedWebData } from '../fixtures.js';

/** The filter form's values on the DuckDB replica equal the source's, list for list and in order, for any token scope. */
forEachDatabase((database) => {
  let dir = '';

  beforeAll(async () => {
    const { db } = database();
    await seedWebData(db);
    // A parent rolled up from a sub-theme (as the writers store it): never offered, it is not a tag of its own.
    await sql`insert into verbatim_themes (verbatim_id, theme, sentiment, score, confidence, evidence, rolled_up)
      select id, 'rolled_up_parent', 'neutral', 0, 1, '', true from verbatims order by id limit 3`.execute(db);
    await recordWholesaleChange(db);
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-filter-options-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('offers the same sources, languages, steps, segments and themes on the replica as on the database', async () => {
    const { db } = database();
    const replicaPath = path.join(dir, 'analytics.duckdb');
    const everything = await queryFilterOptions(db, {});
    // Not vacuous: the fixture has several values of each kind.
    for (const list of [everything.sources, everything.languages, everything.journeys, everything.segments, everything.themes]) expect(list.length).toBeGreaterThan(1);
    expect(everything.themes).not.toContain('rolled_up_parent');
    const branch = everything.segments.find((pair) => pair.key === 'branch');
    expect(branch).toBeDefined();
    for (const scope of [{}, { [branch?.key ?? 'branch']: branch?.value ?? '' }, { branch: 'nowhere' }]) {
      expect(await queryFilterOptions(db, scope, { replicaPath }), JSON.stringify(scope)).toEqual(await queryFilterOptions(db, scope));
    }
    // The scoped lists are narrower than the whole: the scope reached both engines.
    expect((await queryFilterOptions(db, { branch: 'nowhere' }, { replicaPath })).sources).toEqual([]);
  });
});
