import * as tf from '@tensorflow/tfjs';
import type { NamedTensors, NamedVariables } from './named-tensors';

export interface AdamWOptions {
  /** Default learning rate; step() may be given the schedule's value instead. */
  lr?: number;
  beta1?: number;
  beta2?: number;
  eps?: number;
  /** Decoupled weight decay (Loshchilov & Hutter): shrinks weights by lr * weightDecay per step. */
  weightDecay?: number;
}

export type AdamWHyperparameters = Required<AdamWOptions>;

/** Moments and step count, as a checkpoint stores them. */
export interface AdamWState {
  step: number;
  /** First moments by parameter name. */
  m: NamedTensors;
  /** Second moments by parameter name. */
  v: NamedTensors;
}

/** PyTorch's torch.optim.AdamW defaults. */
export const ADAMW_DEFAULTS: AdamWHyperparameters = { lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1e-2 };

/**
 * AdamW with the update PyTorch's AdamW performs (non-amsgrad, non-fused):
 *   p <- p (1 - lr wd);  m <- b1 m + (1 - b1) g;  v <- b2 v + (1 - b2) g^2
 *   p <- p - (lr / (1 - b1^t)) m / (sqrt(v) / sqrt(1 - b2^t) + eps)
 * Moments live in non-trainable tf.Variables updated in place, so steps allocate nothing lasting.
 * A parameter with no gradient this step is left alone (no decay either), as in PyTorch.
 */
export class AdamW {
  readonly hyper: AdamWHyperparameters;
  private stepCount = 0;
  private readonly m: Record<string, tf.Variable> = {};
  private readonly v: Record<string, tf.Variable> = {};

  constructor(
    readonly params: NamedVariables,
    options: AdamWOptions = {},
  ) {
    this.hyper = { ...ADAMW_DEFAULTS, ...options };
    checkHyperparameters(this.hyper);
    for (const [name, param] of Object.entries(params)) {
      if (param.dtype !== 'float32') throw new Error(`AdamW: parameter '${name}' is ${param.dtype}, expected float32`);
      // tidy frees the zeros the variables are made from (variables themselves are never tidied).
      this.m[name] = tf.tidy(() => tf.variable(tf.zerosLike(param), false));
      this.v[name] = tf.tidy(() => tf.variable(tf.zerosLike(param), false));
    }
  }

  /** Optimizer steps taken so far (t in the bias corrections). */
  get step(): number {
    return this.stepCount;
  }

  /** One update from `grads` (not disposed here) at learning rate `lr` (default: options.lr). */
  applyGradients(grads: Readonly<NamedTensors>, lr = this.hyper.lr): void {
    if (!(Number.isFinite(lr) && lr >= 0)) throw new Error(`AdamW: learning rate must be a finite number >= 0, got ${lr}`);
    for (const name of Object.keys(grads)) {
      if (!(name in this.params)) throw new Error(`AdamW: gradient for unknown parameter '${name}'`);
    }
    this.stepCount += 1;
    const { beta1, beta2, eps, weightDecay } = this.hyper;
    const stepSize = lr / (1 - beta1 ** this.stepCount);
    const correction2Sqrt = Math.sqrt(1 - beta2 ** this.stepCount);
    for (const [name, grad] of Object.entries(grads)) {
      const param = this.params[name];
      if (!tf.util.arraysEqual(grad.shape, param.shape)) {
        throw new Error(`AdamW: gradient for '${name}' has shape [${grad.shape}], parameter has [${param.shape}]`);
      }
      tf.tidy(() => {
        const m = this.m[name].mul(beta1).add(grad.mul(1 - beta1));
        const v = this.v[name].mul(beta2).add(grad.square().mul(1 - beta2));
        const denom = v.sqrt().div(correction2Sqrt).add(eps);
        const decayed = param.mul(1 - lr * weightDecay);
        this.m[name].assign(m);
        this.v[name].assign(v);
        param.assign(decayed.sub(m.div(denom).mul(stepSize)));
      });
    }
  }

  /** Copies of the moments (the caller disposes them) and the step count, for a checkpoint. */
  getState(): AdamWState {
    const copy = (from: Record<string, tf.Variable>) =>
      Object.fromEntries(Object.entries(from).map(([name, t]) => [name, tf.clone(t)]));
    return { step: this.stepCount, m: copy(this.m), v: copy(this.v) };
  }

  /** Restores moments and step count; every parameter must have both moments with its shape. Tensors are copied. */
  setState(state: AdamWState): void {
    if (!(Number.isSafeInteger(state.step) && state.step >= 0)) throw new Error(`AdamW state: step must be an integer >= 0, got ${state.step}`);
    for (const [label, moments] of [['m', state.m], ['v', state.v]] as const) {
      const extra = Object.keys(moments).filter((name) => !(name in this.params));
      if (extra.length > 0) throw new Error(`AdamW state: ${label} has unknown parameters: ${extra.join(', ')}`);
      for (const [name, param] of Object.entries(this.params)) {
        const moment = moments[name];
        if (!moment) throw new Error(`AdamW state: ${label} is missing parameter '${name}'`);
        if (!tf.util.arraysEqual(moment.shape, param.shape)) {
          throw new Error(`AdamW state: ${label} of '${name}' has shape [${moment.shape}], parameter has [${param.shape}]`);
        }
      }
    }
    tf.tidy(() => {
      for (const name of Object.keys(this.params)) {
        this.m[name].assign(tf.cast(state.m[name], 'float32'));
        this.v[name].assign(tf.cast(state.v[name], 'float32'));
      }
    });
    this.stepCount = state.step;
  }

  /** Frees the moments (not the parameters). */
  dispose(): void {
    for (const t of [...Object.values(this.m), ...Object.values(this.v)]) t.dispose();
  }
}

function checkHyperparameters({ lr, beta1, beta2, eps, weightDecay }: AdamWHyperparameters): void {
  const fail = (what: string, value: number) => {
    throw new Error(`AdamW: ${what}, got ${value}`);
  };
  if (!(Number.isFinite(lr) && lr >= 0)) fail('lr must be a finite number >= 0', lr);
  if (!(beta1 >= 0 && beta1 < 1)) fail('beta1 must be in [0, 1)', beta1);
  if (!(beta2 >= 0 && beta2 < 1)) fail('beta2 must be in [0, 1)', beta2);
  if (!(Number.isFinite(eps) && eps >= 0)) fail('eps must be a finite number >= 0', eps);
  if (!(Number.isFinite(weightDecay) && weightDecay >= 0)) fail('weightDecay must be a finite number >= 0', weightDecay);
}
