import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters, type AdapterSession } from '../../../../src-main/engine/adapters/blend';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import { initBackend } from '../../../../src-main/engine/backend';
import { UNet2DConditionModel, unetConfigFrom } from '../../../../src-main/engine/models/unet';
import { adapterBlockVariables, recomputingUNetForward, plainUNetForward } from '../../../../src-main/engine/training/recompute';
import type { UNetForward } from '../../../../src-main/engine/training/objectives/objective';
import { randomizeParameters } from '../../nn/random-weights';
import { adapterVariables, stepLoss, type StepInputs, randomStepInputs } from './fixtures';

/**
 * Peak backend memory of one adapter training step, with and without checkpointing, on a
 * UNet with SD 1.5's block layout (cross-attention down blocks 0-1, plain block 2) at a
 * moderate size: widths 32/64/64, 16x16 latents, batch 1, 16 tokens of width 64.
 */
const config = unetConfigFrom({
  block_out_channels: [32, 64, 64],
  down_block_types: ['CrossAttnDownBlock2D', 'CrossAttnDownBlock2D', 'DownBlock2D'],
  up_block_types: ['UpBlock2D', 'CrossAttnUpBlock2D', 'CrossAttnUpBlock2D'],
  attention_head_dim: 4,
  cross_attention_dim: 64,
  norm_num_groups: 16,
  layers_per_block: 2,
});

let unet: UNet2DConditionModel;
let adapter: Adapter;
let session: AdapterSession;
let vars: tf.Variable[];
let inputs: StepInputs;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  unet = new UNet2DConditionModel(config);
  randomizeParameters(unet, 3);
  adapter = createAdapter({ unet }, adapterSettings({ method: 'styleinject', rank: 4, k: 4 }), { seed: 2, targets: ['attention-qv', 'resnet-conv'] });
  session = attachAdapters({ unet }, [{ adapter, weight: 1 }]);
  vars = adapterVariables(adapter);
  inputs = randomStepInputs([500], 16, 16, 64, 1);
});
afterAll(() => {
  session?.detach();
  if (adapter) disposeAdapter(adapter);
  tf.dispose(inputs);
  unet?.dispose();
});

/** The highest tf.memory().numBytes seen after any kernel of one step (tf.profile), above the bytes held before it. */
async function stepPeakBytes(forward: UNetForward): Promise<number> {
  const before = tf.memory().numBytes;
  const info = await tf.profile(() => {
    const { value, grads } = tf.variableGrads(() => stepLoss(forward, unet, inputs), vars);
    tf.dispose([value, grads]);
  });
  return info.peakBytes - before;
}

describe('gradient checkpointing saves memory', () => {
  it('one training step peaks lower with checkpointing than without', async () => {
    const checkpointed = recomputingUNetForward({ variablesFor: adapterBlockVariables([adapter]) });
    const plainPeak = await stepPeakBytes(plainUNetForward);
    const checkpointedPeak = await stepPeakBytes(checkpointed);
    const mb = (b: number) => `${(b / 2 ** 20).toFixed(1)} MiB`;
    console.log(`[checkpointing] step peak above resident: plain ${mb(plainPeak)}, checkpointed ${mb(checkpointedPeak)} (${(checkpointedPeak / plainPeak).toFixed(2)}x)`);
    expect(checkpointedPeak).toBeLessThan(0.6 * plainPeak);
  });
});
