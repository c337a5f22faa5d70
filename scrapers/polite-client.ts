import { createFetcher, parseHttpUrl, type Fetcher, type FetcherOptions, type FetchRequest, type FetchResponse } from './fetcher.js';
import { HostQueues, type HostQueueOptions } from './host-queues.js';
import { RobotsCache } from './robots.js';

export interface PoliteClientOptions extends FetcherOptions, HostQueueOptions {
  /** A fetcher to use instead of one built from these options (tests). */
  readonly fetcher?: Fetcher;
}

/**
 * How the scrapers reach the web: robots.txt first (read once per host, every
 * redirect hop checked too), then the host's queue (concurrency, rate,
 * `Crawl-delay`), then the safe fetcher.
 *
 * @example const client = createPoliteClient({ userAgent }); const page = await client.get({ url, accept: ['html'] });
 */
export interface PoliteClient {
  get(request: FetchRequest): Promise<FetchResponse>;
  readonly robots: RobotsCache;
  close(): void;
}

export function createPoliteClient(options: PoliteClientOptions): PoliteClient {
  const fetcher = options.fetcher ?? createFetcher(options);
  const robots = new RobotsCache(fetcher, options.userAgent);
  const queues = new HostQueues(options);
  return {
    robots,
    async get(request) {
      const first = parseHttpUrl(request.url);
      const rules = await robots.check(first);
      return queues.run(first, rules.crawlDelayMs, () =>
        fetcher.fetch({
          ...request,
          url: first.href,
          beforeHop: async (hop) => {
            if (hop.href !== first.href) await robots.check(hop);
            await request.beforeHop?.(hop);
          },
        }),
      );
    },
    close: () => fetcher.close(),
  };
}
