import { InvalidArgumentError } from 'commander';
import { isIsoDate } from '../core/iso-date.js';

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

/**
 * A calendar date or timestamp (`2026-06-30`, `2026-06-30T08:00:00Z`), kept as given:
 * a bad one is a usage error before anything is read.
 */
export function isoDate(value: string): string {
  if (!isIsoDate(value)) throw new InvalidArgumentError(`expected a date like 2026-06-30, got \`${value}\``);
  return value;
}

/**
 * One `KEY=VALUE` (or `KEY:VALUE`) of a repeatable option, added to the ones before.
 *
 * @example .option('--segment <key=value...>', 'only this segment', segmentPair, {})
 */
export function segmentPair(value: string, previous: Record<string, string>): Record<string, string> {
  const match = /^([^=:]+)[=:](.*)$/.exec(value);
  if (match === null) throw new InvalidArgumentError(`expected KEY=VALUE, got \`${value}\``);
  return { ...previous, [(match[1] as string).trim()]: (match[2] as string).trim() };
}
