import { describe, expect, it } from 'vitest';
import { parseFilters, scoped } from '../../web/filters.js';
import { escapeHtml } from '../../reports/html-escape.js';
import { html, jsonForScript } from '../../web/html.js';
import { highlight, highlightSpan } from '../../web/pages/highlight.js';
import { safeNext } from '../../web/pages/login.js';
import { renderTable, tableCsvChunks, type DataTable } from '../../web/table.js';

describe('escaping', () => {
  it.each([
    ['<script>alert(1)</script>', '&lt;script&gt;alert(1)&lt;/script&gt;'],
    ['<img src=x onerror="a()">', '&lt;img src=x onerror=&quot;a()&quot;&gt;'],
    ["' onmouseover='x", '&#39; onmouseover=&#39;x'],
    ['a & b', 'a &amp; b'],
    ['`${x}`', '&#96;${x}&#96;'],
  ])('escapes %s', (text, expected) => {
    expect(escapeHtml(text)).toBe(expected);
    expect(html`<p title="${text}">${text}</p>`.value).toBe(`<p title="${expected}">${expected}</p>`);
  });

  it('keeps markup built by html itself, escapes everything else, including in lists', () => {
    const inner = html`<b>${'<i>'}</b>`;
    expect(html`<div>${[inner, '<u>', 3, null, false]}</div>`.value).toBe('<div><b>&lt;i&gt;</b>&lt;u&gt;3</div>');
  });

  it('writes JSON that cannot close its script element', () => {
    const out = jsonForScript({ label: '</script><script>alert(1)</script>', amp: 'a&b', line: '\u2028' }).value;
    expect(out).not.toMatch(/[<>&\u2028]/);
    expect(JSON.parse(out)).toEqual({ label: '</script><script>alert(1)</script>', amp: 'a&b', line: '\u2028' });
  });
});

describe('highlight', () => {
  it.each([
    ['Les frais sont trop élevés', [{ theme: 'fees', evidence: 'frais sont trop' }], 'Les <mark title="fees" data-themes="fees">frais sont trop</mark> élevés'],
    ['FEES are high', [{ theme: 'fees', evidence: 'fees' }], '<mark title="fees" data-themes="fees">FEES</mark> are high'],
    ['a (b) c', [{ theme: 't', evidence: '(b)' }], 'a <mark title="t" data-themes="t">(b)</mark> c'],
    ['abcdef', [{ theme: 'x', evidence: 'abc' }, { theme: 'y', evidence: 'cde' }], '<mark title="x, y" data-themes="x y">abcde</mark>f'],
    ['nothing here', [{ theme: 'x', evidence: 'absent' }], 'nothing here'],
    ['<b>bold</b>', [{ theme: 'x', evidence: '<b>' }], '<mark title="x" data-themes="x">&lt;b&gt;</mark>bold&lt;/b&gt;'],
  ])('marks the evidence in %j', (text, evidences, expected) => {
    expect(highlight(text, evidences).value).toBe(expected);
  });

  it('marks a known span, and nothing for a span that does not fit', () => {
    expect(highlightSpan('<a>xyz', [3, 6], 't').value).toBe('&lt;a&gt;<mark title="t" data-themes="t">xyz</mark>');
    expect(highlightSpan('short', [2, 99], 't').value).toBe('short');
    expect(highlightSpan('short', null, 't').value).toBe('short');
  });
});

