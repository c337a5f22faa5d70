// Converter for the review training corpora (issue 16, item 1): French Amazon reviews
// (Webis-CLS-10), English Android app reviews, French restaurant reviews, Trustpilot reviews
// of food / delivery services (EN, FR) and of French online shops.
// Same rules as convert.mjs: reads each path with `git show HEAD:<path>` from the fetched
// snapshot, trims, drops empty texts and later duplicates, maps labels, removes any text
// equal to an eval text (bench/data/public and ../shared/eval), gzips a file over 3.5 MB.
// Records each corpus in models/training/corpora.json (metadata: reviews-manifest.mjs).
// Usage: node models/training/convert/convert-reviews.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { gunzipSync, gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';
import { CONVERTED_BY, REVIEW_CORPORA } from './reviews-manifest.mjs';

const ROOT = new URL('../../../', import.meta.url).pathname;
const require = createRequire(`${ROOT}package.json`);
const { XMLParser } = require('fast-xml-parser');
const { parse: parseCsv } = require('csv-parse/sync');

const MIRROR = '/work/.mirror';
const gitDirs = {
  'lijuntaopku/UFD': `${MIRROR}/lijuntaopku+UFD/repo`,
  'amitt001/Android-App-Reviews-Dataset': `${MIRROR}/amitt001+Android-App-Reviews-Dataset/repo/.git`,
  'MMchaouri/absa-french-reviews': `${MIRROR}/MMchaouri+absa-french-reviews/repo`,
  'ArtusDLV/NLP_Scraping': `${MIRROR}/ArtusDLV+NLP_Scraping/repo`,
  'EleniAmorgos/MLOps_SentimentAnalysis': `${MIRROR}/EleniAmorgos+MLOps_SentimentAnalysis/repo`,
};
const stars3 = (n) => (n <= 2 ? 'negative' : n === 3 ? 'neutral' : 'positive');
const show = (repo, path) => execFileSync('git', ['--git-dir', gitDirs[repo], 'show', `HEAD:${path}`], { maxBuffer: 1 << 30, encoding: 'utf8' });
const head = (repo) => execFileSync('git', ['--git-dir', gitDirs[repo], 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const lines = (s) => s.replace(/\r\n?/g, '\n').split('\n');
const key = (text) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const clean = (text) => String(text ?? '').replace(/\r\n?/g, '\n').trim();

/** Every eval text's key: the public eval sets and the shared CX dev files (read in bulk, never one by one). */
function evalKeys() {
  const keys = new Set();
  const add = (body) => {
    for (const line of body.split('\n')) {
      if (line.trim() === '') continue;
      const text = JSON.parse(line).text;
      if (typeof text === 'string') keys.add(key(text));
    }
  };
  const dir = `${ROOT}bench/data/public`;
  for (const file of readdirSync(dir)) {
    const bytes = readFileSync(`${dir}/${file}`);
    add((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8'));
  }
  for (const file of ['cx-dev.jsonl', 'cx-dev-b.jsonl']) add(readFileSync(`${ROOT}../shared/eval/${file}`, 'utf8'));
  return keys;
}

/** Drops empty texts, later duplicates and eval texts; numbers the rows. */
function corpus(name, repo, rows, evals) {
  const seen = new Set();
  const out = [];
  const dropped = { empty: 0, duplicate: 0, also_in_an_eval_set: 0 };
  for (const row of rows) {
    const text = clean(row.text);
    if (text === '') { dropped.empty++; continue; }
    const k = key(text);
    if (seen.has(k)) { dropped.duplicate++; continue; }
    seen.add(k);
    if (evals.has(k)) { dropped.also_in_an_eval_set++; continue; }
    out.push({ ...row, text });
  }
  return { name, repo, rows: out.map((r, i) => ({ id: `${name}-${String(i + 1).padStart(5, '0')}`, ...r })), dropped };
}

const evals = evalKeys();
const written = [];

// Webis-CLS-10 (Prettenhofer & Stein, ACL 2010): amazon.fr reviews of books, DVDs and music,
// ratings 1-2 and 4-5 only (the source left 3 out). Title and body joined by a newline. The
// English part (amazon.com) was tried too: no gain by cross-validation, and its file is over 4 MiB.
{
  const repo = 'lijuntaopku/UFD';
  const parser = new XMLParser({ isArray: (n) => n === 'item' });
  const rows = [];
  for (const category of ['books', 'dvd', 'music']) {
    for (const split of ['train', 'test']) {
      const doc = parser.parse(show(repo, `data/fr/${category}/${split}.review`));
      for (const item of doc.items.item) {
        const rating = Number(item.rating);
        if (![1, 2, 4, 5].includes(rating)) continue;
        const title = clean(item.summary);
        const body = clean(item.text);
        rows.push({ text: title === '' ? body : `${title}\n${body}`, label: rating <= 2 ? 'negative' : 'positive', lang: 'fr', stars: rating, source_label: rating, category, split });
      }
    }
  }
  written.push(corpus('amazon-cls-reviews-fr', repo, rows, evals));
}

// Android app reviews (Google Play, top apps): one review a line, positive10k / negative10k.
{
  const repo = 'amitt001/Android-App-Reviews-Dataset';
  const rows = [];
  for (const [file, label] of [['positive10k.txt', 'positive'], ['negative10k.txt', 'negative']]) {
    for (const line of lines(show(repo, file))) rows.push({ text: line, label, lang: 'en', source_label: file.replace('10k.txt', '') });
  }
  written.push(corpus('android-app-reviews-en', repo, rows, evals));
}

// French TripAdvisor restaurant reviews (Grenoble / Lyon / Annecy …), 1-5 stars, with aspect
// labels we do not use. Some rows wrap fields in runs of quotes: those are stripped.
{
  const repo = 'MMchaouri/absa-french-reviews';
  const unquote = (value) => String(value ?? '').replace(/^"+|"+$/g, '');
  const rows = [];
  for (const split of ['train', 'val']) {
    const records = parseCsv(show(repo, `data/ftdataset_${split}.tsv`), { columns: true, delimiter: '\t', quote: false, skip_empty_lines: true, relax_column_count: true });
    for (const record of records) {
      const stars = Number(unquote(record.Note));
      if (![1, 2, 3, 4, 5].includes(stars)) continue;
      rows.push({ text: unquote(record.Avis), label: stars3(stars), lang: 'fr', stars, source_label: stars, restaurant: unquote(record.Restaurant), split });
    }
  }
  written.push(corpus('fr-restaurant-reviews', repo, rows, evals));
}

// Trustpilot reviews of food, meal-kit and delivery services (Just Eat, Grubhub, HelloFresh,
// Starbucks …): 50 pages a brand on the English site, one page a brand on the French site.
// Headline and review joined by a newline.
{
  const repo = 'ArtusDLV/NLP_Scraping';
  const rows = [];
  for (const [path, lang] of [['data/trustpilot_en_50_page.csv', 'en'], ['data/trustpilot_1_page.csv', 'fr']]) {
    for (const record of parseCsv(show(repo, path), { columns: true, relax_quotes: true, skip_empty_lines: true })) {
      const stars = Number(record.Grade);
      if (![1, 2, 3, 4, 5].includes(stars)) continue;
      const headline = clean(record.Headline);
      const review = clean(record.Review);
      rows.push({ text: headline === '' || review.startsWith(headline.replace(/…$/, '')) ? review : `${headline}\n${review}`, label: stars3(stars), lang, stars, source_label: stars, brand: record.Brand });
    }
  }
  written.push(corpus('trustpilot-food-delivery', repo, rows, evals));
}

// French Trustpilot reviews of online shops (Ubaldi, Darty, Fnac, Cdiscount …), 1-5 stars.
{
  const repo = 'EleniAmorgos/MLOps_SentimentAnalysis';
  const rows = [];
  for (const record of parseCsv(show(repo, 'src/data/external/scrapped_comments.csv'), { columns: true, delimiter: ';', relax_quotes: true, skip_empty_lines: true })) {
    const stars = Number(record.note);
    if (![1, 2, 3, 4, 5].includes(stars)) continue;
    rows.push({ text: record.commentaire, label: stars3(stars), lang: 'fr', stars, source_label: stars, site: record.site });
  }
  written.push(corpus('fr-shop-reviews-trustpilot', repo, rows, evals));
}

const manifestFile = `${ROOT}models/training/corpora.json`;
const manifest = JSON.parse(readFileSync(manifestFile, 'utf8'));
for (const c of written) {
  const body = c.rows.map((r) => JSON.stringify(r)).join('\n') + '\n';
  let file = `models/training/data/${c.name}.jsonl`;
  if (Buffer.byteLength(body) > 3.5 * 1024 * 1024) {
    file += '.gz';
    writeFileSync(`${ROOT}${file}`, gzipSync(body, { level: 9 }));
  } else writeFileSync(`${ROOT}${file}`, body);
  const count = (field) => {
    const counts = {};
    for (const r of c.rows) counts[r[field]] = (counts[r[field]] ?? 0) + 1;
    return counts;
  };
  const { notes, ...meta } = REVIEW_CORPORA[c.name];
  const entry = {
    name: c.name, file, role: 'train', repository: c.repo, commit: head(c.repo), paths: meta.paths, licence: meta.licence,
    texts: c.rows.length, languages: count('lang'), label_mapping: meta.label_mapping, label_counts: count('label'), domain: meta.domain,
    dropped: c.dropped, ...(notes ? { notes } : {}), converted_by: CONVERTED_BY,
  };
  const at = manifest.corpora.findIndex((existing) => existing.name === c.name);
  if (at === -1) manifest.corpora.push(entry);
  else manifest.corpora[at] = entry;
  console.log(`${file}: ${c.rows.length} texts ${JSON.stringify(entry.label_counts)} dropped ${JSON.stringify(c.dropped)}`);
}
writeFileSync(manifestFile, JSON.stringify(manifest, null, 2) + '\n');
