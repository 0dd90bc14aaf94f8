import * as tf from '@tensorflow/tfjs';
import { compare, readTensor, type GoldenCase } from '../golden';
import type { CaseRunner, SubCase } from './types';
import { resolveConfig, type PredictionType } from '../../../src-main/engine/schedulers/config';
import { alphasCumprod } from '../../../src-main/engine/schedulers/noise-schedule';
import { addNoise, minSnrWeights, snr, velocityTarget, weightedMseLoss } from '../../../src-main/engine/schedulers/training-targets';

/**
 * The `training` golden case: the DDPM schedule of the manifest's config and every expected
 * tensor computed from its inputs (x0, noise, timesteps, model_pred) with the engine's ops.
 */

/** The manifest's target suffixes: `_eps` weights/losses are for epsilon, `_v` for v-prediction. */
const PREDICTION_SUFFIX: Record<string, PredictionType> = { eps: 'epsilon', v: 'v_prediction', sample: 'sample' };

function input(c: GoldenCase, key: string): tf.Tensor {
  const t = readTensor(c, key);
  return tf.tensor(Float32Array.from(t.data), t.shape, 'float32');
}

/** The engine's value for one expected tensor, by its manifest name. */
function compute(c: GoldenCase, key: string): tf.Tensor {
  const config = resolveConfig(c.manifest.config as Record<string, unknown>);
  const gamma = c.manifest.snr_gamma as number | undefined;
  const ac = tf.tensor1d(alphasCumprod(config), 'float32');
  const x0 = () => input(c, 'x0');
  const noise = () => input(c, 'noise');
  const timesteps = () => tf.cast(input(c, 'timesteps'), 'int32') as tf.Tensor1D;
  const snrWeights = (type: PredictionType) => {
    if (gamma === undefined) throw new Error(`${key}: the manifest gives no snr_gamma`);
    return minSnrWeights(snr(ac, timesteps()), gamma, type);
  };
  const suffixed = /^(min_snr_weight|loss)_(\w+)$/.exec(key);
  if (key === 'alphas_cumprod') return ac;
  if (key === 'noisy') return addNoise(ac, x0(), noise(), timesteps());
  if (key === 'v_target') return velocityTarget(ac, x0(), noise(), timesteps());
  if (key === 'snr') return snr(ac, timesteps());
  if (suffixed && PREDICTION_SUFFIX[suffixed[2]]) {
    const type = PREDICTION_SUFFIX[suffixed[2]];
    if (suffixed[1] === 'min_snr_weight') return snrWeights(type);
    const target = type === 'epsilon' ? noise() : type === 'v_prediction' ? velocityTarget(ac, x0(), noise(), timesteps()) : x0();
    return tf.reshape(weightedMseLoss(input(c, 'model_pred'), target, snrWeights(type)), [1]);
  }
  throw new Error(`training: the parity runner does not know the expected tensor '${key}'`);
}

export const runTraining: CaseRunner = (c) =>
  Object.entries(c.manifest.tensors)
    .filter(([, e]) => e.role === 'expected')
    .map(([key, e]): SubCase => ({
      name: key,
      run: async () => {
        const got = tf.tidy(() => compute(c, key));
        const want = readTensor(c, key);
        if (!e.tol) throw new Error(`${key}: no tolerance in the manifest`);
        const r = compare(key, await got.data(), want.data, e.tol, got.shape, want.shape);
        got.dispose();
        if (!r.ok) throw new Error(r.message);
      },
    }));
