import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Kysely, KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { PhraseCounts } from '../../analysis/phrase-counts.js';
import { sourcePhraseCounts, type PhraseCountRequest } from '../../analysis/phrase-sides.js';
import { replicaPhraseCounts } from '../../analysis/replica-phrase-counts.js';
import { buildReport } from '../../analysis/report.js';
import { reportForScope } from '../../analysis/report-for-scope.js';
import { inReportSnapshot } from '../../analysis/report-snapshot.js';
import { buildRootCause } from '../../analysis/root-cause.js';
import type { ThemeMention } from '../../core/verbatim.js';
import { syncReplica } from '../../db/analytics-replica.js';
import type { Database } from '../../db/schema.js';
import { forgetAuthor, insertVerbatims, saveEnrichments } from '../../db/verbatims.table.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';
import { forEachDatabase, truncateAll } from '../support/databases.js';

/**
 * The replica's phrase counts (stored per verbatim at sync, no text at read time) against the
 * source's (tokenised in SQL): equal for every side, filter, sample and cut, before and after
 * incremental syncs that add, re-tag and forget comments.
 */
const NOW = new Date('2026-06-01T00:00:00Z');
const mention = (theme: string, score: number): ThemeMention => ({ theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence: 0.9, evidence: theme });
const PHRASES = [
  'Frais cachés sur la carte, frais de tenue de compte',
  "Temps d'attente trop long au guichet",
  'The mobile app crashes at login',
  'App très lente, écran blanc',
  'Conseiller très aimable, frais élevés',
  'Hidden fees everywhere, card fees again',
  'ΤΡΑΠΕΖΑ ΚΑΛΗ εξυπηρέτηση',
  'İyi hizmet ama ÜCRETLER yüksek',
  'Application plante 3x par jour 😡',
  'Carte bloquée, frais de rejet',
] as const;

/** Answer `n`: a day in February to May, a branch, a step, a theme by its text; every ninth without a comment. */
function answer(n: number, overrides: { text?: string; authorKey?: string; themes?: ThemeMention[] } = {}) {
  const day = new Date(Date.UTC(2026, 1, 1) + ((n * 7919) % 118) * 86_400_000 + (n % 5) * 3_600_000).toISOString();
  const text = overrides.text ?? (n % 9 === 0 ? '' : `${PHRASES[n % PHRASES.length] ?? ''} ${n % 2 === 0 ? 'encore' : 'vraiment'}`);
  const themes = overrides.themes ?? (text === '' ? [] : /fee|frais|carte|card/i.test(text) ? [mention('fees', -0.5), mention('fees.card', -0.6)] : /app/i.test(text) ? [mention('app', -0.4)] : []);
  const verbatim = surveyAnswer(n, {
    text,
    createdAt: day,
    nps: n % 11,
    respondent: n > 200 ? 'employee' : 'customer',
    segments: { branch: ['Lyon', 'Paris', 'Nice'][n % 3] as string },
    ...(overrides.authorKey === undefined ? {} : { authorKey: overrides.authorKey }),
  });
  return enriched(verbatim, { themes, journey: n % 2 === 0 ? 'support_contact' : 'onboarding' });
}

const WINDOWS = { kind: 'windows', target: { from: '2026-04-28T00:00:00.000Z', to: '2026-05-29T00:00:00.000Z' }, reference: { from: '2026-02-01T00:00:00.000Z', to: '2026-04-28T00:00:00.000Z' } } as const;

