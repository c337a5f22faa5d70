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

const LOCAL_ORIGIN = 'http://local.invalid';

/**
 * A local path to come back to after sign-in, else `/`. Parsed as a browser would
 * (which drops tabs and newlines and reads `\` as `/`, so `/\t/evil` is `//evil`),
 * kept only when it stays on this origin, and re-serialised (path and query, ASCII,
 * fit for a Location header).
 *
 * @example safeNext('/themes?from=2026-01-01') // '/themes?from=2026-01-01'; safeNext('/\t/evil.example') // '/'
 */
export function safeNext(next: string | undefined): string {
  // Control characters have no business in a link of ours; refusing them spares guessing how each browser reads them.
  if (next === undefined || !next.startsWith('/') || /[\u0000-\u001f\u007f]/.test(next)) return '/';
  let url: URL;
  try {
    url = new URL(next, LOCAL_ORIGIN);
  } catch {
    return '/';
  }
  if (url.origin !== LOCAL_ORIGIN) return '/';
  // `/%09/evil` or `/%5Cevil` stay local here, but a proxy that decodes paths could read them as `//evil`.
  if (!isPlainPath(url.pathname)) return '/';
  return url.pathname + url.search;
}

function isPlainPath(pathname: string): boolean {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return false;
  }
  return !/[\u0000-\u001f\u007f]/.test(decoded) && !/^\/\s*[/\\]/.test(decoded);
}
