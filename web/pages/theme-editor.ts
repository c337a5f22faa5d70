import type { Taxonomy, TaxonomyDiff } from '../../analysis/taxonomy-editing.js';
import type { TaxonomyPreview, ThemeChange } from '../../analysis/taxonomy-preview.js';
import type { SuggestedTheme } from '../../analysis/untagged-clusters.js';
import type { TaxonomyVersionSummary } from '../../db/taxonomy-versions.table.js';
import { html, type SafeHtml } from '../html.js';
import type { RetagJobState } from '../theme-editor-jobs.js';
import { EDIT_FIELDS, type FormBody, field } from '../theme-editor-form.js';

/** What the theme editor page shows. */
export interface ThemeEditorView {
  readonly csrf: string;
  readonly active: { readonly version: number; readonly taxonomy: Taxonomy; readonly retagged: boolean };
  readonly history: readonly TaxonomyVersionSummary[];
  readonly job: RetagJobState;
  /** After Preview: the posted form, the taxonomy diff and the re-tag in memory. */
  readonly preview?: { readonly form: FormBody; readonly summary: string; readonly diff: TaxonomyDiff; readonly result: TaxonomyPreview; readonly labels: ReadonlyMap<string, string> };
  /** A refused edit: what was wrong. */
  readonly error?: string;
  /** Clusters of untagged verbatims (the report's suggested themes), each a candidate new theme. */
  readonly suggested?: readonly SuggestedTheme[];
  /** The create form filled from a suggested theme (`?suggest=ID`). */
  readonly create?: { readonly id: string; readonly label: string; readonly words: string };
}

const when = (date: Date): string => date.toISOString().slice(0, 16).replace('T', ' ');
const signed = (value: number | null): string => (value === null ? '—' : `${value > 0 ? '+' : ''}${value.toFixed(1)}`);
const LANGS = ['fr', 'en', 'es', 'de', 'it', 'nl', 'pt'];

/**
 * `/themes/edit`: the taxonomy's themes with their labels and words, one form per edit
 * (each previewed before it is applied), the preview, the re-tag progress and the history
 * with undo. Every form is a CSRF-checked POST.
 */
export function themeEditorBody(view: ThemeEditorView): SafeHtml {
  return html`<link rel="stylesheet" href="/assets/theme-editor.css">
${view.error === undefined ? '' : html`<section class="card error" role="alert" id="edit-error"><p>${view.error}</p></section>`}
${view.preview === undefined ? '' : previewSection(view, view.preview)}
${progressSection(view)}
<section class="card" aria-labelledby="edit-heading"><h2 id="edit-heading">Change a theme</h2>
<p class="summary">Every change is previewed first: the stored verbatims are re-tagged in memory with the edited taxonomy. Theme ids never change (a rename changes the label), so trends stay continuous.</p>
<div class="edit-forms">${editForms(view)}</div>
</section>
${themeTable(view.active.taxonomy)}
${historySection(view)}
<script src="/assets/theme-editor.js" defer></script>`;
}

function hidden(name: string, value: string): SafeHtml {
  return html`<input type="hidden" name="${name}" value="${value}">`;
}

function themeOptions(taxonomy: Taxonomy, withNone?: string): SafeHtml {
  return html`${withNone === undefined ? '' : html`<option value="">${withNone}</option>`}${taxonomy.themes.map((theme) => html`<option value="${theme.id}">${theme.label} (${theme.id})</option>`)}`;
}

function langSelect(): SafeHtml {
  return html`<label>Language<select name="lang">${LANGS.map((lang) => html`<option value="${lang}">${lang}</option>`)}</select></label>`;
}

function form(view: ThemeEditorView, op: string, title: string, fields: SafeHtml): SafeHtml {
  return html`<form method="post" action="/themes/edit/preview" class="edit-form" data-op="${op}" aria-label="${title}">
${hidden('_csrf', view.csrf)}${hidden('op', op)}
<fieldset><legend>${title}</legend>${fields}<div class="actions"><button type="submit">Preview</button></div></fieldset>
</form>`;
}

