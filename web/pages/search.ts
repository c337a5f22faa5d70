import { href, single } from '../filters.js';
import { html } from '../html.js';
import { everyVerbatim, pageVerbatims } from '../queries/verbatims-page.js';
import type { PageHandler } from './page.js';
import { csvHref } from './links.js';
import { verbatimList, verbatimsTable } from './verbatim-list.js';

const PER_PAGE = 25;

/** Verbatim search: words of the text, a theme, and the filters; newest first, page by page. */
export const searchPage: PageHandler = async ({ db, minGroup, filters, params, path, query, options }) => {
  const q = single(query, 'q');
  const theme = single(query, 'theme');
  const cursor = single(query, 'cursor');
  const wanted = { ...filters, q, theme };
  const page = await pageVerbatims(db, wanted, { limit: PER_PAGE, cursor, minGroup });
  const keep = { q, theme };
  const table = verbatimsTable(page.verbatims, { all: () => everyVerbatim(db, wanted, { minGroup }) });
  const more = page.nextCursor === null ? '' : html`<p><a class="more" href="${href(path, params, { ...keep, cursor: page.nextCursor })}">Older verbatims →</a></p>`;
  const body = html`<form method="get" action="${path}" class="search" role="search">
${[...params.entries()].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<label>Words<input type="search" name="q" value="${q ?? ''}" placeholder="frais, attente, app…"></label>
<label>Theme<select name="theme"><option value="">any</option>${options.themes.map((t) => html`<option value="${t}"${t === theme ? html` selected` : ''}>${t}</option>`)}</select></label>
<button type="submit">Search</button>
</form>
<p class="summary">${page.verbatims.length} verbatims shown${cursor === undefined ? '' : ' (older page)'} · <a class="csv" href="${csvHref(path, params, 'verbatims', keep)}" download>CSV (every match)</a></p>
${verbatimList(page.verbatims, params)}
${more}`;
  return { title: 'Search', body, tables: [table], keep: ['q', 'theme'] };
};
