import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { ConfigError } from '../../core/errors.js';
import { MODEL_SETTINGS_FILE, parseModelSettings, type ModelSettings } from './model-settings.js';

/** The subfolders of `--model-dir` the transformer tier reads. */
export const MODEL_FOLDERS = { sentiment: 'sentiment', embeddings: 'embeddings' } as const;
export type ModelFolderName = (typeof MODEL_FOLDERS)[keyof typeof MODEL_FOLDERS];

const REQUIRED_FILES = ['config.json', 'tokenizer.json', 'tokenizer_config.json'] as const;
/** transformers.js reads `onnx/model_quantized.onnx` when asked for the quantized model, else `onnx/model.onnx`. */
const WEIGHT_FILES = [
  { file: 'onnx/model_quantized.onnx', quantized: true },
  { file: 'onnx/model.onnx', quantized: false },
] as const;

/** A checked model folder: every file transformers.js will ask for is there. */
export interface ModelFolder {
  /** `<model-dir>/<name>` */
  readonly path: string;
  readonly name: ModelFolderName;
  /** Which ONNX file to load (the quantized one when both are present). */
  readonly quantized: boolean;
  /** config.json, parsed. */
  readonly config: Readonly<Record<string, unknown>>;
  /** verbatim.json beside config.json, or the defaults when there is none. */
  readonly settings: ModelSettings;
  /** `<model-dir name>/<name>@<hash of config.json, verbatim.json and weight size>`: enough to tell two models apart in `modelVersions`. */
  readonly version: string;
}

/** Whether `<modelDir>/<name>` exists (a model folder the user provided). */
export async function hasModelFolder(modelDir: string, name: ModelFolderName): Promise<boolean> {
  return (await stat(path.join(modelDir, name)).catch(() => undefined))?.isDirectory() === true;
}

/**
 * Checks `<modelDir>/<name>` before transformers.js reads it, so a missing piece is
 * one clear ConfigError naming the folder and the file rather than a library stack.
 *
 * @example const folder = await inspectModelFolder('/srv/models', 'sentiment')
 */
export async function inspectModelFolder(modelDir: string, name: ModelFolderName): Promise<ModelFolder> {
  const folder = path.join(modelDir, name);
  const info = await stat(folder).catch(() => undefined);
  if (info === undefined || !info.isDirectory()) throw new ConfigError(`${folder}: model folder not found`);
  for (const file of REQUIRED_FILES) {
    if (!(await isFile(path.join(folder, file)))) throw new ConfigError(`${folder}: missing ${file} (a transformers.js model folder: ${describeLayout()})`);
  }
  let weights: { file: string; quantized: boolean; size: number } | undefined;
  for (const candidate of WEIGHT_FILES) {
    const weightInfo = await stat(path.join(folder, candidate.file)).catch(() => undefined);
    if (weightInfo?.isFile() === true) {
      weights = { ...candidate, size: weightInfo.size };
      break;
    }
  }
  if (weights === undefined) throw new ConfigError(`${folder}: missing onnx/model.onnx (or onnx/model_quantized.onnx) (a transformers.js model folder: ${describeLayout()})`);
  const configFile = path.join(folder, 'config.json');
  const configText = await readFile(configFile, 'utf8');
  let config: unknown;
  try {
    config = JSON.parse(configText);
  } catch (error) {
    throw new ConfigError(`${configFile}: not valid JSON: ${(error as Error).message}`);
  }
  if (typeof config !== 'object' || config === null || Array.isArray(config)) throw new ConfigError(`${configFile}: expected a JSON object`);
  const settingsFile = path.join(folder, MODEL_SETTINGS_FILE);
  const settingsText = (await isFile(settingsFile)) ? await readFile(settingsFile, 'utf8') : undefined;
  const settings = parseModelSettings(settingsText, settingsFile);
  const digest = createHash('sha256').update(configText).update(`\0${weights.file}\0${weights.size}`);
  // Declared languages change the output: they are part of the version (absent file: the hash stays what it was).
  if (settingsText !== undefined) digest.update(`\0${settingsText}`);
  const hash = digest.digest('hex').slice(0, 12);
  return Object.freeze({
    path: folder,
    name,
    quantized: weights.quantized,
    config: Object.freeze(config as Record<string, unknown>),
    settings,
    version: `${path.basename(path.resolve(modelDir))}/${name}@${hash}`,
  });
}

function describeLayout(): string {
  return `${REQUIRED_FILES.join(', ')} and onnx/model.onnx or onnx/model_quantized.onnx`;
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => undefined))?.isFile() === true;
}
