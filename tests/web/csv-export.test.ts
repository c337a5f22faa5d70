import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import type { EnrichedVerbatim } from '../../core/verbatim.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { EXPORT_PAGE_SIZE } from '../../web/queries/verbatims-page.js';
import { buildServer } from '../../web/server.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';

/** More fee complaints than one export page holds, a few undated, a few that a spreadsheet would run. */
const EXTRA = EXPORT_PAGE_SIZE + 250;

function feeComplaints(): EnrichedVerbatim[] {
  return Array.from({ length: EXTRA }, (_, i) => {
    const text = i % 100 === 0 ? `=HYPERLINK("http://evil.example","frais ${i}")` : `Client ${i}: les frais de tenue de compte`;
    const createdAt = i % 200 === 7 ? null : new Date(Date.UTC(2026, 0, 1) + i * 3_600_000).toISOString();
    const verbatim = surveyAnswer(10_000 + i, { text, nps: i % 7, createdAt, segments: { branch: i % 2 === 0 ? 'Lyon' : 'Paris', country: 'FR' } });
    return enriched(verbatim, { themes: [{ theme: 'fees_pricing', sentiment: 'negative', score: -0.6, confidence: 0.9, evidence: 'frais' }] });
  });
}

let database: TestDatabase;
let app: FastifyInstance;
let session: string;
let token: string;

beforeAll(async () => {
  database = await openTestDatabase('postgres');
  await seedWebData(database.db);
  const extra = feeComplaints();
  await insertVerbatims(database.db, extra);
  await saveEnrichments(database.db, extra, { now: NOW });
  const analyst = await createToken(database.db, { role: 'analyst' });
  token = analyst.token;
  session = await createSession(database.db, analyst.id, NOW);
  app = await buildServer({ db: database.db, now: () => NOW });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** Ids of every record the API lists for a query, walking its pages. */
async function apiIds(query: string): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const url = `/api/verbatims?limit=500&${query}${cursor === null ? '' : `&cursor=${cursor}`}`;
    const body = (await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } })).json() as { records: { id: string }[]; next_cursor: string | null };
    ids.push(...body.records.map((record) => record.id));
    cursor = body.next_cursor;
  } while (cursor !== null);
  return ids;
}

describe('CSV of a verbatim table', () => {
  it.each([
    ['the theme page', '/themes/fees_pricing?format=csv&table=verbatims', 'theme=fees_pricing'],
    ['the theme page, from an older page', `/themes/fees_pricing?cursor=${Buffer.from(JSON.stringify({ c: '2026-01-20T00:00:00.000000Z', i: 'z' })).toString('base64url')}&format=csv&table=verbatims`, 'theme=fees_pricing'],
    ['the theme page, filtered', '/themes/fees_pricing?segment=branch:Lyon&format=csv&table=verbatims', 'theme=fees_pricing&segment=branch:Lyon'],
    ['a search', '/search?q=frais&format=csv&table=verbatims', 'q=frais'],
  ])('on %s holds every matching verbatim, newest first, across export pages', async (_name, url, apiQuery) => {
    const response = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: session } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toContain('text/csv');
    // A file for Excel: the UTF-8 BOM first, so accents are read as UTF-8.
    expect(response.body.startsWith('\uFEFFid,')).toBe(true);
    const rows = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    const expected = await apiIds(apiQuery);
    expect(expected.length).toBeGreaterThan(EXPORT_PAGE_SIZE / 2);
    expect(rows.map((row) => row['id'])).toEqual(expected);
    // Formula-like texts are defused in every export page, not only the first.
    const formulas = rows.filter((row) => row['text']?.includes('HYPERLINK'));
    expect(formulas.length).toBeGreaterThan(0);
    expect(formulas.every((row) => row['text']?.startsWith("'="))).toBe(true);
  });

  it('is more than one export page long for the whole theme', async () => {
    const response = await app.inject({ method: 'GET', url: '/themes/fees_pricing?format=csv&table=verbatims', cookies: { [SESSION_COOKIE]: session } });
    const rows = parse(response.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(EXTRA);
    expect(new Set(rows.map((row) => row['id'])).size).toBe(rows.length);
  });
});
