import { SourceLanguagePrior } from '../../models/language/source-language-prior.js';
import type { LanguageGuess, ModelSet, SentimentAnalysis, SentimentModel } from '../../models/types.js';
import type { Stage } from '../stage.js';
import { npsCategory } from '../../core/vocabulary.js';

/**
 * Language of the cleaned text. Texts too short to tell ("ok") take the language their
 * source mostly speaks in their batch (the whole batch is read first). Per batch, not per
 * run: a thread sees only its own batches, so a prior carried over would make the answer
 * depend on the thread count and on where a resumed run starts again.
 */
export function detectLanguageStage(models: Pick<ModelSet, 'language'>): Stage {
  return {
    name: 'detect-language',
    run: (items) => {
      const prior = new SourceLanguagePrior();
      const guesses: LanguageGuess[] = items.map((item) => models.language.detect(item.text));
      items.forEach((item, index) => prior.learn(item.verbatim.source, guesses[index] ?? UNDETERMINED));
      items.forEach((item, index) => {
        const guess = prior.settle(item.verbatim.source, guesses[index] ?? UNDETERMINED, /\p{L}/u.test(item.text));
        item.enrichment.lang = guess.lang;
        item.enrichment.langConfidence = guess.confidence;
        if (guess.lang === 'und' && guess.candidates !== undefined) item.languageCandidates = guess.candidates;
      });
      return items;
    },
  };
}

const UNDETERMINED: LanguageGuess = { lang: 'und', confidence: 0 };

/**
 * Overall sentiment, and the clauses the theme stage reads. A text whose language is `und` between
 * candidates ("Terrible service": French or English) is scored in each; when they agree, that is its
 * sentiment (the likeliest candidate's analysis), else it has none.
 */
export function scoreSentimentStage(models: Pick<ModelSet, 'sentiment'>): Stage {
  return {
    name: 'score-sentiment',
    run: (items) => {
      for (const item of items) {
        const lang = item.enrichment.lang ?? 'und';
        const candidates = lang === 'und' ? item.languageCandidates : undefined;
        const analysis = candidates === undefined ? models.sentiment.analyze(item.text, lang) : agreedAnalysis(models.sentiment, item.text, candidates);
        item.sentimentAnalysis = analysis;
        item.enrichment.sentimentSupported = analysis.supported;
        item.enrichment.sentiment = analysis.label;
        item.enrichment.sentimentScore = analysis.score;
      }
      return items;
    },
  };
}

/** The first candidate's analysis when every candidate language is supported and gives the same label; else unsupported. */
function agreedAnalysis(model: SentimentModel, text: string, candidates: readonly string[]): SentimentAnalysis {
  const analyses = candidates.map((lang) => model.analyze(text, lang));
  const first = analyses[0];
  if (first === undefined || !analyses.every((analysis) => analysis.supported && analysis.label === first.label)) return model.analyze(text, 'und');
  return first;
}

/** Themes, each with the sentiment of its own clause. */
export function tagThemesStage(models: Pick<ModelSet, 'themes'>): Stage {
  return {
    name: 'tag-themes',
    run: (items) => {
      for (const item of items) {
        const analysis = item.sentimentAnalysis ?? { supported: false, label: 'neutral', score: 0, clauses: [] };
        item.enrichment.themes = item.text === '' ? [] : models.themes.tag(item.text, item.enrichment.lang ?? 'und', analysis);
      }
      return items;
    },
  };
}

/** Journey step: the survey's own field wins when valid, else the linker's guess. */
export function linkJourneyStage(models: Pick<ModelSet, 'journey'>): Stage {
  return {
    name: 'link-journey',
    run: (items) => {
      for (const item of items) {
        item.enrichment.journey = models.journey.link({
          text: item.text,
          lang: item.enrichment.lang ?? 'und',
          themes: item.enrichment.themes ?? [],
          hint: item.verbatim.journeyHint,
          source: item.verbatim.source,
        });
      }
      return items;
    },
  };
}

/** NPS category from the score alone. */
export const npsCategoryStage: Stage = {
  name: 'nps-category',
  run: (items) => {
    for (const item of items) item.enrichment.npsCategory = npsCategory(item.verbatim.nps);
    return items;
  },
};
