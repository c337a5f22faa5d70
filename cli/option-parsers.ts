import { InvalidArgumentError } from 'commander';

/**
 * A commander option parser accepting one value of a closed set.
 *
 * @example .option('--format <f>', 'text | md', oneOf(['text', 'md'] as const), 'text')
 */
export function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    if ((values as readonly string[]).includes(value)) return value as T;
    throw new InvalidArgumentError(`expected one of ${values.join(', ')}, got \`${value}\``);
  };
}

/** A whole number from 1 up. */
export function positiveInteger(value: string): number {
  const number = Number(value);
  if (!Number.isInteger(number) || number < 1) throw new InvalidArgumentError(`expected a whole number from 1 and up, got \`${value}\``);
  return number;
}

/** A number of seconds, 0 or more. */
export function seconds(value: string): number {
  const number = Number(value);
  if (!Number.isFinite(number) || number < 0) throw new InvalidArgumentError(`expected a number of seconds, got \`${value}\``);
  return number;
}
