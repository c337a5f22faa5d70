/**
 * The days of a period as people say them: `to` is exclusive, so the last day is the one before.
 *
 * @example periodText({ from: '2026-05-02', to: '2026-06-01' }) // '2026-05-02 to 2026-05-31'
 */
export function periodText(period: { readonly from: string; readonly to: string }): string {
  const last = new Date(new Date(period.to).getTime() - 1).toISOString().slice(0, 10);
  return `${period.from.slice(0, 10)} to ${last}`;
}
