import { htmlToText } from './html-text.js';
import { emptyExtract, firstText, normalizeRating, toIsoDate, toNumber, type ExtractResult, type ScrapedReview } from './review-record.js';

/** A schema.org node as JSON-LD gives it, or as microdata is turned into (`@type`, `@id`, properties). */
export type SchemaNode = Readonly<Record<string, unknown>>;

const REVIEW_TYPES = new Set(['Review', 'UserReview', 'CriticReview', 'EmployerReview']);
const AGGREGATE_TYPES = new Set(['AggregateRating', 'EmployerAggregateRating']);
/** Deeper trees are hostile or broken; stop walking there. */
const MAX_DEPTH = 64;

/**
 * Reviews and aggregate ratings found anywhere in a tree of schema.org nodes:
 * top level, `@graph`, nested under a `Product` (`review`, `aggregateRating`),
 * with `@id` references resolved through `byId`. A review missing its text and
 * rating, or with a rating out of its range, becomes a warning.
 */
export function extractFromSchemaNodes(roots: readonly unknown[], url: string, byId: ReadonlyMap<string, SchemaNode> = new Map()): ExtractResult {
  const result = emptyExtract();
  const seen = new Set<SchemaNode>();
  const resolve = (value: unknown): unknown => {
    if (isNode(value) && typeof value['@id'] === 'string' && Object.keys(value).length === 1) return byId.get(value['@id']) ?? value;
    return value;
  };
  const visit = (value: unknown, parentName: string | null, depth: number): void => {
    if (depth > MAX_DEPTH) return;
    const node = resolve(value);
    if (Array.isArray(node)) {
      for (const item of node) visit(item, parentName, depth + 1);
      return;
    }
    if (!isNode(node) || seen.has(node)) return;
    seen.add(node);
    const types = typesOf(node);
    const ownName = firstText(node['name']);
    if (types.some((type) => REVIEW_TYPES.has(type))) readReview(node, url, parentName, resolve, result);
    else if (types.some((type) => AGGREGATE_TYPES.has(type))) readAggregate(node, url, parentName, resolve, result);
    const childParent = types.some((type) => REVIEW_TYPES.has(type) || AGGREGATE_TYPES.has(type)) ? parentName : (ownName ?? parentName);
    for (const [key, child] of Object.entries(node)) {
      if (key === '@context' || key === 'itemReviewed' || key === 'author' || key === 'reviewRating') continue;
      if (typeof child === 'object' && child !== null) visit(child, childParent, depth + 1);
    }
  };
  for (const root of roots) visit(root, null, 0);
  return result;
}

/** `@type` as bare names: `schema:Review`, `https://schema.org/Review` and `Review` are all `Review`. */
export function typesOf(node: SchemaNode): string[] {
  const raw = node['@type'];
  const list = Array.isArray(raw) ? raw : [raw];
  return list.filter((type): type is string => typeof type === 'string').map((type) => type.replace(/^.*[/#:]/, ''));
}

function readReview(node: SchemaNode, url: string, parentName: string | null, resolve: (value: unknown) => unknown, result: ExtractResult): void {
  const label = describeNode(node);
  const body = htmlToText(firstText(node['reviewBody'], node['description'], node['text']) ?? '');
  const title = firstText(node['name'], node['headline']);
  const ratingNode = resolve(node['reviewRating']);
  let rating: number | null = null;
  if (ratingNode !== undefined) {
    const scale = isNode(ratingNode) ? ratingNode : {};
    const value = isNode(ratingNode) ? ratingNode['ratingValue'] : ratingNode;
    const normalized = normalizeRating(value, { best: scale['bestRating'], worst: scale['worstRating'] });
    if (normalized === undefined) result.warnings.push(`${label}: reviewRating ${JSON.stringify(value)} is not a rating within its range; kept without rating`);
    else rating = normalized;
  }
  if (body === '' && title === null && rating === null) {
    result.warnings.push(`${label}: no reviewBody, name or reviewRating; skipped`);
    return;
  }
  const dateValue = firstText(node['datePublished'], node['dateCreated']);
  const createdAt = toIsoDate(dateValue);
  if (dateValue !== null && createdAt === null) result.warnings.push(`${label}: datePublished ${JSON.stringify(dateValue)} is not a date; kept without date`);
  const review: ScrapedReview = {
    externalId: externalIdOf(node),
    title,
    body,
    rating,
    author: personName(resolve(node['author'])),
    createdAt,
    url,
    product: itemName(resolve(node['itemReviewed'])) ?? parentName,
    extra: {},
  };
  result.reviews.push(review);
}

function readAggregate(node: SchemaNode, url: string, parentName: string | null, resolve: (value: unknown) => unknown, result: ExtractResult): void {
  const rating = normalizeRating(node['ratingValue'], { best: node['bestRating'], worst: node['worstRating'] });
  if (rating === undefined) {
    result.warnings.push(`${describeNode(node)}: ratingValue ${JSON.stringify(node['ratingValue'])} is not a rating within its range; skipped`);
    return;
  }
  result.aggregates.push({
    rating,
    ratingCount: toNumber(node['ratingCount']) ?? null,
    reviewCount: toNumber(node['reviewCount']) ?? null,
    product: itemName(resolve(node['itemReviewed'])) ?? parentName,
    url,
  });
}

function externalIdOf(node: SchemaNode): string | null {
  const id = firstText(node['@id']);
  if (id !== null && !id.startsWith('_:')) return id;
  const identifier = node['identifier'];
  return firstText(isNode(identifier) ? identifier['value'] : identifier, node['url']);
}

function personName(value: unknown): string | null {
  if (Array.isArray(value)) return personName(value[0]);
  if (isNode(value)) return firstText(value['name'], value['alternateName']);
  return firstText(value);
}

function itemName(value: unknown): string | null {
  if (Array.isArray(value)) return itemName(value[0]);
  return isNode(value) ? firstText(value['name']) : firstText(value);
}

function describeNode(node: SchemaNode): string {
  const id = firstText(node['@id']);
  return `${typesOf(node)[0] ?? 'node'}${id === null ? '' : ` ${id}`}`;
}

export function isNode(value: unknown): value is SchemaNode {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
