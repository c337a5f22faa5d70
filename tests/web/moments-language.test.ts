import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '../../db/sessions.table.js';
import { createToken } from '../../db/tokens.table.js';
import { SESSION_COOKIE } from '../../web/auth.js';
import { interfaceLanguage } from '../../web/pages/interface-language.js';
import { buildServer } from '../../web/server.js';
import { forEachDatabase } from '../support/databases.js';
import { NOW } from './fixtures.js';

describe('interfaceLanguage', () => {
  it.each([
    // query, Accept-Language, language
    [{}, undefined, 'en'],
    [{ ui: 'fr' }, undefined, 'fr'],
    [{ ui: 'FR' }, 'en', 'fr'],
    [{ ui: 'en' }, 'fr-FR,fr;q=0.9', 'en'],
    [{ ui: 'de' }, 'fr', 'fr'],
    [{}, 'fr-CA,fr;q=0.9,en;q=0.8', 'fr'],
    [{}, 'de-DE, fr;q=0.5, en;q=0.7', 'en'],
    [{}, 'de-DE, fr;q=0.5', 'fr'],
    [{}, 'fr;q=0, en', 'en'],
    [{}, 'es', 'en'],
    [{ lang: 'fr' }, undefined, 'en'], // `lang` filters verbatims by language, it is not the interface's
  ] as const)('%j with %j → %s', (query, header, language) => {
    expect(interfaceLanguage(query, header)).toBe(language);
  });
});

forEachDatabase((database) => {
  let app: FastifyInstance;
  let base = '';
  let cookie = '';

  beforeAll(async () => {
    const { db } = database();
    const analyst = await createToken(db, { role: 'analyst', now: NOW });
    cookie = `${SESSION_COOKIE}=${await createSession(db, analyst.id, NOW)}`;
    app = await buildServer({ db, now: () => NOW });
    base = await app.listen({ port: 0, host: '127.0.0.1' }); // Fastify answers with the address
  });

  afterAll(async () => {
    await app?.close();
  });

  const moments = async (path: string, acceptLanguage?: string): Promise<string> => {
    const response = await fetch(`${base}${path}`, { headers: { cookie, ...(acceptLanguage === undefined ? {} : { 'accept-language': acceptLanguage }) } });
    expect(response.status).toBe(200);
    return response.text();
  };

  it.each([
    ['/moments', undefined, ['Great moment', 'Lucky break', 'Hidden pain', 'Wrong fight', 'Blind spot', 'Dead end'], ['Cécité', 'Mauvais combat']],
    ['/moments?ui=fr', undefined, ['Moment formidable', 'Coup de chance', 'Douleur', 'Mauvais combat', 'Cécité', 'Impasse'], ['Blind spot']],
    ['/moments', 'fr-FR,fr;q=0.9', ['Cécité', 'Mauvais combat'], ['Blind spot']],
    ['/moments?ui=en', 'fr-FR', ['Blind spot'], ['Cécité']],
  ] as const)('%s (Accept-Language %s) names the moments in its language', async (path, header, shown, absent) => {
    const body = await moments(path, header);
    const headings = [...body.matchAll(/<section class="moment" data-kind="[a-z_]+"><h3>([^<]+) <small>/g)].map((match) => match[1]);
    expect(headings).toHaveLength(6);
    for (const name of shown) expect(body).toContain(name);
    for (const name of absent) expect(body).not.toContain(name);
  });
});
