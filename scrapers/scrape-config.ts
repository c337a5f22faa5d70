import { readFile } from 'node:fs/promises';
import { load } from 'cheerio';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { InputError } from '../core/errors.js';
import { RESPONDENTS, type Respondent } from '../core/vocabulary.js';
import type { PageParameter } from './pagination.js';
import { SOURCE_KINDS, type SourceKind } from './source-kinds.js';
import type { CssSelectors } from './sources/css-selectors.js';
import { createAddressPolicy, type PrivateAccess } from './ssrf-guard.js';

/** How a source's review authors are kept: a salted hash (default, GDPR), the name too, or nothing. */
export const AUTHOR_POLICIES = ['hash', 'keep', 'drop'] as const;
export type AuthorPolicy = (typeof AUTHOR_POLICIES)[number];

/** Limits of one source; every field has a default. */
export interface SourceLimits {
  readonly maxPages: number;
  readonly maxReviews: number;
  readonly timeoutMs: number;
  readonly maxBytes: number;
}

/** One named source, validated and frozen. */
export interface SourceConfig {
  readonly name: string;
  readonly kind: SourceKind;
  readonly urls: readonly string[];
  /** Scheduling hint: a run within this long of the last one skips the source (unless forced). */
  readonly everyMs: number | undefined;
  readonly selectors: CssSelectors | undefined;
  /** Follow `rel=next` links (HTML, `Link` header, feeds). */
  readonly followNext: boolean;
  readonly pageParameter: PageParameter | undefined;
  /** Kind of the pages a sitemap lists, and which of them to read. */
  readonly sitemapPages: { readonly kind: SourceKind; readonly include: RegExp | undefined; readonly exclude: RegExp | undefined };
  readonly limits: SourceLimits;
  readonly authors: AuthorPolicy;
  readonly segments: Readonly<Record<string, string>>;
  readonly respondent: Respondent;
}

/** How hard any one host is pressed, and how failures are retried; unset fields keep the client's defaults. */
export interface Politeness {
  /** Requests in flight to one host (default 2; 1 under a robots.txt `Crawl-delay`). */
  readonly concurrencyPerHost?: number;
  /** Least time between two requests to one host (default 250 ms). */
  readonly minIntervalMs?: number;
  readonly retries?: number;
  readonly maxRetryAfterMs?: number;
  readonly maxRedirects?: number;
}

/** A whole `sources.yaml`. */
export interface ScrapeConfig {
  readonly userAgent: string | undefined;
  readonly allowPrivate: PrivateAccess;
  readonly politeness: Politeness;
  readonly sources: readonly SourceConfig[];
}

export const DEFAULT_LIMITS: SourceLimits = Object.freeze({ maxPages: 50, maxReviews: 5_000, timeoutMs: 15_000, maxBytes: 5 * 1024 * 1024 });

