import * as tf from '@tensorflow/tfjs';
import { disposeAdapter, type Adapter } from '../../../src-main/engine/adapters/adapter';
import { saveAdapter } from '../../../src-main/engine/adapters/files';
import { createAdapter } from '../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../src-main/engine/adapters/settings';
import { routeProbabilities } from '../../../src-main/engine/adapters/styleinject/router';
import type { StableDiffusion } from '../../../src-main/engine/pipelines/stable-diffusion';
import { SeededGenerator } from '../../../src-main/engine/random';
import { AdamW } from '../../../src-main/engine/training/optim';
import { encodeCaptions } from '../../../src-main/engine/training/run';

/**
 * Two prompt groups that differ only in meaning. The tiny model's text encoder has random
 * weights and knows no meaning, so nothing but training can make a router tell them apart.
 */
export const PROMPT_GROUPS = {
  animals: ['a red fox sitting in the snow', 'an owl perched on a branch', 'a horse running across a meadow', 'a cat sleeping on a windowsill', 'a dog in the park'],
  objects: ['a teapot on a wooden table', 'an old bicycle against a wall', 'a pair of leather boots', 'a vase of flowers', 'a lamp on a desk'],
};

const K = 4;
// The cross-attention value projections take the prompt's encoding as input: their routers see the prompt alone.
const isPromptRouted = (key: string) => key.endsWith('attn2.to_v');

function newAdapter(sd: StableDiffusion): { adapter: Adapter; routers: tf.Variable[] } {
  const adapter = createAdapter({ unet: sd.unet, textEncoder: sd.textEncoder }, adapterSettings({ method: 'styleinject', rank: 4, k: K }), { seed: 1, name: 'router-test' });
  const routers = [...adapter.layers].filter(([key]) => isPromptRouted(key)).map(([, layer]) => layer.router as tf.Variable);
  return { adapter, routers };
}

/**
 * A StyleInject adapter (K = 4, the paper's targets) whose prompt-routed routers were trained to
 * send each group to its own branch: AdamW steps on the adapter's router variables, through the
 * engine's text encoder and router (softmax(R [mean, std])), cross-entropy against the group's
 * branch. Saved to `path`; returns the losses and the trained routers' Frobenius norms.
 */
export async function writeTrainedRouterAdapter(sd: StableDiffusion, path: string, steps: number): Promise<{ firstLoss: number; lastLoss: number; norms: number[] }> {
  const { adapter, routers } = newAdapter(sd);
  const groups = Object.values(PROMPT_GROUPS);
  const context = encodeCaptions(groups.flat(), sd.textEncoder, sd.tokenizer); // (prompts, 77, D)
  const target = tf.tidy(() => tf.oneHot(tf.tensor1d(groups.flatMap((g, i) => g.map(() => i)), 'int32'), K)); // (prompts, K)
  const optimizer = new AdamW(Object.fromEntries(routers.map((r) => [r.name, r])), { lr: 0.05, weightDecay: 0 });
  const losses: number[] = [];
  try {
    for (let step = 0; step < steps; step++) {
      const { value, grads } = tf.variableGrads(() => tf.addN(routers.map((r) => tf.losses.softmaxCrossEntropy(target, tf.log(routeProbabilities(context, r))))) as tf.Scalar, routers);
      losses.push((await value.data())[0]);
      optimizer.applyGradients(grads);
      tf.dispose([value, grads]);
    }
    await saveAdapter(path, adapter);
    return { firstLoss: losses[0], lastLoss: losses[losses.length - 1], norms: routers.map((r) => tf.tidy(() => r.norm().dataSync()[0])) };
  } finally {
    tf.dispose([context, target]);
    optimizer.dispose();
    disposeAdapter(adapter);
  }
}

/**
 * The same adapter untrained, its prompt-routed routers drawn at random (seeded) with the given
 * norms: it routes each prompt its own way, as strongly as the trained one, but knows no groups.
 */
export async function writeRandomRouterAdapter(sd: StableDiffusion, path: string, norms: number[], seed: number): Promise<void> {
  const { adapter, routers } = newAdapter(sd);
  const generator = new SeededGenerator(seed);
  try {
    routers.forEach((router, i) => {
      const values = generator.normalArray(router.size);
      const scale = norms[i] / Math.hypot(...values);
      tf.tidy(() => router.assign(tf.tensor(values.map((v) => v * scale), router.shape)));
    });
    await saveAdapter(path, adapter);
  } finally {
    disposeAdapter(adapter);
  }
}