function editForms(view: ThemeEditorView): SafeHtml {
  const { taxonomy } = view.active;
  const theme = html`<label>Theme<select name="theme">${themeOptions(taxonomy)}</select></label>`;
  return html`${form(view, 'label', 'Rename (labels)', html`${theme}<label>Label (English)<input name="label" maxlength="120"></label><label>Label (French)<input name="label_fr" maxlength="120"></label>`)}
${form(view, 'merge', 'Merge', html`<label>Merge<select name="from">${themeOptions(taxonomy)}</select></label><label>into<select name="into">${themeOptions(taxonomy)}</select></label>`)}
${form(view, 'split', 'Split (move terms to a new theme)', html`${theme}<label>New id<input name="id" placeholder="card_fees" pattern="[a-z][a-z0-9_.]*"></label><label>New label<input name="label" maxlength="120"></label>${langSelect()}<label>Terms to move<input name="words" placeholder="carte, cb"></label>`)}
${form(view, 'move', 'Move under a parent', html`${theme}<label>Parent<select name="parent">${themeOptions(taxonomy, '(top level)')}</select></label>`)}
${form(view, 'add-words', 'Add terms or phrases', html`${theme}${kindSelect()}${langSelect()}<label>Words<input name="words" placeholder="frais cachés, agios"></label>`)}
${form(view, 'remove-words', 'Remove terms or phrases', html`${theme}${kindSelect()}${langSelect()}<label>Words<input name="words"></label>`)}
${form(view, 'add-examples', 'Add example verbatims', html`${theme}<label>Examples (one a line)<textarea name="examples" rows="2"></textarea></label>`)}
${form(view, 'create', 'New theme (e.g. from a suggested one)', html`<label>Id<input name="id" placeholder="mobile_payments" pattern="[a-z][a-z0-9_.]*" value="${view.create?.id ?? ''}"></label><label>Label<input name="label" maxlength="120" value="${view.create?.label ?? ''}"></label>${langSelect()}<label>Top terms<input name="words" placeholder="apple pay, google pay" value="${view.create?.words ?? ''}"></label><label>Parent<select name="parent">${themeOptions(taxonomy, '(top level)')}</select></label>`)}
${suggestedList(view.suggested ?? [])}`;
}

/** The suggested themes, each a link that fills the create form with its seed and top phrases. */
function suggestedList(suggested: readonly SuggestedTheme[]): SafeHtml {
  if (suggested.length === 0) return html``;
  return html`<div class="suggested" id="suggested"><h3>Suggested themes (untagged verbatims)</h3><ul>${suggested.map(
    (theme) => html`<li><a href="/themes/edit?suggest=${theme.id}#edit-heading">${theme.seed}</a> — about ${theme.estimated_size} verbatims; ${theme.top_phrases
      .slice(0, 5)
      .map((phrase) => phrase.phrase)
      .join(', ')}</li>`,
  )}</ul></div>`;
}

/** What the create form takes from a suggested theme: an id and a label from its seed, its seed and top phrases as terms. */
export function createFromSuggested(theme: SuggestedTheme): { id: string; label: string; words: string } {
  const id = theme.seed.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '_').replace(/^_+|_+$/g, '').replace(/^(\d)/, 't_$1');
  const label = theme.seed.charAt(0).toUpperCase() + theme.seed.slice(1);
  const words = [...new Set([theme.seed, ...theme.top_phrases.slice(0, 4).map((phrase) => phrase.phrase)])].join(', ');
  return { id: id === '' ? 'new_theme' : id, label, words };
}

function kindSelect(): SafeHtml {
  return html`<label>List<select name="kind"><option value="terms">terms</option><option value="phrases">phrases</option><option value="stems">stems</option><option value="exclude">exclusions</option></select></label>`;
}

function previewSection(view: ThemeEditorView, preview: NonNullable<ThemeEditorView['preview']>): SafeHtml {
  const { result, diff, labels } = preview;
  const label = (id: string): string => labels.get(id) ?? id;
  const changes = [
    ...diff.added.map((theme) => `new theme ${theme.id} “${theme.label}”`),
    ...diff.removed.map((theme) => `theme ${theme.id} removed`),
    ...diff.relabelled.map((theme) => `${theme.id}: “${theme.from}” → “${theme.to}”`),
    ...diff.moved.map((theme) => `${theme.id}: parent ${theme.from ?? '(none)'} → ${theme.to ?? '(none)'}`),
    ...diff.aliases.map((theme) => `${theme.id}: aliases ${[...theme.added.map((w) => `+${w}`), ...theme.removed.map((w) => `−${w}`)].join(' ')}`),
    ...diff.words.flatMap((theme) => theme.changes.map((change) => `${theme.id}: ${change.lang ?? ''} ${change.kind} ${[...change.added.map((w) => `+${w}`), ...change.removed.map((w) => `−${w}`)].join(' ')}`)),
  ];
  const rows = result.themes.map((theme: ThemeChange) => html`<tr data-theme="${theme.theme}">
<th scope="row">${label(theme.theme)}</th>
<td class="num gained">${theme.gained}</td><td class="num lost">${theme.lost}</td>
<td class="num">${theme.mentionsBefore} → ${theme.mentionsAfter}</td>
<td class="num">${signed(theme.impactBefore)} → ${signed(theme.impactAfter)}</td>
<td>${samples(theme)}</td></tr>`);
  return html`<section class="card preview" id="preview" aria-labelledby="preview-heading"><h2 id="preview-heading">Preview: ${preview.summary}</h2>
<ul class="diff">${changes.map((change) => html`<li>${change}</li>`)}</ul>
<p class="summary" id="preview-counts" data-changed="${String(result.changed)}" data-scanned="${String(result.scanned)}">${result.changed} of ${result.scanned} verbatims would change themes.</p>
<div class="table-wrap"><table id="table-preview"><caption>Verbatims gained and lost, and the driver table before → after (customers’ answers)</caption>
<thead><tr><th scope="col">Theme</th><th scope="col" class="num">Gain</th><th scope="col" class="num">Lose</th><th scope="col" class="num">Mentions</th><th scope="col" class="num">NPS impact</th><th scope="col">Examples</th></tr></thead>
<tbody>${rows}</tbody></table></div>
<form method="post" action="/themes/edit/apply" class="apply-form" aria-label="Apply">
${hidden('_csrf', view.csrf)}${hidden('base', String(view.active.version))}
${EDIT_FIELDS.map((name) => (field(preview.form, name) === '' ? '' : hidden(name, field(preview.form, name))))}
<label>Message<input name="message" maxlength="300" value="${preview.summary}"></label>
<div class="actions"><button type="submit" id="apply">Apply and re-tag</button> <a href="/themes/edit">Cancel</a></div>
</form></section>`;
}

