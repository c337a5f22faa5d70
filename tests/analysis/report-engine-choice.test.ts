import { sql } from 'kysely';
import { beforeAll, expect, it } from 'vitest';
import { holdsAtLeast, replicaFor } from '../../analysis/report-engine-choice.js';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/** `auto` counts on the replica from a number of verbatims, read without counting the whole table. */
forEachDatabase((database) => {
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    await insertVerbatims(db, [1, 2, 3].map((n) => surveyAnswer(n, { nps: n, text: `answer ${n}` })));
  });

  it('knows whether the database holds at least n verbatims', async () => {
    const { db } = database();
    expect(await holdsAtLeast(db, 1)).toBe(true);
    expect(await holdsAtLeast(db, 3)).toBe(true);
    expect(await holdsAtLeast(db, 4)).toBe(false);
  });

  it('source never, duckdb always, auto from the size', async () => {
    const { db } = database();
    expect(await replicaFor(db, 'source', '/r.duckdb', 1)).toBeUndefined();
    expect(await replicaFor(db, 'duckdb', '/r.duckdb', 1_000)).toBe('/r.duckdb');
    expect(await replicaFor(db, 'auto', '/r.duckdb', 3)).toBe('/r.duckdb');
    expect(await replicaFor(db, 'auto', '/r.duckdb', 4)).toBeUndefined();
    expect(await replicaFor(db, 'auto', '/r.duckdb')).toBeUndefined();
  });

  // Last: it changes the rows. The estimate is trusted only well above the threshold, so it is seen
  // here through a table that lost rows since its ANALYZE (speed at stake, not numbers).
  it('auto trusts the planner estimate when it is at least twice the threshold, else reads rows', async () => {
    const { db } = database();
    await insertVerbatims(db, [4].map((n) => surveyAnswer(n, { nps: 5, text: `answer ${n}` })));
    await sql`analyze verbatims`.execute(db);
    await db.deleteFrom('verbatims').where('nps', '>', 1).execute();
    expect(await holdsAtLeast(db, 2)).toBe(false);
    expect(await replicaFor(db, 'auto', '/r.duckdb', 2)).toBe('/r.duckdb'); // estimate 4 ≥ 2 × 2
    expect(await replicaFor(db, 'auto', '/r.duckdb', 3)).toBeUndefined(); // 4 < 2 × 3: one row read, below 3
  });
});
