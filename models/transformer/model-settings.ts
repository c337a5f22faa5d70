import { z } from 'zod';
import { ConfigError } from '../../core/errors.js';

/** The file beside a model's config.json that says what an ONNX export does not: which languages it was trained for. */
export const MODEL_SETTINGS_FILE = 'verbatim.json';

/**
 * Languages a sentiment model scores when its folder does not say: French and
 * English, the languages verbatim is evaluated on. Any other language keeps the
 * fast tier's answer (a real lexicon for es/de/it/nl/pt, `supported: false` otherwise).
 */
export const DEFAULT_MODEL_LANGUAGES: readonly string[] = Object.freeze(['fr', 'en']);

const settingsSchema = z.strictObject({
  languages: z
    .array(z.string().regex(/^([a-z]{2}|\*)$/, 'an ISO 639-1 code (or `*` for every identified language)'))
    .min(1, 'at least one language'),
});

/**
 * What `<model-dir>/<folder>/verbatim.json` declares. Every key is optional;
 * unknown keys are refused so a typo is an error rather than a silent default.
 *
 * - `languages`: ISO 639-1 codes of the texts the model may score, e.g.
 *   `{ "languages": ["fr", "en", "es", "de"] }`; `["*"]` for a multilingual model
 *   trusted on every identified language. Default: {@link DEFAULT_MODEL_LANGUAGES}.
 */
export interface ModelSettings {
  readonly languages: readonly string[];
}

/**
 * Parses verbatim.json (`undefined` when the folder has none: the defaults).
 *
 * @example parseModelSettings('{"languages":["fr","en","es"]}', 'models/sentiment/verbatim.json').languages // ['fr', 'en', 'es']
 */
export function parseModelSettings(text: string | undefined, file: string): ModelSettings {
  if (text === undefined) return Object.freeze({ languages: DEFAULT_MODEL_LANGUAGES });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new ConfigError(`${file}: not valid JSON: ${(error as Error).message}`);
  }
  const parsed = settingsSchema.partial().safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')}: ` : ''}${issue.message}`);
    throw new ConfigError(`${file}: ${problems.join('; ')}`);
  }
  const languages = parsed.data.languages ?? DEFAULT_MODEL_LANGUAGES;
  if (languages.includes('*') && languages.length > 1) throw new ConfigError(`${file}: languages: \`*\` already means every language: list it alone`);
  return Object.freeze({ languages: Object.freeze([...new Set(languages)]) });
}
