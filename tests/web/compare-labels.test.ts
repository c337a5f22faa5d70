import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createSession } from '../../db/sessions.table.js';
import { syncThemes } from '../../db/themes.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';
import { COMPARE_NOW, seedCompareWebData } from './compare-fixture.js';

/** The compare page on June against May, `digital_app` labelled (with markup, to see it escaped), `waiting_time` not. */
forEachDatabase((database) => {
  let app: FastifyInstance;
  let cookie = '';
  beforeAll(async () => {
    const { db } = database();
    await truncateAll(db);
    await seedCompareWebData(db);
    await syncThemes(db, [{ id: 'digital_app', parentId: null, label: 'Mobile <app>', description: null }]);
    const analyst = await createToken(db, { role: 'analyst', now: COMPARE_NOW });
    cookie = `${SESSION_COOKIE}=${await createSession(db, analyst.id, COMPARE_NOW)}`;
    app = await buildServer({ db, now: () => COMPARE_NOW, cacheSeconds: 0 });
  });
  afterAll(async () => {
    await app?.close();
  });

  const get = async (url: string): Promise<string> => {
    const response = await app.inject({ method: 'GET', url, headers: { cookie } });
    expect(response.statusCode).toBe(200);
    return response.body;
  };
  const page = '/compare?from=2026-06-01&to=2026-07-01';

  it('shows themes by label in both tables, linking by id', async () => {
    const body = await get(page);
    const waterfall = /<table id="table-contributions"[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
    expect(waterfall).toMatch(/<a href="\/themes\/digital_app\?[^"]*">Mobile &lt;app&gt;<\/a>/);
    // no label in the taxonomy: the id
    expect(waterfall).toMatch(/<a href="\/themes\/waiting_time\?[^"]*">waiting_time<\/a>/);
    expect(waterfall).not.toContain('>digital_app</a>');
    const shifts = /<table id="table-theme_shifts"[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
    expect(shifts).toContain('<td data-key="theme">Mobile &lt;app&gt;</td>');
    expect(shifts).not.toContain('<td data-key="theme">digital_app</td>');
  });

  it('keeps ids in the CSV downloads', async () => {
    const contributions = await get(`${page}&format=csv&table=contributions`);
    expect(contributions).toMatch(/^\s*\uFEFF?theme,/);
    expect(contributions).toMatch(/\ndigital_app,/);
    expect(contributions).not.toContain('Mobile');
    const shifts = await get(`${page}&format=csv&table=theme_shifts`);
    expect(shifts).toMatch(/\ndigital_app,/);
  });
});
