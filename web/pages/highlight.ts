import { html, type SafeHtml } from '../html.js';

/** A span of the text to mark, with the theme it is evidence of. */
export interface Evidence {
  readonly theme: string;
  readonly evidence: string;
}

interface Range {
  start: number;
  end: number;
  themes: string[];
}

/**
 * The text as HTML with each evidence span in a `<mark>` (found case-insensitively;
 * overlapping spans merged). Every piece is escaped: the text is hostile input.
 *
 * @example highlight('Fees are too high', [{ theme: 'fees_pricing', evidence: 'too high' }]) // Fees are <mark …>too high</mark>
 */
export function highlight(text: string, evidences: readonly Evidence[]): SafeHtml {
  const ranges: Range[] = [];
  for (const { theme, evidence } of evidences) {
    if (evidence.trim() === '') continue;
    const pattern = new RegExp(evidence.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'iu');
    const match = pattern.exec(text);
    if (match !== null) ranges.push({ start: match.index, end: match.index + match[0].length, themes: [theme] });
  }
  ranges.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [];
  for (const range of ranges) {
    const last = merged.at(-1);
    if (last !== undefined && range.start < last.end) {
      last.end = Math.max(last.end, range.end);
      last.themes.push(...range.themes.filter((theme) => !last.themes.includes(theme)));
    } else {
      merged.push({ ...range, themes: [...range.themes] });
    }
  }
  const parts: (string | SafeHtml)[] = [];
  let at = 0;
  for (const range of merged) {
    parts.push(text.slice(at, range.start));
    parts.push(html`<mark title="${range.themes.join(', ')}" data-themes="${range.themes.join(' ')}">${text.slice(range.start, range.end)}</mark>`);
    at = range.end;
  }
  parts.push(text.slice(at));
  return html`${parts}`;
}

/** The text with one known span `[start, end)` marked (the whole text unmarked when there is none). */
export function highlightSpan(text: string, span: readonly [number, number] | null, theme: string): SafeHtml {
  if (span === null || span[0] < 0 || span[1] > text.length || span[0] >= span[1]) return html`${text}`;
  return html`${text.slice(0, span[0])}<mark title="${theme}" data-themes="${theme}">${text.slice(span[0], span[1])}</mark>${text.slice(span[1])}`;
}
