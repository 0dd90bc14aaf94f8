import * as tf from '@tensorflow/tfjs';
import { Conv2d } from '../nn/conv2d';
import { SeededGenerator } from '../random';
import { disposeAdapter, type Adapter, type AdapterLayerKey, type AdapterLayerState } from './adapter';
import type { AdapterModels } from './base';
import { checkAdapterSettings, type AdapterSettings } from './settings';
import { DEFAULT_TARGETS, expandTargets, resolveTargets } from './targets';

export interface CreateAdapterOptions {
  /** Seeds the down matrices' init: the same seed gives the same adapter on every backend. */
  seed: number;
  /** Patterns or preset names (targets.ts); default: the paper's attention to_q/to_v. */
  targets?: readonly string[];
  name?: string;
  metadata?: Record<string, string>;
}

/**
 * A new trainable adapter on the targeted layers (tf.Variables, PyTorch layout). Init as the
 * spec: A Kaiming-uniform (a = sqrt(5)), B zeros, router R zeros (uniform routing), w_gamma
 * ones, so the model's output is unchanged until B moves.
 */
export function createAdapter(models: AdapterModels, settings: AdapterSettings, options: CreateAdapterOptions): Adapter {
  checkAdapterSettings(settings);
  const targets = expandTargets(options.targets ?? DEFAULT_TARGETS);
  const generator = new SeededGenerator(options.seed);
  const layers = new Map<AdapterLayerKey, AdapterLayerState>();
  const adapter: Adapter = { name: options.name ?? settings.method, config: { ...settings, targets }, layers, metadata: { ...options.metadata } };
  const { rank: r, k } = settings;
  try {
    for (const { key, layer } of resolveTargets(models, targets)) {
      const kernel = layer instanceof Conv2d ? [layer.kernelSize, layer.kernelSize] : [];
      const ones = kernel.map(() => 1);
      const state: AdapterLayerState = {
        kind: layer.kind,
        down: trainable(() => kaimingUniform(generator, [k * r, layer.inChannels, ...kernel])),
        up: trainable(() => tf.zeros([layer.outChannels, r, ...ones])),
        alpha: settings.alpha,
      };
      if (settings.dma) state.router = trainable(() => tf.zeros([k, 2 * layer.inChannels]));
      if (settings.sta) state.gamma = trainable(() => tf.ones([layer.outChannels]));
      layers.set(key, state);
    }
  } catch (err) {
    disposeAdapter(adapter);
    throw err;
  }
  return adapter;
}

/** A trainable variable holding `make()`'s value (the temporary is freed; tidy leaves variables alone). */
function trainable(make: () => tf.Tensor): tf.Variable {
  return tf.tidy(() => tf.variable(make(), true));
}

/**
 * PyTorch's kaiming_uniform_(a = sqrt(5)), nn.Linear/Conv2d's default: gain sqrt(2 / (1 + a^2)),
 * bound = gain * sqrt(3 / fan_in) = 1 / sqrt(fan_in), fan_in = d_in * kh * kw (one branch's A_k).
 * Drawn on the CPU from our generator, so every backend gets the same values.
 */
function kaimingUniform(generator: SeededGenerator, shape: number[]): tf.Tensor {
  const fanIn = shape.slice(1).reduce((a, b) => a * b, 1);
  const bound = 1 / Math.sqrt(fanIn);
  const values = generator.uniformArray(shape.reduce((a, b) => a * b, 1)).map((u) => (2 * u - 1) * bound);
  return tf.tensor(values, shape, 'float32');
}
