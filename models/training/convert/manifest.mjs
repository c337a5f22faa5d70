import { readFileSync, writeFileSync } from 'node:fs';
const stats = JSON.parse(readFileSync('/work/convert-corpora/stats.json', 'utf8'));
const CONV = 'throwaway Node script outside the repo (convert.mjs, described in models/README.md): reads the files below with `git show HEAD:<path>` from the fetched snapshot, trims texts, drops empty texts, drops later duplicates (key: NFC, lower-case, whitespace collapsed), maps labels as stated, gzips a file over 10 MB';
const meta = {
  'tweeteval-sentiment-en': {
    paths: ['datasets/sentiment/val_text.txt', 'datasets/sentiment/val_labels.txt', 'datasets/sentiment/test_text.txt', 'datasets/sentiment/test_labels.txt'],
    licence: { spdx: 'NOASSERTION', read_in: 'README.md "License": "TweetEval is released without any restrictions but restrictions may apply to individual tasks (which are derived from existing datasets) or Twitter"; no LICENSE file. Underlying data: SemEval-2017 Task 4A.' },
    label_mapping: { '0': 'negative', '1': 'neutral', '2': 'positive' }, role: 'train', domain: 'tweets, general topics (SemEval-2017 Task 4A)',
    notes: 'train_text.txt (>= 4 MiB) is absent from the snapshot, so only the val + test splits are here. Same SemEval-2017 source as the English half of xlmt-umsab-tweets-fr-en (exact duplicates removed only within each file).',
  },
  'xlmt-umsab-tweets-fr-en': {
    paths: ['data/sentiment/french/{train,val,test}_{text,labels}.txt', 'data/sentiment/english/{train,val,test}_{text,labels}.txt'],
    licence: { spdx: 'Apache-2.0', read_in: 'LICENSE (repository); README.md says French = DEFT-2017 (Benamara et al. 2017), English = SemEval-2017 — the original datasets\' own terms also apply' },
    label_mapping: { '0': 'negative', '1': 'neutral', '2': 'positive' }, role: 'train', domain: 'tweets (French: DEFT-2017; English: SemEval-2017)',
  },
  'fr-book-reviews': {
    paths: ['Scrape_Babelio_Site/Babelio_reviews/spiders/babelio_reviews.jsonl', 'Scrape_Site_Critiques_libres/critiques_libres_scraping/critiques_libres_reviews.jsonl'],
    licence: { spdx: 'NOASSERTION', read_in: 'no LICENSE file in the repository; README.md states no licence (reviews scraped from Babelio and Critiques Libres). Check before shipping weights trained on it.' },
    label_mapping: { 'rating <= 2': 'negative', '2.5 <= rating <= 3.5': 'neutral', 'rating >= 4': 'positive' }, role: 'train', domain: 'book reviews (French readers)',
    notes: 'rating 0.5-5 in half stars; 3 rows with rating 5.5 were dropped as out of range. Skewed positive (about 5% negative).',
  },
  'uci-sentiment-sentences-en': {
    paths: ['sentiment-labelled-dataset/amazon_cells_labelled.txt', 'sentiment-labelled-dataset/yelp_labelled.txt', 'sentiment-labelled-dataset/imdb_labelled.txt'],
    licence: { spdx: 'CC-BY-4.0', read_in: 'licence of UCI ML Repository dataset 331 "Sentiment Labelled Sentences" (Kotzias et al., KDD 2015), as that repository states for its datasets — not verified from stored material; the mirror repository has no LICENSE file, its readme.txt asks to cite the paper' },
    label_mapping: { '0': 'negative', '1': 'positive' }, role: 'train', domain: 'review sentences: products (Amazon), restaurants (Yelp), films (IMDb, one third)',
  },
  'banking77': {
    paths: ['banking_data/train.csv', 'banking_data/test.csv'],
    licence: { spdx: 'CC-BY-4.0', read_in: 'LICENSE ("Attribution 4.0 International") and README.md "License" section' },
    label_mapping: { category: 'label (77 intents, kept as in the source); field split = train | test as in the source' }, role: 'eval', domain: 'short online-banking customer queries (intent / theme tagging)',
  },
  'fr-insurance-reviews': {
    paths: ['data/avis_1_traduit.xlsx … data/avis_35_traduit.xlsx'],
    licence: { spdx: 'NOASSERTION', read_in: 'no LICENSE file in the repository; reviews from a French insurance review site, circulated as a student NLP project dataset' },
    label_mapping: { 'stars 1-2': 'negative', 'stars 3': 'neutral', 'stars 4-5': 'positive' }, role: 'eval', domain: 'French insurance customer reviews (56 insurers; product field = auto, santé, habitation, …)',
    notes: 'Only rows with a 1-5 note are kept (the source\'s unlabelled rows are dropped). Fields: stars, insurer, product, source_split, source_file. The machine-translated English column is not kept. Gzipped (13.7 MB uncompressed).',
  },
  'fr-tv-series-reviews': {
    paths: ['3-python_machine_learning/allocine/fr/train.tsv', '3-python_machine_learning/allocine/fr/dev.tsv', '3-python_machine_learning/allocine/fr/test.tsv'],
    licence: { spdx: 'NOASSERTION', read_in: 'no LICENSE file; 2-python_data_analysis/readme.txt: "French Sentiment Analysis Dataset with Television Series Reviews", sentiment.nlproc.org (Dong & de Melo, AAAI/ACL 2018), preprocessed Allociné data from Van de Cruys — cite those papers' },
    label_mapping: { '0': 'negative', '1': 'positive' }, role: 'eval', domain: 'French TV-series reviews (Allociné); texts are lower-cased and tokenised by the source',
  },
  'semeval2014-restaurants': {
    paths: ["V2原版/SemEval'14-ABSA-TrainData_v2 & AnnotationGuidelines/Restaurants_Train_v2.xml", '测试集/ABSA_Gold_TestData/Restaurants_Test_Gold.xml'],
    licence: { spdx: 'NOASSERTION', read_in: 'repository LICENSE is MIT (covers the repository); the SemEval-2014 Task 4 data keep the organisers\' terms (Pontiki et al. 2014) — evaluation only' },
    label_mapping: { 'aspect-category polarities all positive (or positive+neutral)': 'positive', 'all negative (or negative+neutral)': 'negative', 'all neutral': 'neutral', 'positive and negative, or any conflict': 'mixed' }, role: 'eval', domain: 'English restaurant review sentences (aspect-based)',
    notes: 'Sentence label derived from aspect categories; the original aspect_categories and aspect_terms (with polarities) are kept on each line; split = train | test as in SemEval.',
  },
  'en-airline-tweets': {
    paths: ['Kaggle_Tweets.csv'],
    licence: { spdx: 'CC-BY-NC-SA-4.0', read_in: 'no LICENSE in the repository; the file is the Kaggle "Twitter US Airline Sentiment" (Figure Eight / CrowdFlower Data for Everyone) dataset, published on Kaggle under CC BY-NC-SA 4.0 — non-commercial, so EVALUATION ONLY, never training' },
    label_mapping: { airline_sentiment: 'label as is (negative | neutral | positive)' }, role: 'eval', domain: 'English customer tweets to US airlines',
  },
};
const corpora = Object.entries(stats).map(([name, s]) => {
  const m = meta[name];
  return {
    name, file: s.file, role: m.role, repository: s.repo, commit: s.commit, paths: m.paths,
    licence: m.licence, texts: s.texts, languages: s.langs, label_mapping: m.label_mapping, label_counts: s.labels,
    domain: m.domain, dropped: { empty: s.droppedEmpty, duplicate: s.droppedDuplicate, also_in_an_eval_set: s.droppedEvalOverlap },
    ...(m.notes ? { notes: m.notes } : {}), converted_by: CONV,
  };
});
const manifest = {
  description: 'Public labelled corpora for the fast-tier models (issue 16). role=train files live in models/training/data, role=eval files in bench/data/public; eval sets come from other repositories/sources than the training files, and any training text equal to an eval text was removed. Each line: {id, text, label, lang, source_label?, ...source fields}.',
  line_shape: { id: 'string', text: 'string', label: 'negative | neutral | positive | mixed (sentiment sets) or the intent name (banking77)', lang: 'fr | en', source_label: 'the label as the source gave it' },
  corpora,
};
writeFileSync('/work/main/models/training/corpora.json', JSON.stringify(manifest, null, 2) + '\n');
