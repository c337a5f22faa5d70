/** What posting to a webhook needs of the world: `fetch` (injected; tests pass a real loopback server). */
export interface WebhookOptions {
  readonly fetch?: typeof globalThis.fetch;
  /** Per attempt (default 3000 ms): a slow chat service must not hold up an import. */
  readonly timeoutMs?: number;
  /** Before the one retry (default 500 ms). */
  readonly retryDelayMs?: number;
}

/** How one webhook delivery ended: `error` null when a 2xx came back. */
export interface WebhookResult {
  readonly url: string;
  readonly attempts: number;
  readonly error: string | null;
}

/** The URL without its path and query: incoming-webhook URLs carry their secret there, logs must not. */
export function redactedUrl(url: string): string {
  try {
    return `${new URL(url).origin}/…`;
  } catch {
    return '(invalid URL)';
  }
}

/**
 * POSTs `{"text": …}` (the shape Slack and Teams incoming webhooks accept) with a
 * timeout, and once more after a failure. Never throws: the caller records the result.
 *
 * @example await postWebhook('https://hooks.slack.com/services/…', 'Spike: volume of theme fees 42 …')
 */
export async function postWebhook(url: string, text: string, options: WebhookOptions = {}): Promise<WebhookResult> {
  const fetchImpl = options.fetch ?? globalThis.fetch;
  let error = '';
  for (let attempt = 1; attempt <= 2; attempt += 1) {
    if (attempt > 1) await new Promise((resolve) => setTimeout(resolve, options.retryDelayMs ?? 500));
    try {
      const response = await fetchImpl(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ text }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 3000),
        redirect: 'error',
      });
      await response.body?.cancel();
      if (response.ok) return { url, attempts: attempt, error: null };
      error = `HTTP ${response.status}`;
    } catch (caught) {
      error = caught instanceof Error ? (caught.name === 'TimeoutError' ? 'timed out' : caught.message) : String(caught);
    }
  }
  return { url, attempts: 2, error: `${redactedUrl(url)}: ${error}` };
}
