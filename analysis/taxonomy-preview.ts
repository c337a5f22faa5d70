import type { Kysely } from 'kysely';
import type { ThemeMention, Verbatim } from '../core/verbatim.js';
import type { Database } from '../db/schema.js';
import { taggedVerbatimPages } from '../db/taxonomy-retag-store.js';
import { driverImpact } from './driver-impact.js';

/** Themes of stored verbatims under a proposed taxonomy (pipeline/taxonomy-retag.ts's `TaxonomyTagger`, by shape). */
export interface ProposedTagger {
  tag(batch: readonly Verbatim[]): Promise<ThemeMention[][]>;
}

/** A verbatim shown as proof of a change. */
export interface PreviewSample {
  readonly id: string;
  readonly text: string;
}

/** What a proposed taxonomy does to one theme's verbatims and to its driver row. */
export interface ThemeChange {
  readonly theme: string;
  /** Verbatims that would gain / lose the theme. */
  readonly gained: number;
  readonly lost: number;
  readonly gainedSamples: readonly PreviewSample[];
  readonly lostSamples: readonly PreviewSample[];
  /** Customer verbatims with the theme now and after, and the driver impact (NPS points) of each. */
  readonly mentionsBefore: number;
  readonly mentionsAfter: number;
  readonly impactBefore: number | null;
  readonly impactAfter: number | null;
}

export interface TaxonomyPreview {
  /** Verbatims re-tagged in memory. */
  readonly scanned: number;
  /** Of those, how many would have other themes. */
  readonly changed: number;
  /** Every theme some verbatim gains or loses, most moved first; then the others' driver rows. */
  readonly themes: readonly ThemeChange[];
}

const CATEGORY_KEY = { promoter: 'promoters', passive: 'passives', detractor: 'detractors' } as const;
type CountsKey = (typeof CATEGORY_KEY)[keyof typeof CATEGORY_KEY];
type MutableCounts = Record<CountsKey, number>;

interface Tally {
  gained: number;
  lost: number;
  gainedSamples: PreviewSample[];
  lostSamples: PreviewSample[];
  mentionsBefore: number;
  mentionsAfter: number;
  before: MutableCounts;
  after: MutableCounts;
}

/**
 * Re-tags the stored verbatims (within `scope`) with a proposed taxonomy in memory, a
 * page at a time, and says which verbatims would gain and lose which themes (counts and
 * the first `samples` of each) and how each theme's driver row would move: mentions and
 * driver impact (`driverImpact`, the report's maths) over the customers' answers, as the
 * report counts them. Nothing is written.
 *
 * @example (await previewTaxonomy(db, tagger)).themes[0] // { theme: 'fees_pricing', gained: 0, lost: 12, … }
 */
export async function previewTaxonomy(
  db: Kysely<Database>,
  tagger: ProposedTagger,
  options: { readonly scope?: Readonly<Record<string, string>>; readonly batchSize?: number; readonly samples?: number } = {},
): Promise<TaxonomyPreview> {
  const samples = options.samples ?? 5;
  const tallies = new Map<string, Tally>();
  const tally = (theme: string): Tally => {
    let found = tallies.get(theme);
    if (found === undefined) {
      found = { gained: 0, lost: 0, gainedSamples: [], lostSamples: [], mentionsBefore: 0, mentionsAfter: 0, before: zero(), after: zero() };
      tallies.set(theme, found);
    }
    return found;
  };
  const all = zero();
  let scanned = 0;
  let changed = 0;
  for await (const page of taggedVerbatimPages(db, { batchSize: options.batchSize ?? 500, ...(options.scope === undefined ? {} : { scope: options.scope }) })) {
    const proposed = await tagger.tag(page.map((item) => item.verbatim));
    page.forEach((item, index) => {
      scanned += 1;
      const before = new Set(item.themes);
      const after = new Set((proposed[index] ?? []).map((mention) => mention.theme));
      const sample = { id: item.verbatim.id, text: item.verbatim.text };
      let differs = false;
      for (const theme of after) {
        if (before.has(theme)) continue;
        differs = true;
        const entry = tally(theme);
        entry.gained += 1;
        if (entry.gainedSamples.length < samples) entry.gainedSamples.push(sample);
      }
      for (const theme of before) {
        if (after.has(theme)) continue;
        differs = true;
        const entry = tally(theme);
        entry.lost += 1;
        if (entry.lostSamples.length < samples) entry.lostSamples.push(sample);
      }
      if (differs) changed += 1;
      if (item.verbatim.respondent !== 'customer') return;
      const key = item.npsCategory === null ? undefined : CATEGORY_KEY[item.npsCategory as keyof typeof CATEGORY_KEY];
      if (key !== undefined) all[key] += 1;
      for (const theme of before) {
        const entry = tally(theme);
        entry.mentionsBefore += 1;
        if (key !== undefined) entry.before[key] += 1;
      }
      for (const theme of after) {
        const entry = tally(theme);
        entry.mentionsAfter += 1;
        if (key !== undefined) entry.after[key] += 1;
      }
    });
  }
  const themes = [...tallies].map(([theme, entry]): ThemeChange => ({
    theme,
    gained: entry.gained,
    lost: entry.lost,
    gainedSamples: entry.gainedSamples,
    lostSamples: entry.lostSamples,
    mentionsBefore: entry.mentionsBefore,
    mentionsAfter: entry.mentionsAfter,
    impactBefore: entry.mentionsBefore === 0 ? null : driverImpact(all, entry.before).impact,
    impactAfter: entry.mentionsAfter === 0 ? null : driverImpact(all, entry.after).impact,
  }));
  themes.sort((a, b) => b.gained + b.lost - (a.gained + a.lost) || b.mentionsAfter - a.mentionsAfter || a.theme.localeCompare(b.theme));
  return { scanned, changed, themes };
}

function zero(): MutableCounts {
  return { promoters: 0, passives: 0, detractors: 0 };
}

