/** Shared number formatting of the text and Markdown reports. */
export function signed(value: number | null, digits = 1): string {
  if (value === null) return '—';
  const text = value.toFixed(digits);
  return value > 0 ? `+${text}` : text;
}

export function interval(ci: readonly [number, number] | null): string {
  return ci === null ? '—' : `[${ci[0].toFixed(1)}, ${ci[1].toFixed(1)}]`;
}

export function percent(share: number): string {
  return `${(share * 100).toFixed(1)} %`;
}

/** Left-aligns the first column (and those in `leftColumns`), right-aligns the numbers. */
export function alignTable(rows: readonly (readonly string[])[], leftColumns: ReadonlySet<number> = new Set()): string {
  const widths = rows[0]?.map((_, column) => Math.max(...rows.map((row) => [...(row[column] ?? '')].length))) ?? [];
  return rows
    .map((row) =>
      row
        .map((cell, column) => (column === 0 || leftColumns.has(column) ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0)))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

/**
 * An NPS for display: the signed score, or what stands in its place when the score is
 * withheld (an employee group below the anonymity floor: "fewer than 5 answers").
 *
 * @example npsText({ score: null, n: 2, withheld: 'fewer than 5 answers', … }) // 'fewer than 5 answers'
 */
export function npsText(nps: { readonly score: number | null; readonly withheld?: string }): string {
  return nps.withheld ?? signed(nps.score);
}

/** `n = 40: 22 promoters, 10 passives, 8 detractors`, or `n = 2` alone when the score is withheld (the counts would give it away). */
export function npsCounts(nps: { readonly n: number; readonly promoters: number; readonly passives: number; readonly detractors: number; readonly withheld?: string }): string {
  return nps.withheld === undefined ? `n = ${nps.n}: ${nps.promoters} promoters, ${nps.passives} passives, ${nps.detractors} detractors` : `n = ${nps.n}`;
}
