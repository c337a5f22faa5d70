/**
 * Hand checks of a parsed model file's shape. A schema library walks each of the hundreds of
 * thousands of weights through generic machinery (≈ 0.4 s a thread for the bundled classifiers);
 * these loops check the same things at a few nanoseconds a value. A failed check throws a
 * {@link ShapeError} naming the field, which the loader prefixes with the file.
 *
 * @example const threshold = numberAt(objectAt(raw, '').threshold, 'themes.threshold', { min: 0, max: 1 })
 */

/** A field of a model file that is missing or of the wrong kind; `path` names it (`themes.threshold`). */
export class ShapeError extends Error {
  override readonly name = 'ShapeError';
  constructor(
    readonly path: string,
    expected: string,
    value: unknown,
  ) {
    super(`${path || '(root)'}: expected ${expected}, got ${describe(value)}`);
  }
}

/** The bounds a number must respect. */
export interface NumberBounds {
  readonly min?: number;
  readonly max?: number;
  /** Strictly above `min` (e.g. a temperature). */
  readonly positive?: boolean;
  readonly integer?: boolean;
}

/** A plain object (not an array, not null). */
export function objectAt(value: unknown, path: string): Readonly<Record<string, unknown>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new ShapeError(path, 'an object', value);
  return value as Readonly<Record<string, unknown>>;
}

/** A finite number within `bounds`. */
export function numberAt(value: unknown, path: string, bounds: NumberBounds = {}): number {
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (bounds.integer !== true || Number.isInteger(value)) &&
    (bounds.positive !== true || value > 0) &&
    (bounds.min === undefined || value >= bounds.min) &&
    (bounds.max === undefined || value <= bounds.max);
  if (!ok) throw new ShapeError(path, describeBounds(bounds), value);
  return value;
}

export function stringAt(value: unknown, path: string): string {
  if (typeof value !== 'string') throw new ShapeError(path, 'a string', value);
  return value;
}

export function booleanAt(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean') throw new ShapeError(path, 'a boolean', value);
  return value;
}

/** The exact string `expected` (a file's format tag). */
export function literalAt<T extends string>(value: unknown, path: string, expected: T, what: string): T {
  if (value !== expected) throw new ShapeError(path, what, value);
  return expected;
}

/** An array whose every item passes `item` (given the item's path). */
export function arrayAt<T>(value: unknown, path: string, item: (value: unknown, path: string) => T, minLength = 0): T[] {
  if (!Array.isArray(value)) throw new ShapeError(path, 'an array', value);
  if (value.length < minLength) throw new ShapeError(path, `an array of at least ${minLength} items`, value);
  return value.map((entry: unknown, index) => item(entry, `${path}.${index}`));
}

/**
 * An object of numbers (feature → weight), returned as it is: checked in one loop, not copied,
 * since these hold up to tens of thousands of keys.
 */
export function numberRecordAt(value: unknown, path: string): Readonly<Record<string, number>> {
  const record = objectAt(value, path);
  for (const key in record) {
    const weight = record[key];
    if (typeof weight !== 'number' || !Number.isFinite(weight)) throw new ShapeError(`${path}.${key}`, 'a number', weight);
  }
  return record as Readonly<Record<string, number>>;
}

/** An object whose every value passes `item`, copied key by key. */
export function recordAt<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): Record<string, T> {
  const record = objectAt(value, path);
  const out: Record<string, T> = {};
  for (const key of Object.keys(record)) out[key] = item(record[key], `${path}.${key}`);
  return out;
}

/** `value`, or undefined when the field is absent. */
export function optionalAt<T>(value: unknown, path: string, item: (value: unknown, path: string) => T): T | undefined {
  return value === undefined ? undefined : item(value, path);
}

function describeBounds(bounds: NumberBounds): string {
  const kind = bounds.integer === true ? 'an integer' : 'a number';
  const parts = [
    bounds.positive === true ? 'above 0' : undefined,
    bounds.min === undefined ? undefined : `from ${bounds.min}`,
    bounds.max === undefined ? undefined : `up to ${bounds.max}`,
  ].filter((part) => part !== undefined);
  return parts.length === 0 ? kind : `${kind} ${parts.join(' ')}`;
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (value === null || typeof value !== 'object') return `\`${String(value)}\` (${value === null ? 'null' : typeof value})`;
  return 'an object';
}
