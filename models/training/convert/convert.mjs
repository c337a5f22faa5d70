// Throwaway converter (kept outside the repo): turns fetched repository snapshots into
// the JSONL corpora under models/training/data and bench/data/public, and prints stats.
// Usage: node /work/convert-corpora/convert.mjs
import { execFileSync } from 'node:child_process';
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { createRequire } from 'node:module';

const require = createRequire('/work/main/package.json');
const { parse: parseCsv } = require('csv-parse/sync');
const { XMLParser } = require('fast-xml-parser');
const ExcelJS = require('exceljs');

const MIRROR = '/work/.mirror';
const ROOT = '/work/main';
const gitDirs = {
  'PolyAI-LDN/task-specific-datasets': `${MIRROR}/PolyAI-LDN+task-specific-datasets/repo`,
  'cardiffnlp/xlm-t': `${MIRROR}/cardiffnlp+xlm-t/repo`,
  'cardiffnlp/tweeteval': `${MIRROR}/cardiffnlp+tweeteval/repo`,
  'Abirate/Dataset_Creation_Scrapy_Project_French_book_reviews': `${MIRROR}/Abirate+Dataset_Creation_Scrapy_Project_French_book_reviews/repo`,
  'Jayaprakashsuseelam/SentimentLabelledAnalysis': `${MIRROR}/Jayaprakashsuseelam+SentimentLabelledAnalysis/repo`,
  'gaozhengjie/ABSA-Data-Set': `${MIRROR}/gaozhengjie+ABSA-Data-Set/repo`,
  'MrColinHan/Twitter-US-Airline-Sentiment': `${MIRROR}/MrColinHan+Twitter-US-Airline-Sentiment/repo/.git`,
  'Akram-ch/TP_NLP_2023': `${MIRROR}/Akram-ch+TP_NLP_2023/repo`,
  'chanumolulalith/NLP_PROJECT': `${MIRROR}/chanumolulalith+NLP_PROJECT/repo`,
};

const show = (repo, path, encoding = 'utf8') =>
  execFileSync('git', ['--git-dir', gitDirs[repo], 'show', `HEAD:${path}`], {
    maxBuffer: 1 << 30,
    encoding,
  });
const head = (repo) =>
  execFileSync('git', ['--git-dir', gitDirs[repo], 'rev-parse', 'HEAD'], { encoding: 'utf8' }).trim();
const lines = (s) => s.replace(/\r\n?/g, '\n').split('\n');

const key = (text) => text.normalize('NFC').toLowerCase().replace(/\s+/g, ' ').trim();
const clean = (text) => String(text ?? '').replace(/\r\n?/g, '\n').trim();

const POLARITY3 = ['negative', 'neutral', 'positive'];
const stars = (n) => (n <= 2 ? 'negative' : n < 4 ? 'neutral' : 'positive');

/** Builds one corpus: drops empty texts, keeps the first of duplicate texts. */
function corpus(name, rows) {
  const seen = new Set();
  const out = [];
  let empty = 0;
  let dup = 0;
  for (const row of rows) {
    const text = clean(row.text);
    if (text === '') { empty++; continue; }
    const k = key(text);
    if (seen.has(k)) { dup++; continue; }
    seen.add(k);
    out.push({ ...row, text });
  }
  out.forEach((r, i) => { r.id = `${name}-${String(i + 1).padStart(5, '0')}`; });
  return { name, rows: out, empty, dup };
}

function withIdFirst(r) {
  const { id, text, label, lang, ...rest } = r;
  return { id, text, label, lang, ...rest };
}

// ---------- EVALUATION SETS ----------
const evals = [];

// BANKING77 (train + test), intent labels.
{
  const repo = 'PolyAI-LDN/task-specific-datasets';
  const rows = [];
  for (const split of ['train', 'test']) {
    const recs = parseCsv(show(repo, `banking_data/${split}.csv`), { columns: true, skip_empty_lines: true });
    for (const r of recs) rows.push({ text: r.text, label: r.category, lang: 'en', split, source_label: r.category });
  }
  evals.push({ ...corpus('banking77', rows), repo, dedupeScope: 'whole file (train+test)' });
}

