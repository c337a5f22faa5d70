import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT } from '../../core/package-root.js';
import { composeComment } from '../../samples/generator/compose.js';
import { sampleFiles } from '../../samples/generator/main.js';
import { Random } from '../../samples/generator/random.js';

const sha = (text: string): string => createHash('sha256').update(text).digest('hex');

describe('bundled sample data', () => {
  it('is exactly what the generator writes (run `npm run samples` after changing it)', async () => {
    for (const [name, content] of Object.entries(sampleFiles())) {
      const committed = await readFile(path.join(PACKAGE_ROOT, 'samples', 'data', name), 'utf8');
      expect(sha(committed), name).toBe(sha(content));
    }
  });

  it('has at least 2,000 survey answers over 12 months, a few hundred reviews and an employee survey', () => {
    const files = sampleFiles();
    const survey = (files['nps-survey-2026.csv'] ?? '').trim().split('\n');
    expect(survey.length - 1).toBeGreaterThanOrEqual(2000);
    const months = new Set(survey.slice(1).flatMap((line) => /^R\d+;\d{2}\/(\d{2}\/\d{4})/.exec(line)?.[1] ?? []));
    expect(months.size).toBe(12);
    expect((files['app-reviews.jsonl'] ?? '').trim().split('\n').length).toBeGreaterThanOrEqual(300);
    expect((files['employee-survey.csv'] ?? '').trim().split('\n').length - 1).toBeGreaterThanOrEqual(300);
  });

  it('tells a story: fee complaints score lower than advisor praise', () => {
    const random = new Random(1);
    const climate = { weights: { fees_pricing: 1, advisor_quality: 1 }, negativeShare: { fees_pricing: 1, advisor_quality: 0 } };
    const scores: Record<string, number[]> = { fees_pricing: [], advisor_quality: [] };
    for (let i = 0; i < 500; i++) {
      const comment = composeComment(random, 'fr', climate);
      if (comment.themes.length === 1) scores[comment.themes[0]?.theme ?? '']?.push(comment.score);
    }
    const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;
    expect(mean(scores['fees_pricing'] ?? [])).toBeLessThan(5);
    expect(mean(scores['advisor_quality'] ?? [])).toBeGreaterThan(8.5);
  });
});
