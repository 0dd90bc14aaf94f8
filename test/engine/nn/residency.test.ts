import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadModelFiles } from '../../../src-main/engine/io/model-files';
import { unetConfigFrom } from '../../../src-main/engine/models/unet/config';
import { UNet2DConditionModel } from '../../../src-main/engine/models/unet/unet-2d-condition';
import { Linear } from '../../../src-main/engine/nn/linear';
import { chooseResidency, float32WeightBytes, setResidency } from '../../../src-main/engine/nn/weight-residency';
import { goldenModels } from '../io/model-files/golden-models';
import { diffusersConfig } from './golden-weights';
import { randomizeParameters } from './random-weights';
import { useTestBackend } from './test-backend';

let unet: UNet2DConditionModel;

beforeAll(async () => {
  await useTestBackend();
  unet = new UNet2DConditionModel(unetConfigFrom(diffusersConfig('unet')));
  randomizeParameters(unet, 3);
});

afterAll(() => unet.dispose());

/** One forward of the tiny UNet on fixed inputs, read back; inputs freed. */
function predict(): Float32Array {
  const [batch, size] = [2, 8];
  const sample = tf.randomNormal([batch, size, size, 4], 0, 1, 'float32', 5) as tf.Tensor4D;
  const context = tf.randomNormal([batch, 7, unet.config.cross_attention_dim as number], 0, 1, 'float32', 6) as tf.Tensor3D;
  const out = unet.forward(sample, 500, context);
  const values = out.dataSync() as Float32Array;
  tf.dispose([sample, context, out]);
  return values;
}

describe('weight residency', () => {
  it('gives bit-identical UNet outputs from host and device weights, with no tensor growth', async () => {
    await setResidency(unet, 'device');
    const onDevice = predict();
    const deviceBytes = tf.memory().numBytes;

    await setResidency(unet, 'host');
    expect(tf.memory().numBytes).toBeLessThan(deviceBytes - float32WeightBytes(unet) * 0.99);
    predict(); // first run after the move
    const tensors = tf.memory().numTensors;
    const bytes = tf.memory().numBytes;
    const onHost = predict();
    expect(tf.memory().numTensors).toBe(tensors);
    expect(tf.memory().numBytes).toBe(bytes);
    expect(onHost.length).toBe(onDevice.length);
    expect(onHost.every((v, i) => Object.is(v, onDevice[i]))).toBe(true);

    await setResidency(unet, 'device');
    expect(predict().every((v, i) => Object.is(v, onDevice[i]))).toBe(true);
  });

  it('takes the same gradient through a Linear whose weight is host-resident', async () => {
    const layer = new Linear(6, 5);
    randomizeParameters(layer, 11);
    const x = tf.randomNormal([3, 4, 6], 0, 1, 'float32', 12);
    const loss = (input: tf.Tensor) => layer.forward(input).square().sum();
    const gradient = () => {
      const g = tf.grad(loss)(x);
      const values = g.dataSync();
      g.dispose();
      return values;
    };
    const deviceGrad = gradient();
    layer.weight.residency = 'host';
    layer.bias!.residency = 'host';
    await Promise.all([layer.weight.settled(), layer.bias!.settled()]);
    const before = tf.memory().numTensors;
    const hostGrad = gradient();
    expect(tf.memory().numTensors).toBe(before);
    expect(Array.from(hostGrad)).toEqual(Array.from(deviceGrad));
    tf.dispose(x);
    layer.dispose();
  });

  it('chooses host automatically only for large models on bounded backends', () => {
    const bytes = float32WeightBytes(unet);
    expect(chooseResidency(unet, 'auto').residency).toBe('device'); // tiny model
    expect(chooseResidency(unet, 'auto', bytes - 1).residency).toBe('host');
    expect(chooseResidency(unet, 'auto', bytes - 1, 'cpu').residency).toBe('host');
    expect(chooseResidency(unet, 'auto', bytes - 1, 'webgpu').residency).toBe('device');
    expect(chooseResidency(unet, 'host')).toMatchObject({ residency: 'host', reason: 'as asked' });
  });

  it('loads a checkpoint host-resident: nearly nothing left in backend memory, same outputs', async () => {
    const bytesBefore = tf.memory().numBytes;
    const tensorsBefore = tf.memory().numTensors;
    const { singleFile } = goldenModels();
    const onHost = await loadModelFiles(singleFile, { components: ['unet'], weightResidency: 'host' });
    expect(onHost.residency.unet?.residency).toBe('host');
    expect(tf.memory().numBytes).toBe(bytesBefore);
    expect(tf.memory().numTensors).toBe(tensorsBefore);
    const onDevice = await loadModelFiles(singleFile, { components: ['unet'] });
    expect(onDevice.residency.unet).toMatchObject({ residency: 'device' });
    expect(onDevice.residency.unet?.reason).toMatch(/^auto: .* fit within 0\.10 GB on wasm$/);

    const run = (model: UNet2DConditionModel) => {
      const sample = tf.randomNormal([1, 8, 8, 4], 0, 1, 'float32', 1) as tf.Tensor4D;
      const context = tf.randomNormal([1, 5, model.config.cross_attention_dim as number], 0, 1, 'float32', 2) as tf.Tensor3D;
      const out = model.forward(sample, 10, context);
      const values = out.dataSync();
      tf.dispose([sample, context, out]);
      return values;
    };
    expect(Array.from(run(onHost.unet!))).toEqual(Array.from(run(onDevice.unet!)));
    onHost.dispose();
    onDevice.dispose();
    expect(tf.memory().numTensors).toBe(tensorsBefore);
  });
});