const duration = z.union([z.number().nonnegative(), z.string().regex(/^\d+(\.\d+)?\s*(ms|s|m|h|d)$/, 'a duration such as 500ms, 15s, 6h or 1d')]).transform(toMilliseconds);
const size = z.union([z.number().int().positive(), z.string().regex(/^\d+(\.\d+)?\s*(B|KB|KiB|MB|MiB)$/i, 'a size such as 512KB or 5MB')]).transform(toBytes);
const pattern = z.string().transform((value, context) => {
  try {
    return new RegExp(value);
  } catch (error) {
    context.addIssue({ code: 'custom', message: `not a valid regular expression (${(error as Error).message})` });
    return z.NEVER;
  }
});
const selector = z.string().min(1).superRefine((value, context) => {
  const css = value.includes('@') && !/[\]"')]/.test(value.slice(value.lastIndexOf('@'))) ? value.slice(0, value.lastIndexOf('@')).trim() : value;
  if (css === '') return;
  try {
    load('<p></p>')(css);
  } catch (error) {
    context.addIssue({ code: 'custom', message: `not a valid CSS selector (${(error as Error).message})` });
  }
});
const httpUrl = z.string().refine((value) => /^https?:\/\//i.test(value) && URL.canParse(value), 'an http(s) URL');

const limitsSchema = z
  .object({ maxPages: z.number().int().positive(), maxReviews: z.number().int().positive(), timeout: duration, maxBytes: size })
  .partial()
  .strict();

const sourceSchema = z
  .object({
    name: z.string().regex(/^[\w.:-]+$/, 'letters, digits and . _ : - only'),
    kind: z.enum(SOURCE_KINDS).default('auto'),
    url: httpUrl.optional(),
    urls: z.array(httpUrl).min(1).optional(),
    schedule: z.object({ every: duration }).strict().optional(),
    selectors: z
      .object({
        review: selector,
        text: selector.optional(),
        title: selector.optional(),
        rating: selector.optional(),
        author: selector.optional(),
        date: selector.optional(),
        id: selector.optional(),
        product: selector.optional(),
        next: selector.optional(),
        ratingBest: z.number().positive().optional(),
        ratingWorst: z.number().nonnegative().optional(),
      })
      .strict()
      .optional(),
    pagination: z
      .object({
        follow: z.boolean().default(true),
        param: z.string().min(1).optional(),
        start: z.number().int().nonnegative().optional(),
        step: z.number().int().positive().optional(),
      })
      .strict()
      .optional(),
    sitemap: z.object({ pages: z.enum(SOURCE_KINDS).default('auto'), include: pattern.optional(), exclude: pattern.optional() }).strict().optional(),
    limits: limitsSchema.optional(),
    authors: z.enum(AUTHOR_POLICIES).default('hash'),
    segments: z.record(z.string(), z.string()).default({}),
    respondent: z.enum(RESPONDENTS).default('customer'),
  })
  .strict()
  .superRefine((source, context) => {
    if (source.url === undefined && source.urls === undefined) context.addIssue({ code: 'custom', message: 'expected `url` or `urls`', path: ['url'] });
    if (source.kind === 'css' && source.selectors === undefined) context.addIssue({ code: 'custom', message: 'kind `css` needs `selectors` (at least `review`)', path: ['selectors'] });
  });

const configSchema = z
  .object({
    userAgent: z.string().min(1).optional(),
    allowPrivate: z
      .union([z.boolean(), z.array(z.string())])
      .default(false)
      .superRefine((value, context) => {
        try {
          createAddressPolicy(value);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
        }
      }),
    limits: limitsSchema.optional(),
    politeness: z
      .object({
        concurrencyPerHost: z.number().int().positive(),
        minInterval: duration,
        retries: z.number().int().nonnegative(),
        maxRetryAfter: duration,
        maxRedirects: z.number().int().nonnegative(),
      })
      .partial()
      .strict()
      .default({}),
    sources: z.array(sourceSchema).min(1),
  })
  .strict()
  .superRefine((config, context) => {
    const seen = new Set<string>();
    config.sources.forEach((source, index) => {
      if (seen.has(source.name)) context.addIssue({ code: 'custom', message: `duplicate source name \`${source.name}\``, path: ['sources', index, 'name'] });
      seen.add(source.name);
    });
  });

/**
 * Reads and validates a sources file (YAML or JSON). Every mistake is an
 * `InputError` naming the file, the line and the field.
 *
 * @example const config = await loadScrapeConfig('sources.yaml'); config.sources[0].name
 */
export async function loadScrapeConfig(file: string): Promise<ScrapeConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputError(code === 'ENOENT' ? 'no such file' : `cannot read the file (${code ?? 'error'})`, { file });
  }
  return parseScrapeConfig(text, file);
}

