const EMPTY_SLOT = -1;
/** Starting size; a long text grows the table, and the next text starts small again (a small table stays in the cache). */
const INITIAL_SLOTS = 1024;

/**
 * The feature counts of one text: bucket → summed value, with the buckets in order of
 * first appearance. A small open-addressing table (scratch arrays shared by all calls: a
 * text is featurized at a time, JavaScript is single-threaded) rather than an array of
 * every bucket: a text touches a few hundred of 2^18 buckets, and a 2 MB array missed the
 * CPU cache on almost every add. Same sums in the same order, so the same values to the bit.
 */
export class FeatureCounts {
  static #keys = new Int32Array(INITIAL_SLOTS).fill(EMPTY_SLOT);
  static #values = new Float64Array(INITIAL_SLOTS);
  static #dirty = false;
  /** Buckets in order of first appearance. */
  readonly buckets: number[] = [];
  /** Where each of `buckets` sits in the table. */
  readonly #slots: number[] = [];

  constructor() {
    // A previous text's `clear` emptied its slots; one that threw before clearing left them set.
    if (FeatureCounts.#dirty) FeatureCounts.#keys.fill(EMPTY_SLOT);
    FeatureCounts.#dirty = true;
  }

  /** Adds `value` to a bucket (a non-negative integer below 2^31). */
  add(bucket: number, value: number): void {
    const keys = FeatureCounts.#keys;
    const mask = keys.length - 1;
    for (let slot = bucket & mask; ; slot = (slot + 1) & mask) {
      const key = keys[slot] as number;
      if (key === bucket) {
        FeatureCounts.#values[slot] = (FeatureCounts.#values[slot] as number) + value;
        return;
      }
      if (key === EMPTY_SLOT) {
        keys[slot] = bucket;
        FeatureCounts.#values[slot] = value;
        this.buckets.push(bucket);
        this.#slots.push(slot);
        if (this.buckets.length * 2 > keys.length) this.#grow();
        return;
      }
    }
  }

  /** The summed value of the i-th bucket of `buckets`. */
  sumAt(i: number): number {
    return FeatureCounts.#values[this.#slots[i] as number] as number;
  }

  /** Empties the table for the next text (only this text's slots). */
  clear(): void {
    const keys = FeatureCounts.#keys;
    for (const slot of this.#slots) keys[slot] = EMPTY_SLOT;
    FeatureCounts.#dirty = false;
    if (keys.length > INITIAL_SLOTS * 64) {
      FeatureCounts.#keys = new Int32Array(INITIAL_SLOTS).fill(EMPTY_SLOT);
      FeatureCounts.#values = new Float64Array(INITIAL_SLOTS);
    }
  }

  /** Doubles the table (kept for later texts), re-placing this text's buckets. */
  #grow(): void {
    const keys = new Int32Array(FeatureCounts.#keys.length * 2).fill(EMPTY_SLOT);
    const values = new Float64Array(keys.length);
    const mask = keys.length - 1;
    this.buckets.forEach((bucket, i) => {
      let slot = bucket & mask;
      while (keys[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      keys[slot] = bucket;
      values[slot] = FeatureCounts.#values[this.#slots[i] as number] as number;
      this.#slots[i] = slot;
    });
    FeatureCounts.#keys = keys;
    FeatureCounts.#values = values;
  }
}
