import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter, type Adapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../../../src-main/engine/adapters/blend';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import { initBackend } from '../../../../src-main/engine/backend';
import type { ClipTextModel } from '../../../../src-main/engine/models/clip';
import type { UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import { SeededGenerator } from '../../../../src-main/engine/random';
import { addNoise } from '../../../../src-main/engine/schedulers';
import type { ClipTokenizer } from '../../../../src-main/engine/tokenizer';
import { adapterBlockVariables, recomputingUNetForward, plainUNetForward } from '../../../../src-main/engine/training/recompute';
import { DistillObjective } from '../../../../src-main/engine/training/distill/distill-objective';
import { samePromptPairs } from '../../../../src-main/engine/training/distill/distill-prompts';
import type { StepContext } from '../../../../src-main/engine/training/objectives/objective';
import { AdamW } from '../../../../src-main/engine/training/optim';
import { encodeCaptions } from '../../../../src-main/engine/pipelines/prompt/encode-captions';
import { loadTeacher, type Teacher } from '../../../../src-main/engine/training/distill/teacher';
import { TeacherLatentCache } from '../../../../src-main/engine/training/distill/teacher-latent-cache';
import { TeacherPromptSource } from '../../../../src-main/engine/training/distill/teacher-prompt-source';
import { sampleTeacherLatents, type TeacherConditioning, type TeacherSampling } from '../../../../src-main/engine/training/distill/teacher-sampling';
import { loadTinyModels } from '../../adapters/inject/tiny-models';
import { namedAdapterVariables, perturbWeights, stepContext, tinyFolder, tinyTokenizer, train } from './fixtures';

const prompts = samePromptPairs(['a red house by a lake', 'a cat sleeping on a mat', 'mountains at dawn, oil painting', 'a blue car in the rain']);
const sampling: TeacherSampling = { steps: 4, cfgScale: 3, sampler: 'euler', latentHeight: 8, latentWidth: 8, negativePrompt: '' };

let unet: UNet2DConditionModel;
let textEncoder: ClipTextModel;
let tokenizer: ClipTokenizer;
let teacher: Teacher;
let conditioning: TeacherConditioning;
let ctx: StepContext;
let cacheDir: string;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ unet, textEncoder } = await loadTinyModels());
  tokenizer = tinyTokenizer();
  teacher = await loadTeacher(tinyFolder());
  perturbWeights(teacher.unet, 7, 0.15); // the "community checkpoint": every UNet weight moved by ~15%
  conditioning = { encoder: textEncoder, tokenizer, id: 'tiny-base-text-encoder' };
  ctx = stepContext(unet, textEncoder, tokenizer);
  cacheDir = mkdtempSync(join(tmpdir(), 'teacher-latents-'));
});
afterAll(() => {
  tf.dispose(ctx?.alphasCumprod);
  teacher?.dispose();
  unet?.dispose();
  textEncoder?.dispose();
  rmSync(cacheDir, { recursive: true, force: true });
});

/** mean (eps_S - eps_T)^2 over a fixed set drawn like training data: each prompt's teacher latents noised at a fixed timestep. */
function outputError(latents: tf.Tensor4D): number {
  return tf.tidy(() => {
    const timesteps = tf.tensor1d([50, 300, 600, 900], 'int32');
    const noise = tf.randomNormal(latents.shape, 0, 1, 'float32', 77);
    const sample = addNoise(ctx.alphasCumprod, latents, noise, timesteps) as tf.Tensor4D;
    const context = encodeCaptions(prompts.map((p) => p.student), textEncoder, tokenizer);
    const s = plainUNetForward(unet, sample, timesteps, context, false).sample;
    const t = plainUNetForward(teacher.unet, sample, timesteps, context, false).sample;
    return tf.mean(tf.squaredDifference(s, t)).dataSync()[0];
  });
}

describe('distillation with a shared text encoder, prompts only (tiny SD 1.5; teacher = perturbed copy)', () => {
  let adapter: Adapter;
  afterAll(() => {
    if (adapter) disposeAdapter(adapter);
  });

  it('samples teacher latents once per prompt, then trains the student adapter towards the teacher', async () => {
    const cache = new TeacherLatentCache(cacheDir, teacher, conditioning, ctx.schedule, sampling);
    const source = new TeacherPromptSource(prompts, cache, { baseSeed: 1000, batchSize: 2, rng: new SeededGenerator(4) });
    await source.prepare();
    expect(cache.generated).toBe(prompts.length);

    // StyleInject on the distillation setting's targets: attention q/v and the convolutions.
    adapter = createAdapter({ unet }, adapterSettings({ method: 'styleinject', rank: 4, k: 2 }), { seed: 1, targets: ['attention-qv', 'resnet-conv'] });
    const session = attachAdapters({ unet }, [{ adapter, weight: 1 }]);
    // The output term leads; small task and feature terms (their sum over 7 blocks is large at init).
    const objective = new DistillObjective(teacher, { task: 0.1, out: 1, feat: 0.05 });
    const trainCtx = { ...ctx, unetForward: recomputingUNetForward({ variablesFor: adapterBlockVariables([adapter]) }) };
    const optimizer = new AdamW(namedAdapterVariables(adapter), { lr: 1e-2, weightDecay: 0 });

    const evalLatents = tf.concat(await Promise.all(prompts.map((p, i) => cache.get(p.teacher, 1000 + i)))) as tf.Tensor4D; // (4, 8, 8, 4)
    const before = outputError(evalLatents);
    const first = await train(objective, trainCtx, () => source.next(), optimizer, 2);
    const tensors = tf.memory().numTensors;
    const rest = await train(objective, trainCtx, () => source.next(), optimizer, 28);
    expect(tf.memory().numTensors).toBe(tensors); // no growth across steps
    const after = outputError(evalLatents);
    evalLatents.dispose();
    console.log(`[distill shared] student-teacher output MSE ${before.toExponential(3)} -> ${after.toExponential(3)} after 30 AdamW steps; total loss ${first[0].toFixed(4)} -> ${rest[rest.length - 1].toFixed(4)}`);
    expect(cache.generated).toBe(prompts.length); // training read the cache only
    expect(after).toBeLessThan(0.8 * before);
    session.detach();
  });

  it('a second cache on the same folder reuses the stored latents', async () => {
    const first = new TeacherLatentCache(cacheDir, teacher, conditioning, ctx.schedule, sampling);
    const again = new TeacherLatentCache(cacheDir, teacher, conditioning, ctx.schedule, sampling);
    const a = await again.get(prompts[0].teacher, 1000);
    expect(again.generated).toBe(0);
    // Other settings are another key: sampled anew.
    const other = new TeacherLatentCache(cacheDir, teacher, conditioning, ctx.schedule, { ...sampling, steps: 3 });
    const b = await other.get(prompts[0].teacher, 1000);
    expect(other.generated).toBe(1);
    expect(tf.tidy(() => tf.max(tf.abs(a.sub(b))).dataSync()[0])).toBeGreaterThan(0);
    // The stored values are exactly what sampling gives.
    const fresh = await sampleTeacherLatents(teacher, conditioning, ctx.schedule, prompts[0].teacher, 1000, sampling);
    expect(Buffer.from(a.dataSync().buffer).equals(Buffer.from(fresh.dataSync().buffer))).toBe(true);
    expect(first.generated).toBe(0);
    tf.dispose([a, b, fresh]);
  });
});
