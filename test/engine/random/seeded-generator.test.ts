import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { RecordedNoise } from '../../../src-main/engine/random/recorded-noise';
import { SeededGenerator } from '../../../src-main/engine/random/seeded-generator';
import { Xoshiro128 } from '../../../src-main/engine/random/xoshiro128';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('xoshiro128**', () => {
  it('matches the reference output for state [1, 2, 3, 4]', () => {
    // First outputs of the authors' C implementation (also rand_xoshiro's test vector).
    const bits = new Xoshiro128([1, 2, 3, 4]);
    const got = Array.from({ length: 10 }, () => bits.nextUint32());
    expect(got).toEqual([11520, 0, 5927040, 70819200, 2031721883, 1637235492, 1287239034, 3734860849, 3729100597, 4258142804]);
  });

  it('rejects the all-zero state', () => {
    expect(() => new Xoshiro128([0, 0, 0, 0])).toThrow(/not all zero/);
  });
});

describe('SeededGenerator', () => {
  it('gives the same draws for the same seed and different draws for another', () => {
    const a = new SeededGenerator(42).normalArray(1000);
    const b = new SeededGenerator(42).normalArray(1000);
    const c = new SeededGenerator(43).normalArray(1000);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(new SeededGenerator(2 ** 40).normalArray(8)).not.toEqual(new SeededGenerator(0).normalArray(8));
  });

  it('resumes the exact stream from a saved state (JSON round trip)', () => {
    const g = new SeededGenerator(7);
    g.normalArray(33);
    const saved = JSON.parse(JSON.stringify(g.getState()));
    const expected = g.normalArray(100);
    expect(SeededGenerator.fromState(saved).normalArray(100)).toEqual(expected);
  });

  it('draws standard normals and uniforms in [0, 1)', () => {
    const n = new SeededGenerator(1).normalArray(20000);
    const mean = n.reduce((s, v) => s + v, 0) / n.length;
    const variance = n.reduce((s, v) => s + (v - mean) ** 2, 0) / n.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.04);
    const u = new SeededGenerator(1).uniformArray(20000);
    expect(Math.min(...u)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...u)).toBeLessThan(1);
    expect(Math.abs(u.reduce((s, v) => s + v, 0) / u.length - 0.5)).toBeLessThan(0.01);
  });

  it('makes tensors of a shape holding the same values as the arrays', () => {
    const t = new SeededGenerator(5).normalTensor([1, 4, 2, 3]);
    expect(t.shape).toEqual([1, 4, 2, 3]);
    expect(t.dataSync()).toEqual(new SeededGenerator(5).normalArray(24));
    t.dispose();
  });
});

describe('RecordedNoise', () => {
  it('replays recorded draws in order and counts them', () => {
    const values = Float32Array.from({ length: 8 }, (_, i) => i);
    const replay = new RecordedNoise(values);
    const first = replay.normalTensor([2, 2]);
    const second = replay.normalTensor([4]);
    expect(Array.from(first.dataSync())).toEqual([0, 1, 2, 3]);
    expect(Array.from(second.dataSync())).toEqual([4, 5, 6, 7]);
    expect(replay.draws).toBe(2);
    expect(() => replay.normalTensor([1])).toThrow(/exhausted/);
    tf.dispose([first, second]);
  });
});
