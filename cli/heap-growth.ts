import { setFlagsFromString } from 'node:v8';

/**
 * How far V8 lets a heap grow past what survived its last full collection, in percent, while a
 * bulk `import --enrich` runs: 60, so 1.6 times. Left to itself V8 picks up to 4 times on a heap
 * whose ceiling is 2 GB or more (the main thread's, sized from the machine's memory), and the
 * main thread of a 1M import held ≈ 100–150 MB of garbage that way (db/README.md, "The import
 * feeds the replica as it stores"). The flag is read at every collection, so, unlike
 * `--max-old-space-size`, it takes effect on the running heap; it is process-wide, the worker
 * threads' heaps included.
 */
export const IMPORT_HEAP_GROWING_PERCENT = 60;

/**
 * Bounds V8's heap growth for the whole process until the returned function is called, which
 * puts V8's own choice back.
 *
 * @example const restore = boundHeapGrowth(); try { … } finally { restore() }
 */
export function boundHeapGrowth(percent: number = IMPORT_HEAP_GROWING_PERCENT): () => void {
  if (!Number.isInteger(percent) || percent < 1) throw new TypeError(`Expected \`percent\` to be an integer from 1 and up, got \`${percent}\` (${typeof percent})`);
  setFlagsFromString(`--heap-growing-percent=${percent}`);
  // 0: the flag's default, V8's dynamic factor.
  return () => setFlagsFromString('--heap-growing-percent=0');
}
