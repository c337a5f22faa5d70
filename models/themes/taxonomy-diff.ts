import { TERM_KINDS, type TermKind } from './taxonomy-edit.js';
import type { Taxonomy, TaxonomyTheme } from './taxonomy.js';

/** Words of one kind and language that a theme gained or lost (`fr terms +frais -tarif*`). */
export interface WordChange {
  readonly kind: TermKind | 'patterns';
  readonly lang: string | null;
  readonly added: readonly string[];
  readonly removed: readonly string[];
}

/** How two taxonomies differ, theme by theme (ids are the key: a relabel is not an add plus a remove). */
export interface TaxonomyDiff {
  readonly added: readonly { readonly id: string; readonly label: string }[];
  readonly removed: readonly { readonly id: string; readonly label: string }[];
  readonly relabelled: readonly { readonly id: string; readonly from: string; readonly to: string }[];
  readonly moved: readonly { readonly id: string; readonly from: string | null; readonly to: string | null }[];
  readonly words: readonly { readonly id: string; readonly changes: readonly WordChange[] }[];
  /** Old ids a theme answers to (merged-away themes, `aliases`) that it gained or lost. */
  readonly aliases: readonly { readonly id: string; readonly added: readonly string[]; readonly removed: readonly string[] }[];
}

/**
 * What changed from `before` to `after`: themes added and removed, labels (any
 * language) and parents changed, and per theme the words added and removed.
 *
 * @example diffTaxonomies(v1, v2).relabelled // [{ id: 'fees_pricing', from: 'Fees and pricing', to: 'Fees' }]
 */
export function diffTaxonomies(before: Taxonomy, after: Taxonomy): TaxonomyDiff {
  const old = new Map(before.themes.map((theme) => [theme.id, theme]));
  const next = new Map(after.themes.map((theme) => [theme.id, theme]));
  const kept = after.themes.filter((theme) => old.has(theme.id)).map((theme) => [old.get(theme.id) as TaxonomyTheme, theme] as const);
  return {
    added: after.themes.filter((theme) => !old.has(theme.id)).map(({ id, label }) => ({ id, label })),
    removed: before.themes.filter((theme) => !next.has(theme.id)).map(({ id, label }) => ({ id, label })),
    relabelled: kept.filter(([a, b]) => labelText(a) !== labelText(b)).map(([a, b]) => ({ id: a.id, from: labelText(a), to: labelText(b) })),
    moved: kept.filter(([a, b]) => a.parent !== b.parent).map(([a, b]) => ({ id: a.id, from: a.parent ?? null, to: b.parent ?? null })),
    words: kept.map(([a, b]) => ({ id: a.id, changes: wordChanges(a, b) })).filter((entry) => entry.changes.length > 0),
    aliases: kept.flatMap(([a, b]) => {
      const change = compare(a.aliases ?? [], b.aliases ?? []);
      return change === undefined ? [] : [{ id: a.id, ...change }];
    }),
  };
}

/** True when the two taxonomies tag and label alike. */
export function isEmptyDiff(diff: TaxonomyDiff): boolean {
  return diff.added.length + diff.removed.length + diff.relabelled.length + diff.moved.length + diff.words.length + diff.aliases.length === 0;
}

/**
 * The diff as text, one line a change (`+ theme`, `- theme`, `~ label`, `> parent`, `= aliases`, words).
 *
 * @example formatTaxonomyDiff(diff) // "~ fees_pricing: label \"Fees and pricing\" → \"Fees\"\n"
 */
export function formatTaxonomyDiff(diff: TaxonomyDiff): string {
  if (isEmptyDiff(diff)) return 'no change\n';
  const lines = [
    ...diff.added.map((theme) => `+ ${theme.id}: new theme "${theme.label}"`),
    ...diff.removed.map((theme) => `- ${theme.id}: removed ("${theme.label}")`),
    ...diff.relabelled.map((theme) => `~ ${theme.id}: label "${theme.from}" → "${theme.to}"`),
    ...diff.moved.map((theme) => `> ${theme.id}: parent ${theme.from ?? '(none)'} → ${theme.to ?? '(none)'}`),
    ...diff.aliases.map((theme) => `= ${theme.id}: aliases ${signed(theme.added, theme.removed)}`),
    ...diff.words.flatMap((theme) =>
      theme.changes.map(
        (change) =>
          `  ${theme.id}: ${change.lang === null ? '' : `${change.lang} `}${change.kind} ${signed(change.added, change.removed)}`,
      ),
    ),
  ];
  return `${lines.join('\n')}\n`;
}

/** `+added -removed`, space-separated. */
function signed(added: readonly string[], removed: readonly string[]): string {
  return [...added.map((word) => `+${word}`), ...removed.map((word) => `-${word}`)].join(' ');
}

/** The default label and the other languages', in one comparable string. */
function labelText(theme: TaxonomyTheme): string {
  const others = Object.entries(theme.labels ?? {})
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([lang, label]) => `${lang}: ${label}`);
  return others.length === 0 ? theme.label : `${theme.label} (${others.join(', ')})`;
}

function wordChanges(a: TaxonomyTheme, b: TaxonomyTheme): WordChange[] {
  const changes: WordChange[] = [];
  for (const kind of TERM_KINDS) {
    for (const lang of [...new Set([...Object.keys(a[kind]), ...Object.keys(b[kind])])].sort()) {
      const change = compare(a[kind][lang] ?? [], b[kind][lang] ?? []);
      if (change !== undefined) changes.push({ kind, lang, ...change });
    }
  }
  const patterns = compare(a.patterns, b.patterns);
  if (patterns !== undefined) changes.push({ kind: 'patterns', lang: null, ...patterns });
  return changes;
}

function compare(before: readonly string[], after: readonly string[]): { added: string[]; removed: string[] } | undefined {
  const added = after.filter((word) => !before.includes(word));
  const removed = before.filter((word) => !after.includes(word));
  return added.length + removed.length === 0 ? undefined : { added, removed };
}
