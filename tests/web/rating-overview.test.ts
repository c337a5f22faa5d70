import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ThemeMention } from '../../core/verbatim.js';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { EXPECTED_DRIVERS, EXPECTED_RATING, RATING_NOW as NOW, seedRatingData } from '../analysis/rating-fixture.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase } from '../support/databases.js';

/** The March fixture (tests/analysis/rating-fixture.ts) is read up to April; the store reviews come in April. */
const MARCH = 'to=2026-04-01';

/**
 * Ten April reviews of source `store` (country DE), enough for the dashboard's minimum
 * count of 5: staff on 5, 5, 4, 5, 4 → 4.6 (s² 0.3); the others 2, 3, 1, 2, 3 → 2.2 (s² 0.7).
 * Δ = 2.4, se² = 0.06 + 0.14 = 0.2, ν = 0.04 / (0.0036/4 + 0.0196/4) = 6.897, t = 2.3718
 * → 2.4 ± 1.0607 = [1.34, 3.46]. All ten: mean 3.4.
 */
const STORE: readonly (readonly [stars: number, staff: boolean])[] = [
  ...[5, 5, 4, 5, 4].map((stars) => [stars, true] as const),
  ...[2, 3, 1, 2, 3].map((stars) => [stars, false] as const),
];

const staffTag: ThemeMention = { theme: 'staff', sentiment: 'positive', score: 0.5, confidence: 0.9, evidence: 'staff' };

