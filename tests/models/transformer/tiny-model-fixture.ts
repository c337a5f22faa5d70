import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import onnxProto from 'onnx-proto';
import type { onnx as OnnxTypes } from 'onnx-proto';

const { onnx } = onnxProto;

/**
 * Tiny BERT-shaped models written from scratch for the transformer-tier tests:
 * a WordPiece tokenizer over a handful of words, and an ONNX graph whose only
 * weights are one vector per token. No hub, no download, a few kilobytes.
 *
 * Sentiment graph: input_ids, attention_mask → embedding lookup → masked mean
 * → linear (identity by default) → `logits`. So a word whose vector leans on
 * dimension k pushes the text towards label k.
 *
 * Embedding graph: input_ids, attention_mask → embedding lookup → `last_hidden_state`
 * (transformers.js does the mean pooling and normalisation).
 */
export interface TinyModelSpec {
  /** Word → its vector; every vector has the same length (the hidden size). */
  readonly tokens: Readonly<Record<string, readonly number[]>>;
  /** Vector of [UNK], [CLS], [SEP] and [PAD]; default: zeros. */
  readonly specialVector?: readonly number[];
  /** Write `onnx/model_quantized.onnx` (what transformers.js loads by default) instead of `onnx/model.onnx`. */
  readonly quantized?: boolean;
}

export interface TinySentimentSpec extends TinyModelSpec {
  /** config.json `id2label`, in logit order; its length must equal the hidden size. */
  readonly labels: readonly string[];
}

const SPECIAL_TOKENS = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'] as const;

/** Writes a text-classification model folder (config.json, tokenizer files, onnx/…). */
export async function writeTinySentimentModel(dir: string, spec: TinySentimentSpec): Promise<void> {
  const hidden = hiddenSize(spec);
  if (spec.labels.length !== hidden) throw new Error(`labels: expected ${hidden} labels (the hidden size), got ${spec.labels.length}`);
  const identity = Array.from({ length: hidden * hidden }, (_, i) => (Math.floor(i / hidden) === i % hidden ? 1 : 0));
  const graph = onnx.GraphProto.create({
    name: 'tiny-sentiment',
    node: [
      node('Gather', ['embeddings', 'input_ids'], ['token_vectors']),
      node('Cast', ['attention_mask'], ['mask_float'], [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: onnx.TensorProto.DataType.FLOAT }]),
      node('Unsqueeze', ['mask_float', 'axis_2'], ['mask_3d']),
      node('Mul', ['token_vectors', 'mask_3d'], ['masked_vectors']),
      node('ReduceSum', ['masked_vectors', 'axis_1'], ['summed'], [keepDimsOff()]),
      node('ReduceSum', ['mask_3d', 'axis_1'], ['token_count'], [keepDimsOff()]),
      node('Div', ['summed', 'token_count'], ['mean']),
      node('MatMul', ['mean', 'classifier_weight'], ['projected']),
      node('Add', ['projected', 'classifier_bias'], ['logits']),
    ],
    initializer: [
      floatTensor('embeddings', [vocabulary(spec).length, hidden], embeddingValues(spec)),
      floatTensor('classifier_weight', [hidden, hidden], identity),
      floatTensor('classifier_bias', [hidden], new Array<number>(hidden).fill(0)),
      int64Tensor('axis_1', [1], [1]),
      int64Tensor('axis_2', [1], [2]),
    ],
    input: [int64Input('input_ids'), int64Input('attention_mask')],
    output: [floatOutput('logits', ['batch', hidden])],
  });
  const id2label = Object.fromEntries(spec.labels.map((label, index) => [String(index), label]));
  const label2id = Object.fromEntries(spec.labels.map((label, index) => [label, index]));
  await writeFolder(dir, spec, graph, {
    model_type: 'bert',
    architectures: ['BertForSequenceClassification'],
    hidden_size: hidden,
    vocab_size: vocabulary(spec).length,
    id2label,
    label2id,
  });
}

/** Writes a feature-extraction model folder whose `last_hidden_state` is the token vectors. */
export async function writeTinyEmbeddingModel(dir: string, spec: TinyModelSpec): Promise<void> {
  const hidden = hiddenSize(spec);
  const graph = onnx.GraphProto.create({
    name: 'tiny-embeddings',
    node: [node('Gather', ['embeddings', 'input_ids'], ['last_hidden_state'])],
    initializer: [floatTensor('embeddings', [vocabulary(spec).length, hidden], embeddingValues(spec))],
    // attention_mask is a graph input the graph does not read, as in exported encoders that ignore it.
    input: [int64Input('input_ids'), int64Input('attention_mask')],
    output: [floatOutput('last_hidden_state', ['batch', 'sequence', hidden])],
  });
  await writeFolder(dir, spec, graph, {
    model_type: 'bert',
    architectures: ['BertModel'],
    hidden_size: hidden,
    vocab_size: vocabulary(spec).length,
  });
}

