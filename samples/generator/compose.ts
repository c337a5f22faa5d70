import { stripAccents } from '../../core/text-folding.js';
import type { JourneyStep } from '../../core/vocabulary.js';
import { CLOSERS, CONNECTORS, THEME_PHRASES, THEME_STEP, type Polarity, type SampleLang } from './phrase-banks.js';
import type { Random } from './random.js';

/** A generated comment with the truth it was built from. */
export interface ComposedComment {
  readonly text: string;
  readonly themes: readonly { readonly theme: string; readonly polarity: Polarity }[];
  readonly score: number;
  readonly step: JourneyStep;
}

/** Theme draw weights and the chance a mention is negative; the story the report should find. */
export interface ThemeClimate {
  readonly weights: Readonly<Record<string, number>>;
  readonly negativeShare: Readonly<Record<string, number>>;
}

/** How much one mention moves the 0–10 score: fees and waiting hurt most, advisors and speed lift most. */
const SCORE_EFFECT: Readonly<Record<string, Readonly<Record<Polarity, number>>>> = {
  fees_pricing: { negative: -4, positive: 1 },
  reachability_wait: { negative: -4, positive: 1 },
  advisor_quality: { negative: -3, positive: 2.5 },
  processing_speed: { negative: -3, positive: 2.5 },
  digital_app: { negative: -2.5, positive: 1.5 },
};
const DEFAULT_EFFECT = { negative: -2.5, positive: 1.5 };

/**
 * One comment of 1–2 themes: phrases joined by a connector ("mais" when the
 * polarities differ), sometimes a closer, emoji or SMS spelling; the score
 * follows the themes' polarity with noise, like real answers.
 */
export function composeComment(random: Random, lang: SampleLang, climate: ThemeClimate): ComposedComment {
  const first = random.weighted(climate.weights);
  const themes = [{ theme: first, polarity: polarityOf(random, climate, first) }];
  if (random.chance(0.35)) {
    const second = random.weighted(climate.weights);
    if (second !== first) themes.push({ theme: second, polarity: polarityOf(random, climate, second) });
  }
  const parts = themes.map(({ theme, polarity }) => random.pick(THEME_PHRASES[theme]?.[polarity][lang] ?? ['']));
  let text = capitalize(parts[0] as string);
  if (parts[1] !== undefined) {
    const kind = themes[0]?.polarity === themes[1]?.polarity ? 'same' : 'contrast';
    const connector = random.pick(CONNECTORS[lang][kind]);
    text += connector + (connector.endsWith('. ') ? capitalize(parts[1]) : parts[1]);
  }
  text += '.';
  const overall = themes[themes.length - 1]?.polarity ?? 'positive';
  if (random.chance(0.3)) text += ` ${random.pick(CLOSERS[lang][overall])}`;
  if (lang === 'fr' && random.chance(0.08)) text = smsSpelling(text);
  let score = 7.5 + random.next() * 3 - 1.5;
  for (const { theme, polarity } of themes) score += (SCORE_EFFECT[theme] ?? DEFAULT_EFFECT)[polarity];
  return {
    text,
    themes,
    score: Math.max(0, Math.min(10, Math.round(score))),
    step: THEME_STEP[first] ?? 'everyday_use',
  };
}

function polarityOf(random: Random, climate: ThemeClimate, theme: string): Polarity {
  return random.chance(climate.negativeShare[theme] ?? 0.5) ? 'negative' : 'positive';
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Accents dropped and a few SMS spellings, as people type on phones. */
function smsSpelling(text: string): string {
  return stripAccents(text)
    .replace(/\btrès\b|\btres\b/g, 'tro')
    .replace(/\bbeaucoup\b/g, 'bcp')
    .replace(/\btoujours\b/g, 'tjs');
}
