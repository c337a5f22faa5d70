import { FOLLOWUP_STATUSES, type FollowupStatus } from '../../db/followups.table.js';
import { canActOnFollowups } from '../auth.js';
import { href, single } from '../filters.js';
import { html } from '../html.js';
import { followupOwners, pageScopedFollowups, type FollowupItem } from '../queries/followups-list.js';
import { formatNumber, renderTable, type DataTable } from '../table.js';
import { BRANCH_KEY, bulkCloseForm, followupFilters, selectCell } from './followups-controls.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';
import { viewerReport, viewerScope } from '../viewer-report.js';

/** Rows a page: a programme works through a backlog a screen at a time. */
export const FOLLOWUPS_PER_PAGE = 50;

/** Rows the CSV of the table takes from where the page starts. */
const CSV_ROWS = 5_000;

/**
 * Detractor call-backs, overdue first, 50 a page (keyset: `cursor`), narrowed by
 * owner (`owner`) and branch (`segment=branch:X`, like every segment filter); analysts
 * and admins assign, close and bulk-close them here. Read-only like every GET:
 * follow-ups are opened where verbatims are written (import, `enrich`), so this page
 * and `/api/followups` list the same rows.
 */
export const followupsPage: PageHandler = async ({ db, minGroup, engine, now, filters, params, path, query, identity, csrf, options }) => {
  const askedStatus = single(query, 'status');
  const status = (FOLLOWUP_STATUSES as readonly string[]).includes(askedStatus ?? '') ? (askedStatus as FollowupStatus) : undefined;
  const owner = single(query, 'owner');
  const cursor = single(query, 'cursor');
  const limit = single(query, 'format') === 'csv' ? CSV_ROWS : FOLLOWUPS_PER_PAGE;
  const [page, owners, { followups: sla }] = await Promise.all([
    pageScopedFollowups(db, filters, now, { limit, status, assignee: owner, cursor }),
    followupOwners(db, { segments: identity.scope }),
    viewerReport(db, viewerScope(filters, identity.scope), ['followups'], now, { ...engine, overdueList: 0, minGroup }),
  ]);
  const rows = page.followups;
  const act = canActOnFollowups(identity);
  const view = { status, owner };
  const branchScoped = Object.hasOwn(identity.scope, BRANCH_KEY);
  const table: DataTable<FollowupItem> = {
    name: 'followups',
    caption: `Follow-ups${status === undefined ? '' : ` (${status})`}${owner === undefined ? '' : ` of ${owner}`}, overdue first`,
    rows,
    columns: [
      ...(act ? [{ key: 'select', label: 'Select', value: () => null, cell: selectCell }] : []),
      { key: 'id', label: '#', numeric: true, value: (r) => r.id },
      { key: 'state', label: 'State', value: (r) => (r.overdue ? 'overdue' : r.status), cell: (r) => html`<span class="status ${r.overdue ? 'overdue' : r.status}">${r.overdue ? 'overdue' : r.status}</span>` },
      { key: 'due_at', label: 'Due', value: (r) => r.due_at.toISOString(), cell: (r) => r.due_at.toISOString().slice(0, 16).replace('T', ' ') },
      { key: 'nps', label: 'NPS', numeric: true, value: (r) => r.nps },
      { key: 'text', label: 'Verbatim', value: (r) => r.text, cell: (r) => html`<span class="excerpt">${r.text}</span>` },
      { key: 'segments', label: 'Segments', value: (r) => JSON.stringify(r.segments), cell: (r) => Object.entries(r.segments).map(([k, v]) => `${k}: ${v}`).join(', ') },
      { key: 'assignee', label: 'Assignee', value: (r) => r.assignee },
      { key: 'note', label: 'Note', value: (r) => r.note, csvOnly: !act },
      { key: 'close_reason', label: 'Closed because', value: (r) => r.close_reason, csvOnly: !act },
      ...(act
        ? [
            {
              key: 'actions',
              label: 'Actions',
              value: () => null,
              csvOnly: false,
              cell: (r: FollowupItem) =>
                r.status === 'closed'
                  ? ''
                  : html`<form method="post" action="/followups/${String(r.id)}/assign" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input name="assignee" required maxlength="100" placeholder="who" aria-label="Assignee of #${String(r.id)}"><button type="submit">Assign</button></form>
<form method="post" action="/followups/${String(r.id)}/close" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><input name="note" maxlength="1000" placeholder="what was done" aria-label="Note for #${String(r.id)}"><button type="submit">Close</button></form>`,
            },
          ]
        : []),
    ],
  };
  const tabs = [undefined, ...FOLLOWUP_STATUSES].map(
    (value) => html`<a href="${href(path, params, { ...view, status: value })}"${value === status ? html` aria-current="true"` : ''}>${value ?? 'all'}</a>`,
  );
  // The owner/branch form keeps the rest of the view, but not the branch it sets nor the page.
  const kept = new URLSearchParams([...params].filter(([name, value]) => !(name === 'segment' && value.startsWith(`${BRANCH_KEY}:`))));
  if (status !== undefined) kept.set('status', status);
  const filterForm = followupFilters({
    path,
    params: kept,
    owners,
    owner,
    branches: branchScoped ? [] : options.segments.filter((pair) => pair.key === BRANCH_KEY).map((pair) => pair.value),
    branch: branchScoped ? undefined : filters.segments[BRANCH_KEY],
  });
  const next = page.nextCursor === null ? '' : html` · <a class="more" href="${href(path, params, { ...view, cursor: page.nextCursor })}">Next ${String(FOLLOWUPS_PER_PAGE)} →</a>`;
  const first = cursor === undefined ? '' : html` · <a href="${href(path, params, view)}">First page</a>`;
  const pager = html`<p class="summary pager">${formatNumber(rows.length)} follow-ups shown${cursor === undefined ? '' : ' (a later page)'}${first}${next}</p>`;
  const body = html`<section class="cards" aria-label="Call-back SLA">
<div class="card" id="card-overdue"><div class="label">Overdue</div><div class="value impact down" data-value="${sla.overdue}">${formatNumber(sla.overdue)}</div><div class="sub">not closed ${sla.due_hours} h after the answer</div></div>
<div class="card" id="card-open"><div class="label">Open · assigned</div><div class="value" data-value="${sla.open + sla.assigned}">${formatNumber(sla.open + sla.assigned)}</div><div class="sub">${formatNumber(sla.open)} open · ${formatNumber(sla.assigned)} assigned</div></div>
<div class="card" id="card-compliance"><div class="label">Closed in time</div><div class="value" data-value="${sla.compliance === null ? '' : String(sla.compliance)}">${sla.compliance === null ? '–' : `${(sla.compliance * 100).toFixed(1)} %`}</div><div class="sub">${formatNumber(sla.closed_in_time)} of ${formatNumber(sla.due)} due · ${formatNumber(sla.closed)} closed</div></div>
</section>
<p class="tabs">${tabs}</p>
${filterForm}
${act ? bulkCloseForm(rows, csrf, href(path, params, { ...view, cursor })) : ''}
${renderTable(table, { csvHref: csvHref(path, params, 'followups', view) })}
${pager}`;
  const csvColumns = table.columns.filter((column) => column.key !== 'actions' && column.key !== 'select');
  return { title: 'Follow-ups', body, tables: [{ ...table, columns: csvColumns }], keep: ['status', 'owner'] };
};
