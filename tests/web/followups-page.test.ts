import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';

let database: TestDatabase;
let app: FastifyInstance;
const who = { viewer: { token: '', session: '' }, lyon: { token: '', session: '' }, analyst: { token: '', session: '' } };

beforeAll(async () => {
  database = await openTestDatabase('postgres');
  const { db } = database;
  await seedWebData(db);
  await openDetractorFollowups(db, NOW);
  const tokens = [
    ['viewer', { role: 'viewer' }],
    ['lyon', { role: 'viewer', scope: { branch: 'Lyon' } }],
    ['analyst', { role: 'analyst' }],
  ] as const;
  for (const [name, options] of tokens) {
    const { id, token } = await createToken(db, options);
    who[name] = { token, session: await createSession(db, id, NOW) };
  }
  app = await buildServer({ db, now: () => NOW });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** A Lyon detractor stored after the last enrich opened follow-ups: it has none until the next one. */
async function storeLateDetractor(n: number): Promise<void> {
  const late = enriched(surveyAnswer(n, { text: `Lyon ${n}: frais encore`, nps: 1, createdAt: '2026-06-14T08:00:00.000Z', segments: { branch: 'Lyon', country: 'FR' } }));
  await insertVerbatims(database.db, [late]);
  await saveEnrichments(database.db, [late], { now: NOW });
}

const followupRows = () => database.db.selectFrom('followups').selectAll().orderBy('id').execute();

describe('the follow-ups page', () => {
  it.each([
    ['viewer', 9001],
    ['lyon', 9002],
    ['analyst', 9003],
  ] as const)('writes nothing when a %s views it, and lists what /api/followups lists', async (name, n) => {
    await storeLateDetractor(n);
    const before = await followupRows();
    for (const url of ['/followups', '/followups?status=open', '/followups?format=csv&table=followups']) {
      const page = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: who[name].session } });
      expect(page.statusCode, url).toBe(200);
    }
    expect(await followupRows()).toEqual(before);

    const page = await app.inject({ method: 'GET', url: '/followups', cookies: { [SESSION_COOKIE]: who[name].session } });
    const shown = [...page.body.matchAll(/<td class="num" data-key="id" data-value="(\d+)">/g)].map((match) => Number(match[1]));
    const api = await app.inject({ method: 'GET', url: '/api/followups', headers: { authorization: `Bearer ${who[name].token}` } });
    const listed = (api.json() as { followups: { id: number }[] }).followups.map((followup) => followup.id);
    expect(shown.length).toBeGreaterThan(0);
    // The page shows the API's list 50 at a time (tests/web/followups-paging.test.ts walks the pages).
    expect(shown).toEqual(listed.slice(0, 50));
  });
});
