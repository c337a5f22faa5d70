import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { buildServer } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { NOW, webDataset } from './fixtures.js';

/**
 * The strongest form of "a scoped viewer sees only its rows, aggregates included":
 * every API answer to a viewer scoped to branch=Lyon on the full database equals the
 * answer to an unscoped viewer on a database holding only the Lyon rows. Any section
 * of the report that forgot the scope (now or later) breaks the equality.
 */
const ROUTES = [
  '/api/report',
  '/api/report?from=2026-03-01&to=2026-06-01',
  '/api/report?respondent=employee',
  '/api/report?theme=fees_pricing',
  '/api/report?theme=advisor_quality&nps_category=promoter',
  '/api/trend',
  '/api/trend?grain=week&theme=fees_pricing',
  '/api/followups',
  '/api/verbatims?limit=500',
  '/api/verbatims?limit=500&respondent=employee',
  '/api/verbatims?limit=500&q=frais&theme=fees_pricing',
];

interface Side {
  database: TestDatabase;
  app: FastifyInstance;
  token: string;
}

let full: Side;
let lyonOnly: Side;

async function side(rows: ReturnType<typeof webDataset>, scope: Record<string, string>): Promise<Side> {
  const database = await openTestDatabase('postgres');
  await insertVerbatims(database.db, rows);
  await saveEnrichments(database.db, rows, { now: NOW });
  await openDetractorFollowups(database.db, NOW);
  const { token } = await createToken(database.db, { role: 'viewer', scope });
  return { database, app: await buildServer({ db: database.db, now: () => NOW }), token };
}

/** The answer without what legitimately differs: the echo of the filters (scope included) and database-assigned follow-up ids. */
function comparable(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(comparable);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key, inner]) => key !== 'filters' && key !== 'generated_at' && !(key === 'id' && typeof inner === 'number'))
      .map(([key, inner]) => [key, comparable(inner)]),
  );
}

beforeAll(async () => {
  const rows = webDataset();
  [full, lyonOnly] = await Promise.all([side(rows, { branch: 'Lyon' }), side(rows.filter((row) => row.segments['branch'] === 'Lyon'), {})]);
});

afterAll(async () => {
  for (const s of [full, lyonOnly]) {
    await s?.app.close();
    await s?.database.close();
  }
});

describe('a viewer scoped to branch=Lyon', () => {
  it.each(ROUTES)('gets from %s exactly what the Lyon rows alone give', async (url) => {
    const [scoped, alone] = await Promise.all(
      [full, lyonOnly].map((s) => s.app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${s.token}` } })),
    );
    expect(scoped?.statusCode).toBe(200);
    expect(alone?.statusCode).toBe(200);
    expect(comparable(scoped?.json())).toEqual(comparable(alone?.json()));
  });
});
