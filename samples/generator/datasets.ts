import { stringify } from 'csv-stringify/sync';
import { composeComment, type ThemeClimate } from './compose.js';
import { EMPLOYEE_PHRASES, OTHER_LANGUAGE_REVIEWS } from './phrase-banks.js';
import { Random } from './random.js';
import { JOURNEY_STEPS } from '../../core/vocabulary.js';

const BRANCHES = ['Lyon Part-Dieu', 'Paris 9e', 'Lille Centre', 'Marseille Prado', 'Bordeaux', 'Nantes', 'Toulouse', 'Bruxelles Louise', 'Montréal', 'Strasbourg'] as const;
const PRODUCTS = ['crédit conso', 'carte de crédit', 'prêt personnel', 'compte courant', 'assurance emprunteur'] as const;
const CHANNELS = ['agence', 'téléphone', 'web', 'app'] as const;
const FIRST_NAMES = ['Camille', 'Louis', 'Emma', 'Hugo', 'Léa', 'Jules', 'Sarah', 'Tom', 'Chloé', 'Nathan', 'Alice', 'John', 'Mary', 'Peter'] as const;

/** The app release of July 2026 went badly: digital complaints jump from then on. */
const BAD_RELEASE = new Date(Date.UTC(2026, 6, 1));
const START = Date.UTC(2025, 11, 1);
const DAYS = 365;

function climate(date: Date, branch: string): ThemeClimate {
  const afterRelease = date >= BAD_RELEASE;
  return {
    weights: {
      fees_pricing: 18, advisor_quality: 20, reachability_wait: 14, processing_speed: 14, digital_app: afterRelease ? 26 : 10,
      paperwork_process: 8, information_clarity: 6, trust_security: 5, product_offer: 6, collections_reminders: 4, complaint_handling: 4, account_closure: 3,
    },
    negativeShare: {
      fees_pricing: 0.85, reachability_wait: 0.85, advisor_quality: branch === 'Marseille Prado' ? 0.7 : 0.15, processing_speed: 0.3,
      digital_app: afterRelease ? 0.8 : 0.35, paperwork_process: 0.5, information_clarity: 0.6, trust_security: 0.5, product_offer: 0.35,
      collections_reminders: 0.7, complaint_handling: 0.6, account_closure: 0.7,
    },
  };
}

function countryOf(branch: string): string {
  if (branch === 'Bruxelles Louise') return 'Belgique';
  if (branch === 'Montréal') return 'Canada';
  return 'France';
}

function dateOf(random: Random): Date {
  return new Date(START + random.int(0, DAYS - 1) * 86_400_000 + random.int(8 * 3600, 20 * 3600) * 1000);
}

function ddmmyyyy(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${pad(date.getUTCMonth() + 1)}/${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMinutes())}`;
}

/** The NPS survey: `;`-separated, dd/mm/yyyy dates, ~10 % score-only rows, a few PII and multi-line comments. */
export function surveyCsv(seed: number, rows: number): string {
  const random = new Random(seed);
  const records: string[][] = [['respondent_id', 'date', 'score', 'commentaire', 'country', 'product', 'channel', 'branch', 'journey_step', 'customer_email']];
  for (let i = 1; i <= rows; i++) {
    const branch = random.pick(BRANCHES);
    const date = dateOf(random);
    const lang = branch === 'Montréal' ? (random.chance(0.5) ? 'en' : 'fr') : random.chance(0.25) ? 'en' : 'fr';
    const comment = composeComment(random, lang, climate(date, branch));
    let text = random.chance(0.1) ? '' : comment.text;
    if (text !== '' && random.chance(0.01)) text += lang === 'fr' ? ' Rappelez-moi au 06 12 34 56 78.' : ' Call me on +33 6 12 34 56 78.';
    if (text !== '' && random.chance(0.02)) text = text.replace('. ', '.\n');
    const email = `${random.pick(FIRST_NAMES).toLowerCase()}.${i}@example.com`;
    records.push([
      `R${String(i).padStart(5, '0')}`, ddmmyyyy(date), String(comment.score), text, countryOf(branch), random.pick(PRODUCTS),
      random.pick(CHANNELS), branch, random.chance(0.15) ? '' : comment.step, email,
    ]);
  }
  return stringify(records, { delimiter: ';' });
}

/** App-store and review-site reviews: 1–5 stars, FR/EN plus a few other languages. */
export function reviewsJsonl(seed: number, rows: number): string {
  const random = new Random(seed);
  const lines: string[] = [];
  for (let i = 1; i <= rows; i++) {
    const date = dateOf(random);
    const source = random.chance(0.6) ? 'app_store' : 'review_site';
    let text: string;
    let rating: number;
    if (random.chance(0.05)) {
      const other = random.pick(OTHER_LANGUAGE_REVIEWS);
      ({ text, rating } = other);
    } else {
      const comment = composeComment(random, random.chance(0.3) ? 'en' : 'fr', climate(date, random.pick(BRANCHES)));
      text = comment.text;
      rating = Math.max(1, Math.min(5, Math.round(comment.score / 2)));
    }
    lines.push(JSON.stringify({ id: `rev-${i}`, rating, title: text.split(/[.!]/)[0]?.slice(0, 40), text, date: date.toISOString(), author: `${random.pick(FIRST_NAMES)} ${String.fromCharCode(65 + random.int(0, 25))}.`, source }));
  }
  return `${lines.join('\n')}\n`;
}

/** Employees answering about the same journey steps (eNPS and the moment matrix). */
export function employeeCsv(seed: number, rows: number): string {
  const random = new Random(seed);
  const records: string[][] = [['id', 'date', 'enps', 'comment', 'team', 'branch', 'journey_step']];
  for (let i = 1; i <= rows; i++) {
    const step = random.pick(JOURNEY_STEPS);
    const negative = random.chance(step === 'support_contact' || step === 'everyday_use' ? 0.7 : 0.3);
    const lang = random.chance(0.2) ? 'en' : 'fr';
    const phrase = random.pick(EMPLOYEE_PHRASES[negative ? 'negative' : 'positive'][lang]);
    const score = Math.max(0, Math.min(10, Math.round((negative ? 4 : 8.5) + random.next() * 3 - 1.5)));
    records.push([`E${String(i).padStart(4, '0')}`, ddmmyyyy(dateOf(random)), String(score), phrase.charAt(0).toUpperCase() + phrase.slice(1) + '.', random.pick(['front office', 'back office', 'centre d\'appels']), random.pick(BRANCHES), step]);
  }
  return stringify(records, { delimiter: ';' });
}

/** n pipe-mode records for the benchmarks, generated lazily (never all in memory). */
export function* corpusLines(seed: number, n: number): Iterable<string> {
  const random = new Random(seed);
  for (let i = 1; i <= n; i++) {
    const branch = random.pick(BRANCHES);
    const date = dateOf(random);
    const comment = composeComment(random, random.chance(0.3) ? 'en' : 'fr', climate(date, branch));
    yield `${JSON.stringify({ id: `c${i}`, text: comment.text, nps: comment.score, created_at: date.toISOString(), branch, country: countryOf(branch) })}\n`;
  }
}
