import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Node } from 'yaml';

/** One thing wrong with a taxonomy file, at a line (1-based) and a field (`themes[2].terms.fr`). */
export interface TaxonomyProblem {
  readonly line: number;
  readonly field: string;
  readonly message: string;
}

/** A parsed taxonomy file that can say on which line a value (or a key) sits. */
export interface TaxonomySource {
  readonly value: unknown;
  /** Line of the value at `path`, or of its nearest ancestor present in the file (a missing field: its object's line). */
  lineOf(path: readonly PropertyKey[]): number;
  /** Line of the key `key` of the object at `path` (an unknown key). */
  keyLineOf(path: readonly PropertyKey[], key: string): number;
}

/**
 * Parses taxonomy text: JSON when `file` ends in `.json` (strict JSON syntax,
 * errors reported as JSON), YAML otherwise. Syntax errors come back as problems,
 * all of them, each with its line; the source is `undefined` then.
 */
export function readTaxonomySource(text: string, file: string): { source: TaxonomySource | undefined; problems: TaxonomyProblem[] } {
  const lineCounter = new LineCounter();
  if (file.toLowerCase().endsWith('.json')) {
    const problem = jsonSyntaxProblem(text);
    if (problem !== undefined) return { source: undefined, problems: [problem] };
  }
  // JSON is YAML too: the same parser gives the node ranges of either format.
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  if (doc.errors.length > 0) {
    return {
      source: undefined,
      problems: doc.errors.map((error) => ({ line: lineCounter.linePos(error.pos[0]).line, field: '', message: `not valid YAML: ${firstSentence(error.message)}` })),
    };
  }
  const lineAt = (node: Node | null | undefined): number => lineCounter.linePos(node?.range?.[0] ?? 0).line;
  const walk = (path: readonly PropertyKey[]): Node[] => {
    const nodes: Node[] = [];
    let node: unknown = doc.contents;
    for (const segment of path) {
      if (!isMap(node) && !isSeq(node)) break;
      const next: unknown = node.get(typeof segment === 'symbol' ? String(segment) : segment, true);
      if (next === undefined || next === null) break;
      nodes.push(next as Node);
      node = next;
    }
    return nodes;
  };
  return {
    source: {
      value: doc.toJS(),
      lineOf: (path) => lineAt(walk(path).at(-1) ?? (doc.contents as Node | null)),
      keyLineOf: (path, key) => {
        const nodes = walk(path);
        const container = path.length === 0 ? doc.contents : nodes.length === path.length ? nodes.at(-1) : undefined;
        if (isMap(container)) {
          const pair = container.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
          if (pair !== undefined && isScalar(pair.key)) return lineAt(pair.key);
        }
        return lineAt(nodes.at(-1) ?? (doc.contents as Node | null));
      },
    },
    problems: [],
  };
}

/** `themes[2].terms.fr` from `['themes', 2, 'terms', 'fr']`. */
export function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, segment) => (typeof segment === 'number' ? `${name}[${segment}]` : name === '' ? String(segment) : `${name}.${String(segment)}`), '');
}

/** JSON.parse's verdict with the line it stopped at (Node names a character position). */
function jsonSyntaxProblem(text: string): TaxonomyProblem | undefined {
  try {
    JSON.parse(text);
    return undefined;
  } catch (error) {
    const message = (error as Error).message;
    const position = /at position (\d+)/.exec(message)?.[1];
    const offset = position === undefined ? text.length : Number(position);
    const line = text.slice(0, offset).split('\n').length;
    return { line, field: '', message: `not valid JSON: ${message.replace(/\s*\(line \d+ column \d+\)$/, '')}` };
  }
}

function firstSentence(message: string): string {
  return message.split(/ at line \d+, column \d+|\n/)[0]?.trim() ?? message;
}
