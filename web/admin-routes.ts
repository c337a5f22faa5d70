import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { Database } from '../db/schema.js';
import { createToken, isRole, listTokens, revokeToken, ROLES } from '../db/tokens.table.js';
import { identityOf, requireRole, sessionAuth } from './auth.js';
import { ApiError } from './errors.js';
import { html, type SafeHtml } from './html.js';
import { toolPage } from './pages/layout.js';


/** `/admin/tokens`: list, create (the new token is shown once) and revoke tokens; admins only, forms CSRF-checked. */
export function registerAdminRoutes(app: FastifyInstance, options: { db: Kysely<Database>; now: () => Date }): void {
  const { db, now } = options;
  const read = [sessionAuth(db, now), requireRole('admin')];
  const write = [sessionAuth(db, now), app.csrfProtection, requireRole('admin')];

  const render = async (request: FastifyRequest, reply: FastifyReply, created?: { id: number; token: string }) => {
    const csrf = reply.generateCsrf();
    const tokens = await listTokens(db);
    const body = html`${created === undefined ? '' : html`<section class="card created" role="status"><p>Token #${created.id} created. Copy it now: it is not shown again.</p><p><code id="new-token">${created.token}</code></p></section>`}
<form method="post" action="/admin/tokens" class="filters" aria-label="New token">
<input type="hidden" name="_csrf" value="${csrf}">
<label>Role<select name="role">${ROLES.map((role) => html`<option value="${role}">${role}</option>`)}</select></label>
<label>Scope<input name="scope" placeholder="branch=Lyon" maxlength="200"></label>
<label>Label<input name="label" maxlength="100" placeholder="who it is for"></label>
<div class="actions"><button type="submit">Create token</button></div>
</form>
<div class="table-wrap"><table id="table-tokens"><caption>Tokens</caption>
<thead><tr><th scope="col" class="num">#</th><th scope="col">Role</th><th scope="col">Scope</th><th scope="col">Label</th><th scope="col">Created</th><th scope="col">State</th></tr></thead>
<tbody>${tokens.map(
      (token) => html`<tr><td class="num">${token.id}</td><td>${token.role}</td><td>${Object.entries(token.scope).map(([k, v]) => `${k}=${v}`).join(', ')}</td><td>${token.label ?? ''}</td>
<td>${token.created_at.toISOString().slice(0, 10)}</td><td>${token.revoked_at === null ? revokeForm(token.id, csrf) : `revoked ${token.revoked_at.toISOString().slice(0, 10)}`}</td></tr>`,
    )}</tbody></table></div>`;
    return reply
      .type('text/html; charset=utf-8')
      .header('cache-control', 'no-store')
      .send(
        toolPage({ title: 'API tokens', path: '/admin/tokens', identity: identityOf(request), csrf, body }),
      );
  };

  app.get('/admin/tokens', { preHandler: read }, (request, reply) => render(request, reply));

  app.post('/admin/tokens', { preHandler: write }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    const role = body['role'];
    if (!isRole(role)) throw new ApiError('bad_request', `field \`role\`: expected one of ${ROLES.join(', ')}`);
    const scopeText = typeof body['scope'] === 'string' ? body['scope'].trim() : '';
    const match = /^([^=:]+)[=:](.+)$/.exec(scopeText);
    if (scopeText !== '' && match === null) throw new ApiError('bad_request', `field \`scope\`: expected KEY=VALUE, got \`${scopeText}\``);
    const scope = match === null ? {} : { [(match[1] as string).trim()]: (match[2] as string).trim() };
    const label = typeof body['label'] === 'string' && body['label'].trim() !== '' ? body['label'].trim().slice(0, 100) : null;
    const created = await createToken(db, { role, scope, label, now: now() });
    return render(request, reply, created);
  });

  app.post<{ Params: { id: string } }>('/admin/tokens/:id/revoke', { preHandler: write }, async (request, reply) => {
    const id = Number(request.params.id);
    if (!Number.isInteger(id) || !(await revokeToken(db, id, now()))) throw new ApiError('not_found', `no live token #${request.params.id}`);
    return reply.redirect('/admin/tokens', 303);
  });
}

function revokeForm(id: number, csrf: string): SafeHtml {
  return html`<form method="post" action="/admin/tokens/${String(id)}/revoke" class="inline"><input type="hidden" name="_csrf" value="${csrf}"><button type="submit">Revoke</button></form>`;
}