// French insurance reviews, stars 1-5.
{
  const repo = 'chanumolulalith/NLP_PROJECT';
  const rows = [];
  for (let i = 1; i <= 35; i++) {
    const buf = show(repo, `data/avis_${i}_traduit.xlsx`, 'buffer');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf);
    const ws = wb.worksheets[0];
    let header = null;
    ws.eachRow((row) => {
      const vals = row.values.slice(1).map((v) => (v && typeof v === 'object' && 'text' in v ? v.text : v && typeof v === 'object' && 'richText' in v ? v.richText.map((t) => t.text).join('') : v));
      if (!header) { header = vals.map((h) => String(h ?? '').trim().toLowerCase()); return; }
      const rec = Object.fromEntries(header.map((h, j) => [h, vals[j]]));
      const note = Number(rec.note);
      if (!Number.isFinite(note) || note < 1 || note > 5) return; // unlabelled (the source's test rows)
      rows.push({
        text: rec.avis, label: stars(note), lang: 'fr', stars: note, source_label: note,
        insurer: rec.assureur ?? null, product: rec.produit ?? null, source_split: rec.type ?? null,
        source_file: `data/avis_${i}_traduit.xlsx`,
      });
    });
  }
  evals.push({ ...corpus('fr-insurance-reviews', rows), repo });
}

// French TV-series reviews (Allociné, Dong & de Melo 2018 preprocessed), binary.
{
  const repo = 'Akram-ch/TP_NLP_2023';
  const rows = [];
  for (const split of ['train', 'dev', 'test']) {
    for (const line of lines(show(repo, `3-python_machine_learning/allocine/fr/${split}.tsv`))) {
      if (line.trim() === '') continue;
      const tab = line.indexOf('\t');
      const lab = line.slice(0, tab).trim();
      rows.push({ text: line.slice(tab + 1), label: lab === '1' ? 'positive' : 'negative', lang: 'fr', split, source_label: Number(lab) });
    }
  }
  evals.push({ ...corpus('fr-tv-series-reviews', rows), repo });
}

// SemEval-2014 Task 4 restaurants (train v2 + test gold), sentence polarity from aspect categories.
{
  const repo = 'gaozhengjie/ABSA-Data-Set';
  const files = {
    train: "V2原版/SemEval'14-ABSA-TrainData_v2 & AnnotationGuidelines/Restaurants_Train_v2.xml",
    test: '测试集/ABSA_Gold_TestData/Restaurants_Test_Gold.xml',
  };
  const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (n) => ['sentence', 'aspectTerm', 'aspectCategory'].includes(n) });
  const rows = [];
  for (const [split, path] of Object.entries(files)) {
    const doc = parser.parse(show(repo, path));
    for (const s of doc.sentences.sentence) {
      const terms = (s.aspectTerms?.aspectTerm ?? []).map((t) => ({ term: t.term, polarity: t.polarity }));
      const cats = (s.aspectCategories?.aspectCategory ?? []).map((c) => ({ category: c.category, polarity: c.polarity }));
      const pols = new Set(cats.map((c) => c.polarity));
      let label;
      if (pols.has('conflict') || (pols.has('positive') && pols.has('negative'))) label = 'mixed';
      else if (pols.has('positive')) label = 'positive';
      else if (pols.has('negative')) label = 'negative';
      else label = 'neutral';
      rows.push({ text: typeof s.text === 'string' ? s.text : String(s.text ?? ''), label, lang: 'en', split, source_id: String(s.id), aspect_categories: cats, aspect_terms: terms });
    }
  }
  evals.push({ ...corpus('semeval2014-restaurants', rows), repo });
}

// Twitter US airline sentiment (CrowdFlower / Kaggle), eval only (NC licence).
{
  const repo = 'MrColinHan/Twitter-US-Airline-Sentiment';
  const recs = parseCsv(show(repo, 'Kaggle_Tweets.csv'), { columns: true, skip_empty_lines: true, relax_quotes: true });
  const rows = recs.map((r) => ({
    text: r.text, label: r.airline_sentiment, lang: 'en', source_label: r.airline_sentiment,
    confidence: Number(r.airline_sentiment_confidence), airline: r.airline, negative_reason: r.negativereason || null, source_id: r.tweet_id,
  }));
  evals.push({ ...corpus('en-airline-tweets', rows), repo });
}

// ---------- TRAINING SETS ----------
const trains = [];

// TweetEval sentiment (SemEval-2017 Task 4A), val + test (train file is absent from the snapshot).
{
  const repo = 'cardiffnlp/tweeteval';
  const rows = [];
  for (const split of ['val', 'test']) {
    const texts = lines(show(repo, `datasets/sentiment/${split}_text.txt`));
    const labs = lines(show(repo, `datasets/sentiment/${split}_labels.txt`));
    labs.forEach((l, i) => { if (l.trim() === '') return; rows.push({ text: texts[i], label: POLARITY3[Number(l)], lang: 'en', split, source_label: Number(l) }); });
  }
  trains.push({ ...corpus('tweeteval-sentiment-en', rows), repo, domain: 'tweets (general topics)' });
}

