import type { TokenIdentity } from '../../db/tokens.table.js';
import { JOURNEY_STEPS, NPS_CATEGORIES, RESPONDENTS } from '../../core/vocabulary.js';
import { href, single, type RawQuery, type ViewFilters } from '../filters.js';
import { html, jsonForScript, type HtmlValue, type SafeHtml } from '../html.js';
import type { FilterOptions } from '../queries/filter-options.js';

/** The dashboard's pages, in menu order. */
export const NAV = [
  { path: '/', label: 'Overview' },
  { path: '/themes', label: 'Themes' },
  { path: '/drivers', label: 'Drivers' },
  { path: '/breakdowns', label: 'Breakdowns' },
  { path: '/journey', label: 'Journey' },
  { path: '/moments', label: 'Moments' },
  { path: '/followups', label: 'Follow-ups' },
  { path: '/search', label: 'Search' },
  { path: '/compare', label: 'Compare' },
  { path: '/alerts', label: 'Alerts' },
] as const;

/** A bare page (sign-in, errors): no menu, no filters. */
export function documentPage(title: string, body: SafeHtml, options: { scripts?: boolean } = {}): string {
  const scripts =
    options.scripts === true ? html`<script src="/assets/vendor/chart.umd.min.js" defer></script><script src="/assets/dashboard.js" defer></script>` : '';
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · verbatim</title>
<link rel="stylesheet" href="/assets/dashboard.css">
${scripts}
</head>
<body>
${body}
</body>
</html>
`.value;
}

export interface LayoutInput {
  readonly title: string;
  readonly path: string;
  readonly identity: TokenIdentity;
  readonly filters: ViewFilters;
  readonly params: URLSearchParams;
  readonly query: RawQuery;
  readonly keep: readonly string[];
  readonly options: FilterOptions;
  readonly csrf: string;
  readonly body: SafeHtml;
  readonly charts: Readonly<Record<string, unknown>> | undefined;
  /** False on pages that are not views of the data (token admin). */
  readonly showFilters?: boolean;
}

const NO_FILTER_OPTIONS: FilterOptions = { sources: [], languages: [], journeys: [], segments: [], themes: [] };

/** A page of the dashboard that is not a view of the data (token admin, theme editor): no filters, no charts. */
export function toolPage(input: Pick<LayoutInput, 'title' | 'path' | 'identity' | 'csrf' | 'body'>): string {
  return dashboardPage({
    ...input,
    filters: { segments: {} },
    params: new URLSearchParams(),
    query: {},
    keep: [],
    options: NO_FILTER_OPTIONS,
    charts: undefined,
    showFilters: false,
  });
}

/** A dashboard page: menu (links keep the filters), who is signed in, the filter form, the body, the chart data. */
export function dashboardPage(input: LayoutInput): string {
  const { identity, params } = input;
  const section = input.path === '/themes/edit' ? undefined : NAV.find((item) => (item.path === '/' ? input.path === '/' : input.path.startsWith(item.path)))?.path;
  const nav = NAV.map(
    (item) => html`<a href="${href(item.path, params)}"${item.path === section ? html` aria-current="page"` : ''}>${item.label}</a>`,
  );
  const editor = identity.role === 'viewer' ? '' : html`<a href="/themes/edit"${input.path === '/themes/edit' ? html` aria-current="page"` : ''}>Edit themes</a>`;
  const admin = identity.role === 'admin' ? html`<a href="/admin/tokens"${input.path.startsWith('/admin') ? html` aria-current="page"` : ''}>Tokens</a>` : '';
  const scope = Object.entries(identity.scope).map(([key, value]) => `${key}=${value}`).join(', ');
  const charts = input.charts === undefined ? '' : html`<script type="application/json" id="chart-data">${jsonForScript(input.charts)}</script>`;
  return documentPage(
    input.title,
    html`<header class="top">
<a class="brand" href="${href('/', params)}">verbatim</a>
<nav aria-label="Pages">${nav}${editor}${admin}</nav>
<div class="who"><span class="role" data-role="${identity.role}">${identity.role}</span>${scope === '' ? '' : html` <span class="scope" title="Every number and row is limited to this scope">${scope}</span>`}
<form method="post" action="/logout" class="inline"><input type="hidden" name="_csrf" value="${input.csrf}"><button type="submit">Sign out</button></form></div>
</header>
<main>
<h1>${input.title}</h1>
${input.showFilters === false ? '' : filterForm(input)}
${input.body}
</main>
${charts}`,
    { scripts: true },
  );
}

function select(name: string, label: string, values: readonly string[], selected: string | undefined, labels: (value: string) => string = (v) => v): SafeHtml {
  const all = selected !== undefined && !values.includes(selected) ? [selected, ...values] : values;
  return html`<label>${label}<select name="${name}"><option value="">all</option>${all.map(
    (value) => html`<option value="${value}"${value === selected ? html` selected` : ''}>${labels(value)}</option>`,
  )}</select></label>`;
}

/** The filter form: a GET form, so the filters live in the URL and a view can be shared. */
function filterForm(input: LayoutInput): SafeHtml {
  const { filters, options, identity } = input;
  const scopedKeys = new Set(Object.keys(identity.scope));
  const segmentChoices = options.segments.filter((pair) => !scopedKeys.has(pair.key)).map((pair) => `${pair.key}:${pair.value}`);
  const asked = Object.entries(filters.segments).filter(([key]) => !scopedKeys.has(key)).map(([key, value]) => `${key}:${value}`);
  const kept: HtmlValue[] = input.keep.flatMap((name) => {
    const value = single(input.query, name);
    return value === undefined ? [] : [html`<input type="hidden" name="${name}" value="${value}">`];
  });
  return html`<form method="get" action="${input.path}" class="filters" aria-label="Filters">
<label>From<input type="date" name="from" value="${filters.from ?? ''}"></label>
<label>To<input type="date" name="to" value="${filters.to ?? ''}"></label>
${select('segment', 'Segment', segmentChoices, asked[0])}
${select('source', 'Source', options.sources, filters.source)}
${select('lang', 'Language', options.languages, filters.lang)}
${select('journey', 'Journey step', options.journeys.length > 0 ? options.journeys : JOURNEY_STEPS, filters.journey)}
${select('nps_category', 'NPS category', NPS_CATEGORIES, filters.npsCategory)}
${select('respondent', 'Respondents', RESPONDENTS, filters.respondent, (value) => (value === 'customer' ? 'customers (NPS)' : 'employees (eNPS)'))}
${kept}
<div class="actions"><button type="submit">Apply</button> <a href="${input.path}">Clear</a></div>
</form>`;
}
