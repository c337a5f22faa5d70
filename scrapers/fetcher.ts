import http from 'node:http';
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import https from 'node:https';
import type { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import zlib from 'node:zlib';
import { FetchError } from './fetch-error.js';
import { acceptHeader, bodyKindOf, parseContentType, type BodyKind } from './media-types.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, isRetryableStatus, parseRetryAfter, type RetryPolicy } from './retry-policy.js';
import { createAddressPolicy, guardedLookup, literalAddress, systemLookup, type DnsLookup, type PrivateAccess } from './ssrf-guard.js';

/** What a server told us last time, sent back so an unchanged page costs a 304. */
export interface Validators {
  readonly etag?: string;
  readonly lastModified?: string;
}

export interface FetchRequest {
  readonly url: string;
  /** Body kinds the caller can read; a response of another media type fails with `content-type`. `any`: no check (robots.txt). */
  readonly accept: readonly BodyKind[] | 'any';
  readonly validators?: Validators;
  /** Runs before the first hop and every redirect hop (robots.txt check); may throw a `FetchError`. */
  readonly beforeHop?: (url: URL) => Promise<void>;
  /** This request's own timeout and size cap (a source's limits), instead of the fetcher's. */
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
}

export interface FetchResponse {
  /** The URL after redirects. */
  readonly url: string;
  readonly status: number;
  /** 304: the validators still hold, `body` is empty. */
  readonly notModified: boolean;
  readonly headers: IncomingHttpHeaders;
  /** Media type without parameters (`text/html`), when the server sent one. */
  readonly mediaType: string | undefined;
  /** The body kind of `mediaType`, when known. */
  readonly bodyKind: BodyKind | undefined;
  /** `charset` of the Content-Type header, as sent. */
  readonly charset: string | undefined;
  /** Decompressed bytes, at most `maxBytes`. */
  readonly body: Buffer;
  /** Validators of this response, to send next time. */
  readonly validators: Validators;
  /** Every URL redirected through, in order. */
  readonly redirects: readonly string[];
}

/** Gets one URL over HTTP(S), safely; see `createFetcher`. */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResponse>;
  /** Closes kept-alive sockets. */
  close(): void;
}