/** The numeric cells of a theme's row in a dashboard table, by `data-key`. */
function rowValues(body: string, table: string, theme: string): Record<string, string> {
  const tableHtml = new RegExp(`<table id="table-${table}"[\\s\\S]*?</table>`).exec(body)?.[0] ?? '';
  const row = [...tableHtml.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((match) => match[1] ?? '').find((cells) => cells.includes(`>${theme}</a>`)) ?? '';
  return Object.fromEntries([...row.matchAll(/data-key="([^"]+)" data-value="([^"]*)"/g)].map((match) => [match[1], match[2]]));
}

forEachDatabase((database) => {
  let app: FastifyInstance;
  let base = '';
  const auth = { token: '', session: '', france: '' };

  beforeAll(async () => {
    const { db } = database();
    await seedRatingData(db);
    const store = STORE.map(([stars, staff], index) =>
      enriched(
        surveyAnswer(900 + index, { source: 'store', nps: null, rating: stars, text: `store ${index}`, createdAt: `2026-04-${String(index + 1).padStart(2, '0')}T10:00:00.000Z`, segments: { country: 'DE' } }),
        { themes: staff ? [staffTag] : [] },
      ),
    );
    await insertVerbatims(db, store);
    await saveEnrichments(db, store);
    const analyst = await createToken(db, { role: 'analyst', now: NOW });
    auth.token = analyst.token;
    auth.session = await createSession(db, analyst.id, NOW);
    auth.france = (await createToken(db, { role: 'viewer', scope: { country: 'FR' }, now: NOW })).token;
    app = await buildServer({ db, now: () => NOW });
    base = await app.listen({ port: 0, host: '127.0.0.1' }); // Fastify answers with the address
  });

  afterAll(async () => {
    await app?.close();
  });

  const get = async (path: string, headers: Record<string, string>) => {
    const response = await fetch(`${base}${path}`, { headers });
    expect(response.status).toBe(200);
    return response;
  };
  const api = async (path: string, token = auth.token) =>
    (await (await get(path, { authorization: `Bearer ${token}` })).json()) as { nps: { n: number; score: number | null }; rating: unknown; rating_drivers: unknown };
  const page = async (path: string) => (await get(path, { cookie: `${SESSION_COOKIE}=${auth.session}` })).text();

  describe('GET /api/report', () => {
    it('carries the rating and the rating drivers of a review scope', async () => {
      const report = await api(`/api/report?source=reviews&${MARCH}&min_count=3`);
      expect(report.nps).toMatchObject({ n: 0, score: null });
      expect(report.rating).toEqual(EXPECTED_RATING);
      expect(report.rating_drivers).toEqual(EXPECTED_DRIVERS);
    });

    it('has both scores on a mixed scope, and rating null without stars', async () => {
      const mixed = await api(`/api/report?${MARCH}&min_count=3`);
      expect([mixed.nps.score, mixed.rating, mixed.rating_drivers]).toEqual([25, EXPECTED_RATING, EXPECTED_DRIVERS]);
      const survey = await api('/api/report?source=survey');
      expect([survey.rating, survey.rating_drivers]).toEqual([null, []]);
    });

    it('applies a viewer token scope to the rating: the French reviews 4, 2, 3, 2 only', async () => {
      const report = await api(`/api/report?source=reviews&${MARCH}`, auth.france);
      // n 4, Σ 11 → 2.75; s² = (33 − 121/4)/3 = 0.9167, s/2 = 0.4787, t₀.₉₇₅,₃ = 3.1824 → ± 1.5235 = [1.23, 4.27]
      expect(report.rating).toEqual({ n: 4, mean: 2.75, ci95: [1.23, 4.27], distribution: { 1: 0, 2: 2, 3: 1, 4: 1, 5: 0 } });
    });
  });

  describe('overview page', () => {
    it('shows the rating card of a review scope', async () => {
      const body = await page(`/?source=reviews&${MARCH}`);
      const card = /<div class="card" id="card-rating">[\s\S]*?<\/div><\/div>/.exec(body)?.[0] ?? '';
      expect(card).toContain('data-value="3.25">3.25</div>');
      expect(card).toContain('data-key="ci95" data-value="2.01,4.49">[2.01, 4.49]</span>');
      expect(body).toContain('1★ 1 · 2★ 2 · 3★ 1 · 4★ 2 · 5★ 2');
    });

    it('lists the rating drivers with the figures of the API', async () => {
      const body = await page('/?source=store');
      expect(body).toMatch(/id="card-rating">[\s\S]*?data-value="3.4">3.40</);
      expect(rowValues(body, 'rating_drivers', 'staff')).toEqual({ count: '5', share: '0.5', rating_with: '4.6', rating_without: '2.2', impact: '2.4' });
      expect(body).toMatch(/data-key="ci95">\[1\.34, 3\.46\]<\/td><td data-key="significant">yes</);
      const fromApi = await api('/api/report?source=store');
      expect(fromApi.rating_drivers).toEqual([{ theme: 'staff', parent: null, count: 5, share: 0.5, rating_with: 4.6, rating_without: 2.2, impact: 2.4, ci95: [1.34, 3.46], significant: true }]);
    });

    it('puts the rating in the NPS card’s place when the scope has ratings and no NPS answer', async () => {
      const reviews = await page(`/?source=reviews&${MARCH}`);
      expect(reviews).not.toContain('id="card-nps"');
      expect(reviews).not.toContain('id="card-n"');
      expect(reviews).not.toContain('id="table-drivers"');
      expect(reviews).not.toContain('data-chart="drivers"');
      const cards = /<section class="cards"[\s\S]*?<\/section>/.exec(reviews)?.[0] ?? '';
      expect([...cards.matchAll(/<div class="card" id="([^"]+)"/g)].map((match) => match[1])).toEqual(['card-rating', 'card-verbatims']);
      expect(reviews).toContain('id="table-rating_drivers"');

      const mixed = await page(`/?${MARCH}`);
      const mixedCards = /<section class="cards"[\s\S]*?<\/section>/.exec(mixed)?.[0] ?? '';
      expect([...mixedCards.matchAll(/<div class="card" id="([^"]+)"/g)].map((match) => match[1])).toEqual(['card-nps', 'card-n', 'card-verbatims', 'card-rating']);
      expect(mixed).toContain('id="table-drivers"');
      expect(mixed).toContain('data-chart="drivers"');
    });

    it('shows the rating over time and by segment, and downloads them as CSV', async () => {
      const body = await page(`/?source=reviews&${MARCH}`);
      const trend = /<table id="table-rating_trend"[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
      expect([...trend.matchAll(/<td data-key="value">([^<]+)<\/td><td class="num" data-key="n" data-value="(\d+)">[^<]*<\/td><td class="num" data-key="mean" data-value="([^"]*)"/g)].map((match) => match.slice(1))).toEqual([
        ['2026-W09', '1', '5'],
        ['2026-W10', '7', '3'],
      ]);
      const country = /<table id="table-rating_by_country"[\s\S]*?<\/table>/.exec(body)?.[0] ?? '';
      expect(country).toMatch(/<td data-key="value">FR<\/td><td class="num" data-key="n" data-value="4">4<\/td><td class="num" data-key="mean" data-value="2.75">2.75<\/td><td data-key="ci95">\[1.23, 4.27\]<\/td>/);
      const csv = await (await get(`/?source=reviews&${MARCH}&format=csv&table=rating_by_country`, { cookie: `${SESSION_COOKIE}=${auth.session}` })).text();
      expect(csv.replace(/^\uFEFF/, '').split(/\r?\n/).slice(0, 3)).toEqual(['value,n,mean,ci95,stars_1,stars_2,stars_3,stars_4,stars_5', 'BE,4,3.75,1..5,1,0,0,1,2', 'FR,4,2.75,1.23..4.27,0,2,1,1,0']);
    });

    it('shows no rating without stars', async () => {
      const body = await page('/?source=survey');
      expect(body).toContain('id="card-nps"');
      expect(body).not.toContain('card-rating');
      expect(body).not.toContain('table-rating_drivers');
      expect(body).not.toContain('table-rating_trend');
    });

    it('downloads the rating drivers as CSV', async () => {
      const response = await get('/?source=store&format=csv&table=rating_drivers', { cookie: `${SESSION_COOKIE}=${auth.session}` });
      const bytes = Buffer.from(await response.arrayBuffer());
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the UTF-8 BOM, for Excel (fetch's text() drops it)
      const lines = bytes.toString('utf8').slice(1).trim().split('\n');
      expect(lines).toEqual(['theme,count,share,rating_with,rating_without,impact,ci95,significant', 'staff,5,0.5,4.6,2.2,2.4,1.34..3.46,true']);
    });
  });
});
