// What models/training/corpora.json records for each corpus convert-reviews.mjs writes:
// paths, where the licence was read, label mapping, domain. Counts come from the conversion.
const STARS3 = { 'stars 1-2': 'negative', 'stars 3': 'neutral', 'stars 4-5': 'positive' };

export const CONVERTED_BY =
  'models/training/convert/convert-reviews.mjs: reads the files below with `git show HEAD:<path>` from the fetched snapshot, trims texts, drops empty texts, drops later duplicates (key: NFC, lower-case, whitespace collapsed), maps labels as stated, drops texts equal to an eval text (bench/data/public, ../shared/eval), gzips a file over 3.5 MB';

export const REVIEW_CORPORA = {
  'amazon-cls-reviews-fr': {
    paths: ['data/fr/{books,dvd,music}/{train,test}.review'],
    licence: {
      spdx: 'NOASSERTION',
      read_in: 'no LICENSE file in the repository (README.md: code of Li et al., IJCAI 2020). The data are Webis-CLS-10 (Prettenhofer & Stein, ACL 2010: amazon.fr / amazon.com reviews, distributed by Webis / Zenodo record 3251672 under their own terms, not verified from stored material). Cite Prettenhofer & Stein 2010.',
    },
    label_mapping: { 'rating 1-2': 'negative', 'rating 4-5': 'positive' },
    domain: 'product reviews on amazon.fr: books, DVDs, music (title and body joined by a newline)',
    notes: 'Webis-CLS-10 keeps only 1-2 and 4-5 star reviews (balanced), so there is no neutral class. Fields: stars, category, split (the source split).',
  },
  'android-app-reviews-en': {
    paths: ['positive10k.txt', 'negative10k.txt'],
    licence: { spdx: 'NOASSERTION', read_in: 'no LICENSE file; README.rst offers the files for training sentiment models, no licence stated (Google Play reviews of top Android apps, ids in `appsid`).' },
    label_mapping: { 'positive10k.txt': 'positive', 'negative10k.txt': 'negative' },
    domain: 'Google Play reviews of popular Android apps (games, tools, communication)',
    notes: 'The source sorted reviews into a positive and a negative file (how is not documented; 3-star reviews are presumably absent).',
  },
  'fr-restaurant-reviews': {
    paths: ['data/ftdataset_train.tsv', 'data/ftdataset_val.tsv'],
    licence: { spdx: 'NOASSERTION', read_in: 'no LICENSE file; README.md: "TripAdvisor reviews from French restaurants (Grenoble, Lyon, Annecy, Valence area)", ~4,600 reviews with a star note and aspect labels.' },
    label_mapping: STARS3,
    domain: 'French TripAdvisor restaurant reviews (service, food, price)',
    notes: 'The aspect labels (Prix, Cuisine, Service) are not kept; runs of quotes around some fields are stripped. Field split = train | val as in the source.',
  },
  'trustpilot-food-delivery': {
    paths: ['data/trustpilot_en_50_page.csv', 'data/trustpilot_1_page.csv'],
    licence: { spdx: 'NOASSERTION', read_in: 'no LICENSE file and no README; scripts/scraping.py scrapes Trustpilot pages of the brands listed.' },
    label_mapping: STARS3,
    domain: 'Trustpilot reviews of food, meal-kit and delivery services (Just Eat, Grubhub, HelloFresh, Factor, CookUnity, Starbucks …): English 50 pages a brand, French 1 page a brand',
    notes: 'Headline and review joined by a newline (the headline is left out when the review starts with it).',
  },
  'fr-shop-reviews-trustpilot': {
    paths: ['src/data/external/scrapped_comments.csv'],
    licence: { spdx: 'MIT', read_in: 'LICENSE ("The MIT License (MIT) Copyright (c) 2023, DataScientest") covers the repository; the reviews are scraped from fr.trustpilot.com.' },
    label_mapping: STARS3,
    domain: 'French Trustpilot reviews of online shops (Ubaldi, Darty, Fnac, Cdiscount …)',
  },
};
