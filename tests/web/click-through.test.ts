import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { periodRange, verbatimsHref } from '../../web/pages/drill-links.js';
import { buildServer } from '../../web/server.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW, seedWebData } from './fixtures.js';
import { pageFigures } from './page-figures.js';

const unescape = (text: string): string => text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

describe('periodRange', () => {
  it.each([
    ['2026-03', 'month', { from: '2026-03-01', to: '2026-04-01' }],
    ['2026-12-01', 'month', { from: '2026-12-01', to: '2027-01-01' }],
    ['2026-W01', 'week', { from: '2025-12-29', to: '2026-01-05' }],
    ['2026-W09', 'week', { from: '2026-02-23', to: '2026-03-02' }],
    ['2026-02-23', 'week', { from: '2026-02-23', to: '2026-03-02' }],
    ['unknown', 'month', null],
  ] as const)('%s (%s) → %j', (label, granularity, range) => {
    expect(periodRange(label, granularity)).toEqual(range);
  });
});

describe('verbatimsHref', () => {
  it.each([
    ['', {}, { theme: 'fees' }, '/search?respondent=customer&theme=fees'],
    ['respondent=employee', { respondent: 'employee' as const }, { theme: 'fees' }, '/search?respondent=employee&theme=fees'],
    ['', {}, { segment: ['branch', 'Lyon'] as const }, '/search?respondent=customer&segment=branch%3ALyon'],
    ['from=2026-03-10', { from: '2026-03-10' }, { period: { label: '2026-03', granularity: 'month' as const } }, '/search?respondent=customer&from=2026-03-10&to=2026-04-01'],
    ['to=2026-03-20', { to: '2026-03-20' }, { dates: { from: '2026-03-01', to: '2026-04-01' } }, '/search?respondent=customer&from=2026-03-01&to=2026-03-20'],
  ])('?%s, drill %j → %s', (query, asked, drill, expected) => {
    const url = verbatimsHref(new URLSearchParams(query), { segments: {}, ...asked }, drill);
    expect(Object.fromEntries(new URL(url, 'http://x').searchParams)).toEqual(Object.fromEntries(new URL(expected, 'http://x').searchParams));
  });

  it('replaces a segment of the same key and keeps the others', () => {
    const params = new URLSearchParams([['segment', 'branch:Paris'], ['segment', 'country:FR']]);
    const url = new URL(verbatimsHref(params, { segments: { branch: 'Paris', country: 'FR' } }, { segment: ['branch', 'Lyon'] }), 'http://x');
    expect(url.searchParams.getAll('segment').sort()).toEqual(['branch:Lyon', 'country:FR']);
  });
});

