import { describe, expect, it } from 'vitest';
import { contentHash } from '../../core/verbatim-id.js';
import { contentKey, dropKnownContent } from '../../scrapers/content-dedup.js';
import { linkHeaderNext, pageParameterUrl, htmlNextLink } from '../../scrapers/pagination.js';
import { backoffDelay, DEFAULT_RETRY_POLICY, parseRetryAfter } from '../../scrapers/retry-policy.js';
import { sourceForUrls } from '../../scrapers/scrape-config.js';
import type { ScrapedReview } from '../../scrapers/sources/review-record.js';
import { reviewToVerbatim, reviewAuthorKey } from '../../scrapers/to-verbatim.js';
import { TEST_SECRET } from '../support/author-secret.js';
import { load } from 'cheerio';

const review: ScrapedReview = {
  externalId: null,
  title: 'Attente',
  body: '45 minutes au téléphone.',
  rating: 2,
  author: 'Karim',
  createdAt: '2026-10-04T00:00:00.000Z',
  url: 'https://banque.example/avis',
  product: 'Carte Visa',
  extra: {},
};

describe('Retry-After and backoff', () => {
  const now = new Date('2026-10-12T08:00:00Z');
  it.each([
    ['120', 120_000],
    ['Mon, 12 Oct 2026 08:00:30 GMT', 30_000],
    ['Mon, 12 Oct 2026 07:00:00 GMT', 0],
    ['soon', undefined],
    [undefined, undefined],
  ])('parseRetryAfter(%j) = %s ms', (value, expected) => {
    expect(parseRetryAfter(value, now)).toBe(expected);
  });

  it('doubles the backoff ceiling at each attempt, up to the maximum', () => {
    const policy = { ...DEFAULT_RETRY_POLICY, backoffBaseMs: 100, backoffMaxMs: 1_000 };
    expect([0, 1, 2, 5].map((attempt) => backoffDelay(attempt, policy, () => 1))).toEqual([100, 200, 400, 1_000]);
    expect(backoffDelay(3, policy, () => 0)).toBe(400);
  });
});

describe('pagination', () => {
  it.each([
    ['<https://api.example/r?page=2>; rel="next"', 'https://api.example/r?page=2'],
    ['</r?page=3>; rel=next; title="p3", </r?page=1>; rel="prev"', 'https://api.example/r?page=3'],
    ['<https://api.example/r?page=9>; rel="last"', undefined],
    [['<https://api.example/r?page=1>; rel="prev"', '<https://api.example/r?page=4>; rel="next nofollow"'], 'https://api.example/r?page=4'],
  ])('Link header %j → %s', (header, expected) => {
    expect(linkHeaderNext(header, 'https://api.example/r?page=2')).toBe(expected);
  });

  it('resolves rel=next against <base href>', () => {
    const $ = load('<html><head><base href="https://cdn.example/avis/"><link rel="next" href="page-2.html"></head></html>');
    expect(htmlNextLink($, 'https://banque.example/avis')).toBe('https://cdn.example/avis/page-2.html');
  });

  it('builds page-parameter URLs, keeping the other parameters', () => {
    expect(pageParameterUrl('https://banque.example/avis?sort=recent', { param: 'page' }, 2)).toBe('https://banque.example/avis?sort=recent&page=3');
    expect(pageParameterUrl('https://banque.example/avis?offset=0', { param: 'offset', start: 0, step: 20 }, 3)).toBe('https://banque.example/avis?offset=60');
  });
});

describe('review → verbatim', () => {
  const source = sourceForUrls('banque-avis', ['https://banque.example/avis']);

  it('is a review: rating, no NPS, title and body, product segment, hashed author', () => {
    const verbatim = reviewToVerbatim(review, source, TEST_SECRET);
    expect(verbatim).toMatchObject({
      source: 'banque-avis',
      text: 'Attente\n45 minutes au téléphone.',
      nps: null,
      rating: 2,
      respondent: 'customer',
      authorKey: reviewAuthorKey('banque-avis', 'Karim', TEST_SECRET),
      segments: { product: 'Carte Visa' },
      journeyHint: null,
    });
    expect(JSON.stringify(verbatim)).not.toContain('Karim');
  });

  it('gives the same id to the same review on every run, and another to another source', () => {
    expect(reviewToVerbatim(review, source, TEST_SECRET).id).toBe(reviewToVerbatim({ ...review }, source, TEST_SECRET).id);
    expect(reviewToVerbatim(review, sourceForUrls('autre', []), TEST_SECRET).id).not.toBe(reviewToVerbatim(review, source, TEST_SECRET).id);
    expect(reviewToVerbatim({ ...review, externalId: 'r-1' }, source, TEST_SECRET).id).toBe(reviewToVerbatim({ ...review, externalId: 'r-1', body: 'edited' }, source, TEST_SECRET).id);
  });

  it('does not repeat a title the body starts with', () => {
    expect(reviewToVerbatim({ ...review, title: 'Attente…', body: 'Attente trop longue.' }, source, TEST_SECRET).text).toBe('Attente trop longue.');
  });
});

describe('content dedup', () => {
  const source = sourceForUrls('s', []);
  const a = reviewToVerbatim({ ...review, externalId: 'page-a' }, source, TEST_SECRET);
  const b = reviewToVerbatim({ ...review, externalId: 'page-b' }, source, TEST_SECRET);
  const otherAuthor = reviewToVerbatim({ ...review, externalId: 'page-c', author: 'Léa' }, source, TEST_SECRET);
  const ratingOnly = reviewToVerbatim({ ...review, externalId: 'x', title: null, body: '' }, source, TEST_SECRET);
  const ratingOnly2 = reviewToVerbatim({ ...review, externalId: 'y', title: null, body: '' }, source, TEST_SECRET);

  it('keeps the first of the same text by the same author; another author is another review', () => {
    expect(dropKnownContent([a, b, otherAuthor], new Set())).toEqual({ fresh: [a, otherAuthor], duplicates: 1 });
  });

  it('drops what the store already holds', () => {
    expect(dropKnownContent([a], new Set([contentKey(contentHash(a.text), a.authorKey)])).fresh).toEqual([]);
  });

  it('leaves rating-only reviews to the id check', () => {
    expect(dropKnownContent([ratingOnly, ratingOnly2], new Set()).fresh).toHaveLength(2);
  });
});
