import { openDetractorFollowups, FOLLOWUP_STATUSES, type FollowupStatus } from '../../db/followups.table.js';
import { canActOnFollowups } from '../auth.js';
import { href, single } from '../filters.js';
import { html } from '../html.js';
import { listScopedFollowups, type FollowupItem } from '../queries/followups-list.js';
import { renderTable, type DataTable } from '../table.js';
import { csvHref } from './links.js';
import type { PageHandler } from './page.js';

const MAX_ROWS = 500;

/** Detractor call-backs, overdue first; analysts and admins assign and close them here. */
export const followupsPage: PageHandler = async ({ db, now, filters, params, path, query, identity, csrf }) => {
  // Detractors answered since the last visit get their follow-up (idempotent, as `followups list` does).
  await openDetractorFollowups(db, now);
  const askedStatus = single(query, 'status');
  const status = (FOLLOWUP_STATUSES as readonly string[]).includes(askedStatus ?? '') ? (askedStatus as FollowupStatus) : undefined;
  const rows = await listScopedFollowups(db, filters, now, { limit: MAX_ROWS, status });
  const act = canActOnFollowups(identity);
  const table: DataTable<FollowupItem> = {
    name: 'followups',
    caption: `Follow-ups${status === undefined ? '' : ` (${status})`}, overdue first`,
    rows,
    columns: [
      { key: 'id', label: '#', numeric: true, value: (r) => r.id },
      { key: 'state', label: 'State', value: (r) => (r.overdue ? 'overdue' : r.status), cell: (r) => html`<span class="status ${r.overdue ? 'overdue' : r.status}">${r.overdue ? 'overdue' : r.status}</span>` },
      { key: 'due_at', label: 'Due', value: (r) => r.due_at.toISOString(), cell: (r) => r.due_at.toISOString().slice(0, 16).replace('T', ' ') },
      { key: 'nps', label: 'NPS', numeric: true, value: (r) => r.nps },
      { key: 'text', label: 'Verbatim', value: (r) => r.text, cell: (r) => html`<span class="excerpt">${r.text}</span>` },
      { key: 'segments', label: 'Segments', value: (r) => JSON.stringify(r.segments), cell: (r) => Object.entries(r.segments).map(([k, v]) => `${k}: ${v}`).join(', ') },
      { key: 'assignee', label: 'Assignee', value: (r) => r.assignee },
      { key: 'note', label: 'Note', value: (r) => r.note, csvOnly: !act },
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
    (value) => html`<a href="${href(path, params, { status: value })}"${value === status ? html` aria-current="true"` : ''}>${value ?? 'all'}</a>`,
  );
  const overdue = rows.filter((row) => row.overdue).length;
  const body = html`<p class="tabs">${tabs}</p>
<p class="summary"><strong data-value="${overdue}" id="overdue-count">${overdue}</strong> overdue of ${rows.length} listed (due 48 h after the answer).</p>
${renderTable(table, { csvHref: csvHref(path, params, 'followups', { status }) })}`;
  return { title: 'Follow-ups', body, tables: [{ ...table, columns: table.columns.filter((column) => column.key !== 'actions') }], keep: ['status'] };
};
