/** Why one URL could not be scraped: a closed set, so reports and tests can tell the cases apart. */
export const FETCH_ERROR_CODES = [
  'invalid-url',
  'ssrf-refused',
  'robots-disallowed',
  'robots-unavailable',
  'http-status',
  'timeout',
  'too-large',
  'content-type',
  'redirect-loop',
  'too-many-redirects',
  'network',
  'parse',
] as const;
export type FetchErrorCode = (typeof FETCH_ERROR_CODES)[number];

/**
 * A failure tied to one URL. The run reports it on one line and goes on with
 * the other URLs.
 *
 * @example new FetchError('timeout', url, 'no complete response within 10000 ms').describe()
 */
export class FetchError extends Error {
  override readonly name = 'FetchError';
  readonly code: FetchErrorCode;
  readonly url: string;
  /** HTTP status for `http-status`. */
  readonly status: number | undefined;

  constructor(code: FetchErrorCode, url: string, message: string, options: { status?: number; cause?: unknown } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.url = url;
    this.status = options.status;
  }

  /** `URL: code: message` on one line. */
  describe(): string {
    return `${this.url}: ${this.code}: ${this.message.replace(/\s+/g, ' ')}`;
  }
}
