import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { foldForSearch } from '../../web/queries/accent-fold.js';
import { buildServer } from '../../web/server.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW } from './fixtures.js';

/** The ways a "hidden fees" comment is written: 30 answers, one spelling each in turn; and 3 that must not match. */
const SPELLINGS = ['Frais cachés partout', 'FRAIS CACHÉS !', 'des frais caches', 'frais cache\u0301s (NFD)', 'Des Frais Cachês', 'encore des fRaIs CaChÉs'];
const MATCHING = Array.from({ length: 30 }, (_, index) => SPELLINGS[index % SPELLINGS.length] ?? '');
const OTHERS = ['frais visibles', 'cache-cache', 'Un cœur en or, Ægir et Straße'];

describe('foldForSearch', () => {
  it.each([
    ['Frais CACHÉS', 'frais caches'],
    ['cache\u0301s', 'caches'],
    ['Cœur, ÆGIR, Straße', 'coeur, aegir, strasse'],
    ['ÀÂÄÇÈÉÊËÎÏÔÖÙÛÜŸÑ', 'aaaceeeeiioouuuyn'],
    ['Łódź — привет', 'Łodz — привет'],
  ])('%s → %s', (text, folded) => {
    expect(foldForSearch(text)).toBe(folded);
  });
});

forEachDatabase((database) => {
  let app: FastifyInstance;
  let session = '';
  let token = '';

  beforeAll(async () => {
    const { db } = database();
    const rows = [...MATCHING, ...OTHERS].map((text, index) =>
      enriched(surveyAnswer(index + 1, { text, createdAt: `2026-03-${String((index % 28) + 1).padStart(2, '0')}T09:${String(index).padStart(2, '0')}:00.000Z` })),
    );
    await insertVerbatims(db, rows);
    await saveEnrichments(db, rows, { now: NOW });
    const admin = await createToken(db, { role: 'admin', now: NOW });
    token = admin.token;
    session = await createSession(db, admin.id, NOW);
    app = await buildServer({ db, now: () => NOW });
  });

  afterAll(async () => {
    await app?.close();
  });

  const page = async (url: string) => {
    const response = await app.inject({ method: 'GET', url, cookies: { [SESSION_COOKIE]: session } });
    expect(response.statusCode).toBe(200);
    const body = response.body;
    return {
      total: /<strong class="total">([^<]*)<\/strong> match/.exec(body)?.[1],
      shown: [...body.matchAll(/<li class="verbatim"/g)].length,
      next: /<a class="more" href="[^"]*cursor=([\w-]+)/.exec(body)?.[1],
    };
  };

  it.each(['frais caches', 'frais cachés', 'FRAIS CACHES', 'Frais Cachês', 'frais cache\u0301s'])('the search for `%s` finds all 30 spellings, with their total', async (q) => {
    const first = await page(`/search?q=${encodeURIComponent(q)}`);
    expect(first).toMatchObject({ total: '30 verbatims', shown: 25 });
    // Paging stays by cursor; the total is the whole search's on every page.
    const second = await page(`/search?q=${encodeURIComponent(q)}&cursor=${first.next ?? ''}`);
    expect(second).toMatchObject({ total: '30 verbatims', shown: 5, next: undefined });
  });

  it.each([
    ['coeur', '1 verbatim'],
    ['AEGIR', '1 verbatim'],
    ['strasse', '1 verbatim'],
    ['cache', '31 verbatims'],
    ['100%', '0 verbatims'],
  ])('`%s` → %s', async (q, total) => {
    expect((await page(`/search?q=${encodeURIComponent(q)}`)).total).toBe(total);
  });

  it('counts every verbatim without a search', async () => {
    expect((await page('/search')).total).toBe(`${MATCHING.length + OTHERS.length} verbatims`);
  });

  it('the API search is accent-insensitive too', async () => {
    const response = await app.inject({ method: 'GET', url: `/api/verbatims?limit=500&q=${encodeURIComponent('frais caches')}`, headers: { authorization: `Bearer ${token}` } });
    expect(response.json<{ records: unknown[] }>().records).toHaveLength(30);
  });
});