describe('sign-in redirects', () => {
  it.each([
    ['/themes?from=2026-01-01', '/themes?from=2026-01-01'],
    ['//evil.example/', '/'],
    ['/\\evil.example', '/'],
    ['https://evil.example/', '/'],
    ['javascript:alert(1)', '/'],
    [undefined, '/'],
    ['', '/'],
    // Browsers drop tabs and newlines in URLs: each of these is `//evil.example` to them.
    ['/\t/evil.example', '/'],
    ['/\n/evil.example', '/'],
    ['/\r\n/evil.example', '/'],
    ['\t//evil.example', '/'],
    ['/\t\\evil.example', '/'],
    // Encoded, they stay local, but a proxy that decodes paths would read them as another host.
    ['/%09/evil.example', '/'],
    ['/%0a/evil.example', '/'],
    ['/%2F/evil.example', '/'],
    ['/%5Cevil.example', '/'],
    ['/ /evil.example', '/'],
    ['/%ZZ', '/'],
    // Control characters and what a Location header cannot carry.
    ['/themes\u0000', '/'],
    ['/themes\u007f', '/'],
    ['/th\u00e8mes?q=\u20ac', '/th%C3%A8mes?q=%E2%82%AC'],
    ['/search?q=frais élevés', '/search?q=frais%20%C3%A9lev%C3%A9s'],
    // Same-origin paths come back re-serialised, without the fragment.
    ['/themes/fees_pricing?segment=branch%3ALyon#top', '/themes/fees_pricing?segment=branch%3ALyon'],
    ['/a/../themes', '/themes'],
    ['/?x=//evil.example', '/?x=//evil.example'],
  ])('goes to %s → %s', (next, expected) => {
    expect(safeNext(next)).toBe(expected);
  });
});

describe('filters', () => {
  it('reads every filter, and segments as KEY:VALUE or KEY=VALUE', () => {
    expect(parseFilters({ from: '2026-01-01', to: '', segment: ['branch:Lyon', 'channel=app'], nps_category: 'detractor', lang: 'fr', journey: 'onboarding', source: 's', respondent: 'employee' })).toEqual({
      from: '2026-01-01',
      segments: { branch: 'Lyon', channel: 'app' },
      npsCategory: 'detractor',
      lang: 'fr',
      journey: 'onboarding',
      source: 's',
      respondent: 'employee',
    });
  });

  it('ANDs the scope in and refuses to widen it', () => {
    expect(scoped(parseFilters({ segment: 'channel:app' }), { branch: 'Lyon' }).segments).toEqual({ channel: 'app', branch: 'Lyon' });
    expect(scoped(parseFilters({ segment: 'branch:Lyon' }), { branch: 'Lyon' }).segments).toEqual({ branch: 'Lyon' });
    expect(() => scoped(parseFilters({ segment: 'branch:Paris' }), { branch: 'Lyon' })).toThrow('limited to `Lyon`');
  });
});

describe('tables', () => {
  const table: DataTable<{ text: string; n: number | null }> = {
    name: 't',
    caption: 'T',
    rows: [
      { text: '=HYPERLINK("http://evil.example","x")', n: 1.25 },
      { text: '<script>', n: null },
    ],
    columns: [
      { key: 'text', label: 'Text', value: (r) => r.text },
      { key: 'n', label: 'N', numeric: true, value: (r) => r.n },
    ],
  };

  /** The table's CSV as one text. */
  const join = async (chunks: AsyncIterable<string>) => {
    let text = '';
    for await (const chunk of chunks) text += chunk;
    return text;
  };
  // A download is a file for Excel: the UTF-8 BOM first.
  const CSV = '\uFEFFtext,n\n"\'=HYPERLINK(""http://evil.example"",""x"")",1.25\n<script>,\n';

  it('defuses formula cells in CSV', async () => {
    expect(await join(tableCsvChunks(table))).toBe(CSV);
  });

  it('streams the same CSV, page after page of allRows when the table has them', async () => {
    expect(await join(tableCsvChunks(table))).toBe(CSV);
    async function* pages() {
      yield table.rows.slice(0, 1);
      yield [];
      yield table.rows.slice(1);
    }
    expect(await join(tableCsvChunks({ ...table, rows: [], allRows: pages }))).toBe(CSV);
  });

  it('renders escaped cells with their raw numbers in data-value', () => {
    const out = renderTable(table).value;
    expect(out).toContain('<td data-key="text">&lt;script&gt;</td>');
    expect(out).toContain('data-value="1.25">1.3</td>');
    expect(out).not.toContain('<script>');
  });
});