/** `loadScrapeConfig` on text already read. */
export function parseScrapeConfig(text: string, file: string): ScrapeConfig {
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const yamlError = document.errors[0];
  if (yamlError !== undefined) {
    throw new InputError(`invalid YAML: ${yamlError.message.split('\n')[0] ?? ''}`, { file, line: lineCounter.linePos(yamlError.pos[0]).line });
  }
  const parsed = configSchema.safeParse(document.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    // An unknown key is reported on the object; point at the key itself.
    const unknownKey = issue?.code === 'unrecognized_keys' ? issue.keys[0] : undefined;
    const issuePath = [...(issue?.path ?? []), ...(unknownKey === undefined ? [] : [unknownKey])].filter((part): part is string | number => typeof part !== 'symbol');
    throw new InputError(issue?.message ?? 'invalid configuration', { file, line: lineOf(document, lineCounter, issuePath), field: fieldName(issuePath) });
  }
  const config = parsed.data;
  const defaults = resolveLimits(DEFAULT_LIMITS, config.limits);
  const politeness = config.politeness;
  return deepFreeze({
    userAgent: config.userAgent,
    allowPrivate: config.allowPrivate,
    politeness: {
      ...(politeness.concurrencyPerHost === undefined ? {} : { concurrencyPerHost: politeness.concurrencyPerHost }),
      ...(politeness.minInterval === undefined ? {} : { minIntervalMs: politeness.minInterval }),
      ...(politeness.retries === undefined ? {} : { retries: politeness.retries }),
      ...(politeness.maxRetryAfter === undefined ? {} : { maxRetryAfterMs: politeness.maxRetryAfter }),
      ...(politeness.maxRedirects === undefined ? {} : { maxRedirects: politeness.maxRedirects }),
    },
    sources: config.sources.map(
      (source): SourceConfig => ({
        name: source.name,
        kind: source.kind,
        urls: [...(source.url === undefined ? [] : [source.url]), ...(source.urls ?? [])],
        everyMs: source.schedule?.every,
        selectors: source.selectors satisfies CssSelectors | undefined,
        followNext: source.pagination?.follow ?? true,
        pageParameter: source.pagination?.param === undefined ? undefined : { param: source.pagination.param, start: source.pagination.start ?? 1, step: source.pagination.step ?? 1 },
        sitemapPages: { kind: source.sitemap?.pages ?? 'auto', include: source.sitemap?.include, exclude: source.sitemap?.exclude },
        limits: resolveLimits(defaults, source.limits),
        authors: source.authors,
        segments: source.segments,
        respondent: source.respondent,
      }),
    ),
  });
}

/** A source for URLs given on the command line: default limits, `rel=next` followed, authors hashed. */
export function sourceForUrls(name: string, urls: readonly string[], kind: SourceKind = 'auto', limits: Partial<SourceLimits> = {}): SourceConfig {
  return deepFreeze({
    name,
    kind,
    urls: [...urls],
    everyMs: undefined,
    selectors: undefined,
    followNext: true,
    pageParameter: undefined,
    sitemapPages: { kind: 'auto', include: undefined, exclude: undefined },
    limits: { ...DEFAULT_LIMITS, ...limits },
    authors: 'hash',
    segments: {},
    respondent: 'customer',
  });
}

function resolveLimits(base: SourceLimits, given: z.infer<typeof limitsSchema> | undefined): SourceLimits {
  return {
    maxPages: given?.maxPages ?? base.maxPages,
    maxReviews: given?.maxReviews ?? base.maxReviews,
    timeoutMs: given?.timeout ?? base.timeoutMs,
    maxBytes: given?.maxBytes ?? base.maxBytes,
  };
}

/** Seconds when a bare number, else the unit given. */
function toMilliseconds(value: number | string): number {
  if (typeof value === 'number') return value * 1000;
  const match = /^(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)$/.exec(value);
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  return Number(match?.[1]) * (units[match?.[2] ?? 's'] ?? 1000);
}

function toBytes(value: number | string): number {
  if (typeof value === 'number') return value;
  const match = /^(\d+(?:\.\d+)?)\s*(B|KB|KiB|MB|MiB)$/i.exec(value);
  const unit = (match?.[2] ?? 'B').toLowerCase();
  const factor = unit.startsWith('k') ? 1024 : unit.startsWith('m') ? 1024 * 1024 : 1;
  return Math.round(Number(match?.[1]) * factor);
}

/** The line of the deepest node of `path` that exists in the document. */
function lineOf(document: ReturnType<typeof parseDocument>, lineCounter: LineCounter, path: readonly (string | number)[]): number {
  for (let length = path.length; length >= 0; length--) {
    const node = length === 0 ? document.contents : document.getIn(path.slice(0, length), true);
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    if (range !== undefined) return lineCounter.linePos(range[0]).line;
  }
  return 1;
}

/** `['sources', 0, 'selectors', 'review']` → `sources[0].selectors.review`. */
function fieldName(path: readonly (string | number)[]): string | undefined {
  if (path.length === 0) return undefined;
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('');
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !(value instanceof RegExp) && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
