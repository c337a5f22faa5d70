import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDetractorFollowups } from '../../db/followups.table.js';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';
import { pageFigures } from './page-figures.js';

const ROUTES = [
  '/api/report',
  '/api/report?from=2026-03-01&to=2026-06-01',
  '/api/report?respondent=employee',
  '/api/report?theme=fees_pricing',
  '/api/report?branch=Lyon&min_count=1',
  '/api/trend?grain=week&theme=fees_pricing',
  '/api/trend?from=2026-02-01&branch=Lyon',
  '/api/followups',
  '/api/compare?from=2026-04-01&to=2026-06-01&min_count=1',
  '/api/report?from=2026-04-01&to=2026-06-01&compare_from=2026-01-01&compare_to=2026-04-01',
];

const PAGES = ['/', '/themes', '/themes/fees_pricing', '/journey', '/drivers', '/breakdowns', '/moments', '/followups', '/compare?from=2026-04-01&to=2026-06-01'];

/** Without `generated_at`, which each answer stamps. */
function withoutStamp(body: unknown): unknown {
  if (body === null || typeof body !== 'object') return body;
  return JSON.parse(JSON.stringify(body, (key, value: unknown) => (key === 'generated_at' ? undefined : value))) as unknown;
}

/** The dashboard and the API with `replicaPath` (`VERBATIM_REPORT_ENGINE=duckdb` for `serve`) answer what they answer on the database. */
forEachDatabase((database) => {
  let onSource: FastifyInstance;
  let onReplica: FastifyInstance;
  let dir: string;
  let token = '';
  let session = '';
  const replica = () => path.join(dir, 'analytics.duckdb');

  beforeAll(async () => {
    const { db } = database();
    await seedWebData(db);
    await openDetractorFollowups(db, NOW);
    const admin = await createToken(db, { role: 'admin' });
    token = admin.token;
    session = await createSession(db, admin.id, NOW);
    dir = await mkdtemp(path.join(tmpdir(), 'verbatim-web-engine-'));
    // No cache: every request counts again, on the replica for the second server.
    // Every route of the concurrency case in flight at once for one token (the default allows 2).
    const limits = { expensivePerToken: ROUTES.length };
    onSource = await buildServer({ db, now: () => NOW, minGroup: 3, cacheSeconds: 0, limits });
    onReplica = await buildServer({ db, now: () => NOW, minGroup: 3, cacheSeconds: 0, limits, replicaPath: replica() });
  });

  afterAll(async () => {
    await onSource?.close();
    await onReplica?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const api = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${token}` } });
  const page = (app: FastifyInstance, url: string) => app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: session } });

  describe('the API and the dashboard on the DuckDB replica', () => {
    it('writes the replica on first use and answers every API route as on the database', async () => {
      await expect(access(replica())).rejects.toThrow();
      for (const url of ROUTES) {
        const [source, counted] = [await api(onSource, url), await api(onReplica, url)];
        expect(counted.statusCode, `${url}: ${counted.body}`).toBe(200);
        expect(withoutStamp(counted.json()), url).toEqual(withoutStamp(source.json()));
      }
      await access(replica());
      // Not a vacuous equality: the period comparison has themes and a change to split.
      const compared = (await api(onReplica, ROUTES.find((url) => url.startsWith('/api/compare')) ?? '')).json() as { comparison: { change: number | null; contributions: unknown[] } };
      expect(compared.comparison.change).not.toBeNull();
      expect(compared.comparison.contributions.length).toBeGreaterThan(2);
    });

    it('shows the same figures on every page', async () => {
      for (const url of PAGES) {
        const [source, counted] = [await page(onSource, url), await page(onReplica, url)];
        expect(counted.statusCode, url).toBe(200);
        expect(pageFigures(counted.body), url).toEqual(pageFigures(source.body));
      }
    });

    it('answers requests at once, each on its own read of the replica', async () => {
      const source = await Promise.all(ROUTES.map(async (url) => withoutStamp((await api(onSource, url)).json())));
      const counted = await Promise.all(ROUTES.map((url) => api(onReplica, url)));
      expect(counted.map((response) => response.statusCode)).toEqual(ROUTES.map(() => 200));
      expect(counted.map((response) => withoutStamp(response.json()))).toEqual(source);
    });
  });

  describe('auto (the default of `verbatim serve`): the replica only from a number of verbatims', () => {
    const autoServer = async (file: string, replicaFromVerbatims: number) =>
      buildServer({ db: database().db, now: () => NOW, minGroup: 3, cacheSeconds: 0, replicaPath: file, replicaFromVerbatims });

    it('counts on the database below the size: no replica is written, same answers', async () => {
      const file = path.join(dir, 'small.duckdb');
      const app = await autoServer(file, 1_000_000);
      try {
        for (const url of ['/api/report', '/api/compare?from=2026-04-01&to=2026-06-01&min_count=1']) {
          expect(withoutStamp((await api(app, url)).json()), url).toEqual(withoutStamp((await api(onSource, url)).json()));
        }
        await expect(access(file)).rejects.toThrow();
      } finally {
        await app.close();
      }
    });

    it('counts on the replica from the size: the file is written, same answers', async () => {
      const file = path.join(dir, 'large.duckdb');
      const app = await autoServer(file, 1);
      try {
        expect(withoutStamp((await api(app, '/api/report')).json())).toEqual(withoutStamp((await api(onSource, '/api/report')).json()));
        await access(file);
      } finally {
        await app.close();
      }
    });
  });
});
