/**
 * Whether `value` is an ISO date (`2026-10-01`, optionally with a time) that reads
 * back as itself: `new Date('2026-02-30')` is 2 March, which no one meant.
 */
export function isIsoDate(value: string): boolean {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}([T ].*)?$/.test(value) || Number.isNaN(date.getTime())) return false;
  const day = value.slice(0, 10);
  // The calendar day as written, checked in UTC on its own so a time or zone cannot shift it.
  const midnight = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(midnight.getTime()) && midnight.toISOString().slice(0, 10) === day;
}
