import { loadTaxonomy } from '../../models/themes/taxonomy.js';
import { fold } from '../../core/text-folding.js';
import type { EvalRecord } from '../eval-set.js';
import type { PredictedRecord } from '../score-enrichment.js';
import { loadLanguagePeers } from './language-peers.js';
import { loadSentimentPeers } from './sentiment-peers.js';

export type Predictions = ReadonlyMap<string, PredictedRecord>;

/** Each peer's predictions on a set, by peer name (language, sentiment and theme peers alike). */
export async function predictWithPeers(records: readonly EvalRecord[], taxonomyPath: string): Promise<Record<string, Predictions>> {
  const languagePeers = await loadLanguagePeers();
  const sentimentPeers = loadSentimentPeers();
  const out: Record<string, Predictions> = {};
  for (const [name, detect] of Object.entries(languagePeers)) {
    out[name] = new Map(records.map((record) => [record.id, { lang: detect(record.text) }]));
  }
  // A peer stack picks the language with eld (the better peer detector), then scores with that language's lexicon.
  const peerLanguage = languagePeers['eld'] ?? (() => 'en');
  for (const [name, score] of Object.entries(sentimentPeers)) {
    const predictions = new Map<string, PredictedRecord>();
    for (const record of records) predictions.set(record.id, { sentiment: await score(record.text, peerLanguage(record.text)) });
    out[name] = predictions;
  }
  out['keywords'] = await keywordBaseline(records, taxonomyPath);
  return out;
}

/** Plain keyword matching: any folded taxonomy term or phrase appearing as a substring tags the theme. */
async function keywordBaseline(records: readonly EvalRecord[], taxonomyPath: string): Promise<Predictions> {
  const taxonomy = await loadTaxonomy(taxonomyPath);
  const keywords = taxonomy.themes.map((theme) => ({
    theme: theme.id,
    words: [...Object.values(theme.terms).flat(), ...Object.values(theme.phrases).flat()].map((word) => fold(word).replace(/\*$/, '')),
  }));
  return new Map(
    records.map((record) => {
      const text = fold(record.text);
      return [record.id, { themes: keywords.filter((entry) => entry.words.some((word) => text.includes(word))).map((entry) => ({ theme: entry.theme })) }];
    }),
  );
}
