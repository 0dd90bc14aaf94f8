import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Conv2d } from '../../../src-main/engine/nn/conv2d';
import { Linear } from '../../../src-main/engine/nn/linear';
import { byOutputGroups } from '../../../src-main/engine/nn/output-groups';
import { setResidency } from '../../../src-main/engine/nn/weight-residency';
import { randomizeParameters } from './random-weights';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

const maxAbsDifference = (a: tf.Tensor, b: tf.Tensor) => tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0]);

describe('layers whose host-resident weight is uploaded in groups of output channels', () => {
  it('Parameter.columns gives the same columns from host and device, uploading only those', async () => {
    const layer = new Linear(6, 10);
    randomizeParameters(layer, 3);
    const onDevice = layer.weight.columns(3, 4); // (in, 4)
    await setResidency(layer, 'host');
    const before = tf.memory().numBytes;
    const onHost = layer.weight.columns(3, 4);
    expect(tf.memory().numBytes - before).toBe(6 * 4 * 4); // 6 x 4 floats, not the whole weight
    expect(onHost.shape).toEqual([6, 4]);
    expect(maxAbsDifference(onHost, onDevice)).toBe(0);
    tf.dispose([onDevice, onHost]);
    layer.dispose();
  });

  it('a conv and a linear in groups that do not divide their outputs give the one-piece result', async () => {
    const conv = new Conv2d(5, 7, { kernelSize: 3, padding: 1 });
    const linear = new Linear(5, 7);
    randomizeParameters(conv, 4);
    randomizeParameters(linear, 5);
    const x = tf.randomNormal([2, 6, 4, 5], 0, 1, 'float32', 6) as tf.Tensor4D;
    const whole = [conv.forward(x), linear.forward(x)];
    await setResidency(conv, 'host');
    await setResidency(linear, 'host');
    const groupBytes = 3 * 3 * 5 * 3 * 4; // three output channels' columns of the conv: 3 groups of 3, 3, 1
    const grouped = [
      byOutputGroups(conv.weight, conv.bias, (w, b) => tf.conv2d(x, w as tf.Tensor4D, 1, [[0, 0], [1, 1], [1, 1], [0, 0]]).add(b!), groupBytes),
      byOutputGroups(linear.weight, linear.bias, (w, b) => tf.matMul(x.reshape([-1, 5]), w as tf.Tensor2D).add(b!).reshape([2, 6, 4, -1]), 5 * 3 * 4),
    ];
    for (const [i, g] of grouped.entries()) {
      expect(g.shape).toEqual(whole[i].shape);
      expect(maxAbsDifference(g, whole[i])).toBeLessThan(1e-6);
    }
    tf.dispose([x, ...whole, ...grouped]);
    conv.dispose();
    linear.dispose();
  });
});