const REQUESTS: readonly (readonly [label: string, request: PhraseCountRequest])[] = [
  ['recent against baseline window', { filters: {}, sides: WINDOWS, minTargetDocs: 1 }],
  ['a theme against the rest', { filters: {}, sides: { kind: 'theme', theme: 'fees' }, minTargetDocs: 1 }],
  ['a sub-theme in Lyon from April', { filters: { from: '2026-04-01', segments: { branch: 'Lyon' } }, sides: { kind: 'theme', theme: 'fees.card' }, minTargetDocs: 1 }],
  ['detractors at one step', { filters: { journey: 'support_contact', npsCategory: 'detractor' }, sides: { kind: 'theme', theme: 'app' }, minTargetDocs: 1 }],
  ['employees', { filters: { respondent: 'employee' }, sides: { kind: 'theme', theme: 'fees' }, minTargetDocs: 1 }],
  ['windows, both sides sampled', { filters: {}, sides: WINDOWS, maxDocs: 6, minTargetDocs: 1 }],
  ['a theme, sampled and cut to five phrases', { filters: {}, sides: { kind: 'theme', theme: 'fees' }, maxDocs: 9, minTargetDocs: 2, limit: 5 }],
  ['windows with the scope given, default thresholds', { filters: {}, sides: WINDOWS, scope: { target: 40, reference: 50 }, maxDocs: 20 }],
  ['nothing in scope', { filters: { source: 'nowhere' }, sides: WINDOWS }],
];

/** Both engines on one snapshot, the replica synced to it first. */
async function bothEngines(db: Kysely<Database>, file: string, request: PhraseCountRequest): Promise<{ source: PhraseCounts; replica: PhraseCounts }> {
  return inReportSnapshot(db, async (snapshot) => {
    const replica = await syncReplica(snapshot, file);
    try {
      const [source, counted] = await Promise.all([sourcePhraseCounts(snapshot, request), replicaPhraseCounts(replica.connection, request)]);
      return { source, replica: counted };
    } finally {
      replica.close();
    }
  });
}

/** Records whether any statement sent tokenises text in SQL (the source's `regexp_split_to_table`). */
class TokeniserSpy implements KyselyPlugin {
  tokenised = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    if (JSON.stringify(args.node).includes('regexp_split_to_table')) this.tokenised += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

forEachDatabase((database) => {
  let folder: string;
  let file: string;
  beforeAll(async () => {
    folder = await mkdtemp(path.join(tmpdir(), 'verbatim-t-replica-phrases-'));
    file = path.join(folder, 'analytics.duckdb');
    const { db } = database();
    await truncateAll(db);
    const answers = [...Array.from({ length: 90 }, (_, i) => answer(i + 1)), ...Array.from({ length: 8 }, (_, i) => answer(201 + i))];
    await insertVerbatims(db, answers);
    await saveEnrichments(db, answers);
  });
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
  });

  it.each(REQUESTS)('%s: the replica counts the same phrases as the source', async (_label, request) => {
    const { source, replica } = await bothEngines(database().db, file, request);
    expect(replica).toEqual(source);
  });

  it('the equalities are not vacuous: phrases found, sides sampled, a list cut', async () => {
    const { db } = database();
    const [plain, sampled, cut] = await Promise.all(
      [REQUESTS[0], REQUESTS[5], REQUESTS[6]].map((entry) => bothEngines(db, path.join(folder, `check-${entry?.[0].length ?? 0}.duckdb`), entry?.[1] ?? REQUESTS[0]![1])),
    );
    expect(plain?.replica.phrases.length).toBeGreaterThan(10);
    expect(plain?.replica.phrases.map((row) => row.phrase)).toEqual(expect.arrayContaining(['frais', 'τραπεζα', 'iyi hizmet']));
    expect(sampled?.replica.sampled).toBe(true);
    expect(sampled?.replica.target_docs).toBeGreaterThan(0);
    expect(sampled?.replica.target_docs).toBeLessThan(sampled?.replica.target_scope ?? 0);
    expect(sampled?.replica.reference_docs).toBeLessThan(sampled?.replica.reference_scope ?? 0);
    expect(cut?.replica.phrases).toHaveLength(5);
  });

