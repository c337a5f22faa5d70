import robotsParserExport from 'robots-parser';
import { decodeBody } from './charset.js';
import { FetchError, type FetchErrorCode } from './fetch-error.js';
import type { Fetcher } from './fetcher.js';

/** What robots.txt says for our user agent on one origin. */
export interface RobotsRules {
  isAllowed(url: string): boolean;
  /** `Crawl-delay`, in milliseconds, when given. */
  readonly crawlDelayMs: number | undefined;
  readonly sitemaps: readonly string[];
  /** Why every URL of the origin is refused (robots.txt unreachable, address refused), else undefined. */
  readonly unavailable: { readonly code: FetchErrorCode; readonly message: string } | undefined;
}

/** The part of robots-parser we use; its CommonJS export is the function itself, which its typings miss under `nodenext`. */
interface ParsedRobots {
  isAllowed(url: string, ua?: string): boolean | undefined;
  getCrawlDelay(ua?: string): number | undefined;
  getSitemaps(): string[];
}
const robotsParser = robotsParserExport as unknown as (url: string, contents: string) => ParsedRobots;

const ALLOW_ALL: RobotsRules = { isAllowed: () => true, crawlDelayMs: undefined, sitemaps: [], unavailable: undefined };

/**
 * Reads each origin's robots.txt once per run (concurrent first requests share
 * one fetch) and answers for our user agent, per RFC 9309: a 4xx means no
 * rules; a 5xx, a timeout or a network error means "do not crawl" for the run.
 *
 * @example const robots = new RobotsCache(fetcher, 'verbatim/0.1'); await robots.check(new URL(url));
 */
export class RobotsCache {
  readonly #fetcher: Fetcher;
  readonly #agent: string;
  readonly #origins = new Map<string, Promise<RobotsRules>>();

  constructor(fetcher: Fetcher, userAgent: string) {
    this.#fetcher = fetcher;
    // robots.txt groups name the product token: `verbatim/0.1 (+url)` → `verbatim`.
    this.#agent = userAgent.split(/[\s/]/)[0] ?? userAgent;
  }

  /** The rules of `url`'s origin, fetched on first use. */
  rulesFor(url: URL): Promise<RobotsRules> {
    let rules = this.#origins.get(url.origin);
    if (rules === undefined) {
      rules = this.#load(url.origin);
      this.#origins.set(url.origin, rules);
    }
    return rules;
  }

  /** Throws `robots-disallowed` or `robots-unavailable` when `url` may not be fetched. */
  async check(url: URL): Promise<RobotsRules> {
    const rules = await this.rulesFor(url);
    if (rules.unavailable !== undefined) throw new FetchError(rules.unavailable.code, url.href, rules.unavailable.message);
    if (!rules.isAllowed(url.href)) throw new FetchError('robots-disallowed', url.href, `disallowed by ${url.origin}/robots.txt for ${this.#agent}`);
    return rules;
  }

  async #load(origin: string): Promise<RobotsRules> {
    const robotsUrl = `${origin}/robots.txt`;
    try {
      const response = await this.#fetcher.fetch({ url: robotsUrl, accept: 'any' });
      const parsed = robotsParser(robotsUrl, decodeBody(response.body, response.charset, 'text').text);
      const delaySeconds = parsed.getCrawlDelay(this.#agent);
      return {
        isAllowed: (url) => parsed.isAllowed(url, this.#agent) ?? true,
        crawlDelayMs: delaySeconds === undefined || !Number.isFinite(delaySeconds) ? undefined : delaySeconds * 1000,
        sitemaps: parsed.getSitemaps(),
        unavailable: undefined,
      };
    } catch (error) {
      if (error instanceof FetchError && error.code === 'http-status' && error.status !== undefined && error.status >= 400 && error.status < 500 && error.status !== 429) {
        return ALLOW_ALL;
      }
      if (error instanceof FetchError && (error.code === 'ssrf-refused' || error.code === 'invalid-url')) {
        return { ...ALLOW_ALL, isAllowed: () => false, unavailable: { code: error.code, message: error.message } };
      }
      const reason = error instanceof FetchError ? `${error.code}: ${error.message}` : String(error);
      const message = `robots.txt could not be read (${reason}); the host is skipped this run`;
      return { ...ALLOW_ALL, isAllowed: () => false, unavailable: { code: 'robots-unavailable', message } };
    }
  }
}
