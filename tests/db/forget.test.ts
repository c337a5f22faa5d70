import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { forgetAuthor, insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { enriched, surveyAnswer } from './verbatim-fixtures.js';

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('deletes every verbatim and derived row of the author, says how many, and leaves the others alone', async () => {
    const { db } = database();
    const theirs = [
      surveyAnswer(1, { authorKey: 'a_forget_me', nps: 2 }),
      surveyAnswer(2, { authorKey: 'a_forget_me', nps: 9 }),
      surveyAnswer(3, { authorKey: 'a_forget_me', nps: 5, source: 'other-survey' }),
    ];
    const others = [surveyAnswer(4, { authorKey: 'a_someone_else', nps: 1 }), surveyAnswer(5, { authorKey: null, nps: 3 })];
    await insertVerbatims(db, [...theirs, ...others]);
    // Verbatim 3 stays unenriched: a forget must not depend on the pipeline having run.
    await saveEnrichments(db, [...theirs.slice(0, 2), ...others].map((v) => enriched(v)));
    expect(await openDetractorFollowups(db, new Date('2026-04-01T00:00:00Z'))).toBe(4);

    expect(await forgetAuthor(db, 'a_forget_me')).toEqual({ verbatims: 3, themes: 4, followups: 2 });

    const counts = await sql<{ verbatims: number; themes: number; followups: number; theirs: number }>`
      select (select count(*)::int from verbatims) as verbatims,
             (select count(*)::int from verbatim_themes) as themes,
             (select count(*)::int from followups) as followups,
             (select count(*)::int from verbatims where author_key = 'a_forget_me') as theirs`.execute(db);
    expect(counts.rows[0]).toEqual({ verbatims: 2, themes: 4, followups: 2, theirs: 0 });
    expect(await forgetAuthor(db, 'a_forget_me')).toEqual({ verbatims: 0, themes: 0, followups: 0 });
  });
});