  it('keeps counting the same phrases after incremental syncs that add, re-tag and forget comments', async () => {
    const { db } = database();
    const incremental = path.join(folder, 'incremental.duckdb');
    await bothEngines(db, incremental, REQUESTS[0]![1]);
    const added = [answer(301, { text: 'Zorglub au guichet, zorglub partout' }), answer(302, { text: 'Zorglub encore', authorKey: 'a_victim' }), answer(303, { text: 'Quetzalcoatl frais secrets', authorKey: 'a_victim' })];
    await insertVerbatims(db, added);
    await saveEnrichments(db, added);
    await saveEnrichments(db, [answer(4, { themes: [mention('app', -0.2)] }), answer(5, { themes: [] })]);
    const steps = [async () => undefined, async () => void (await forgetAuthor(db, ['a_victim']))];
    for (const step of steps) {
      await step();
      const synced = await inReportSnapshot(db, async (snapshot) => {
        const replica = await syncReplica(snapshot, incremental);
        try {
          const dictionary = await replica.connection.runAndReadAll('select phrase from phrases');
          // Rows the file stores, deleted ones included, beyond those it shows.
          const deleted = await replica.connection.runAndReadAll(`select
            (select sum(count) from pragma_storage_info('verbatim_phrases') where column_name = 'row_id' and segment_type <> 'VALIDITY') - (select count(*) from verbatim_phrases) as phrase_rows,
            (select sum(count) from pragma_storage_info('phrases') where column_name = 'phrase' and segment_type <> 'VALIDITY') - (select count(*) from phrases) as entries`);
          return {
            applied: replica.applied !== null,
            compacted: replica.applied?.compacted,
            deleted: deleted.getRowObjectsJS().map((row) => [Number(row['phrase_rows']), Number(row['entries'])])[0],
            phrases: dictionary.getRowObjectsJS().map((row) => String(row['phrase'])),
          };
        } finally {
          replica.close();
        }
      });
      expect(synced.applied).toBe(true);
      // After the forget, the file is rewritten: no deleted phrase row or entry is left in it.
      expect(synced.compacted).toBe(step === steps[1]);
      if (step === steps[1]) expect(synced.deleted).toEqual([0, 0]);
      for (const [label, request] of REQUESTS) {
        const { source, replica } = await bothEngines(db, incremental, request);
        expect(replica, label).toEqual(source);
      }
      expect(synced.phrases).toContain('zorglub');
      // The forgotten comment's own words leave the dictionary; shared ones stay.
      expect(synced.phrases.includes('quetzalcoatl')).toBe(step === steps[0]);
      expect(synced.phrases).toContain('frais');
    }
  });

  it('a report and a root cause on the replica tokenise no text; on the source they do', async () => {
    const spy = new TokeniserSpy();
    const db = database().db.withPlugin(spy);
    const options = { minCount: 2, emerging: { recentDays: 31, baselineDays: 60 } };
    const [report, rootCause] = [await buildReport(db, {}, NOW, { ...options, replicaPath: file }), await buildRootCause(db, {}, 'fees', NOW, { replicaPath: file })];
    expect(spy.tokenised).toBe(0);
    expect(rootCause.phrases.length).toBeGreaterThan(0);
    const [sourceReport, sourceRootCause] = [await buildReport(db, {}, NOW, options), await buildRootCause(db, {}, 'fees', NOW)];
    expect(spy.tokenised).toBe(2);
    expect(report.emerging).toEqual(sourceReport.emerging);
    expect(rootCause).toEqual(sourceRootCause);
  });

  it("a scoped report's root_cause section (the dashboard's theme page, /api/report?theme=) counts on the replica too", async () => {
    const spy = new TokeniserSpy();
    const db = database().db.withPlugin(spy);
    const scope = { filters: {}, role: {}, theme: 'fees' };
    const { root_cause: onReplica } = await reportForScope(db, scope, ['root_cause'], NOW, { replicaPath: file });
    expect(spy.tokenised).toBe(0);
    const { root_cause: onSource } = await reportForScope(db, scope, ['root_cause'], NOW);
    expect(spy.tokenised).toBe(1);
    expect({ ...onReplica, generated_at: '' }).toEqual({ ...onSource, generated_at: '' });
    expect(onReplica.phrases.length).toBeGreaterThan(0);
  });
});
