/** What a dashboard page shows, read from its HTML: enough to compare two pages number for number. */
export interface PageFigures {
  /** `card-nps` → its exact value (`data-value`). */
  readonly cards: Readonly<Record<string, string>>;
  /** The JSON the charts are drawn from. */
  readonly charts: unknown;
  /** The choices of each filter select (segment left out: a scoped key is not offered). */
  readonly choices: Readonly<Record<string, readonly string[]>>;
  /** Ids of the verbatims listed, in order. */
  readonly verbatims: readonly string[];
  /** Sentences of a root-cause summary. */
  readonly summary: readonly string[];
  /** Every CSV download the page links to (`?format=csv&table=…`), as local URLs. */
  readonly csvLinks: readonly string[];
}

const unescape = (text: string): string => text.replaceAll('&quot;', '"').replaceAll('&#39;', "'").replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&amp;', '&');

/**
 * Reads the figures of a page the server rendered.
 *
 * @example const { cards, csvLinks } = pageFigures(response.body)
 */
export function pageFigures(body: string): PageFigures {
  const cards = Object.fromEntries(
    [...body.matchAll(/<div class="card" id="(card-[\w-]+)"><div class="label">[^<]*<\/div><div class="value[^"]*" data-value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
  );
  const chartJson = /<script type="application\/json" id="chart-data">([\s\S]*?)<\/script>/.exec(body)?.[1];
  const choices = Object.fromEntries(
    [...body.matchAll(/<select name="([\w-]+)">([\s\S]*?)<\/select>/g)]
      .filter((m) => m[1] !== 'segment')
      .map((m) => [m[1], [...(m[2] ?? '').matchAll(/<option value="([^"]*)"/g)].map((option) => unescape(option[1] ?? ''))]),
  );
  const verbatims = [...body.matchAll(/<li class="verbatim" data-id="([^"]+)"/g)].map((m) => m[1] ?? '');
  const summary = [...(/<ul class="summary">([\s\S]*?)<\/ul>/.exec(body)?.[1] ?? '').matchAll(/<li[^>]*>([\s\S]*?)<\/li>/g)].map((m) => unescape(m[1] ?? ''));
  const csvLinks = [...new Set([...body.matchAll(/href="([^"]*format=csv[^"]*)"/g)].map((m) => unescape(m[1] ?? '')))];
  return { cards, charts: chartJson === undefined ? null : (JSON.parse(chartJson) as unknown), choices, verbatims, summary, csvLinks };
}
