import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { previewTaxonomy } from '../analysis/taxonomy-preview.js';
import { clusterUntagged } from '../analysis/untagged-clusters.js';
import {
  activeTaxonomy,
  applyEdit,
  diffTaxonomies,
  idMapOf,
  isEmptyDiff,
  storeTaxonomyVersion,
  undoTaxonomyVersion,
  type Taxonomy,
  type TaxonomyTagging,
  type TaxonomyVersion,
  type VersionNote,
} from '../analysis/taxonomy-editing.js';
import { ConfigError } from '../core/errors.js';
import type { Database } from '../db/schema.js';
import { listTaxonomyVersions } from '../db/taxonomy-versions.table.js';
import { identityOf, requireRole, sessionAuth } from './auth.js';
import type { ReportCache } from './data-version.js';
import { ApiError } from './errors.js';
import { toolPage } from './pages/layout.js';
import { createFromSuggested, themeEditorBody, type ThemeEditorView } from './pages/theme-editor.js';
import { single, type RawQuery } from './filters.js';
import { describeEdit, editFromForm, field, type FormBody } from './theme-editor-form.js';
import type { RetagJobs } from './theme-editor-jobs.js';


export interface ThemeEditorOptions {
  readonly db: Kysely<Database>;
  readonly now: () => Date;
  /** The pipeline's tagging (the CLI's `serve` gives it; web/ cannot load the models itself). */
  readonly tagging: TaxonomyTagging;
  /** The active version when none is stored yet (the taxonomy the installation started with). */
  readonly seed: () => Promise<{ readonly taxonomy: Taxonomy; readonly note: VersionNote }>;
  readonly jobs: RetagJobs;
  /** Memoizes the suggested themes until the data changes (they cluster every untagged verbatim). */
  readonly cache: ReportCache;
  /** Finds the suggested themes; default `clusterUntagged` (tests count its calls). */
  readonly suggest?: typeof clusterUntagged;
}

/**
 * The theme editor (analysts and admins; viewers get 403): `GET /themes/edit`, `POST
 * /themes/edit/preview` (re-tags in memory, stores nothing), `POST /themes/edit/apply`
 * (a new version, then a background re-tag), `POST /themes/edit/undo`, `POST
 * /themes/edit/retag` (the active version again, after a re-tag was cut short), and `GET
 * /themes/edit/progress` (JSON the page polls). POSTs are CSRF-checked.
 */