forEachDatabase((database) => {
  let app: FastifyInstance;
  const sessions = { analyst: '', lyon: '' };

  beforeAll(async () => {
    const { db } = database();
    await seedWebData(db);
    const analyst = await createToken(db, { role: 'analyst', now: NOW });
    const lyon = await createToken(db, { role: 'viewer', scope: { branch: 'Lyon' }, now: NOW });
    sessions.analyst = await createSession(db, analyst.id, NOW);
    sessions.lyon = await createSession(db, lyon.id, NOW);
    app = await buildServer({ db, now: () => NOW });
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = async (url: string, who: keyof typeof sessions = 'analyst'): Promise<string> => {
    const response = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: sessions[who] } });
    expect(response.statusCode, url).toBe(200);
    return response.body;
  };
  /** The total the search page states for a link. */
  const listed = async (url: string, who: keyof typeof sessions = 'analyst'): Promise<number> => {
    expect(url.startsWith('/search?')).toBe(true);
    const total = /<strong class="total">([\d,]+) verbatims?<\/strong>/.exec(await get(url, who))?.[1];
    return Number(total?.replaceAll(',', ''));
  };
  const links = (body: string, pattern: RegExp) => [...body.matchAll(pattern)].map((m) => ({ href: unescape(m[1] ?? ''), count: Number(m[2]) }));

  it("a driver row's link lists exactly the driver's verbatims, on the overview and the themes page", async () => {
    for (const page of ['/', '/themes', '/?segment=branch:Paris&from=2026-02-01']) {
      const rows = links(await get(page), /<a class="drill" href="([^"]+)" data-count="(\d+)"/g);
      expect(rows.length, page).toBeGreaterThan(0);
      for (const row of rows) expect(await listed(row.href), row.href).toBe(row.count);
    }
  });

  it('every bar of the overview charts carries the URL of its verbatims', async () => {
    const figures = pageFigures(await get('/'));
    const charts = figures.charts as { drivers: { labels: string[]; hrefs: string[] }; trend: { labels: string[]; volume: number[]; hrefs: string[] } };
    expect(charts.drivers.hrefs).toHaveLength(charts.drivers.labels.length);
    expect(charts.trend.hrefs).toHaveLength(charts.trend.labels.length);
    // A month's volume bar lists that month's verbatims.
    for (const [index, href] of charts.trend.hrefs.entries()) expect(await listed(href), href).toBe(charts.trend.volume[index]);
  });

  it('a journey heatmap cell lists the verbatims of its step and theme, a step those of the step', async () => {
    const body = await get('/journey');
    const steps = links(body, /<th scope="row"><a href="([^"]+)" data-count="(\d+)"/g);
    expect(steps.length).toBeGreaterThan(0);
    for (const step of steps) expect(await listed(step.href), step.href).toBe(step.count);
    const cells = links(body, /<a class="cell-link" href="([^"]+)" data-count="(\d+)"/g);
    expect(cells.length).toBeGreaterThan(0);
    for (const cell of cells) {
      expect(new URL(cell.href, 'http://x').searchParams.get('journey')).not.toBeNull();
      expect(await listed(cell.href), cell.href).toBe(cell.count);
    }
  });

  it('the breakdowns page shows NPS by branch, source, journey step and period; groups and their themes open their verbatims', async () => {
    const body = await get('/breakdowns');
    for (const dimension of ['branch', 'source', 'journey', 'period']) expect(body).toContain(`data-dimension="${dimension}"`);
    const groups = links(body, /<a class="drill-group" href="([^"]+)" data-count="(\d+)"/g);
    expect(groups.length).toBeGreaterThan(8);
    for (const group of groups) expect(await listed(group.href), group.href).toBe(group.count);
    const themes = links(body, /<a href="([^"]+)" data-theme="[^"]+" data-count="(\d+)"/g);
    expect(themes.length).toBeGreaterThan(0);
    for (const theme of themes.slice(0, 12)) expect(await listed(theme.href), theme.href).toBe(theme.count);
    const charts = pageFigures(body).charts as Record<string, { kind: string; hrefs: string[] }>;
    expect(charts['breakdown_branch']?.hrefs).toHaveLength(3);
    expect((await app.inject({ method: 'GET', url: '/breakdowns?format=csv&table=breakdown_branch', cookies: { [SESSION_COOKIE]: sessions.analyst } })).body).toContain('Lyon');
  });

  it('the drivers page shows key drivers, emerging and suggested themes and the eNPS', async () => {
    const body = await get('/drivers');
    for (const table of ['key_drivers', 'emerging', 'suggested_themes', 'enps_drivers']) expect(body).toContain(`data-table="${table}"`);
    expect(pageFigures(body).cards['card-enps']).toBe('0');
    const keyDriver = /<table id="table-key_drivers"[\s\S]*?<a class="drill-theme" href="([^"]+)"/.exec(body)?.[1];
    expect(keyDriver).toBeDefined();
    expect(await listed(unescape(keyDriver ?? ''))).toBeGreaterThan(0);
    // A suggested theme's phrase finds its untagged verbatims (its seed is stemmed: `rien signaler`).
    const suggested = /<table id="table-suggested_themes"[\s\S]*?<a class="drill-theme" href="([^"]+)">[\s\S]*?data-key="estimated_size" data-value="(\d+)"/.exec(body);
    expect(suggested).not.toBeNull();
    expect(await listed(unescape(suggested?.[1] ?? ''))).toBeGreaterThanOrEqual(Number(suggested?.[2]));
  });

  it("a scoped viewer sees only its branch, and no eNPS score for a group under the anonymity floor", async () => {
    const breakdowns = await get('/breakdowns', 'lyon');
    const charts = pageFigures(breakdowns).charts as Record<string, { labels: string[] }>;
    expect(charts['breakdown_branch']?.labels).toEqual(['Lyon']);
    expect(breakdowns).not.toContain('Paris');
    const drivers = await get('/drivers', 'lyon');
    // Lyon's 4 employee answers are under the default floor of 5.
    expect(pageFigures(drivers).cards['card-enps']).toBe('');
    expect(drivers).toContain('fewer than 5 answers');
  });

  it('lists the new pages in the menu', async () => {
    const body = await get('/');
    expect(body).toContain('<a href="/drivers">Drivers</a>');
    expect(body).toContain('<a href="/breakdowns">Breakdowns</a>');
  });
});
