import * as tf from '@tensorflow/tfjs';
import type { LoadedModelFiles } from '../../../src-main/engine/io/model-files';
import { entry, readTensor, type GoldenCase } from '../golden';
import { componentSubCases } from './models';
import type { CaseRunner } from './types';

/**
 * The `clip_text` golden case: `input_ids` through the text encoder of every weight layout:
 * last_hidden_state, pooler_output, hidden_states_<i> (0 = embeddings) and clip_skip<N>.
 */

type TextEncoder = NonNullable<LoadedModelFiles['textEncoder']>;

/**
 * How many layers `clip_skip<N>` skips in diffusers' terms: its note names the hidden state
 * used (`hidden_states[-K]` -> K - 1); without a note, N is A1111's count (hidden_states[-N]).
 */
function skippedLayers(c: GoldenCase, key: string, n: number): number {
  const fromNote = /hidden_states\[-(\d+)\]/.exec(entry(c, key).note ?? '');
  return (fromNote ? Number(fromNote[1]) : n) - 1;
}

function computeClip(c: GoldenCase, checkpoint: LoadedModelFiles, key: string): tf.Tensor {
  const encoder: TextEncoder | undefined = checkpoint.textEncoder;
  if (!encoder) throw new Error('clip_text: the checkpoint loaded no text encoder');
  const inputKey = Object.entries(c.manifest.tensors).find(([, e]) => e.role === 'input')?.[0];
  if (!inputKey) throw new Error('clip_text: the manifest has no input');
  const ids = readTensor(c, inputKey);
  const name = key.replace(/_w16$/, '');
  return tf.tidy(() => {
    const inputIds = tf.tensor2d(Int32Array.from(ids.data), ids.shape as [number, number], 'int32');
    const hidden = /^hidden_states_(\d+)$/.exec(name);
    const skip = /^clip_skip(\d+)$/.exec(name);
    if (skip) return encoder.encode(inputIds, skippedLayers(c, key, Number(skip[1])));
    const out = encoder.forward(inputIds, { outputHiddenStates: hidden !== null });
    if (name === 'last_hidden_state') return out.lastHiddenState;
    if (name === 'pooler_output') return out.pooled;
    const state = hidden && out.hiddenStates?.[Number(hidden[1])];
    if (!state) throw new Error(`clip_text: no engine output for '${key}'`);
    return state;
  });
}

export const runClipText: CaseRunner = (c) => componentSubCases(c, (checkpoint, key) => computeClip(c, checkpoint, key));
