// One train-step bench variant in its own process (spawned by bench/sections/train-step.ts),
// so running out of wasm's 4 GiB heap ends this process only. Prints RESULT_PREFIX + JSON on exit.
import * as tf from '@tensorflow/tfjs';
import { disposeAdapter } from '../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../src-main/engine/adapters/blend';
import { createAdapter } from '../../src-main/engine/adapters/init';
import { adapterSettings } from '../../src-main/engine/adapters/settings';
import { initBackend } from '../../src-main/engine/backend';
import { adapterBlockVariables, recomputingUNetForward, plainUNetForward } from '../../src-main/engine/training/recompute';
import { SD15, sd15Unet } from '../sd15/models';
import { wasmHeapBytes } from '../sd15/memory';
import { RESULT_PREFIX, variantLabel, type VariantResult, type VariantSpec } from './variant';

const spec = JSON.parse(process.argv[2] ?? '') as VariantSpec;
const log = (line: string) => console.error(`[train-step ${variantLabel(spec)} @${spec.latent}x${spec.latent}] ${line}`);
const state: { started?: number; seconds?: number; trainable?: number; error?: string } = {};

// 'exit' also runs after an uncaught error, so a crash still reports how far it got.
process.on('exit', () => {
  const result: VariantResult = {
    status: state.seconds !== undefined && !state.error ? 'ok' : 'failed',
    seconds: state.seconds ?? (state.started ? (performance.now() - state.started) / 1000 : 0),
    maxRssBytes: process.resourceUsage().maxRSS * 1024,
    wasmHeapBytes: wasmHeapBytes() ?? 0,
    trainable: state.trainable,
    error: state.error ?? (state.seconds === undefined ? 'exited before finishing' : undefined),
  };
  process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
});
process.on('uncaughtException', (error) => {
  state.error = String(error?.message ?? error).slice(0, 200);
  process.exit(1);
});

await initBackend({ force: 'wasm' });
const unet = await sd15Unet();
log(`weights ${unet.line}`);
const shape: [number, number, number, number] = [1, spec.latent, spec.latent, SD15.latentChannels];
const sample = tf.randomNormal(shape, 0, 1, 'float32', 21) as tf.Tensor4D;
const context = tf.randomNormal([1, SD15.tokens, SD15.contextDim], 0, 1, 'float32', 22) as tf.Tensor3D;
const target = tf.randomNormal(shape, 0, 1, 'float32', 23) as tf.Tensor4D;
const timesteps = tf.tensor1d([500], 'int32');

async function forwardOnce(): Promise<void> {
  const out = unet.model.forward(sample, timesteps, context);
  await out.data();
  out.dispose();
}

async function trainOnce(): Promise<void> {
  const settings = spec.adapter === 'lora' ? adapterSettings({ method: 'lora', rank: 32 }) : adapterSettings({ method: 'styleinject', rank: 32, k: 16 });
  const adapter = createAdapter({ unet: unet.model }, settings, { seed: 1, targets: ['attention-qv'] });
  const session = attachAdapters({ unet: unet.model }, [{ adapter, weight: 1 }]);
  const vars = [...adapter.layers.values()].flatMap((s) => [s.down, s.up, s.router, s.gamma]).filter((t): t is tf.Variable => t instanceof tf.Variable);
  state.trainable = vars.reduce((n, v) => n + v.size, 0);
  const granularity = spec.checkpointing === 'per-layer' ? 'layer' : 'block';
  const unetForward = spec.checkpointing === 'none' ? plainUNetForward : recomputingUNetForward({ variablesFor: adapterBlockVariables([adapter]), granularity });
  state.started = performance.now();
  const { value, grads } = tf.variableGrads(() => {
    const eps = unetForward(unet.model, sample, timesteps, context, false).sample;
    return tf.mean(tf.squaredDifference(eps, target)) as tf.Scalar;
  }, vars);
  await value.data();
  state.seconds = (performance.now() - state.started) / 1000;
  tf.dispose([value, grads]);
  session.detach();
  disposeAdapter(adapter);
}

try {
  if (spec.kind === 'forward') {
    state.started = performance.now();
    await forwardOnce();
    state.seconds = (performance.now() - state.started) / 1000;
  } else {
    await trainOnce();
  }
  log(`${state.seconds?.toFixed(1)} s`);
} catch (error) {
  state.error = String((error as Error)?.message ?? error).slice(0, 200);
  log(`failed: ${state.error}`);
}
process.exit(state.error ? 1 : 0);