// XLM-T UMSAB sentiment: French (DEFT-2017) and English (SemEval-2017), all splits.
{
  const repo = 'cardiffnlp/xlm-t';
  const rows = [];
  for (const [dir, lang] of [['french', 'fr'], ['english', 'en']]) {
    for (const split of ['train', 'val', 'test']) {
      const texts = lines(show(repo, `data/sentiment/${dir}/${split}_text.txt`));
      const labs = lines(show(repo, `data/sentiment/${dir}/${split}_labels.txt`));
      labs.forEach((l, i) => { if (l.trim() === '') return; rows.push({ text: texts[i], label: POLARITY3[Number(l)], lang, split, source_label: Number(l) }); });
    }
  }
  trains.push({ ...corpus('xlmt-umsab-tweets-fr-en', rows), repo, domain: 'tweets' });
}

// French book reviews (Babelio + Critiques Libres), ratings 0.5-5.
{
  const repo = 'Abirate/Dataset_Creation_Scrapy_Project_French_book_reviews';
  const rows = [];
  for (const [site, path] of [
    ['babelio', 'Scrape_Babelio_Site/Babelio_reviews/spiders/babelio_reviews.jsonl'],
    ['critiques_libres', 'Scrape_Site_Critiques_libres/critiques_libres_scraping/critiques_libres_reviews.jsonl'],
  ]) {
    for (const line of lines(show(repo, path))) {
      if (line.trim() === '') continue;
      let d;
      try { d = JSON.parse(line); } catch { continue; }
      const r = Number(d.rating);
      if (!Number.isFinite(r) || r < 0.5 || r > 5) continue;
      rows.push({ text: d.reader_review, label: stars(r), lang: 'fr', stars: r, source_label: r, site, book_title: d.book_title ?? null });
    }
  }
  trains.push({ ...corpus('fr-book-reviews', rows), repo, domain: 'book reviews' });
}

// UCI Sentiment Labelled Sentences (Kotzias et al. 2015): Amazon products, Yelp restaurants, IMDb films.
{
  const repo = 'Jayaprakashsuseelam/SentimentLabelledAnalysis';
  const rows = [];
  for (const [site, file] of [['amazon', 'amazon_cells_labelled.txt'], ['yelp', 'yelp_labelled.txt'], ['imdb', 'imdb_labelled.txt']]) {
    for (const line of lines(show(repo, `sentiment-labelled-dataset/${file}`))) {
      const tab = line.lastIndexOf('\t');
      if (tab < 0) continue;
      const lab = line.slice(tab + 1).trim();
      if (lab !== '0' && lab !== '1') continue;
      rows.push({ text: line.slice(0, tab), label: lab === '1' ? 'positive' : 'negative', lang: 'en', source_label: Number(lab), site });
    }
  }
  trains.push({ ...corpus('uci-sentiment-sentences-en', rows), repo, domain: 'product (Amazon), restaurant (Yelp), film (IMDb) review sentences' });
}

// Remove from training any text that also appears in an evaluation set.
const evalKeys = new Set(evals.flatMap((e) => e.rows.map((r) => key(r.text))));
for (const t of trains) {
  const before = t.rows.length;
  t.rows = t.rows.filter((r) => !evalKeys.has(key(r.text)));
  t.evalOverlap = before - t.rows.length;
  t.rows.forEach((r, i) => { r.id = `${t.name}-${String(i + 1).padStart(5, '0')}`; });
}

// ---------- WRITE ----------
const stats = {};
function write(dir, c) {
  const body = c.rows.map((r) => JSON.stringify(withIdFirst(r))).join('\n') + '\n';
  const bytes = Buffer.byteLength(body);
  let file = `${dir}/${c.name}.jsonl`;
  if (bytes > 10 * 1024 * 1024) {
    file += '.gz';
    writeFileSync(`${ROOT}/${file}`, gzipSync(body, { level: 9 }));
  } else writeFileSync(`${ROOT}/${file}`, body);
  const labels = {};
  const langs = {};
  for (const r of c.rows) { labels[r.label] = (labels[r.label] ?? 0) + 1; langs[r.lang] = (langs[r.lang] ?? 0) + 1; }
  stats[c.name] = { file, repo: c.repo, commit: head(c.repo), texts: c.rows.length, bytes, labels: Object.keys(labels).length > 20 ? `${Object.keys(labels).length} labels` : labels, langs, droppedEmpty: c.empty, droppedDuplicate: c.dup, droppedEvalOverlap: c.evalOverlap ?? 0 };
}
mkdirSync(`${ROOT}/models/training/data`, { recursive: true });
mkdirSync(`${ROOT}/bench/data/public`, { recursive: true });
for (const e of evals) write('bench/data/public', e);
for (const t of trains) write('models/training/data', t);
writeFileSync('/work/convert-corpora/stats.json', JSON.stringify(stats, null, 2));
console.log(JSON.stringify(stats, null, 2));
