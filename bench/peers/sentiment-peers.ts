import type { SentimentLabel } from '../../core/vocabulary.js';
import { requirePeer } from './commonjs.js';

/** A peer sentiment model: text (and the language a peer detector gave it) → one of our labels. */
export type SentimentPeer = (text: string, lang: string) => Promise<SentimentLabel>;

/** A peer's raw polarity score (its own scale; only the sign and the ±0.05 band matter). */
export type SentimentScorer = (text: string, lang: string) => Promise<number>;

/** The usual reading of a polarity score: VADER's documented ±0.05 band is neutral; none of the peers says `mixed`. */
function labelOf(score: number): SentimentLabel {
  if (score >= 0.05) return 'positive';
  if (score <= -0.05) return 'negative';
  return 'neutral';
}

interface NaturalAnalyzer {
  getSentiment(words: string[]): number;
}
type NaturalAnalyzerClass = new (language: string, stemmer: unknown, vocabulary: string) => NaturalAnalyzer;
interface NlpjsAnalyzer {
  process(input: { locale: string; text: string }): Promise<{ sentiment: { score: number } }>;
}

/** natural's per-language analyzers with the vocabulary each language ships. */
function naturalScorer(): SentimentScorer {
  // natural's index pulls in dotenv, which prints to stdout; the sentiment submodule does not.
  const { SentimentAnalyzer } = requirePeer('natural/lib/natural/sentiment/index.js') as { SentimentAnalyzer: NaturalAnalyzerClass };
  const stemmers = requirePeer('natural/lib/natural/stemmers/index.js') as Record<string, unknown>;
  const setups: Record<string, [string, string, string]> = {
    fr: ['French', 'PorterStemmerFr', 'pattern'],
    en: ['English', 'PorterStemmer', 'afinn'],
    es: ['Spanish', 'PorterStemmerEs', 'afinn'],
    de: ['German', 'PorterStemmerDe', 'pattern'],
    it: ['Italian', 'PorterStemmerIt', 'pattern'],
    nl: ['Dutch', 'PorterStemmerNl', 'pattern'],
    pt: ['Portuguese', 'PorterStemmerPt', 'afinn'],
  };
  const analyzers = new Map<string, NaturalAnalyzer>();
  for (const [lang, [language, stemmer, vocabulary]] of Object.entries(setups)) {
    analyzers.set(lang, new SentimentAnalyzer(language, stemmers[stemmer], vocabulary));
  }
  const english = analyzers.get('en') as NaturalAnalyzer;
  return async (text, lang) => {
    const words = text.toLowerCase().match(/\p{L}+/gu) ?? [];
    return words.length === 0 ? 0 : (analyzers.get(lang) ?? english).getSentiment(words);
  };
}

/** nlp.js sentiment with the language packages it publishes for our languages. */
function nlpjsScorer(): SentimentScorer {
  const { Container } = requirePeer('@nlpjs/core') as { Container: new () => { use(plugin: unknown): void } };
  const { SentimentAnalyzer } = requirePeer('@nlpjs/sentiment') as { SentimentAnalyzer: new (settings: { container: unknown }) => NlpjsAnalyzer };
  const container = new Container();
  const packages: Record<string, string> = { fr: 'LangFr', en: 'LangEn', es: 'LangEs', de: 'LangDe', it: 'LangIt', nl: 'LangNl', pt: 'LangPt' };
  for (const [lang, name] of Object.entries(packages)) container.use((requirePeer(`@nlpjs/lang-${lang}`) as Record<string, unknown>)[name]);
  const analyzer = new SentimentAnalyzer({ container });
  return async (text, lang) => {
    const result = await analyzer.process({ locale: lang in packages ? lang : 'en', text });
    return result.sentiment.score;
  };
}

/** The VADER port: English only, as it is; run on every text. */
function vaderScorer(): SentimentScorer {
  const vader = requirePeer('vader-sentiment') as { SentimentIntensityAnalyzer: { polarity_scores(text: string): { compound: number } } };
  return async (text) => vader.SentimentIntensityAnalyzer.polarity_scores(text).compound;
}

/** The sentiment peers of the accuracy bench, by name. */
export function loadSentimentPeers(): Record<string, SentimentPeer> {
  return Object.fromEntries(Object.entries(loadSentimentScorers()).map(([name, score]) => [name, async (text: string, lang: string) => labelOf(await score(text, lang))]));
}

/** The same peers' raw scores, for sets where a side must be chosen (star ratings). */
export function loadSentimentScorers(): Record<string, SentimentScorer> {
  return { natural: naturalScorer(), 'nlp.js': nlpjsScorer(), vader: vaderScorer() };
}

/** A peer score read the usual way (VADER's ±0.05 neutral band). */
export function peerLabel(score: number): SentimentLabel {
  return labelOf(score);
}
