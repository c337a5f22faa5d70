import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Report } from '../../analysis/report.js';
import { defuseCell } from '../../reports/csv-safe.js';
import { renderHtml } from '../../reports/render-html.js';
import { renderMarkdown } from '../../reports/render-markdown.js';
import { renderText } from '../../reports/render-text.js';
import { reportFixture } from './report-fixture.js';
import { exportRecord, writeExport } from '../../reports/export.js';
import { enriched, surveyAnswer } from '../db/verbatim-fixtures.js';

describe('CSV defusing of hidden formula prefixes (issue 14, lower items)', () => {
  it.each([
    ['\u200b=SUM(A1)', "'\u200b=SUM(A1)"],
    ['\ufeff=1+1', "'\ufeff=1+1"],
    ['\u200b\u200c\u2060+33 6', "'\u200b\u200c\u2060+33 6"],
    ['\uff1dHYPERLINK("http://x")', "'\uff1dHYPERLINK(\"http://x\")"],
    ['\uff0b33 6', "'\uff0b33 6"],
    ['\uff0d2', "'\uff0d2"],
    ['\uff20import', "'\uff20import"],
    [' =1+1', "' =1+1"],
    ['\n=1+1', "'\n=1+1"],
    ['a\u200b=b', 'a\u200b=b'],
    ['plain \uff1d text', 'plain \uff1d text'],
  ])('%j → %j', (input, expected) => {
    expect(defuseCell(input)).toBe(expected);
  });
});

describe('reserved record fields win over segments (issue 14 item 12)', () => {
  const spoofed = enriched(
    surveyAnswer(1, {
      source: 'nps-web',
      externalId: 'R-real',
      text: 'le conseiller [EMAIL] était aimable',
      segments: { branch: 'Lyon', source: 'spoofed-source', external_id: 'R-spoof', text: 'jean.dupont@example.fr unredacted', id: 'fake', themes: 'x' },
    }),
  );

  it('keeps id, external_id, source and text of the record, and the colliding segments under `segment.<name>`', () => {
    const record = exportRecord(spoofed);
    expect(record).toMatchObject({
      id: spoofed.id,
      external_id: 'R-real',
      source: 'nps-web',
      text: 'le conseiller [EMAIL] était aimable',
      branch: 'Lyon',
      'segment.source': 'spoofed-source',
      'segment.external_id': 'R-spoof',
      'segment.text': 'jean.dupont@example.fr unredacted',
      'segment.id': 'fake',
      'segment.themes': 'x',
    });
    expect(Array.isArray(record['themes'])).toBe(true);
  });

  it.each(['jsonl', 'csv'] as const)('%s export keeps the real fields', async (format) => {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on('data', (chunk: Buffer) => chunks.push(chunk.toString()));
    async function* pages() {
      yield [spoofed];
    }
    await writeExport(pages(), format, out);
    const written = chunks.join('');
    const record =
      format === 'jsonl'
        ? (JSON.parse(written) as Record<string, unknown>)
        : (parse(written, { columns: true }) as Record<string, unknown>[])[0];
    expect(record).toMatchObject({ id: spoofed.id, external_id: 'R-real', source: 'nps-web', text: 'le conseiller [EMAIL] était aimable' });
  });
});

describe('renderers present a withheld employee score (issue 14 item 4)', () => {
  const withheld = { promoters: 0, passives: 0, detractors: 0, n: 2, score: null, ci95: null, withheld: 'fewer than 5 answers' } as const;
  const report: Report = { ...reportFixture, enps: { nps: withheld, drivers: [] }, filters: {} };

  it.each([
    ['text', () => renderText(report)],
    ['markdown', () => renderMarkdown(report)],
    ['html', () => renderHtml(report, { chartJs: '/* chart */', matrixPlugin: '/* matrix */' })],
  ])('%s shows "fewer than 5 answers" and no counts by category', (_format, render) => {
    const out = render();
    expect(out).toContain('eNPS');
    expect(out).toContain('fewer than 5 answers');
    expect(out).not.toMatch(/eNPS[^\n]*0 promoters/);
  });
});
