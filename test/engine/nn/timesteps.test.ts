import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { Timesteps } from '../../../src-main/engine/nn/timesteps';
import { useTestBackend } from './test-backend';

beforeAll(async () => {
  await useTestBackend();
});

/** diffusers' get_timestep_embedding in double precision. */
function reference(t: number, dim: number, flip: boolean, shift: number): number[] {
  const half = Math.floor(dim / 2);
  const angles = Array.from({ length: half }, (_, i) => t * Math.exp((-Math.log(10000) * i) / (half - shift)));
  const [a, b] = flip ? [angles.map(Math.cos), angles.map(Math.sin)] : [angles.map(Math.sin), angles.map(Math.cos)];
  return dim % 2 === 1 ? [...a, ...b, 0] : [...a, ...b];
}

describe('Timesteps (sinusoidal embedding)', () => {
  it.each([
    [true, 0, 8],
    [false, 1, 8],
    [true, 1, 7],
  ])('flip_sin_to_cos=%s, freq_shift=%s, dim %s', (flip, shift, dim) => {
    const embed = new Timesteps({ dim, flipSinToCos: flip, freqShift: shift });
    const t = [0, 1, 2.5, 37];
    const got = embed.forward(tf.tensor1d(t));
    expect(got.shape).toEqual([4, dim]);
    const values = got.dataSync();
    t.forEach((ti, row) => reference(ti, dim, flip, shift).forEach((w, col) => expect(values[row * dim + col]).toBeCloseTo(w, 5)));
    got.dispose();
  });

  it('accepts int32 timesteps', () => {
    const embed = new Timesteps({ dim: 6, flipSinToCos: true, freqShift: 0 });
    const [a, b] = [embed.forward(tf.tensor1d([981], 'int32')), embed.forward(tf.tensor1d([981]))];
    expect(Array.from(a.dataSync())).toEqual(Array.from(b.dataSync()));
    tf.dispose([a, b]);
  });
});
