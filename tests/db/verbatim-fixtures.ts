import type { KyselyPlugin, PluginTransformQueryArgs, PluginTransformResultArgs, QueryResult, RootOperationNode, UnknownRow } from 'kysely';
import type { EnrichedVerbatim, Enrichment, ThemeMention, Verbatim } from '../../core/verbatim.js';
import { verbatimId } from '../../core/verbatim-id.js';

/** A survey answer with readable defaults; `n` makes the external id (and so the id) unique. */
export function surveyAnswer(n: number, overrides: Partial<Omit<Verbatim, 'id'>> = {}): Verbatim {
  const source = overrides.source ?? 'nps-test';
  const externalId = overrides.externalId === undefined ? `R-${n}` : overrides.externalId;
  const base: Omit<Verbatim, 'id'> = {
    externalId,
    source,
    text: `Answer ${n}: the advisor was helpful but the fees are too high`,
    createdAt: '2026-03-10T09:30:00.000Z',
    nps: n % 11,
    rating: null,
    respondent: 'customer',
    authorKey: `a_author_${n % 7}`,
    segments: { country: n % 2 === 0 ? 'FR' : 'BE', channel: 'branch' },
    journeyHint: null,
    ...overrides,
  };
  return { id: verbatimId({ source, externalId, text: base.text }), ...base };
}

/** The same verbatim with an enrichment (two themes unless told otherwise). */
export function enriched(verbatim: Verbatim, overrides: Partial<Enrichment> = {}): EnrichedVerbatim {
  return {
    ...verbatim,
    enrichment: {
      lang: 'en',
      langConfidence: 0.97,
      sentimentSupported: true,
      sentiment: 'mixed',
      sentimentScore: -0.1,
      themes: [
        { theme: 'advisor_quality', sentiment: 'positive', score: 0.6, confidence: 0.9, evidence: 'the advisor was helpful' },
        { theme: 'fees_pricing', sentiment: 'negative', score: -0.7, confidence: 0.8, evidence: 'the fees are too high' },
      ],
      journey: 'everyday_use',
      npsCategory: verbatim.nps === null ? null : verbatim.nps <= 6 ? 'detractor' : verbatim.nps <= 8 ? 'passive' : 'promoter',
      modelVersions: { sentiment: 'lexicon-1', language: 'eld-2' },
      ...overrides,
    },
  };
}

/** Counts the statements Kysely sends (one per round trip): use `db.withPlugin(counter)`. */
export class QueryCounter implements KyselyPlugin {
  count = 0;
  transformQuery(args: PluginTransformQueryArgs): RootOperationNode {
    this.count += 1;
    return args.node;
  }
  transformResult(args: PluginTransformResultArgs): Promise<QueryResult<UnknownRow>> {
    return Promise.resolve(args.result);
  }
}

/** Every item of an async iterable of pages, flattened. */
export async function collect<T>(pages: AsyncIterable<readonly T[]>): Promise<T[]> {
  const all: T[] = [];
  for await (const page of pages) all.push(...page);
  return all;
}

/** A theme mention as the pipeline writes one: polarity from the score's sign, evidence naming the theme. */
export function mention(theme: string, score: number, confidence = 0.9): ThemeMention {
  return { theme, sentiment: score < 0 ? 'negative' : 'positive', score, confidence, evidence: `about ${theme}` };
}
