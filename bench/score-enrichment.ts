/** A labelled record of the shared evaluation set. */
export interface GoldRecord {
  readonly id: string;
  readonly text: string;
  readonly lang: string;
  readonly sentiment: string;
  readonly themes?: readonly { readonly theme: string; readonly sentiment?: string }[] | null;
  readonly journey?: string | null;
}

/** The pipe-mode fields a prediction carries. */
export interface PredictedRecord {
  readonly lang?: string;
  readonly sentiment?: string;
  /** −1..1, when the system gives one (decides neutral answers on two-sided sets). */
  readonly sentiment_score?: number;
  readonly themes?: readonly { readonly theme: string; readonly sentiment?: string }[];
  readonly journey?: string | null;
}

export interface EnrichmentScores {
  readonly n: number;
  readonly lang_acc: number;
  readonly lang_acc_short: number | null;
  readonly sent_macro_f1: number;
  readonly sent_acc: number;
  readonly theme_micro_f1: number;
  readonly theme_precision: number;
  readonly theme_recall: number;
  readonly theme_sent_acc: number;
  readonly journey_acc: number;
  readonly journey_null_as_step: number;
}

const LABELS = ['negative', 'neutral', 'positive', 'mixed'] as const;

function f1(tp: number, fp: number, fn: number): number {
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  return precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
}

/** The metrics of shared/eval/score.py, computed the same way (themes and journey on fr/en records only). */
export function scoreEnrichment(gold: readonly GoldRecord[], predictions: ReadonlyMap<string, PredictedRecord>): EnrichmentScores {
  const predicted = (id: string): PredictedRecord => predictions.get(id) ?? {};
  const share = (items: readonly GoldRecord[], ok: (item: GoldRecord) => boolean): number =>
    items.length === 0 ? 0 : items.filter(ok).length / items.length;
  const short = gold.filter((item) => item.text.length < 20);
  const perLabel = LABELS.map((label) => {
    let tp = 0, fp = 0, fn = 0;
    for (const item of gold) {
      const guess = predicted(item.id).sentiment;
      if (item.sentiment === label && guess === label) tp++;
      else if (item.sentiment !== label && guess === label) fp++;
      else if (item.sentiment === label && guess !== label) fn++;
    }
    return f1(tp, fp, fn);
  });
  const frEn = gold.filter((item) => item.lang === 'fr' || item.lang === 'en');
  let tp = 0, fp = 0, fn = 0, sentimentOk = 0, sentimentN = 0;
  for (const item of frEn) {
    const goldThemes = new Map((item.themes ?? []).map((theme) => [theme.theme, theme.sentiment]));
    const guessThemes = new Map((predicted(item.id).themes ?? []).map((theme) => [theme.theme, theme.sentiment]));
    for (const [theme, sentiment] of guessThemes) {
      if (goldThemes.has(theme)) {
        tp++;
        sentimentN++;
        if (goldThemes.get(theme) === sentiment) sentimentOk++;
      } else fp++;
    }
    for (const theme of goldThemes.keys()) if (!guessThemes.has(theme)) fn++;
  }
  const withStep = frEn.filter((item) => item.journey != null);
  const withoutStep = frEn.filter((item) => item.journey == null);
  return {
    n: gold.length,
    lang_acc: share(gold, (item) => predicted(item.id).lang === item.lang),
    lang_acc_short: short.length === 0 ? null : share(short, (item) => predicted(item.id).lang === item.lang),
    sent_macro_f1: perLabel.reduce((sum, value) => sum + value, 0) / LABELS.length,
    sent_acc: share(gold, (item) => predicted(item.id).sentiment === item.sentiment),
    theme_micro_f1: f1(tp, fp, fn),
    theme_precision: tp + fp === 0 ? 0 : tp / (tp + fp),
    theme_recall: tp + fn === 0 ? 0 : tp / (tp + fn),
    theme_sent_acc: sentimentN === 0 ? 0 : sentimentOk / sentimentN,
    journey_acc: share(withStep, (item) => predicted(item.id).journey === item.journey),
    journey_null_as_step: share(withoutStep, (item) => predicted(item.id).journey != null),
  };
}
