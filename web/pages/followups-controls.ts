import { MAX_CLOSE_REASON_LENGTH } from '../../db/followups.table.js';
import { html, type SafeHtml } from '../html.js';
import type { FollowupItem } from '../queries/followups-list.js';

/** The segment key the branch filter offers (one segment filter of the dashboard, `segment=branch:X`). */
export const BRANCH_KEY = 'branch';

/** The form id the row checkboxes belong to (`form=` attribute: rows sit outside the form). */
export const BULK_FORM_ID = 'bulk-close';

interface FilterInput {
  readonly path: string;
  /** The view's query parameters (filters, status), without owner, branch and cursor. */
  readonly params: URLSearchParams;
  readonly owners: readonly string[];
  readonly owner: string | undefined;
  /** Branch values offered; empty when the token's scope fixes the branch. */
  readonly branches: readonly string[];
  readonly branch: string | undefined;
}

/**
 * Owner and branch filters: a GET form that keeps the rest of the view (hidden fields)
 * and starts again at the first page.
 */
export function followupFilters(input: FilterInput): SafeHtml {
  const hidden = [...input.params].map(([name, value]) => html`<input type="hidden" name="${name}" value="${value}">`);
  // A value asked for but not offered (an owner with nothing left in view) stays selected, not silently dropped.
  const options = (offered: readonly string[], selected: string | undefined, valueOf: (value: string) => string) =>
    (selected !== undefined && !offered.includes(selected) ? [selected, ...offered] : offered).map((value) => html`<option value="${valueOf(value)}"${value === selected ? html` selected` : ''}>${value}</option>`);
  const branch =
    input.branches.length === 0
      ? ''
      : html`<label>Branch <select name="segment"><option value="">all</option>${options(input.branches, input.branch, (value) => `${BRANCH_KEY}:${value}`)}</select></label>`;
  return html`<form method="get" action="${input.path}" class="inline followup-filters">${hidden}
<label>Owner <select name="owner"><option value="">anyone</option>${options(input.owners, input.owner, (value) => value)}</select></label>
${branch}<button type="submit">Show</button></form>`;
}

/** The checkbox of a row for the bulk form; closed rows have none. */
export function selectCell(row: FollowupItem): SafeHtml | string {
  if (row.status === 'closed') return '';
  return html`<input type="checkbox" name="ids" value="${String(row.id)}" form="${BULK_FORM_ID}" aria-label="Select #${String(row.id)}">`;
}

/**
 * Bulk close: the checked rows, or every open row shown on this page, with one reason.
 * CSRF-protected like the row forms; `back` returns to this very page.
 */
export function bulkCloseForm(rows: readonly FollowupItem[], csrf: string, back: string): SafeHtml | string {
  const shown = rows.filter((row) => row.status !== 'closed').map((row) => row.id);
  if (shown.length === 0) return '';
  return html`<form method="post" action="/followups/close" id="${BULK_FORM_ID}" class="inline bulk-close"><input type="hidden" name="_csrf" value="${csrf}"><input type="hidden" name="back" value="${back}"><input type="hidden" name="shown" value="${shown.join(',')}">
<input name="reason" required maxlength="${String(MAX_CLOSE_REASON_LENGTH)}" placeholder="why closed without a call" aria-label="Reason for closing">
<button type="submit" name="which" value="checked">Close selected</button> <button type="submit" name="which" value="shown">Close all ${String(shown.length)} shown</button></form>`;
}
