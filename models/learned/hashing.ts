/**
 * FNV-1a over UTF-16 code units, then a multiplicative mix: a stable 32-bit hash, so
 * a feature string lands in the same bucket in training and at run time on any machine.
 */
export function hashFeature(feature: string): number {
  return finishHash(continueHash(FNV_OFFSET, feature, 0, feature.length));
}

export const FNV_OFFSET = 0x811c9dc5;

/** FNV-1a state after `text[from..to)`, from a state: hashing "c:" + gram without building the string. */
export function continueHash(state: number, text: string, from: number, to: number): number {
  let hash = state;
  for (let i = from; i < to; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash;
}

/** The final mix of a hash state (spreads FNV's low bits, which pick the bucket). */
export function finishHash(state: number): number {
  let hash = state;
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  return hash >>> 0;
}

/** Mulberry32: a seeded generator for shuffles, so the same seed trains the same model. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Fisher–Yates with a seeded generator. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
