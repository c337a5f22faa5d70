import { redactPii, type RedactionOptions } from '../../core/redact-pii.js';
import type { Stage } from '../stage.js';

/**
 * The pipeline stage: models read the redacted text. Stored verbatims were
 * redacted at ingest already (imports/, scrapers/); pipe mode's JSONL was not.
 */
export function redactPiiStage(options: RedactionOptions = {}): Stage {
  return {
    name: 'redact-pii',
    run: (items) => {
      for (const item of items) item.text = redactPii(item.text, options);
      return items;
    },
  };
}
