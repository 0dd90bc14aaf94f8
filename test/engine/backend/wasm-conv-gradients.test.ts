import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../src-main/engine/backend';
import { convGeometry } from '../../../src-main/engine/backend/wasm-kernels/conv-geometry';
import { conv2dFilterGradient } from '../../../src-main/engine/backend/wasm-kernels/conv2d-filter-gradient';
import { conv2dInputGradient } from '../../../src-main/engine/backend/wasm-kernels/conv2d-input-gradient';
import { convGradients, relativeError, seededValues, sizeOf, type ConvCase } from './conv-reference';

const TOLERANCE = 1e-4;

// Small odd/even sizes exercise padding asymmetry and rows a strided 'valid' conv never reads;
// the SD 1.5 shapes keep their channel counts, with the spatial size cut so the cpu reference stays quick.
const cases: ConvCase[] = [
  { label: '3x3 s1 same', input: [2, 6, 5, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
  { label: '3x3 s1 valid', input: [1, 7, 6, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'valid' },
  { label: '3x3 s1 explicit 1', input: [1, 5, 6, 2], filter: [3, 3, 2, 3], strides: 1, pad: 1 },
  { label: '3x3 s2 same even', input: [1, 8, 8, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { label: '3x3 s2 same odd', input: [2, 7, 9, 3], filter: [3, 3, 3, 5], strides: 2, pad: 'same' },
  { label: '3x3 s2 valid odd', input: [1, 8, 7, 4], filter: [3, 3, 4, 2], strides: 2, pad: 'valid' },
  { label: '3x3 s2 explicit 1 (SD downsampler)', input: [1, 8, 8, 6], filter: [3, 3, 6, 6], strides: 2, pad: 1 },
  { label: '2x4 s1 same (non-square)', input: [1, 5, 7, 2], filter: [2, 4, 2, 3], strides: 1, pad: 'same' },
  { label: 'SD conv_in 3x3 4->320 on 8x8', input: [1, 8, 8, 4], filter: [3, 3, 4, 320], strides: 1, pad: 1 },
  { label: 'SD resnet 3x3 320->320 on 4x4', input: [1, 4, 4, 320], filter: [3, 3, 320, 320], strides: 1, pad: 1 },
  { label: 'SD shortcut 1x1 640->320 on 4x4', input: [1, 4, 4, 640], filter: [1, 1, 640, 320], strides: 1, pad: 0 },
];

describe('wasm conv2d gradient kernels match the cpu backend', () => {
  beforeAll(async () => {
    await initBackend({ force: 'wasm' }); // loads wasm and registers our kernels
  });

  for (const c of cases) {
    it(c.label, async () => {
      await tf.setBackend('cpu');
      const expected = await convGradients(c);
      await tf.setBackend('wasm');
      const actual = await convGradients(c);
      expect(relativeError(actual.dx, expected.dx)).toBeLessThan(TOLERANCE);
      expect(relativeError(actual.dw, expected.dw)).toBeLessThan(TOLERANCE);
    });
  }

  it('conv2dTranspose (which runs Conv2DBackpropInput forward) matches cpu', async () => {
    const run = async () => {
      const x = tf.tensor4d(seededValues(2 * 4 * 5 * 6, 7), [2, 4, 5, 6]);
      const w = tf.tensor4d(seededValues(3 * 3 * 3 * 6, 8), [3, 3, 3, 6]); // (kh, kw, out, in)
      const y = tf.conv2dTranspose(x, w, [2, 8, 10, 3], 2, 'same');
      const values = await y.data();
      tf.dispose([x, w, y]);
      return values;
    };
    await tf.setBackend('cpu');
    const expected = await run();
    await tf.setBackend('wasm');
    expect(relativeError(await run(), expected)).toBeLessThan(TOLERANCE);
  });
});

describe('dilated convolutions (tfjs has no dilated conv gradient, so the reference folds the dilation into the filter)', () => {
  const dilation = 2;
  const dilatedCases: ConvCase[] = [
    { label: '3x3 d2 same', input: [1, 9, 8, 3], filter: [3, 3, 3, 4], strides: 1, pad: 'same' },
    { label: '3x3 d2 valid', input: [2, 8, 9, 2], filter: [3, 3, 2, 3], strides: 1, pad: 'valid' },
    { label: '3x3 d2 explicit 1', input: [1, 7, 7, 3], filter: [3, 3, 3, 2], strides: 1, pad: 1 },
    { label: '2x3 d2 s2 same', input: [1, 9, 10, 3], filter: [2, 3, 3, 2], strides: 2, pad: 'same' },
  ];

  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
  });

  for (const c of dilatedCases) {
    it(c.label, async () => {
      const [kh, kw, cin, cout] = c.filter;
      const spread: [number, number, number, number] = [(kh - 1) * dilation + 1, (kw - 1) * dilation + 1, cin, cout];

      // Reference: the same conv with zeros between the taps, no dilation, on cpu.
      await tf.setBackend('cpu');
      const spreadCase = { ...c, filter: spread };
      const reference = await convGradients(spreadCase, spreadFilter(c.filter, dilation));
      const expectedDw = takeTaps(reference.dw, spread, dilation);

      await tf.setBackend('wasm');
      const x = tf.tensor4d(seededValues(sizeOf(c.input), 1), c.input);
      const w = tf.tensor4d(seededValues(sizeOf(c.filter), 2), c.filter);
      const g = convGeometry(c.input, c.filter, { strides: c.strides, pad: c.pad, dilations: dilation });
      const dyShape = [g.batch, g.outHeight, g.outWidth, g.outChannels];
      const dy = tf.tensor4d(seededValues(sizeOf(dyShape), 3), dyShape as [number, number, number, number]);
      const dx = conv2dInputGradient(dy, w, g);
      const dw = conv2dFilterGradient(x, dy, g);
      expect(dx.shape).toEqual(c.input);
      expect(dw.shape).toEqual(c.filter);
      expect(relativeError(await dx.data(), reference.dx)).toBeLessThan(TOLERANCE);
      expect(relativeError(await dw.data(), expectedDw)).toBeLessThan(TOLERANCE);
      tf.dispose([x, w, dy, dx, dw]);
    });
  }
});

/** The dilated filter written out with zeros between taps, as the values convGradients' filter seed would give. */
function spreadFilter(shape: [number, number, number, number], d: number): Float32Array {
  const [kh, kw, cin, cout] = shape;
  const values = seededValues(sizeOf(shape), 2);
  const sh = (kh - 1) * d + 1;
  const sw = (kw - 1) * d + 1;
  const out = new Float32Array(sh * sw * cin * cout);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let k = 0; k < cin * cout; k++) out[((i * d) * sw + j * d) * cin * cout + k] = values[(i * kw + j) * cin * cout + k];
  return out;
}

/** The gradient entries of the real taps, out of the spread filter's gradient. */
function takeTaps(spreadGradient: Float32Array, spread: [number, number, number, number], d: number): Float32Array {
  const [sh, sw, cin, cout] = spread;
  const kh = (sh - 1) / d + 1;
  const kw = (sw - 1) / d + 1;
  const out = new Float32Array(kh * kw * cin * cout);
  for (let i = 0; i < kh; i++)
    for (let j = 0; j < kw; j++)
      for (let k = 0; k < cin * cout; k++) out[(i * kw + j) * cin * cout + k] = spreadGradient[((i * d) * sw + j * d) * cin * cout + k];
  return out;
}
