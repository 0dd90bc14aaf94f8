import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unetConfigFrom } from '../../../../src-main/engine/models/unet/config';
import { UNet2DConditionModel } from '../../../../src-main/engine/models/unet/unet-2d-condition';
import { expectMatches, loadCase, readTensor } from '../../../parity/golden';
import { diffusersConfig, diffusersWeightsPath, goldenNhwc, goldenTensor, loadSafetensors, nchwValues } from '../../nn/golden-weights';
import { useTestBackend } from '../../nn/test-backend';

// The tiny SD 1.5-shaped UNet of the golden set against diffusers' outputs.
const golden = loadCase('unet');
let unet: UNet2DConditionModel;

beforeAll(async () => {
  await useTestBackend();
  unet = new UNet2DConditionModel(unetConfigFrom(diffusersConfig('unet')));
  loadSafetensors(unet, diffusersWeightsPath('unet'));
});

afterAll(() => unet.dispose());

/** The case's timestep as the tensor diffusers received (int64 -> int32, or float32). */
function timestepOf(sub: string): tf.Tensor {
  const t = readTensor(golden, `${sub}/timestep`);
  const dtype = golden.manifest.tensors[`${sub}/timestep`].dtype.startsWith('int') ? 'int32' : 'float32';
  return tf.tensor(Array.from(t.data), t.shape, dtype);
}

describe('UNet2DConditionModel parity with diffusers', () => {
  it('embeds timestep 981 like Timesteps + TimestepEmbedding (a/time_proj, a/time_emb)', () => {
    const t = timestepOf('a');
    const proj = unet.timeProj.forward(tf.tile(t, [2]) as tf.Tensor1D);
    expectMatches(golden, 'a/time_proj', proj.dataSync(), proj.shape);
    const emb = unet.embedTime(t, 2);
    expectMatches(golden, 'a/time_emb', emb.dataSync(), emb.shape);
    tf.dispose([t, proj, emb]);
  });

  for (const sub of ['a', 'b', 'c']) {
    it(`predicts case ${sub} (${golden.manifest.tensors[`${sub}/timestep`].note})`, () => {
      const sample = goldenNhwc(golden, `${sub}/sample`);
      const context = goldenTensor(golden, `${sub}/encoder_hidden_states`) as tf.Tensor3D;
      const t = timestepOf(sub);
      const out = unet.forward(sample, t, context);
      expect(out.shape).toEqual(sample.shape);
      expectMatches(golden, `${sub}/out`, nchwValues(out), [out.shape[0], out.shape[3], out.shape[1], out.shape[2]]);
      tf.dispose([sample, context, t, out]);
    });
  }

  it('accepts the timestep as a plain number', () => {
    const sample = goldenNhwc(golden, 'c/sample');
    const context = goldenTensor(golden, 'c/encoder_hidden_states') as tf.Tensor3D;
    const out = unet.forward(sample, 1, context);
    expectMatches(golden, 'c/out', nchwValues(out));
    tf.dispose([sample, context, out]);
  });
});
