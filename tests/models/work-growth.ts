/**
 * How the work of `run` grows when its input grows fourfold: the CPU time (fastest of a few runs,
 * so a garbage collection in one does not count) on `text(4n)` over that on `text(n)`. Linear work
 * gives about 4, quadratic work 16: a bound of 8 leaves a factor of two for noise either way. CPU
 * time, not wall time, so other processes on the machine barely move it. Times under a floor count
 * as the floor: a step too small to measure cannot show a trend.
 *
 * @example expect(workGrowth((text) => tokenize(text), (n) => 'a'.repeat(n), 250_000)).toBeLessThan(8)
 */
export function workGrowth(run: (text: string) => unknown, text: (size: number) => string, size: number, repetitions = 3): number {
  const small = text(size);
  const large = text(size * 4);
  run(small);
  const floor = 2_000;
  return Math.max(cpuMicros(run, large, repetitions), floor) / Math.max(cpuMicros(run, small, repetitions), floor);
}

function cpuMicros(run: (text: string) => unknown, text: string, repetitions: number): number {
  let best = Infinity;
  for (let i = 0; i < repetitions; i++) {
    const start = process.cpuUsage();
    run(text);
    const used = process.cpuUsage(start);
    best = Math.min(best, used.user + used.system);
  }
  return best;
}

/** `unit` repeated to `size` characters. */
export function filled(unit: string): (size: number) => string {
  return (size) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

/** Pseudo-random lower-case letters without spaces (the same ones every run). */
export function lettersWithoutSpaces(size: number): string {
  let state = 12345;
  let out = '';
  for (let i = 0; i < size; i++) {
    state = (state * 1103515245 + 12345) & 0x7fffffff;
    out += String.fromCharCode(97 + ((state >> 16) % 26));
  }
  return out;
}
