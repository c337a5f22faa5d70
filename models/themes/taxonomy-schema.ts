import { z } from 'zod';

const perLanguage = z.record(z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 language code'), z.array(z.string().min(1)));

/**
 * One theme of a taxonomy file. Objects are strict: an unknown key (`excludes:`,
 * `term:`) is an error naming it, never a silently ignored list.
 */
const themeId = z.string().regex(/^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)*$/, 'expected a lower_snake_case id (dots for sub-themes)');

export const themeSchema = z.strictObject({
  id: themeId,
  label: z.string().min(1),
  /** The label in other interface languages (`fr: Frais et tarifs`); `label` is the default (English). */
  labels: z.record(z.string().regex(/^[a-z]{2}$/, 'expected an ISO 639-1 language code'), z.string().min(1)).optional(),
  description: z.string().optional(),
  parent: z.string().optional(),
  /**
   * Ids of themes merged into this one by earlier versions: classifiers trained before the
   * merge still answer them, and their answers are read as this theme (never written as the old id).
   */
  aliases: z.array(themeId).optional(),
  /** Words, accent- and case-insensitive; `*` ends match any ending; English words also match their root form (compromise). */
  terms: perLanguage.default({}),
  phrases: perLanguage.default({}),
  /** Words matched by their stem (natural's stemmer for the language): "rembourser" also finds "remboursements". */
  stems: perLanguage.default({}),
  patterns: z.array(z.string()).default([]),
  exclude: perLanguage.default({}),
  /** Verbatims that show the theme, for the people who edit it (the theme editor); no tagger reads them. */
  examples: z.array(z.string().min(1)).optional(),
  /** Confidence given to a rule match of this theme. */
  confidence: z.number().min(0).max(1).default(0.9),
});

export const taxonomySchema = z.strictObject({ themes: z.array(themeSchema).min(1) });

export type TaxonomyTheme = z.infer<typeof themeSchema>;
