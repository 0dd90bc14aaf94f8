import * as tf from '@tensorflow/tfjs';
import { compare, readTensor, type GoldenCase, type Tolerance } from '../golden';
import type { CaseRunner, SubCase } from './types';
import { RecordedNoise } from '../../../src-main/engine/random/recorded-noise';
import { schedulerFromDiffusers } from '../../../src-main/engine/schedulers/diffusers-classes';
import type { SamplerOptions } from '../../../src-main/engine/schedulers/factory';
import type { Scheduler } from '../../../src-main/engine/schedulers/scheduler';

/**
 * The `schedulers` golden case: every variant's trajectory (the manifest's loop with its fake
 * eps model, replaying recorded noise) and every entry of its timestep/sigma tables, each
 * compared with whatever the manifest records for it.
 */

interface Variant {
  class: string;
  config: Record<string, unknown>;
  init_noise_sigma?: number;
  step_kwargs?: Record<string, unknown>;
  noise_steps?: number;
  num_inference_steps?: number;
}

interface TableEntry {
  timesteps?: number[];
  sigmas?: number[];
  init_noise_sigma?: number;
}

interface SchedulersManifest {
  description?: string;
  num_inference_steps?: number;
  base_config?: Record<string, unknown>;
  variants?: Record<string, Variant>;
  tables?: Record<string, TableEntry>;
  tol_sched?: Tolerance;
}

/** The trajectory quantities the loop records, per step. */
const RECORDED = ['model_input', 'eps', 'x', 'pred_original_sample'] as const;
type Recorded = (typeof RECORDED)[number];

interface Trajectory {
  scheduler: Scheduler;
  steps: number;
  sampleShape: number[];
  values: Record<Recorded, Float32Array>;
  noiseDraws?: number;
}

/** eps(x_in, t) = a*x_in + b*sin(float32(t)/c), with a, b, c read from the case description. */
function fakeModelFrom(description: string): (xIn: tf.Tensor, t: number) => tf.Tensor {
  const m = /eps\(x_in, t\) = ([\d.eE+-]+)\*x_in \+ ([\d.eE+-]+)\*sin\(float32\(t\)\/([\d.eE+-]+)\)/.exec(description);
  if (!m) throw new Error(`schedulers: cannot read the fake eps model from the description '${description}'`);
  const [a, b, c] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return (xIn, t) => tf.tidy(() => tf.add(tf.mul(xIn, a), b * Math.sin(Math.fround(Math.fround(t) / c))));
}

function stepCount(m: SchedulersManifest, v: Variant): number {
  const fromText = /set_timesteps\((\d+)\)/.exec(m.description ?? '')?.[1];
  const n = v.num_inference_steps ?? m.num_inference_steps ?? (fromText ? Number(fromText) : undefined);
  if (!n) throw new Error('schedulers: the manifest gives no number of inference steps');
  return n;
}

function samplerOptions(stepKwargs: Record<string, unknown> = {}): SamplerOptions {
  const options: SamplerOptions = {};
  for (const [key, value] of Object.entries(stepKwargs)) {
    if (key === 'eta') options.eta = Number(value);
    else throw new Error(`step argument '${key}' is not supported by the engine's samplers`);
  }
  return options;
}

function runTrajectory(c: GoldenCase, m: SchedulersManifest, name: string, v: Variant): Trajectory {
  const scheduler = schedulerFromDiffusers(v.class, v.config, samplerOptions(v.step_kwargs));
  const steps = stepCount(m, v);
  scheduler.setTimesteps(steps);
  const fake = fakeModelFrom(m.description ?? '');
  const xT = readTensor(c, c.manifest.tensors[`${name}/x_T`] ? `${name}/x_T` : 'x_T');
  const noise = c.manifest.tensors[`${name}/noise`] ? new RecordedNoise(Float32Array.from(readTensor(c, `${name}/noise`).data)) : undefined;
  const size = xT.data.length;
  const total = scheduler.timesteps.length * size;
  const values = Object.fromEntries(RECORDED.map((q) => [q, new Float32Array(total)])) as Record<Recorded, Float32Array>;
  let x = tf.tidy(() => tf.mul(tf.tensor(Float32Array.from(xT.data), xT.shape), scheduler.initNoiseSigma));
  scheduler.timesteps.forEach((t, i) => {
    const xIn = scheduler.scaleModelInput(x, t);
    const eps = fake(xIn, t);
    const out = scheduler.step(eps, t, x, { generator: noise });
    const record: Record<Recorded, tf.Tensor> = { model_input: xIn, eps, x: out.prevSample, pred_original_sample: out.predOriginalSample };
    for (const q of RECORDED) values[q].set(record[q].dataSync(), i * size);
    tf.dispose([x, xIn, eps, out.predOriginalSample]);
    x = out.prevSample;
  });
  x.dispose();
  return { scheduler, steps: scheduler.timesteps.length, sampleShape: xT.shape, values, noiseDraws: noise?.draws };
}

