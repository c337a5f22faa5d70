/**
 * The bound for `workGrowth`: linear work measures about 4 a step, quadratic work 16 at every step.
 * 11 leaves quadratic work well above it, and linear work room for what a full suite on two busy
 * cores adds (a whole CI run once read 8.4 for a linear case at its smallest step).
 */
export const LINEAR_BOUND = 11;

/**
 * How the work of `run` grows when its input grows fourfold: the CPU time (fastest of a few runs, so a
 * garbage collection in one does not count) is measured at `n`, `4n`, `16n` and `64n`, and the smallest
 * ratio between neighbours is returned. Linear work gives about 4, quadratic work 16 at every step
 * (`LINEAR_BOUND` sits between). The smallest step is what keeps linear work
 * under it: the cost per character jumps once when the heap outgrows the young generation (measured:
 * tokenize's triples somewhere between 15k and 240k characters, then stays flat up to 4M), and the JIT
 * and GC threads that `process.cpuUsage` also counts add spikes, but neither happens at every step,
 * while quadratic work is quadratic at all of them. A step whose smaller time is under a floor is
 * skipped (too small to show a trend, and a clamped time would understate it); CPU time, not wall
 * time, so other processes barely move it. `floorMicros` raises that floor where a step's smaller time
 * must be large enough not to be inflated by a loaded machine (the measure's own quadratic yardstick).
 *
 * @example expect(workGrowth((text) => tokenize(text), (n) => 'a'.repeat(n), 15_000)).toBeLessThan(LINEAR_BOUND)
 */
export function workGrowth(run: (text: string) => unknown, text: (size: number) => string, size: number, repetitions = 3, floorMicros = 300): number {
  const inputs = [1, 4, 16, 64].map((factor) => text(size * factor));
  // Every size once before any timing: code the JIT optimises only once it is hot must not be timed slow at
  // the small sizes and fast at the large ones (a quadratic loop measured 1.8 per step that way).
  for (const input of inputs) run(input);
  const times = inputs.map((input) => cpuMicros(run, input, repetitions));
  let smallest = Infinity;
  for (let step = 1; step < times.length; step++) {
    const before = times[step - 1] ?? 0;
    if (before >= floorMicros) smallest = Math.min(smallest, (times[step] ?? 0) / before);
  }
  return Number.isFinite(smallest) ? smallest : 1;
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
