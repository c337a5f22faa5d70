import type { MultiLabelExample } from './train-linear.js';

/**
 * Training examples as flat typed arrays on shared memory: worker threads read them
 * without a copy, and there is no object per example to collect. Example `i` has
 * features `offsets[i]..offsets[i+1]` and labels `labelOffsets[i]..labelOffsets[i+1]`.
 */
export interface PackedExamples {
  readonly offsets: Uint32Array;
  readonly indices: Uint32Array;
  readonly values: Float32Array;
  readonly labelOffsets: Uint32Array;
  readonly labels: Int32Array;
}

/**
 * Packs examples once, for every fold and every thread.
 *
 * @example const packed = packExamples(examples); unpackExamples(packed, Int32Array.of(0, 2))
 */
export function packExamples(examples: readonly MultiLabelExample[]): PackedExamples {
  let features = 0;
  let labelCount = 0;
  for (const example of examples) {
    features += example.features.indices.length;
    labelCount += example.labels.length;
  }
  const shared = <T>(make: (buffer: SharedArrayBuffer) => T, length: number, bytes: number): T => make(new SharedArrayBuffer(Math.max(1, length) * bytes));
  const packed: PackedExamples = {
    offsets: shared((b) => new Uint32Array(b, 0, examples.length + 1), examples.length + 1, 4),
    indices: shared((b) => new Uint32Array(b, 0, features), features, 4),
    values: shared((b) => new Float32Array(b, 0, features), features, 4),
    labelOffsets: shared((b) => new Uint32Array(b, 0, examples.length + 1), examples.length + 1, 4),
    labels: shared((b) => new Int32Array(b, 0, labelCount), labelCount, 4),
  };
  let at = 0;
  let labelAt = 0;
  examples.forEach((example, i) => {
    packed.indices.set(example.features.indices, at);
    packed.values.set(example.features.values, at);
    at += example.features.indices.length;
    packed.offsets[i + 1] = at;
    for (const label of example.labels) packed.labels[labelAt++] = label;
    packed.labelOffsets[i + 1] = labelAt;
  });
  return packed;
}

/** How many examples are packed. */
export function packedLength(packed: PackedExamples): number {
  return packed.offsets.length - 1;
}

/** The examples at `subset` (all, in order, when null) as views on the packed arrays: no copy. */
export function unpackExamples(packed: PackedExamples, subset: Int32Array | null): MultiLabelExample[] {
  const at = (i: number): MultiLabelExample => {
    const [from, to] = [packed.offsets[i] as number, packed.offsets[i + 1] as number];
    const [labelFrom, labelTo] = [packed.labelOffsets[i] as number, packed.labelOffsets[i + 1] as number];
    return { features: { indices: packed.indices.subarray(from, to), values: packed.values.subarray(from, to) }, labels: Array.from(packed.labels.subarray(labelFrom, labelTo)) };
  };
  if (subset === null) return Array.from({ length: packedLength(packed) }, (_, i) => at(i));
  return Array.from(subset, at);
}