function samples(theme: ThemeChange): SafeHtml {
  const items = [...theme.gainedSamples.slice(0, 2).map((s) => ({ ...s, sign: '+' })), ...theme.lostSamples.slice(0, 2).map((s) => ({ ...s, sign: '−' }))];
  return html`${items.map((item) => html`<div class="sample"><b>${item.sign}</b> <a href="/search?q=${encodeURIComponent(item.text.slice(0, 60))}">${item.id}</a> ${item.text.length > 140 ? `${item.text.slice(0, 140)}…` : item.text}</div>`)}`;
}

function progressSection(view: ThemeEditorView): SafeHtml {
  const { job, active } = view;
  const text =
    job.state === 'running'
      ? `Re-tagging with version ${String(job.version)}: ${job.done} of ${job.total}`
      : job.state === 'done'
        ? `Re-tag with version ${String(job.version)} done: ${job.done} verbatims`
        : job.state === 'failed'
          ? `Re-tag with version ${String(job.version)} failed: ${job.error ?? ''}`
          : active.retagged
            ? `Version ${active.version} is active; every verbatim carries its themes.`
            : `Version ${active.version} is active.`;
  // Idle with a version applied but never re-tagged to the end (the server stopped meanwhile): offer to finish it.
  const retag =
    job.state !== 'running' && !active.retagged && view.history.length > 1
      ? html` <form method="post" action="/themes/edit/retag" class="inline">${hidden('_csrf', view.csrf)}<button type="submit" id="retag-now">Re-tag every verbatim with version ${active.version}</button></form>`
      : '';
  return html`<section class="card" id="retag" data-state="${job.state}" aria-live="polite">
<p>${job.state === 'idle' ? '' : html`<progress id="retag-progress" max="${String(Math.max(job.total, 1))}" value="${String(job.done)}"></progress> `}<span id="retag-status">${text}</span>${retag}</p>
</section>`;
}

function themeTable(taxonomy: Taxonomy): SafeHtml {
  const words = (byLang: Readonly<Record<string, readonly string[]>>): string =>
    Object.entries(byLang)
      .filter(([lang]) => lang === 'fr' || lang === 'en')
      .map(([lang, list]) => `${lang}: ${list.slice(0, 12).join(', ')}${list.length > 12 ? ` … (+${list.length - 12})` : ''}`)
      .join(' · ');
  return html`<div class="table-wrap"><table id="table-taxonomy"><caption>Themes of the active version (French and English terms)</caption>
<thead><tr><th scope="col">Id</th><th scope="col">Label</th><th scope="col">French label</th><th scope="col">Parent</th><th scope="col">Terms</th><th scope="col">Phrases</th></tr></thead>
<tbody>${taxonomy.themes.map(
    (theme) => html`<tr data-theme="${theme.id}"><td><code>${theme.id}</code></td><td class="label">${theme.label}</td><td>${theme.labels?.['fr'] ?? ''}</td><td>${theme.parent ?? ''}</td><td>${words(theme.terms)}</td><td>${words(theme.phrases)}</td></tr>`,
  )}</tbody></table></div>`;
}

function historySection(view: ThemeEditorView): SafeHtml {
  const undo =
    view.history.length > 1 && view.active.version > Math.min(...view.history.map((row) => row.version))
      ? html`<form method="post" action="/themes/edit/undo" class="inline">${hidden('_csrf', view.csrf)}<button type="submit" id="undo">Undo (back to the version before ${view.active.version})</button></form>`
      : '';
  return html`<section class="card" aria-labelledby="history-heading"><h2 id="history-heading">History</h2>${undo}
<div class="table-wrap"><table id="table-history"><caption>Taxonomy versions, newest first</caption>
<thead><tr><th scope="col" class="num">Version</th><th scope="col">Date</th><th scope="col">Author</th><th scope="col">Message</th><th scope="col">State</th></tr></thead>
<tbody>${view.history.map(
    (row) => html`<tr data-version="${String(row.version)}"><td class="num">${row.version}</td><td>${when(row.created_at)}</td><td>${row.author}</td><td>${row.message}</td><td>${row.active ? html`<span class="status open">active</span>` : ''}</td></tr>`,
  )}</tbody></table></div></section>`;
}
