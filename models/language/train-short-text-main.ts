/**
 * `node dist/models/language/train-short-text-main.js`: rebuilds samples/models/language-short-text.json.gz
 * from the training corpora (models/language/short-text-corpus.ts) and prints its 5-fold
 * cross-validated accuracy. Same files, same seed → same bytes.
 */
import { accuracyAtMargin, crossValidateShortText } from './short-text-cross-validation.js';
import { readLanguageTexts, SHORT_TEXT_CORPORA, windowExamples } from './short-text-corpus.js';
import { DEFAULT_SHORT_TEXT_MODEL_PATH, writeShortTextWeights } from './short-text-model.js';
import { SHORT_TEXT_SETTINGS } from './short-text-settings.js';
import { trainShortTextModel } from './short-text-training.js';

const texts = await readLanguageTexts();
const french = texts.filter((text) => text.french).length;
console.log(`${texts.length} texts: ${french} French, ${texts.length - french} English`);
const outOfFold = crossValidateShortText(texts, 5, SHORT_TEXT_SETTINGS.training);
const report: Record<string, { accuracy: number; decided: number }> = {};
for (const margin of [0, SHORT_TEXT_SETTINGS.ambiguousBelow]) {
  report[`windows, margin ${margin}`] = accuracyAtMargin(outOfFold.windows, margin);
  report[`texts under 20 characters, margin ${margin}`] = accuracyAtMargin(outOfFold.shortTexts, margin);
}
for (const [name, { accuracy, decided }] of Object.entries(report)) console.log(`5-fold, ${name}: accuracy ${accuracy.toFixed(4)} on ${(decided * 100).toFixed(1)} % decided`);
const model = trainShortTextModel(texts, windowExamples(texts, 1), SHORT_TEXT_SETTINGS.training);
await writeShortTextWeights(DEFAULT_SHORT_TEXT_MODEL_PATH, model, { corpora: SHORT_TEXT_CORPORA, settings: SHORT_TEXT_SETTINGS, crossValidated: report });
console.log(`wrote ${DEFAULT_SHORT_TEXT_MODEL_PATH}`);