function check(label: string, got: ArrayLike<number>, want: ArrayLike<number>, tol: Tolerance | undefined, gotShape?: number[], wantShape?: number[]): void {
  if (!tol) throw new Error(`${label}: no tolerance in the manifest`);
  const r = compare(label, got, want, tol, gotShape, wantShape);
  if (!r.ok) throw new Error(r.message);
}

function variantSubCases(c: GoldenCase, m: SchedulersManifest, name: string, v: Variant): SubCase[] {
  let trajectory: Trajectory | undefined;
  const run = () => (trajectory ??= runTrajectory(c, m, name, v));
  const cases: SubCase[] = [];
  if (v.init_noise_sigma !== undefined) {
    cases.push({ name: `${name}/init_noise_sigma`, run: () => check(`${name}/init_noise_sigma`, [run().scheduler.initNoiseSigma], [v.init_noise_sigma as number], m.tol_sched) });
  }
  if (v.noise_steps !== undefined) {
    cases.push({
      name: `${name}/noise draws`,
      run: () => {
        const draws = run().noiseDraws;
        if (draws !== v.noise_steps) throw new Error(`${name}: the sampler drew noise ${draws ?? 0} times, the reference ${v.noise_steps}`);
      },
    });
  }
  for (const [key, e] of Object.entries(c.manifest.tensors)) {
    if (!key.startsWith(`${name}/`) || e.role !== 'expected') continue;
    const quantity = key.slice(name.length + 1);
    const want = () => readTensor(c, key);
    cases.push({
      name: key,
      run: () => {
        const t = run();
        if (quantity === 'timesteps') return check(key, t.scheduler.timesteps, want().data, e.tol, [t.scheduler.timesteps.length], e.shape);
        if (quantity === 'sigmas') {
          const sigmas = t.scheduler.sigmas;
          if (!sigmas) throw new Error(`${key}: the ${v.class} sampler has no sigmas`);
          return check(key, sigmas, want().data, e.tol, [sigmas.length], e.shape);
        }
        if ((RECORDED as readonly string[]).includes(quantity)) {
          return check(key, t.values[quantity as Recorded], want().data, e.tol, [t.steps, ...t.sampleShape], e.shape);
        }
        throw new Error(`${key}: the parity runner does not know the quantity '${quantity}'`);
      },
    });
  }
  return cases;
}

/** A table key is class[+karras]|timestep_spacing|num_inference_steps on the base config. */
function tableSubCase(m: SchedulersManifest, key: string, entry: TableEntry): SubCase {
  return {
    name: `table ${key}`,
    run: () => {
      const [classPart, spacing, steps] = key.split('|');
      const [className, flag] = classPart.split('+');
      if (!className || !spacing || !steps || (flag !== undefined && flag !== 'karras')) throw new Error(`table key '${key}' is not class[+karras]|spacing|steps`);
      const config = { ...m.base_config, timestep_spacing: spacing, use_karras_sigmas: flag === 'karras' };
      const s = schedulerFromDiffusers(className, config);
      s.setTimesteps(Number(steps));
      const tol = m.tol_sched;
      if (entry.timesteps) check(`${key} timesteps`, s.timesteps, entry.timesteps, tol, [s.timesteps.length], [entry.timesteps.length]);
      if (entry.sigmas) {
        if (!s.sigmas) throw new Error(`${key}: the ${className} sampler has no sigmas`);
        check(`${key} sigmas`, s.sigmas, entry.sigmas, tol, [s.sigmas.length], [entry.sigmas.length]);
      }
      if (entry.init_noise_sigma !== undefined) check(`${key} init_noise_sigma`, [s.initNoiseSigma], [entry.init_noise_sigma], tol);
    },
  };
}

export const runSchedulers: CaseRunner = async (c) => {
  await tf.setBackend('cpu');
  const m = c.manifest as unknown as SchedulersManifest;
  const cases: SubCase[] = [];
  for (const [name, v] of Object.entries(m.variants ?? {})) cases.push(...variantSubCases(c, m, name, v));
  for (const [key, entry] of Object.entries(m.tables ?? {})) cases.push(tableSubCase(m, key, entry));
  return cases;
};
