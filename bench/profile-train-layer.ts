// `npx tsx bench/profile-train-layer.ts [--size 64] [--threads n] [--top 25]`: where a training
// step's backward spends its time, per kernel. One SD 1.5 first-level resnet and transformer
// (random host-resident weights, real shapes, batch 1): forward, then forward + backward to the
// input (what a frozen UNet layer does in an adapter training step), each under tf.profile.
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../src-main/engine/backend';
import { ResnetBlock2D } from '../src-main/engine/nn/resnet-block';
import { Transformer2DModel } from '../src-main/engine/nn/transformer-2d';
import { setResidency } from '../src-main/engine/nn/weight-residency';
import { formatProfile, linearWeightShapes, profileKernels } from './sd15/kernel-profile';
import { fillRandomWeights } from './sd15/random-weights';

const { values } = parseArgs({ options: { size: { type: 'string', default: '64' }, threads: { type: 'string' }, top: { type: 'string', default: '25' } } });
const report = await initBackend({ force: 'wasm', ...(values.threads && { threads: Number(values.threads) }) });
const size = Number(values.size);
const resnet = new ResnetBlock2D({ inChannels: 320, outChannels: 320, tembChannels: 1280, groups: 32, eps: 1e-5 });
const transformer = new Transformer2DModel({ inChannels: 320, heads: 8, headDim: 40, layers: 1, crossAttentionDim: 768, normGroups: 32, useLinearProjection: false, onlyCrossAttention: false });
for (const [i, m] of [resnet, transformer].entries()) {
  await setResidency(m, 'host');
  await fillRandomWeights(m, i + 1);
}
const x = tf.randomNormal([1, size, size, 320], 0, 1, 'float32', 1) as tf.Tensor4D;
const temb = tf.randomNormal([1, 1280], 0, 1, 'float32', 2) as tf.Tensor2D;
const context = tf.randomNormal([1, 77, 768], 0, 1, 'float32', 3) as tf.Tensor3D;
console.log(`${report.line}\nSD 1.5 level-0 layers at ${size}x${size}, batch 1, host-resident weights`);

const layers: [string, (input: tf.Tensor4D) => tf.Tensor4D, Set<string>][] = [
  ['resnet', (input) => resnet.forward(input, temb), new Set()],
  ['transformer', (input) => transformer.forward(input, context), linearWeightShapes(transformer)],
];
for (const [name, forward, linears] of layers) {
  const plain = await profileKernels(() => forward(x), linears);
  plain.result?.dispose();
  const backward = await profileKernels(() => tf.grad((input: tf.Tensor) => forward(input as tf.Tensor4D).square().mean())(x), linears);
  backward.result?.dispose();
  console.log(`\n${name}: forward ${(plain.wallMs / 1000).toFixed(2)} s; forward + backward to the input ${(backward.wallMs / 1000).toFixed(2)} s (x${(backward.wallMs / plain.wallMs).toFixed(2)})`);
  console.log(formatProfile(backward, Number(values.top)));
}
