const EMPTY_SLOT = -1;
/** Starting size; a long text grows the table, and the next text starts small again (a small table stays in the cache). */
const INITIAL_SLOTS = 1024;

/**
 * The scratch table every `FeatureCounts` shares (a text is featurized at a time, JavaScript is
 * single-threaded): module state rather than static private fields, which each `add` would
 * have read through the class.
 */
let sharedKeys = new Int32Array(INITIAL_SLOTS).fill(EMPTY_SLOT);
let sharedValues = new Float64Array(INITIAL_SLOTS);
let dirty = false;
/** Buckets in order of first appearance, and where each sits in the table: reused by every text (only the first `size` count). */
let sharedBuckets: number[] = [];
let sharedSlots: number[] = [];

/**
 * The feature counts of one text: bucket → summed value, with the buckets in order of
 * first appearance. A small open-addressing table (scratch arrays shared by all calls)
 * rather than an array of every bucket: a text touches a few hundred of 2^18 buckets, and
 * a 2 MB array missed the CPU cache on almost every add. Same sums in the same order, so
 * the same values to the bit.
 */
export class FeatureCounts {
  /** How many buckets were counted. */
  size = 0;
  /** The shared arrays, held here so `add` reads fields of its own (the table is replaced when it grows). */
  readonly #buckets: number[];
  readonly #slots: number[];
  #keys: Int32Array;
  #values: Float64Array;

  constructor() {
    // A previous text's `clear` emptied its slots; one that threw before clearing left them set.
    if (dirty) sharedKeys.fill(EMPTY_SLOT);
    dirty = true;
    this.#keys = sharedKeys;
    this.#values = sharedValues;
    this.#buckets = sharedBuckets;
    this.#slots = sharedSlots;
  }

  /** The i-th bucket counted (i < size), in order of first appearance. */
  bucketAt(i: number): number {
    return this.#buckets[i] as number;
  }

  /** Adds `value` to a bucket (a non-negative integer below 2^31). */
  add(bucket: number, value: number): void {
    const keys = this.#keys;
    const mask = keys.length - 1;
    for (let slot = bucket & mask; ; slot = (slot + 1) & mask) {
      const key = keys[slot] as number;
      if (key === bucket) {
        this.#values[slot] = (this.#values[slot] as number) + value;
        return;
      }
      if (key === EMPTY_SLOT) {
        keys[slot] = bucket;
        this.#values[slot] = value;
        const at = this.size++;
        this.#buckets[at] = bucket;
        this.#slots[at] = slot;
        if (this.size * 2 > keys.length) this.#grow();
        return;
      }
    }
  }

  /** The summed value of the i-th bucket counted. */
  sumAt(i: number): number {
    return this.#values[this.#slots[i] as number] as number;
  }

  /** Empties the table for the next text (only this text's slots). */
  clear(): void {
    const keys = this.#keys;
    const slots = this.#slots;
    for (let i = 0; i < this.size; i++) keys[slots[i] as number] = EMPTY_SLOT;
    dirty = false;
    if (keys.length > INITIAL_SLOTS * 64) {
      sharedKeys = new Int32Array(INITIAL_SLOTS).fill(EMPTY_SLOT);
      sharedValues = new Float64Array(INITIAL_SLOTS);
      sharedBuckets = [];
      sharedSlots = [];
    }
  }

  /** Doubles the table (kept for later texts), re-placing this text's buckets. */
  #grow(): void {
    const keys = new Int32Array(this.#keys.length * 2).fill(EMPTY_SLOT);
    const values = new Float64Array(keys.length);
    const mask = keys.length - 1;
    for (let i = 0; i < this.size; i++) {
      const bucket = this.#buckets[i] as number;
      let slot = bucket & mask;
      while (keys[slot] !== EMPTY_SLOT) slot = (slot + 1) & mask;
      keys[slot] = bucket;
      values[slot] = this.#values[this.#slots[i] as number] as number;
      this.#slots[i] = slot;
    }
    sharedKeys = this.#keys = keys;
    sharedValues = this.#values = values;
  }
}
