import { contingencyTest } from './log-likelihood.js';

/** A verbatim as the untagged-verbatim clusterings see it: its words and two-word phrases. */
export interface ClusterDoc {
  readonly id: string;
  readonly text: string;
  readonly phrases: ReadonlySet<string>;
}

/**
 * The phrases that set a cluster apart from the other untagged verbatims, by G²
 * (at most 6, each in at least 10 % of the members); `seed`, when given, first.
 *
 * @example distinctiveWithin(members, others, 'carte bloquée') // [{ phrase: 'carte bloquée', docs: 12 }, …]
 */
export function distinctiveWithin(members: readonly ClusterDoc[], others: readonly ClusterDoc[], seed?: string): { phrase: string; docs: number }[] {
  const inside = new Map<string, number>();
  for (const doc of members) for (const phrase of doc.phrases) inside.set(phrase, (inside.get(phrase) ?? 0) + 1);
  const outside = new Map<string, number>();
  for (const doc of others) for (const phrase of doc.phrases) if (inside.has(phrase)) outside.set(phrase, (outside.get(phrase) ?? 0) + 1);
  const minDocs = Math.max(2, Math.ceil(members.length * 0.1));
  return [...inside]
    .filter(([phrase, docs]) => phrase === seed || docs >= minDocs)
    .map(([phrase, docs]) => ({ phrase, docs, g2: contingencyTest(docs, members.length, outside.get(phrase) ?? 0, others.length).g2 }))
    .sort((a, b) => Number(b.phrase === seed) - Number(a.phrase === seed) || b.g2 - a.g2 || b.docs - a.docs || a.phrase.localeCompare(b.phrase))
    .slice(0, 6)
    .map(({ phrase, docs }) => ({ phrase, docs }));
}
