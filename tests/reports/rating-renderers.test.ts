import { describe, expect, it } from 'vitest';
import type { Report } from '../../analysis/report.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderJson } from '../../reports/render-json.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { renderText } from '../../reports/render-text.js';
import { reportFixture } from './report-fixture.js';

const FAKE_ASSETS = { chartJs: '/* chart */', matrixPlugin: '/* matrix */' };

/** The fixture as a review scope: the 8 reviews of tests/analysis/rating-report.test.ts, a theme name carrying markup. */
const rated: Report = {
  ...reportFixture,
  rating: { n: 8, mean: 3.25, ci95: [2.01, 4.49], distribution: { 1: 1, 2: 2, 3: 1, 4: 2, 5: 2 } },
  rating_drivers: [
    { theme: 'staff', parent: null, count: 3, share: 0.375, rating_with: 4.67, rating_without: 2.4, impact: 2.27, ci95: [0.77, 3.76], significant: true },
    { theme: '<b>app</b>|x', parent: null, count: 3, share: 0.375, rating_with: 3.33, rating_without: 3.2, impact: 0.13, ci95: [-4.14, 4.41], significant: false },
  ],
};

describe('rating sections', () => {
  it('text: the rating headline and the rating drivers', () => {
    const text = renderText(rated);
    expect(text).toContain('Rating 3.25 / 5  95% CI [2.01, 4.49]  n = 8: 1★ 1, 2★ 2, 3★ 1, 4★ 2, 5★ 2');
    expect(text).toMatch(/staff\s+3\s+37\.5 %\s+4\.67\s+2\.40\s+\+2\.27 \*\s+\[0\.77, 3\.76\]/);
  });

  it('Markdown: headline and table, cells escaped', () => {
    const markdown = renderMarkdown(rated);
    expect(markdown).toContain('**Rating 3.25 / 5** (95 % CI [2.01, 4.49], n = 8: 1★ 1, 2★ 2, 3★ 1, 4★ 2, 5★ 2).');
    expect(markdown).toContain('## Rating drivers');
    expect(markdown).toContain('| staff | 3 | 37.5 % | 4.67 | 2.40 | +2.27 * | [0.77, 3.76] |');
    expect(markdown).toContain('| &lt;b&gt;app&lt;/b&gt;\\|x | 3 | 37.5 % | 3.33 | 3.20 | +0.13 | [-4.14, 4.41] |');
  });

  it('HTML: headline and table, text escaped', () => {
    const html = renderHtml(rated, FAKE_ASSETS);
    expect(html).toContain('<p class="headline" id="rating"><strong>Rating 3.25 / 5</strong>');
    expect(html).toContain('<h2 id="rating-drivers">Rating drivers</h2>');
    expect(html).toContain('<td>staff</td><td class="num">3</td><td class="num">37.5 %</td><td class="num">4.67</td><td class="num">2.40</td><td class="num">+2.27 *</td>');
    expect(html).toContain('&lt;b&gt;app&lt;/b&gt;|x');
    expect(html).not.toContain('<b>app</b>');
  });

  it('JSON: the new fields beside the existing ones', () => {
    const json = JSON.parse(renderJson(rated)) as Record<string, unknown>;
    expect(json['rating']).toEqual({ n: 8, mean: 3.25, ci95: [2.01, 4.49], distribution: { 1: 1, 2: 2, 3: 1, 4: 2, 5: 2 } });
    expect(json['rating_drivers']).toHaveLength(2);
    expect(json['nps']).toEqual(reportFixture.nps);
  });

  it('a withheld rating shows the note and no distribution', () => {
    const text = renderText({ ...rated, rating: { n: 2, mean: null, ci95: null, distribution: { 1: 0, 2: 0, 3: 0, 4: 0, 5: 0 }, withheld: 'fewer than 5 answers' }, rating_drivers: [] });
    expect(text).toContain('Rating fewer than 5 answers  95% CI —  n = 2\n');
  });

  it.each([
    ['text', () => renderText(reportFixture)],
    ['Markdown', () => renderMarkdown(reportFixture)],
    ['HTML', () => renderHtml(reportFixture, FAKE_ASSETS)],
  ])('%s: nothing about ratings when the scope has none', (_name, render) => {
    expect(render()).not.toMatch(/Rating/);
  });
});