export interface FetcherOptions {
  /** Sent on every request; says who we are and where to complain. */
  readonly userAgent: string;
  /** Whole request (headers and body), per attempt (default 15 s). */
  readonly timeoutMs?: number;
  /** Decompressed body cap (default 5 MiB). */
  readonly maxBytes?: number;
  /** Redirect hops allowed (default 5). */
  readonly maxRedirects?: number;
  readonly retry?: Partial<RetryPolicy>;
  readonly allowPrivate?: PrivateAccess;
  /** DNS resolution (default: the system resolver); tests inject one. */
  readonly lookup?: DnsLookup;
  /** Waits between retries; tests inject one that records and returns at once. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => Date;
}

/** A response head, and how to release it (clears the deadline, frees the socket). */
interface OpenResponse {
  readonly response: IncomingMessage;
  readonly finish: () => void;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);
const RETRYABLE_NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']);

/**
 * A fetcher that never follows a redirect blindly: each hop is checked against
 * the address policy (after DNS resolution), the redirect limit and loops, and
 * `beforeHop`. Retries 429 / 5xx with backoff, honouring `Retry-After`; enforces
 * a timeout, a size cap (also on decompressed bytes) and the media types asked for.
 *
 * @example const fetcher = createFetcher({ userAgent: 'verbatim/0.1' }); const page = await fetcher.fetch({ url, accept: ['html'] });
 */
export function createFetcher(options: FetcherOptions): Fetcher {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const maxBytes = options.maxBytes ?? 5 * 1024 * 1024;
  const maxRedirects = options.maxRedirects ?? 5;
  const retry: RetryPolicy = { ...DEFAULT_RETRY_POLICY, ...options.retry };
  const policy = createAddressPolicy(options.allowPrivate ?? false);
  const lookup = options.lookup ?? systemLookup;
  const sleep = options.sleep ?? ((ms: number) => delay(ms).then(() => undefined));
  const now = options.now ?? (() => new Date());
  const agents = { http: new http.Agent({ keepAlive: true }), https: new https.Agent({ keepAlive: true }) };

  async function fetchUrl(request: FetchRequest): Promise<FetchResponse> {
    let url = parseHttpUrl(request.url);
    const redirects: string[] = [];
    const visited = new Set<string>([url.href]);
    for (;;) {
      await request.beforeHop?.(url);
      const opened = await withRetries(url, request);
      const { response } = opened;
      const location = response.headers.location;
      if (REDIRECT_STATUSES.has(response.statusCode ?? 0) && location !== undefined) {
        opened.finish();
        const next = parseHttpUrl(location, url);
        redirects.push(next.href);
        if (visited.has(next.href)) {
          throw new FetchError('redirect-loop', request.url, `redirect loop: ${[request.url, ...redirects].join(' → ')}`);
        }
        if (redirects.length > maxRedirects) {
          throw new FetchError('too-many-redirects', request.url, `more than ${maxRedirects} redirects (last: ${next.href})`);
        }
        visited.add(next.href);
        url = next;
        continue;
      }
      return readResponse(url, opened, request, redirects);
    }
  }

  async function withRetries(url: URL, request: FetchRequest): Promise<OpenResponse> {
    for (let attempt = 0; ; attempt++) {
      let opened: OpenResponse;
      try {
        opened = await open(url, request);
      } catch (error) {
        const code = error instanceof FetchError ? (error.cause as NodeJS.ErrnoException | undefined)?.code : undefined;
        if (attempt < retry.retries && code !== undefined && RETRYABLE_NETWORK_CODES.has(code)) {
          await sleep(backoffDelay(attempt, retry));
          continue;
        }
        throw error;
      }
      const { response } = opened;
      const status = response.statusCode ?? 0;
      if (!isRetryableStatus(status)) return opened;
      opened.finish();
      const retryAfter = parseRetryAfter(headerValue(response.headers['retry-after']), now());
      if (retryAfter !== undefined && retryAfter > retry.maxRetryAfterMs) {
        throw new FetchError('http-status', url.href, `HTTP ${status}; Retry-After ${Math.ceil(retryAfter / 1000)} s is longer than the ${retry.maxRetryAfterMs / 1000} s we wait`, { status });
      }
      if (attempt >= retry.retries) {
        throw new FetchError('http-status', url.href, `HTTP ${status} ${response.statusMessage ?? ''} after ${attempt + 1} attempts`.trim(), { status });
      }
      await sleep(retryAfter ?? backoffDelay(attempt, retry));
    }
  }

  /** Sends the request and resolves with the response head; the body is read by `readResponse`. */
  function open(url: URL, request: FetchRequest): Promise<OpenResponse> {
    const address = literalAddress(url.hostname);
    const refusal = address === undefined ? undefined : policy.refusal(address);
    if (refusal !== undefined) return Promise.reject(new FetchError('ssrf-refused', url.href, `${refusal}; refused (use --allow-private for intranets)`));
    const headers: Record<string, string> = {
      'user-agent': options.userAgent,
      accept: request.accept === 'any' ? '*/*' : acceptHeader(request.accept),
      'accept-encoding': 'gzip, deflate, br',
    };
    if (request.validators?.etag !== undefined) headers['if-none-match'] = request.validators.etag;
    if (request.validators?.lastModified !== undefined) headers['if-modified-since'] = request.validators.lastModified;
    const client = url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const outgoing = client.request(url, {
        method: 'GET',
        headers,
        agent: url.protocol === 'https:' ? agents.https : agents.http,
        lookup: guardedLookup(lookup, policy, url.href),
      });
      let incoming: IncomingMessage | undefined;
      // One deadline for the head and the body: a server that trickles bytes is cut off too.
      const limit = request.timeoutMs ?? timeoutMs;
      const timer = setTimeout(() => {
        const error = new FetchError('timeout', url.href, `no complete response within ${limit} ms`);
        incoming?.destroy(error);
        outgoing.destroy(error);
      }, limit);
      outgoing.on('response', (response) => {
        incoming = response;
        resolve({
          response,
          finish: () => {
            clearTimeout(timer);
            response.destroy();
          },
        });
      });
      outgoing.on('error', (error) => {
        clearTimeout(timer);
        reject(asFetchError(error, url));
      });
      outgoing.end();
    });
  }

  async function readResponse(url: URL, opened: OpenResponse, request: FetchRequest, redirects: string[]): Promise<FetchResponse> {
    const { response } = opened;
    const status = response.statusCode ?? 0;
    const { type, charset } = parseContentType(headerValue(response.headers['content-type']));
    const bodyKind = type === undefined ? undefined : bodyKindOf(type);
    const base = { url: url.href, status, headers: response.headers, mediaType: type, bodyKind, charset, redirects, validators: validatorsOf(response.headers) };
    if (status === 304) {
      opened.finish();
      return { ...base, notModified: true, body: Buffer.alloc(0), validators: request.validators ?? base.validators };
    }
    if (status < 200 || status >= 300) {
      opened.finish();
      throw new FetchError('http-status', url.href, `HTTP ${status} ${response.statusMessage ?? ''}`.trim(), { status });
    }
    const accept = request.accept;
    if (accept !== 'any' && type !== undefined && (bodyKind === undefined || !accept.includes(bodyKind))) {
      opened.finish();
      throw new FetchError('content-type', url.href, `unexpected content type ${type} (expected ${accept.join(' or ')})`);
    }
    const declared = Number(headerValue(response.headers['content-length']));
    const encoding = (headerValue(response.headers['content-encoding']) ?? 'identity').trim().toLowerCase();
    const cap = request.maxBytes ?? maxBytes;
    if (encoding === 'identity' && Number.isFinite(declared) && declared > cap) {
      opened.finish();
      throw tooLarge(url, `Content-Length ${declared} bytes`, cap);
    }
    try {
      const body = await readCapped(url, decoded(url, response, encoding), response, cap);
      return { ...base, notModified: false, body };
    } finally {
      opened.finish();
    }
  }

  function decoded(url: URL, response: IncomingMessage, encoding: string): Readable {
    if (encoding === 'identity' || encoding === '') return response;
    if (encoding === 'gzip' || encoding === 'x-gzip') return response.pipe(zlib.createGunzip());
    if (encoding === 'deflate') return response.pipe(zlib.createInflate());
    if (encoding === 'br') return response.pipe(zlib.createBrotliDecompress());
    response.destroy();
    throw new FetchError('parse', url.href, `unsupported Content-Encoding ${encoding}`);
  }

  function readCapped(url: URL, stream: Readable, response: IncomingMessage, cap: number): Promise<Buffer> {
    return new Promise((resolve, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      let settled = false;
      const fail = (error: Error): void => {
        if (settled) return;
        settled = true;
        response.destroy();
        if (stream !== response) stream.destroy();
        reject(asFetchError(error, url));
      };
      stream.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > cap) fail(tooLarge(url, 'body', cap));
        else chunks.push(chunk);
      });
      stream.on('end', () => {
        if (settled) return;
        settled = true;
        resolve(Buffer.concat(chunks));
      });
      stream.on('error', fail);
      response.on('error', fail);
    });
  }

  function tooLarge(url: URL, what: string, cap: number): FetchError {
    return new FetchError('too-large', url.href, `${what} exceeds the ${cap}-byte limit`);
  }

  return {
    fetch: fetchUrl,
    close() {
      agents.http.destroy();
      agents.https.destroy();
    },
  };
}

/** An absolute http(s) URL without credentials, else an `invalid-url` error. */
export function parseHttpUrl(value: string, base?: URL): URL {
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    throw new FetchError('invalid-url', value, 'not a valid URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new FetchError('invalid-url', url.href, `only http and https URLs are scraped, not ${url.protocol}`);
  if (url.username !== '' || url.password !== '') throw new FetchError('invalid-url', url.href, 'URLs with credentials are refused');
  url.hash = '';
  return url;
}

function validatorsOf(headers: IncomingHttpHeaders): Validators {
  const etag = headerValue(headers.etag);
  const lastModified = headerValue(headers['last-modified']);
  return { ...(etag === undefined ? {} : { etag }), ...(lastModified === undefined ? {} : { lastModified }) };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function asFetchError(error: unknown, url: URL): Error {
  if (error instanceof FetchError) return error;
  const code = (error as NodeJS.ErrnoException).code;
  const message = error instanceof Error ? error.message : String(error);
  const wrapped = new FetchError('network', url.href, code === undefined ? message : `${code}: ${message}`, { cause: error });
  return wrapped;
}
