import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { EnrichedVerbatim, ThemeMention } from '../../core/verbatim.js';
import { createSession } from '../../db/sessions.table.js';
import { syncThemes } from '../../db/themes.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { buildServer } from '../../web/server.js';
import { createToken } from '../../db/tokens.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW } from './fixtures.js';

const tag = (theme: string): ThemeMention => ({ theme, sentiment: 'negative', score: -0.5, confidence: 0.9, evidence: theme });

/**
 * 100 answers at billing_statements, 40 / 20 / 40 (NPS 0): fees_pricing on 40 of them
 * (0 / 5 / 35: impact −58.3, significant), digital_app on 7 (3 / 1 / 3: impact 0, n < 30),
 * a rare theme on 2 (under the minimum count of 5, so left out of drivers and journey).
 */
function dataset(): EnrichedVerbatim[] {
  const groups: readonly (readonly [count: number, nps: number, theme: string | null])[] = [
    [35, 2, 'fees_pricing'],
    [5, 7, 'fees_pricing'],
    [3, 10, 'digital_app'],
    [1, 7, 'digital_app'],
    [3, 2, 'digital_app'],
    [2, 10, 'rare_theme'],
    [35, 10, null],
    [14, 7, null],
    [2, 2, null],
  ];
  let n = 0;
  return groups.flatMap(([count, nps, theme]) =>
    Array.from({ length: count }, () => {
      n += 1;
      const verbatim = surveyAnswer(n, { nps, text: `answer ${n}`, createdAt: '2026-05-10T09:30:00.000Z' });
      return enriched(verbatim, { themes: theme === null ? [] : [tag(theme)], journey: 'billing_statements' });
    }),
  );
}

forEachDatabase((database) => {
  let app: FastifyInstance;
  let base = '';
  let cookie = '';

  beforeAll(async () => {
    const { db } = database();
    const rows = dataset();
    await insertVerbatims(db, rows);
    await saveEnrichments(db, rows);
    await syncThemes(db, [
      { id: 'fees_pricing', parentId: null, label: 'Fees & <pricing>', description: null, labels: { fr: 'Frais & <tarifs>' } },
      { id: 'digital_app', parentId: null, label: 'Mobile app', description: null },
    ]);
    const analyst = await createToken(db, { role: 'analyst', now: NOW });
    cookie = `${SESSION_COOKIE}=${await createSession(db, analyst.id, NOW)}`;
    app = await buildServer({ db, now: () => NOW });
    base = await app.listen({ port: 0, host: '127.0.0.1' }); // Fastify answers with the address
  });

  afterAll(async () => {
    await app?.close();
  });

  const page = async (path: string): Promise<string> => {
    const response = await fetch(`${base}${path}`, { headers: { cookie } });
    expect(response.status).toBe(200);
    return response.text();
  };

  /** The `<td>` of a heatmap cell, by theme id. */
  const heatCell = (body: string, theme: string): string => new RegExp(`<td class="heat [^"]*" data-theme="${theme}"[^>]*>[\\s\\S]*?</td>`).exec(body)?.[0] ?? '';

  it('overview: drivers by label (escaped), the ids kept in links, the minimum count stated', async () => {
    const body = await page('/');
    expect(body).toContain('data-theme="fees_pricing">Fees &amp; &lt;pricing&gt;</a>');
    expect(body).toContain('data-theme="digital_app">Mobile app</a>');
    expect(body).toContain('<p class="note hidden-themes">Themes with fewer than 5 verbatims are not shown (1 theme).</p>');
    // the chart reads labels too; the CSV keeps the ids
    expect(body).toContain('"labels":["Fees \\u0026 \\u003cpricing\\u003e"');
    const csv = await (await fetch(`${base}/?format=csv&table=drivers`, { headers: { cookie } })).text();
    expect(csv).toContain('fees_pricing,40,');
  });

  it('journey: a significant cell is marked, a small one greyed with n < 30, the hidden cell counted', async () => {
    const body = await page('/journey');
    expect(body).toContain('data-theme="fees_pricing">Fees &amp; &lt;pricing&gt;</a></th>');
    const fees = heatCell(body, 'fees_pricing');
    expect(fees).toContain('data-value="-58.3" data-significant="true" data-small="false"');
    expect(fees).toContain('<span class="sig" aria-label="significant">*</span>');
    expect(fees).toMatch(/title="Fees &amp; &lt;pricing&gt; at billing_statements: 40 verbatims, 95 % interval \[-\d+\.\d, -\d+\.\d\], significant"/);
    const app = heatCell(body, 'digital_app');
    expect(app).toContain('class="heat heat-small"');
    expect(app).toContain('data-significant="false" data-small="true"');
    expect(app).not.toContain('class="sig"');
    expect(app).toContain('<small>7 · n &lt; 30</small>');
    expect(body).toContain('Themes with fewer than 5 verbatims at a step are not shown (1 step × theme cell).');
  });

  it('theme page: its label in the heading and on the chips of its verbatims', async () => {
    const body = await page('/themes/fees_pricing');
    expect(body).toContain('Fees &amp; &lt;pricing&gt; <small>fees_pricing</small></h2>');
    expect(body).toContain('data-theme="fees_pricing">Fees &amp; &lt;pricing&gt;</a></div>');
  });

  /** [page, path, what the French page shows]: the English page shows the same with the default label. */
  it.each([
    ['overview', '/', 'data-theme="fees_pricing">{fees}</a>'],
    ['themes', '/themes', 'data-theme="fees_pricing">{fees}</a>'],
    ['journey', '/journey', 'data-theme="fees_pricing">{fees}</a></th>'],
    ['theme page', '/themes/fees_pricing', '{fees} <small>fees_pricing</small></h2>'],
    ['search', '/search?theme=fees_pricing', '<option value="fees_pricing" selected>{fees}</option>'],
    ['breakdowns', '/breakdowns', '{fees} (40, '],
  ])('%s: the French label in French (?ui=fr), the default one in English', async (_name, path, expected) => {
    const french = await page(`${path}${path.includes('?') ? '&' : '?'}ui=fr`);
    expect(french).toContain(expected.replace('{fees}', 'Frais &amp; &lt;tarifs&gt;'));
    expect(french).not.toContain('Fees &amp; &lt;pricing&gt;');
    expect(await page(path)).toContain(expected.replace('{fees}', 'Fees &amp; &lt;pricing&gt;'));
  });

  it('in French, a theme without a French label keeps its default one; the chart reads the French labels too', async () => {
    const body = await page('/?ui=fr');
    expect(body).toContain('data-theme="digital_app">Mobile app</a>');
    expect(body).toContain('"labels":["Frais \\u0026 \\u003ctarifs\\u003e"');
  });

  it('search: the theme choices and the chips by label, the ids kept as values', async () => {
    const body = await page('/search?theme=fees_pricing');
    expect(body).toContain('<option value="fees_pricing" selected>Fees &amp; &lt;pricing&gt;</option>');
    expect(body).toContain('data-theme="fees_pricing">Fees &amp; &lt;pricing&gt;</a>');
  });
});
