import { href, single } from '../filters.js';
import { themeLabel } from '../../analysis/theme-labels.js';
import { html } from '../html.js';
import { countVerbatims } from '../queries/count-verbatims.js';
import { everyVerbatim, pageVerbatims } from '../queries/verbatims-page.js';
import type { PageHandler } from './page.js';
import { csvHref } from './links.js';
import { pageThemeLabels } from './theme-labels.js';
import { verbatimList, verbatimsTable } from './verbatim-list.js';

const PER_PAGE = 25;

/** Verbatim search: words of the text (case and accents aside), a theme, and the filters; how many match, then newest first, page by page. */
export const searchPage: PageHandler = async ({ db, cache, minGroup, filters, params, path, query, options, acceptLanguage }) => {
  const q = single(query, 'q');
  const theme = single(query, 'theme');
  const cursor = single(query, 'cursor');
  const wanted = { ...filters, q, theme };
  // The total does not change from page to page: counted once per search until the data changes.
  const [page, total, labels] = await Promise.all([
    pageVerbatims(db, wanted, { limit: PER_PAGE, cursor, minGroup }),
    cache.get(`search-total:${JSON.stringify([wanted, minGroup])}`, () => countVerbatims(db, wanted, { minGroup })),
    pageThemeLabels({ db, cache, query, acceptLanguage }),
  ]);
  const keep = { q, theme };
  const table = verbatimsTable(page.verbatims, { all: () => everyVerbatim(db, wanted, { minGroup }) });
  const more = page.nextCursor === null ? '' : html`<p><a class="more" href="${href(path, params, { ...keep, cursor: page.nextCursor })}">Older verbatims →</a></p>`;
  const body = html`<form method="get" action="${path}" class="search" role="search">
${[...params.entries()].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`)}
<label>Words<input type="search" name="q" value="${q ?? ''}" placeholder="frais, attente, app…"></label>
<label>Theme<select name="theme"><option value="">any</option>${options.themes.map((t) => html`<option value="${t}"${t === theme ? html` selected` : ''}>${themeLabel(labels, t)}</option>`)}</select></label>
<button type="submit">Search</button>
</form>
<p class="summary"><strong class="total">${plural(total, 'verbatim')}</strong> match · ${page.verbatims.length} verbatims shown${cursor === undefined ? '' : ' (older page)'} · <a class="csv" href="${csvHref(path, params, 'verbatims', keep)}" download>CSV (every match)</a></p>
${verbatimList(page.verbatims, params, undefined, labels)}
${more}`;
  return { title: 'Search', body, tables: [table], keep: ['q', 'theme'] };
};

/** `1 verbatim`, `1,234 verbatims`. */
function plural(count: number, noun: string): string {
  return `${count.toLocaleString('en-US')} ${noun}${count === 1 ? '' : 's'}`;
}
