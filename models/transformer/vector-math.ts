/** Small dense-vector helpers for embeddings (unit vectors make cosine a dot product). */

export function dot(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] as number) * (b[i] as number);
  return sum;
}

/** A copy scaled to length 1; the zero vector stays zero. */
export function normalize(vector: ArrayLike<number>): Float32Array {
  const out = Float32Array.from(vector);
  const length = Math.sqrt(dot(out, out));
  if (length > 0) for (let i = 0; i < out.length; i++) out[i] = (out[i] as number) / length;
  return out;
}

/** Cosine similarity in −1..1; 0 when either vector is zero. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const lengths = Math.sqrt(dot(a, a) * dot(b, b));
  return lengths === 0 ? 0 : dot(a, b) / lengths;
}

/** The unit-length mean direction of `vectors` (all the same length, at least one). */
export function meanDirection(vectors: readonly ArrayLike<number>[]): Float32Array {
  const first = vectors[0];
  if (first === undefined) throw new RangeError('meanDirection needs at least one vector');
  const sum = new Float32Array(first.length);
  for (const vector of vectors) for (let i = 0; i < sum.length; i++) sum[i] = (sum[i] as number) + (vector[i] as number);
  return normalize(sum);
}
