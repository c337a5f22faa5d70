import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { sql } from 'kysely';
import { beforeEach, expect, it } from 'vitest';
import { insertVerbatims } from '../../db/verbatims.table.js';
import { ingestSurveyFile } from '../../imports/ingest.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { collect, records, surveyFolder } from './survey-files.js';

const folder = surveyFolder();

/** Nine answers, no id: 7 promoters and 2 detractors (NPS +55.6); merged by content they were 3 rows (+33.3). */
const NINE_ANSWERS = ['score;comment', ...Array<string>(4).fill('10;Très bien'), ...Array<string>(3).fill('9;Rapide'), ...Array<string>(2).fill('2;Nul'), ''].join('\n');

it('gives identical rows of a file without an id column distinct ids, and the same ids when read again', async () => {
  const file = await folder.write('no-id.csv', NINE_ANSWERS);
  const ids = async (): Promise<string[]> => records(await collect(file, { source: 'nps' })).map((event) => event.verbatim.id);
  const first = await ids();
  expect(first).toHaveLength(9);
  expect(new Set(first).size).toBe(9);
  expect(await ids()).toEqual(first);
});

it('still gives a row with an id column the id of its source and external id, whatever its line', async () => {
  const a = await folder.write('with-id-a.csv', 'id;score;comment\nR1;9;ok\nR2;3;nul\n');
  const b = await folder.write('with-id-b.csv', 'id;score;comment\nR2;3;nul\nR1;9;ok\n');
  const idsOf = async (file: string) => Object.fromEntries(records(await collect(file, { source: 's' })).map((event) => [event.verbatim.externalId, event.verbatim.id]));
  expect(await idsOf(a)).toEqual(await idsOf(b));
});

forEachDatabase((database) => {
  beforeEach(async () => {
    await truncateAll(database().db);
  });

  it('stores all nine answers of a file without ids (NPS +55.6, not +33.3) and adds nothing on a second import', async () => {
    const { db } = database();
    const file = await folder.write('nine.csv', NINE_ANSWERS);
    const sink = (batch: Parameters<typeof insertVerbatims>[1]) => insertVerbatims(db, batch);
    const first = await ingestSurveyFile(file, { source: 'nps' }, sink, () => undefined);
    expect(first).toMatchObject({ read: 9, inserted: 9, duplicates: 0 });
    // The same file again, from another folder: same name, same lines, nothing new.
    await mkdir(path.join(folder.dir(), 'again'), { recursive: true });
    const copy = path.join(folder.dir(), 'again', 'nine.csv');
    await copyFile(file, copy);
    expect(await ingestSurveyFile(copy, { source: 'nps' }, sink, () => undefined)).toMatchObject({ read: 9, inserted: 0, duplicates: 9 });
    const { rows } = await sql<{ n: number; nps: number }>`
      select count(*)::int as n,
             round(100.0 * (count(*) filter (where nps >= 9) - count(*) filter (where nps <= 6)) / count(*), 1)::float as nps
      from verbatims`.execute(db);
    expect(rows[0]).toEqual({ n: 9, nps: 55.6 });
  });
});
