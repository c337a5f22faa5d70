import PQueue from 'p-queue';

export interface HostQueueOptions {
  /** Requests in flight to one host at once (default 2). */
  readonly concurrency?: number;
  /** Least time between two request starts to one host (default 250 ms). */
  readonly minIntervalMs?: number;
  /** A robots.txt `Crawl-delay` above this is capped (default 60 s). */
  readonly maxCrawlDelayMs?: number;
}

/** The p-queue settings for one host: a `Crawl-delay` means one request at a time, that far apart. */
export function hostQueueSettings(options: HostQueueOptions, crawlDelayMs: number | undefined): { concurrency: number; interval: number; intervalCap: number } {
  const concurrency = options.concurrency ?? 2;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new RangeError(`Expected \`concurrency\` to be a whole number from 1 and up, got \`${concurrency}\``);
  const minInterval = options.minIntervalMs ?? 250;
  const crawlDelay = crawlDelayMs === undefined ? 0 : Math.min(crawlDelayMs, options.maxCrawlDelayMs ?? 60_000);
  const interval = Math.max(minInterval, crawlDelay);
  return {
    concurrency: crawlDelay > 0 ? 1 : concurrency,
    interval,
    intervalCap: 1,
  };
}

/**
 * One p-queue per origin, so a slow or strict host never holds up another and
 * each host sees at most its own rate.
 *
 * @example await queues.run(url, rules.crawlDelayMs, () => fetcher.fetch(request));
 */
export class HostQueues {
  readonly #options: HostQueueOptions;
  readonly #queues = new Map<string, PQueue>();

  constructor(options: HostQueueOptions = {}) {
    this.#options = options;
  }

  /** Runs `task` in the queue of `url`'s origin, created with `crawlDelayMs` on first use. */
  run<T>(url: URL, crawlDelayMs: number | undefined, task: () => Promise<T>): Promise<T> {
    let queue = this.#queues.get(url.origin);
    if (queue === undefined) {
      const settings = hostQueueSettings(this.#options, crawlDelayMs);
      queue = new PQueue(settings.interval > 0 ? { ...settings, strict: true } : { concurrency: settings.concurrency });
      this.#queues.set(url.origin, queue);
    }
    return queue.add(task);
  }

  /** The settings in force for an origin, for reports and tests. */
  settingsOf(origin: string): { concurrency: number } | undefined {
    const queue = this.#queues.get(origin);
    return queue === undefined ? undefined : { concurrency: queue.concurrency };
  }
}
