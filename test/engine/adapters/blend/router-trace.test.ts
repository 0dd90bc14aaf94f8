import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { RouterTrace } from '../../../../src-main/engine/analysis/router-trace';
import { toTsneVectors } from '../../../../src-main/engine/analysis/router-trace-tsne';

describe('RouterTrace', () => {
  it('maps a CFG batch (uncond rows, then cond rows) to image indices and passes', () => {
    const trace = new RouterTrace();
    trace.setStep({ step: 3, timestep: 741, generationId: 'g1', images: 2, passes: ['uncond', 'cond'] });
    trace.record('style', 'unet:a', [0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.6], 2);
    expect(trace.rows.map((r) => [r.imageIndex, r.pass, r.probs[0]])).toEqual([
      [0, 'uncond', 0.1],
      [1, 'uncond', 0.2],
      [0, 'cond', 0.3],
      [1, 'cond', 0.4],
    ]);
    expect(trace.rows[0]).toMatchObject({ generationId: 'g1', step: 3, timestep: 741, adapter: 'style', layer: 'unet:a' });
  });

  it('without a batch layout, each row is its own image', () => {
    const trace = new RouterTrace();
    trace.record('style', 'unet:a', [0.5, 0.5, 1, 0, 0, 1], 2);
    expect(trace.rows.map((r) => [r.imageIndex, r.pass, r.step])).toEqual([
      [0, undefined, 0],
      [1, undefined, 0],
      [2, undefined, 0],
    ]);
  });
});

describe('RouterTrace with routes recorded as tensors', () => {
  it('reads them at flush, each with the step it was recorded in, and frees them', async () => {
    const trace = new RouterTrace();
    const before = tf.memory().numTensors;
    trace.setStep({ step: 0, timestep: 999, images: 1, passes: ['uncond', 'cond'] });
    tf.tidy(() => trace.recordTensor('style', 'unet:a', tf.tensor2d([[0.1, 0.9], [0.2, 0.8]])));
    trace.setStep({ step: 1, timestep: 499, images: 1, passes: ['uncond', 'cond'] });
    tf.tidy(() => trace.recordTensor('style', 'unet:b', tf.tensor2d([[0.3, 0.3, 0.4], [0.5, 0.25, 0.25]])));
    expect(tf.memory().numTensors).toBe(before + 2); // the trace's own handles, past the tidy
    expect(() => trace.rows).toThrow('the router trace holds 2 routes not read back yet: await trace.flush() before reading its rows');
    await trace.flush();
    expect(tf.memory().numTensors).toBe(before);
    expect(trace.rows.map((r) => [r.layer, r.step, r.timestep, r.pass, r.probs.map((p) => Math.fround(p))])).toEqual([
      ['unet:a', 0, 999, 'uncond', [0.1, 0.9].map(Math.fround)],
      ['unet:a', 0, 999, 'cond', [0.2, 0.8].map(Math.fround)],
      ['unet:b', 1, 499, 'uncond', [0.3, 0.3, 0.4].map(Math.fround)],
      ['unet:b', 1, 499, 'cond', [0.5, 0.25, 0.25].map(Math.fround)],
    ]);
    await trace.flush(); // nothing pending: a no-op
    expect(trace.rows).toHaveLength(4);
  });

  it('clear() frees routes that were never read', () => {
    const trace = new RouterTrace();
    const before = tf.memory().numTensors;
    tf.tidy(() => trace.recordTensor('style', 'unet:a', tf.tensor2d([[1, 0]])));
    trace.clear();
    expect(tf.memory().numTensors).toBe(before);
    expect(trace.rows).toEqual([]);
  });
});

describe('toTsneVectors', () => {
  const trace = new RouterTrace();
  for (const step of [0, 1]) {
    trace.setStep({ step, timestep: 999 - step * 500, images: 1, passes: ['uncond', 'cond'] });
    trace.record('style', 'unet:a', [0.9, 0.1, step, 1 - step], 2); // uncond row, then cond row
    trace.record('style', 'unet:b', [0.5, 0.5, 0.25, 0.75], 2);
  }

  it('gives one vector per (image, step): the chosen layers\' routes concatenated, cond pass by default', () => {
    const { points, vectors, layers } = toTsneVectors(trace);
    expect(layers).toEqual(['unet:a', 'unet:b']);
    expect(points).toEqual([
      { imageIndex: 0, step: 0, timestep: 999 },
      { imageIndex: 0, step: 1, timestep: 499 },
    ]);
    expect(vectors.map((v) => [...v])).toEqual([
      [0, 1, 0.25, 0.75],
      [1, 0, 0.25, 0.75],
    ]);
    const onlyB = toTsneVectors(trace.rows, { layers: ['unet:b'], pass: 'uncond' });
    expect(onlyB.vectors.map((v) => [...v])).toEqual([
      [0.5, 0.5],
      [0.5, 0.5],
    ]);
  });

  it('names a layer without routes, and asks which adapter when there are several', () => {
    expect(() => toTsneVectors(trace, { layers: ['unet:zzz'] })).toThrow(/no routes recorded for layer\(s\) unet:zzz/);
    const two = new RouterTrace();
    two.record('x', 'unet:a', [1], 1);
    two.record('y', 'unet:a', [1], 1);
    expect(() => toTsneVectors(two)).toThrow(/several adapters \(x, y\)/);
    expect(toTsneVectors(two, { adapter: 'y' }).vectors).toHaveLength(1);
  });
});