function hiddenSize(spec: TinyModelSpec): number {
  const sizes = new Set(Object.values(spec.tokens).map((vector) => vector.length));
  const [size] = sizes;
  if (sizes.size !== 1 || size === undefined || size === 0) throw new Error('tokens: every vector must have the same, non-zero length');
  if (spec.specialVector !== undefined && spec.specialVector.length !== size) throw new Error(`specialVector: expected length ${size}`);
  return size;
}

function vocabulary(spec: TinyModelSpec): string[] {
  return [...SPECIAL_TOKENS, ...Object.keys(spec.tokens)];
}

function embeddingValues(spec: TinyModelSpec): number[] {
  const hidden = hiddenSize(spec);
  const special = spec.specialVector ?? new Array<number>(hidden).fill(0);
  return [...SPECIAL_TOKENS.flatMap(() => special), ...Object.values(spec.tokens).flatMap((vector) => vector)];
}

async function writeFolder(dir: string, spec: TinyModelSpec, graph: OnnxTypes.IGraphProto, config: object): Promise<void> {
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'verbatim-tests',
    opsetImport: [{ domain: '', version: 13 }],
    graph,
  });
  await mkdir(path.join(dir, 'onnx'), { recursive: true });
  await writeFile(path.join(dir, 'onnx', spec.quantized === true ? 'model_quantized.onnx' : 'model.onnx'), onnx.ModelProto.encode(model).finish());
  await writeFile(path.join(dir, 'config.json'), `${JSON.stringify(config, null, 2)}\n`);
  await writeFile(path.join(dir, 'tokenizer.json'), `${JSON.stringify(wordPieceTokenizer(vocabulary(spec)), null, 2)}\n`);
  await writeFile(
    path.join(dir, 'tokenizer_config.json'),
    `${JSON.stringify({
      tokenizer_class: 'BertTokenizer',
      do_lower_case: true,
      model_max_length: 128,
      pad_token: '[PAD]',
      unk_token: '[UNK]',
      cls_token: '[CLS]',
      sep_token: '[SEP]',
      mask_token: '[MASK]',
    }, null, 2)}\n`,
  );
}

/** The tokenizer.json of a lower-casing BERT WordPiece tokenizer over `vocab`. */
function wordPieceTokenizer(vocab: readonly string[]): object {
  const ids = Object.fromEntries(vocab.map((token, id) => [token, id]));
  const special = (token: string): object => ({ id: token, ids: [ids[token]], tokens: [token] });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: SPECIAL_TOKENS.map((token) => ({
      id: ids[token],
      content: token,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase: true },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [
        { SpecialToken: { id: '[CLS]', type_id: 0 } },
        { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } },
        { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } },
      ],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: ids },
  };
}

type Attribute = OnnxTypes.IAttributeProto;

function node(opType: string, input: string[], output: string[], attribute: Attribute[] = []): OnnxTypes.INodeProto {
  return onnx.NodeProto.create({ opType, input, output, name: output[0] ?? opType, attribute });
}

function keepDimsOff(): Attribute {
  return { name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 };
}

function floatTensor(name: string, dims: number[], values: readonly number[]): OnnxTypes.ITensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.FLOAT, floatData: [...values] });
}

function int64Tensor(name: string, dims: number[], values: readonly number[]): OnnxTypes.ITensorProto {
  return onnx.TensorProto.create({ name, dims, dataType: onnx.TensorProto.DataType.INT64, int64Data: [...values] });
}

function int64Input(name: string): OnnxTypes.IValueInfoProto {
  return valueInfo(name, onnx.TensorProto.DataType.INT64, ['batch', 'sequence']);
}

function floatOutput(name: string, shape: readonly (string | number)[]): OnnxTypes.IValueInfoProto {
  return valueInfo(name, onnx.TensorProto.DataType.FLOAT, shape);
}

function valueInfo(name: string, elemType: number, shape: readonly (string | number)[]): OnnxTypes.IValueInfoProto {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: shape.map((dim) => (typeof dim === 'number' ? { dimValue: dim } : { dimParam: dim })) },
      },
    },
  });
}
