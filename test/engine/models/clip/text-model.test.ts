import * as tf from '@tensorflow/tfjs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { clipTextConfigFrom, ClipTextModel, sd15ClipTextConfig } from '../../../../src-main/engine/models/clip';
import { compare, entry, loadCase, readTensor, type GoldenCase } from '../../../parity/golden';
import { readF32Safetensors } from './read-f32-safetensors';
import { loadTinyClip, tinyTextEncoderDir } from './tiny-clip';

function expectClose(c: GoldenCase, key: string, got: tf.Tensor): void {
  const want = readTensor(c, key);
  const tol = entry(c, key).tol;
  if (!tol) throw new Error(`${key} has no tolerance`);
  const result = compare(key, got.dataSync(), want.data, tol, got.shape, want.shape);
  expect(result.ok, result.message).toBe(true);
}

describe('CLIP text encoder', () => {
  let golden: GoldenCase;
  let model: ClipTextModel;
  let inputIds: tf.Tensor2D;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    golden = loadCase('clip_text');
    model = loadTinyClip();
    const ids = readTensor(golden, 'input_ids');
    inputIds = tf.tensor2d(Int32Array.from(ids.data), ids.shape as [number, number], 'int32');
  });

  it('reads config.json names and keeps SD 1.5 values as defaults', () => {
    expect(sd15ClipTextConfig).toMatchObject({ hidden_size: 768, intermediate_size: 3072, num_attention_heads: 12, num_hidden_layers: 12, max_position_embeddings: 77, vocab_size: 49408, hidden_act: 'quick_gelu' });
    const partial = clipTextConfigFrom({ hidden_size: 64, num_attention_heads: 4, hidden_act: 'gelu' });
    expect(partial).toMatchObject({ hidden_size: 64, num_attention_heads: 4, hidden_act: 'gelu', intermediate_size: 3072 });
    expect(() => clipTextConfigFrom({ hidden_act: 'relu' })).toThrow(/hidden_act/);
    expect(() => clipTextConfigFrom({ hidden_size: 10, num_attention_heads: 4 })).toThrow(/divisible/);
  });

  it('names its parameters exactly like the diffusers text_encoder checkpoint', () => {
    const fileKeys = [...readF32Safetensors(join(tinyTextEncoderDir, 'model.safetensors')).keys()].sort();
    const modelKeys = [...model.namedParameters()].map(([name]) => name).sort();
    expect(modelKeys).toEqual(fileKeys);
    // SD 1.5 full size: 12 layers x 16 tensors + 2 embeddings + final norm.
    expect([...new ClipTextModel().namedParameters()]).toHaveLength(12 * 16 + 4);
  });

  it('matches transformers: last_hidden_state, pooler_output and every hidden state', () => {
    const out = model.forward(inputIds, { outputHiddenStates: true });
    expectClose(golden, 'last_hidden_state', out.lastHiddenState);
    expectClose(golden, 'pooler_output', out.pooled);
    expect(out.hiddenStates).toHaveLength(3);
    out.hiddenStates?.forEach((h, i) => expectClose(golden, `hidden_states_${i}`, h));
    tf.dispose([out.lastHiddenState, out.pooled, ...(out.hiddenStates ?? [])]);
  });

  it('applies diffusers clip_skip=1 as final_layer_norm(hidden_states[-2])', () => {
    const skipped = model.encode(inputIds, 1);
    expectClose(golden, 'clip_skip2', skipped);
    const unskipped = model.encode(inputIds, 0);
    expectClose(golden, 'last_hidden_state', unskipped);
    tf.dispose([skipped, unskipped]);
    expect(() => model.encode(inputIds, 3)).toThrow(/clipSkip/);
  });

  it('leaves no tensors behind over repeated forwards', () => {
    const warm = model.forward(inputIds, { outputHiddenStates: true });
    tf.dispose([warm.lastHiddenState, warm.pooled, ...(warm.hiddenStates ?? [])]);
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) {
      const out = model.forward(inputIds, { outputHiddenStates: true });
      tf.dispose([out.lastHiddenState, out.pooled, ...(out.hiddenStates ?? [])]);
      tf.dispose(model.encode(inputIds, 1));
    }
    expect(tf.memory().numTensors).toBe(before);
  });
});
