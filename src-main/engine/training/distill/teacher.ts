import * as tf from '@tensorflow/tfjs';
import { loadModelFiles, type LoadModelFilesOptions } from '../../io/model-files';
import type { ClipTextModel } from '../../models/clip';
import type { UNet2DConditionModel } from '../../models/unet';
import { loadClipTokenizer, type ClipTokenizer } from '../../tokenizer';
import { packOutputs, unpackOutputs } from '../recompute/packed-outputs';
import { plainUNetForward } from '../recompute/unet-forward';
import { encodeCaptions } from '../../pipelines/prompt/encode-captions';

/**
 * The distillation teacher (paper Sec. IV): a full community checkpoint whose UNet stays
 * frozen. With its own text encoder (and tokenizer) the teacher reads its own prompts, e.g.
 * in another language; without, it shares the student's text conditioning.
 */
export interface Teacher {
  unet: UNet2DConditionModel;
  /** The teacher's own text encoder and tokenizer (different-encoder distillation). */
  text?: { encoder: ClipTextModel; tokenizer: ClipTokenizer };
  /** SHA-256 of the checkpoint's files: keys the teacher-latent cache. */
  hash: string;
  dispose(): void;
}

export interface LoadTeacherOptions extends Pick<LoadModelFilesOptions, 'config' | 'variant' | 'weightResidency'> {
  /** Load the teacher's own text encoder with this tokenizer (folder or bpe .gz); omit to share the student's. */
  tokenizerPath?: string;
}

/** Loads a teacher UNet (and its text encoder when a tokenizer is given) through the public checkpoint loader. */
export async function loadTeacher(path: string, options: LoadTeacherOptions = {}): Promise<Teacher> {
  const tokenizer = options.tokenizerPath ? loadClipTokenizer(options.tokenizerPath) : null;
  const checkpoint = await loadModelFiles(path, {
    config: options.config,
    variant: options.variant,
    weightResidency: options.weightResidency,
    components: tokenizer ? ['unet', 'text_encoder'] : ['unet'],
    hash: true,
  });
  const { unet, textEncoder } = checkpoint;
  if (!unet || (tokenizer && !textEncoder)) {
    checkpoint.dispose();
    throw new Error(`teacher ${path}: the checkpoint lacks a UNet${tokenizer ? ' or text encoder' : ''}`);
  }
  return {
    unet,
    text: tokenizer && textEncoder ? { encoder: textEncoder, tokenizer } : undefined,
    hash: checkpoint.source.hash ?? '',
    dispose: () => checkpoint.dispose(),
  };
}

/**
 * Computes tensors off the gradient tape: inside a tf.customGrad op the engine records
 * nothing, so a frozen model's activations are freed at once instead of being kept for a
 * backward pass that would never reach them. The results are constants to the caller's loss.
 */
export function untaped(compute: () => tf.Tensor[]): tf.Tensor[] {
  if (!tf.engine().isTapeOn()) return compute();
  let shapes: number[][] = [];
  const op = tf.customGrad(() => {
    const outputs = compute();
    shapes = outputs.map((o) => o.shape);
    return { value: packOutputs(outputs), gradFunc: () => [] }; // no inputs, so no gradients
  });
  const packed = op() as tf.Tensor1D;
  const outputs = unpackOutputs(packed, shapes);
  packed.dispose();
  return outputs;
}

export interface TeacherPrediction {
  sample: tf.Tensor4D;
  /** Down, mid and up block outputs, when asked for. */
  blocks: tf.Tensor4D[];
}

/**
 * The teacher's noise prediction (and block outputs) for the student's noisy latents and
 * timesteps. `context` is the shared conditioning; a teacher with its own text encoder
 * encodes `captions` itself instead.
 */
export function teacherPredict(
  teacher: Teacher,
  noisy: tf.Tensor4D,
  timesteps: tf.Tensor1D,
  conditioning: { context: tf.Tensor3D } | { captions: readonly string[] },
  withBlocks: boolean,
): TeacherPrediction {
  const [sample, ...blocks] = untaped(() => {
    const context = 'context' in conditioning ? conditioning.context : teacherContext(teacher, conditioning.captions);
    const out = plainUNetForward(teacher.unet, noisy, timesteps, context, withBlocks);
    return [out.sample, ...(out.blocks ?? [])];
  }) as tf.Tensor4D[];
  return { sample, blocks };
}

/** The teacher's own text conditioning of its prompts: (B, 77, D). */
export function teacherContext(teacher: Teacher, captions: readonly string[]): tf.Tensor3D {
  if (!teacher.text) throw new Error('the teacher has no text encoder of its own: it shares the student\'s');
  return encodeCaptions(captions, teacher.text.encoder, teacher.text.tokenizer);
}