export function registerThemeEditorRoutes(app: FastifyInstance, options: ThemeEditorOptions): void {
  const { db, now, tagging, jobs, cache, suggest = clusterUntagged } = options;
  const read = [sessionAuth(db, now), requireRole('admin', 'analyst')];
  const write = [sessionAuth(db, now), app.csrfProtection, requireRole('admin', 'analyst')];

  const active = async (): Promise<TaxonomyVersion> => {
    const seed = await options.seed();
    return activeTaxonomy(db, () => seed);
  };

  const render = async (request: FastifyRequest, reply: FastifyReply, extra: Pick<ThemeEditorView, 'preview' | 'error'> = {}, status = 200) => {
    const csrf = reply.generateCsrf();
    const version = await active();
    // The report's suggested themes (within the token's scope), a bounded sample: candidates for "New theme".
    // Cached by data version: an apply's re-tag or an import changes them, a page load does not.
    const scope = identityOf(request).scope;
    const suggested = (await cache.get(`theme-editor-suggested:${JSON.stringify(scope)}`, () => suggest(db, { segments: scope }, { maxSample: 2_000, maxClusters: 6 }))).clusters;
    const asked = single(request.query as RawQuery, 'suggest');
    const chosen = suggested.find((theme) => theme.id === asked);
    const view: ThemeEditorView = {
      csrf,
      active: { version: version.row.version, taxonomy: version.taxonomy, retagged: version.row.retagged_at !== null },
      history: await listTaxonomyVersions(db),
      job: jobs.current,
      suggested,
      ...(chosen === undefined ? {} : { create: createFromSuggested(chosen) }),
      ...extra,
    };
    return reply
      .code(status)
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        toolPage({ title: 'Theme editor', path: '/themes/edit', identity: identityOf(request), csrf, body: themeEditorBody(view) }),
      );
  };

  /** The edited taxonomy, or the edit's problem as a 400 page. */
  const edited = async (
    body: FormBody,
    base?: TaxonomyVersion,
  ): Promise<{ base: TaxonomyVersion; taxonomy: TaxonomyVersion['taxonomy']; summary: string; idMap: Readonly<Record<string, string>> } | { error: string }> => {
    const edit = editFromForm(body);
    base ??= await active();
    try {
      return { base, taxonomy: applyEdit(base.taxonomy, edit), summary: describeEdit(edit), idMap: idMapOf(edit) };
    } catch (error) {
      if (error instanceof ConfigError) return { error: error.message };
      throw error;
    }
  };

  app.get('/themes/edit', { preHandler: read }, (request, reply) => render(request, reply));

  app.get('/themes/edit/progress', { preHandler: read }, async (_request, reply) => reply.header('cache-control', 'no-store').send(jobs.current));

  app.post('/themes/edit/preview', { preHandler: write }, async (request, reply) => {
    const body = request.body as FormBody;
    const result = await edited(body);
    if ('error' in result) return render(request, reply, { error: result.error }, 400);
    const diff = diffTaxonomies(result.base.taxonomy, result.taxonomy);
    if (isEmptyDiff(diff)) return render(request, reply, { error: 'this edit changes nothing' }, 400);
    const preview = await previewTaxonomy(db, await tagging.tagger(result.taxonomy), { scope: identityOf(request).scope });
    const labels = new Map([...result.base.taxonomy.themes, ...result.taxonomy.themes].map((theme) => [theme.id, theme.label]));
    return render(request, reply, { preview: { form: body, summary: result.summary, diff, result: preview, labels } });
  });

  app.post('/themes/edit/apply', { preHandler: write }, async (request, reply) => {
    const body = request.body as FormBody;
    if (jobs.running) throw new ApiError('conflict', 'a re-tag is running: apply again once it is done');
    // A stale preview is a conflict whatever the edit: it was checked against a version no longer active.
    const current = await active();
    if (field(body, 'base') !== String(current.row.version)) {
      return render(request, reply, { error: `the taxonomy changed since the preview (version ${current.row.version} is active now): preview again` }, 409);
    }
    const result = await edited(body, current);
    if ('error' in result) return render(request, reply, { error: result.error }, 400);
    const identity = identityOf(request);
    const message = field(body, 'message').slice(0, 300) || result.summary;
    const stored = await storeTaxonomyVersion(db, result.taxonomy, { author: identity.label ?? `token #${identity.id}`, message, idMap: result.idMap, now: now() });
    jobs.start(stored.row.version, (onProgress, signal) => tagging.retag(stored.row.version, stored.taxonomy, onProgress, signal));
    return reply.redirect('/themes/edit', 303);
  });

  // A re-tag cut short (the server stopped, a failure): every verbatim re-tagged with the active version again.
  app.post('/themes/edit/retag', { preHandler: write }, async (_request, reply) => {
    if (jobs.running) throw new ApiError('conflict', 'a re-tag is running already');
    const current = await active();
    jobs.start(current.row.version, (onProgress, signal) => tagging.retag(current.row.version, current.taxonomy, onProgress, signal));
    return reply.redirect('/themes/edit', 303);
  });

  app.post('/themes/edit/undo', { preHandler: write }, async (_request, reply) => {
    if (jobs.running) throw new ApiError('conflict', 'a re-tag is running: undo once it is done');
    const back = await undoTaxonomyVersion(db);
    if (back === undefined) throw new ApiError('bad_request', 'the active version is the first: nothing to undo');
    jobs.start(back.row.version, (onProgress, signal) => tagging.retag(back.row.version, back.taxonomy, onProgress, signal));
    return reply.redirect('/themes/edit', 303);
  });
}
