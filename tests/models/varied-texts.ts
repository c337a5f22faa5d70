/**
 * Texts that stress the text path's fast paths: accents (composed and decomposed), apostrophes (' and ’),
 * emoji and emoticons, mixed case and shouting, negation, digits, French and English, other scripts.
 */
export const VARIED_TEXTS: readonly string[] = [
  'Très bien, MERCI !',
  "L'appli ne marche pas depuis 3 semaines, c'est NUL :(",
  'Je n’ai jamais reçu ma carte… conseiller injoignable 😡😡',
  'Not bad, but the overdraft charges are too high.',
  "I don't think the app works :-) or does it? :D :p =P ;)",
  'Le service client est nul.',
  'Customer service is useless!!! NEVER AGAIN',
  'Cafe\u0301 cre\u0300me — Ça va ? Œuvre, naïve, Noël, ÉTÉ, straße, İstanbul',
  'frais cachés sur mon relevé; conseiller top 👍🏽 mais appli lente ⭐⭐⭐',
  'super appli mais frais trop élevés ; conseiller injoignable',
  'c tro nuuul jsuis pas content, pk personne ne rappelle ?',
  '© ® ™ 2024 — 06 12 34 56 78 — jean.dupont@gmail.com',
  'não gostei do atendimento · Der Service war schlecht · слишком дорого · 非常好',
  "aujourd'hui l’agence m'a dit qu'il n'y avait pas d'attente",
  "Won't recommend. Didn't get a reply in 2 weeks, they don’t care",
  'ok',
  '',
  '   ',
  '👍',
  ':)',
  "rock'n'roll l'' ''a '’b a'1 1'a x:-(y :'( =-D :dd",
  'ǅemal Ǉ ﬁnance ℌ Ⅻ ½ ²',
  '\uD83D lone high, lone low \uDE00, \u0301 lone mark',
];

/** More texts, built from pieces of the above by a fixed-seed generator (the same texts on every run). */
export function generatedTexts(count: number, seed = 42): string[] {
  const pieces = [...VARIED_TEXTS.join(' ').split(/(?<=\s)/u), ...'aÉé’\':;=-()DdPp1😀👍🏽\u0301'.split('')];
  let state = seed;
  const next = (): number => {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    return state / 0x7fffffff;
  };
  return Array.from({ length: count }, () => {
    let text = '';
    const length = Math.floor(next() * 12);
    for (let i = 0; i < length; i++) text += pieces[Math.floor(next() * pieces.length)] ?? '';
    return text;
  });
}
