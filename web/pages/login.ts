import { html } from '../html.js';
import { documentPage } from './layout.js';

/** The sign-in form: one field, `token`; the CSRF token rides in a hidden field. */
export function loginPage(input: { csrf: string; next: string; error?: string }): string {
  return documentPage(
    'Sign in',
    html`<main class="login">
<h1>verbatim</h1>
<form method="post" action="/login" class="card">
<input type="hidden" name="_csrf" value="${input.csrf}">
<input type="hidden" name="next" value="${input.next}">
<label for="token">API token</label>
<input id="token" name="token" type="password" autocomplete="off" required spellcheck="false" placeholder="vbt_…">
${input.error === undefined ? '' : html`<p class="error" role="alert">${input.error}</p>`}
<button type="submit">Sign in</button>
<p class="hint">Ask an admin for a token (<code>verbatim token create --role viewer</code>).</p>
</form>
</main>`,
  );
}

/** An error page of the dashboard (the API answers JSON instead). */
export function errorPage(status: number, message: string): string {
  return documentPage(
    `Error ${status}`,
    html`<main class="login"><h1>Error ${status}</h1><p class="error" role="alert">${message}</p><p><a href="/">Back to the overview</a></p></main>`,
  );
}

/** A local path to come back to after sign-in; anything else (other hosts, `//evil`) goes home. */
export function safeNext(next: string | undefined): string {
  if (next === undefined || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}
