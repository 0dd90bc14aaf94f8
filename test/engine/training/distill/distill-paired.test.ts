import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { disposeAdapter } from '../../../../src-main/engine/adapters/adapter';
import { attachAdapters } from '../../../../src-main/engine/adapters/blend';
import { createAdapter } from '../../../../src-main/engine/adapters/init';
import { adapterSettings } from '../../../../src-main/engine/adapters/settings';
import { initBackend } from '../../../../src-main/engine/backend';
import type { ClipTextModel } from '../../../../src-main/engine/models/clip';
import type { UNet2DConditionModel } from '../../../../src-main/engine/models/unet';
import { DistillObjective } from '../../../../src-main/engine/training/distill/distill-objective';
import { parsePairedPrompts, readPairedPrompts } from '../../../../src-main/engine/training/distill/distill-prompts';
import type { StepContext, TrainingBatch } from '../../../../src-main/engine/training/objectives/objective';
import { AdamW } from '../../../../src-main/engine/training/optim';
import { loadTeacher, teacherPredict, type Teacher } from '../../../../src-main/engine/training/distill/teacher';
import { plainUNetForward } from '../../../../src-main/engine/training/recompute';
import { encodeCaptions } from '../../../../src-main/engine/pipelines/prompt/encode-captions';
import { addNoise } from '../../../../src-main/engine/schedulers';
import { loadTinyModels } from '../../adapters/inject/tiny-models';
import { namedAdapterVariables, perturbWeights, stepContext, tinyFolder, tinyTokenizer, train } from './fixtures';

describe('paired prompt files', () => {
  it('reads teacher<TAB>student lines, skipping blank ones', () => {
    expect(parsePairedPrompts('a red house\tune maison rouge\n\n  a cat \t un chat\r\n')).toEqual([
      { teacher: 'a red house', student: 'une maison rouge' },
      { teacher: 'a cat', student: 'un chat' },
    ]);
  });

  it.each([
    ['a line without a tab', 'a red house\tune maison rouge\na cat un chat', /line 2: expected 'teacher prompt<TAB>student prompt', found 0 tabs/],
    ['two tabs', 'a\tb\tc', /line 1: .*found 2 tabs/],
    ['an empty student side', 'a red house\t  ', /line 1: the student prompt is empty/],
    ['an empty teacher side', '\tune maison', /line 1: the teacher prompt is empty/],
    ['no pairs at all', '\n\n', /no prompt pairs/],
  ])('rejects %s with the line number', (_, text, message) => {
    expect(() => parsePairedPrompts(text)).toThrow(message);
  });

  it('names the file in errors', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairs-'));
    const path = join(dir, 'pairs.tsv');
    writeFileSync(path, 'ok\tok\nbroken line\n');
    await expect(readPairedPrompts(path)).rejects.toThrow(`${path}, line 2`);
    rmSync(dir, { recursive: true, force: true });
  });
});

describe('distillation with the teacher\'s own text encoder (L_outKD only, paired prompts)', () => {
  let unet: UNet2DConditionModel;
  let textEncoder: ClipTextModel;
  let teacher: Teacher;
  let ctx: StepContext;
  const pairs = parsePairedPrompts(['a red house\tune maison rouge', 'a sleeping cat\tun chat qui dort', 'snowy mountains\tdes montagnes enneigées'].join('\n'));

  beforeAll(async () => {
    await initBackend({ force: 'wasm' });
    ({ unet, textEncoder } = await loadTinyModels());
    const tokenizerPath = join(tinyFolder(), 'tokenizer');
    teacher = await loadTeacher(tinyFolder(), { tokenizerPath });
    perturbWeights(teacher.unet, 3, 0.15);
    perturbWeights(teacher.text!.encoder, 4, 0.15); // another text encoder than the student's
    ctx = stepContext(unet, textEncoder, tinyTokenizer());
  });
  afterAll(() => {
    tf.dispose(ctx?.alphasCumprod);
    teacher?.dispose();
    unet?.dispose();
    textEncoder?.dispose();
  });

  /** Fixed latents; each step takes the three pairs (the objective draws fresh timesteps and noise). */
  const batchOf = (): TrainingBatch => ({
    latents: tf.randomNormal([3, 8, 8, 4], 0, 0.8, 'float32', 21) as tf.Tensor4D,
    captions: pairs.map((p) => p.student),
    teacherCaptions: pairs.map((p) => p.teacher),
  });

  it('has only the output term and needs the teacher prompts', () => {
    const objective = new DistillObjective(teacher);
    expect(objective.separateEncoders).toBe(true);
    const batch = batchOf();
    const { total, terms } = objective.loss(batch, ctx);
    expect(Object.keys(terms)).toEqual(['out_kd']);
    expect(total.dataSync()[0]).toBeCloseTo(terms.out_kd.dataSync()[0], 6);
    tf.dispose([total, terms]);
    expect(() => objective.loss({ latents: batch.latents, captions: batch.captions }, ctx)).toThrow(/one teacher prompt per sample \(a paired prompt file\)/);
    batch.latents.dispose();
  });

  /** L_outKD on a fixed set: the batch's latents noised at fixed timesteps, each model with its own prompts. */
  function fixedOutError(): number {
    return tf.tidy(() => {
      const { latents, captions, teacherCaptions } = batchOf();
      const timesteps = tf.tensor1d([100, 500, 900], 'int32');
      const noisy = addNoise(ctx.alphasCumprod, latents, tf.randomNormal(latents.shape, 0, 1, 'float32', 5), timesteps) as tf.Tensor4D;
      const student = plainUNetForward(unet, noisy, timesteps, encodeCaptions(captions, textEncoder, ctx.tokenizer), false).sample;
      const teacherOut = teacherPredict(teacher, noisy, timesteps, { captions: teacherCaptions ?? [] }, false).sample;
      return tf.mean(tf.squaredDifference(student, teacherOut)).dataSync()[0];
    });
  }

  it('training the student adapter lowers L_outKD', async () => {
    const adapter = createAdapter({ unet }, adapterSettings({ method: 'styleinject', rank: 4, k: 2 }), { seed: 2, targets: ['attention-qv', 'resnet-conv'] });
    const session = attachAdapters({ unet }, [{ adapter, weight: 1 }]);
    const objective = new DistillObjective(teacher);
    const optimizer = new AdamW(namedAdapterVariables(adapter), { lr: 1e-2, weightDecay: 0 });
    const start = fixedOutError();
    await train(objective, ctx, async () => batchOf(), optimizer, 25);
    const end = fixedOutError();
    console.log(`[distill paired] L_outKD on a fixed set ${start.toExponential(3)} -> ${end.toExponential(3)} after 25 AdamW steps`);
    expect(end).toBeLessThan(0.8 * start);
    session.detach();
    disposeAdapter(adapter);
  });
});
