import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { openTestDatabase, type TestDatabase } from '../support/databases.js';
import { NOW, webDataset } from './fixtures.js';
import { pageFigures } from './page-figures.js';

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

/** The same on the dashboard: the viewer's session against an unscoped admin's, page by page and table by table. */
const PAGES = [
  '/',
  '/?from=2026-03-01&to=2026-06-01',
  '/?respondent=employee',
  '/themes',
  '/themes?sort=impact&dir=asc',
  '/themes/fees_pricing',
  '/themes/advisor_quality?nps_category=promoter',
  '/journey',
  '/journey?respondent=employee',
  '/drivers',
  '/breakdowns',
  '/breakdowns?respondent=employee',
  '/moments',
  '/followups',
  '/followups?status=open',
  '/search',
  '/search?q=frais&theme=fees_pricing',
  '/search?respondent=employee',
];

interface Side {
  database: TestDatabase;
  app: FastifyInstance;
  token: string;
  /** A dashboard session: the scoped viewer on the full database, an unscoped admin on the Lyon rows. */
  session: string;
}

let full: Side;
let lyonOnly: Side;

async function side(rows: ReturnType<typeof webDataset>, scope: Record<string, string>): Promise<Side> {
  const database = await openTestDatabase('postgres');
  await insertVerbatims(database.db, rows);
  await saveEnrichments(database.db, rows, { now: NOW });
  await openDetractorFollowups(database.db, NOW);
  const { token } = await createToken(database.db, { role: 'viewer', scope });
  const dashboard = await createToken(database.db, Object.keys(scope).length === 0 ? { role: 'admin' } : { role: 'viewer', scope });
  const session = await createSession(database.db, dashboard.id, NOW);
  // Floor 3: Lyon's 4 employee answers stay listed and scored, so the employee views compare real rows (the floor itself: privacy-and-errors.test.ts).
  return { database, app: await buildServer({ db: database.db, now: () => NOW, minGroup: 3 }), token, session };
}

/** A CSV table as rows of named cells; follow-up ids (assigned by each database) left out. */
function csvRows(text: string, table: string): Record<string, string>[] {
  const rows = parse(text, { columns: true, bom: true }) as Record<string, string>[];
  return table === 'followups' ? rows.map(({ id: _id, ...rest }) => rest) : rows;
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

describe('the dashboard of a viewer scoped to branch=Lyon', () => {
  const page = (s: Side, url: string) => s.app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: s.session } });

  it.each(PAGES)('shows on %s the figures, charts, choices and tables an admin sees on the Lyon rows alone', async (url) => {
    const [scoped, alone] = await Promise.all([page(full, url), page(lyonOnly, url)]);
    expect(scoped.statusCode).toBe(200);
    expect(alone.statusCode).toBe(200);
    const [mine, theirs] = [pageFigures(scoped.body), pageFigures(alone.body)];
    expect(mine).toEqual(theirs);
    expect(mine.csvLinks.length, 'the page offers its tables as CSV').toBeGreaterThan(0);

    let rows = 0;
    for (const link of mine.csvLinks) {
      const table = new URL(link, 'http://x').searchParams.get('table') ?? '';
      const [a, b] = await Promise.all([page(full, link), page(lyonOnly, link)]);
      expect(a.statusCode, link).toBe(200);
      expect(b.statusCode, link).toBe(200);
      const [scopedRows, aloneRows] = [csvRows(a.body, table), csvRows(b.body, table)];
      expect(scopedRows, link).toEqual(aloneRows);
      rows += scopedRows.length;
    }
    expect(rows, 'the tables are not all empty').toBeGreaterThan(0);
  });
});
