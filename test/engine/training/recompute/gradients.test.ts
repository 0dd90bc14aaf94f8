import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters, type AdapterSession } from '../../../../src-main/engine/adapters/blend';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import { initBackend } from '../../../../src-main/engine/backend';
import type { UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import { adapterBlockVariables, recomputingUNetForward, plainUNetForward } from '../../../../src-main/engine/training/recompute';
import { moveOffInit } from '../../adapters/layers/fixtures';
import { loadTinyModels } from '../../adapters/inject/tiny-models';
import { adapterVariables, gradientsOf, stepLoss, type StepInputs, randomStepInputs } from './fixtures';

let unet: UNet2DConditionModel;
let adapter: Adapter;
let session: AdapterSession;
let vars: tf.Variable[];
let inputs: StepInputs;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  const models = await loadTinyModels();
  models.textEncoder.dispose();
  unet = models.unet;
  // StyleInject (DMA + STA) on attention and convolutions: variables in every block.
  adapter = createAdapter({ unet }, adapterSettings({ method: 'styleinject', rank: 2, k: 3 }), { seed: 5, targets: ['attention-qv', 'resnet-conv'] });
  moveOffInit(adapter); // non-zero B, router and gamma: every variable gets a gradient
  session = attachAdapters({ unet }, [{ adapter, weight: 1 }]);
  vars = adapterVariables(adapter);
  inputs = randomStepInputs([120, 870], 8, 5, 32, 11);
});
afterAll(() => {
  session?.detach();
  if (adapter) disposeAdapter(adapter);
  tf.dispose(inputs);
  unet?.dispose();
});

/** max |a - b| over max(1e-6, max |b|): the error relative to the gradient's scale. */
function relativeError(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 1e-6;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}

describe('gradient checkpointing per UNet block (tiny golden UNet, StyleInject K=3 r=2 on attention + convs)', () => {
  it.each([
    { name: 'per-block adapter variables', forward: () => recomputingUNetForward({ variablesFor: adapterBlockVariables([adapter]) }) },
    { name: 'every trainable variable (default)', forward: () => recomputingUNetForward() },
    {
      name: 'nested per resnet/transformer',
      forward: () => recomputingUNetForward({ variablesFor: adapterBlockVariables([adapter]), granularity: 'layer' }),
    },
  ])('gives the same loss and gradients as the plain forward ($name)', ({ forward }) => {
    const plain = gradientsOf(plainUNetForward, unet, inputs, vars);
    const checkpointed = gradientsOf(forward(), unet, inputs, vars);
    expect(checkpointed.loss).toBeCloseTo(plain.loss, 6);
    expect(vars.length).toBeGreaterThan(100);
    const errors = vars.map((_, i) => relativeError(checkpointed.grads[i], plain.grads[i]));
    expect(Math.max(...errors)).toBeLessThan(1e-5);
    // Every variable really receives a gradient (nothing compared as zero against zero).
    expect(plain.grads.every((g) => g.some((v) => v !== 0))).toBe(true);
  });

  it('holds no tensors across repeated steps', () => {
    const forward = recomputingUNetForward({ variablesFor: adapterBlockVariables([adapter]) });
    gradientsOf(forward, unet, inputs, vars); // warm-up: kernels and caches
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) gradientsOf(forward, unet, inputs, vars);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('runs the blocks directly outside a gradient scope (same output as the plain forward)', () => {
    const forward = recomputingUNetForward();
    const a = tf.tidy(() => stepLoss(forward, unet, inputs));
    const b = tf.tidy(() => stepLoss(plainUNetForward, unet, inputs));
    expect(a.dataSync()[0]).toBe(b.dataSync()[0]);
    tf.dispose([a, b]);
  });

  it('fails loudly when a block reads a trainable variable it was not given', () => {
    const forward = recomputingUNetForward({ variablesFor: (block) => (block === 'mid_block' ? [] : adapterBlockVariables([adapter])(block)) });
    expect(() => gradientsOf(forward, unet, inputs, vars)).toThrow(/block 'mid_block' reads trainable variable/);
  });
});
