import { describe, expect, it } from 'vitest';
import type { Verbatim } from '../../../core/verbatim.js';
import type { LanguageDetector } from '../../../models/types.js';
import { detectLanguageStage } from '../../../pipeline/stages/model-stages.js';
import type { WorkItem } from '../../../pipeline/stage.js';

const ctx = { signal: new AbortController().signal, now: () => new Date() };

function item(id: string, text: string): WorkItem {
  const verbatim: Verbatim = { id, externalId: null, source: 'survey', text, createdAt: null, nps: null, rating: null, respondent: 'customer', authorKey: null, segments: {}, journeyHint: null };
  return { verbatim, text, enrichment: {} };
}

/** Sure of French for a text that says so, unsure of anything else. */
const detector: LanguageDetector = { version: 'test', detect: (text) => (text.startsWith('fr ') ? { lang: 'fr', confidence: 0.95 } : { lang: 'und', confidence: 0.1 }) };

const frenchBatch = (): WorkItem[] => ['fr un', 'fr deux', 'fr trois', 'fr quatre', 'fr cinq', 'ok'].map((text, i) => item(`a${i}`, text));

describe('detectLanguageStage', () => {
  it("settles a short text by its source's language in the same batch", async () => {
    const out = await detectLanguageStage({ language: detector }).run(frenchBatch(), ctx);
    expect(out.at(-1)?.enrichment).toMatchObject({ lang: 'fr', langConfidence: 0.5 });
  });

  it('answers a batch the same whatever batches the stage saw before (as on any number of threads)', async () => {
    const stage = detectLanguageStage({ language: detector });
    await stage.run(frenchBatch(), ctx);
    const [after] = await stage.run([item('b0', 'ok')], ctx);
    const [alone] = await detectLanguageStage({ language: detector }).run([item('b0', 'ok')], ctx);
    expect(alone?.enrichment.lang).toBe('und');
    expect(after?.enrichment).toEqual(alone?.enrichment);
  });
});
