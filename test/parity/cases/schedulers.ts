import * as tf from '@tensorflow/tfjs';
import { compare, readTensor, type GoldenCase, type Tolerance } from '../golden';
import type { CaseRunner, SubCase } from './types';
import { RecordedNoise } from '../../../src-main/engine/random/recorded-noise';
import { schedulerFromDiffusers } from '../../../src-main/engine/schedulers/diffusers-classes';
import type { SamplerOptions } from '../../../src-main/engine/schedulers/factory';
import type { Scheduler } from '../../../src-main/engine/schedulers/scheduler';

/**
 * The `schedulers` golden case: every variant's trajectory and every entry of its timestep/sigma
 * tables, each compared with whatever the manifest records for it. A trajectory is driven by
 * the reference's own recorded model output for each step (`<variant>/eps`, or
 * `<variant>/model_output`), replaying its recorded noise, so it does not depend on how the
 * manifest describes the model that produced them; everything else the loop records is
 * compared (the recorded model output is the input, not a result).
 */

interface Variant {
  class: string;
  config: Record<string, unknown>;
  init_noise_sigma?: number;
  step_kwargs?: Record<string, unknown>;
  noise_steps?: number;
}

interface TableEntry {
  timesteps?: number[];
  sigmas?: number[];
  init_noise_sigma?: number;
}

interface SchedulersManifest {
  base_config?: Record<string, unknown>;
  variants?: Record<string, Variant>;
  tables?: Record<string, TableEntry>;
  tol_sched?: Tolerance;
}

/** Names the recorded model output may have: the loop's `eps`, or diffusers' `model_output`. */
const MODEL_OUTPUT = ['eps', 'model_output'] as const;

/** The trajectory quantities the loop records per step and the engine computes. */
const RECORDED = ['model_input', 'x', 'pred_original_sample'] as const;
type Recorded = (typeof RECORDED)[number];

interface Trajectory {
  scheduler: Scheduler;
  steps: number;
  sampleShape: number[];
  values: Record<Recorded, Float32Array>;
  noiseDraws?: number;
}

/** The key of a variant's recorded model output, (steps, ...sample shape). */
function modelOutputKey(c: GoldenCase, name: string): string {
  const key = MODEL_OUTPUT.map((q) => `${name}/${q}`).find((k) => c.manifest.tensors[k]);
  if (!key) throw new Error(`${name}: the manifest records no model output per step (${MODEL_OUTPUT.map((q) => `${name}/${q}`).join(' or ')}) to drive the trajectory`);
  return key;
}

function samplerOptions(stepKwargs: Record<string, unknown> = {}): SamplerOptions {
  const options: SamplerOptions = {};
  for (const [key, value] of Object.entries(stepKwargs)) {
    if (key === 'eta') options.eta = Number(value);
    else throw new Error(`step argument '${key}' is not supported by the engine's samplers`);
  }
  return options;
}

async function runTrajectory(c: GoldenCase, name: string, v: Variant): Promise<Trajectory> {
  const scheduler = schedulerFromDiffusers(v.class, v.config, samplerOptions(v.step_kwargs));
  const recorded = readTensor(c, modelOutputKey(c, name));
  const steps = recorded.shape[0];
  scheduler.setTimesteps(steps);
  if (scheduler.timesteps.length !== steps) throw new Error(`${name}: ${steps} recorded model outputs, but the scheduler makes ${scheduler.timesteps.length} steps`);
  const xT = readTensor(c, c.manifest.tensors[`${name}/x_T`] ? `${name}/x_T` : 'x_T');
  const noise = c.manifest.tensors[`${name}/noise`] ? new RecordedNoise(Float32Array.from(readTensor(c, `${name}/noise`).data)) : undefined;
  const size = xT.data.length;
  const values = Object.fromEntries(RECORDED.map((q) => [q, new Float32Array(steps * size)])) as Record<Recorded, Float32Array>;
  let x = tf.tidy(() => tf.mul(tf.tensor(Float32Array.from(xT.data), xT.shape), scheduler.initNoiseSigma));
  try {
    for (const [i, t] of scheduler.timesteps.entries()) {
      const xIn = scheduler.scaleModelInput(x, t);
      const modelOutput = tf.tensor(Float32Array.from(recorded.data.subarray(i * size, (i + 1) * size)), xT.shape); // this step's, as recorded
      const out = scheduler.step(modelOutput, t, x, { generator: noise });
      const record: Record<Recorded, tf.Tensor> = { model_input: xIn, x: out.prevSample, pred_original_sample: out.predOriginalSample };
      for (const q of RECORDED) values[q].set(await record[q].data(), i * size);
      tf.dispose([x, xIn, modelOutput, out.predOriginalSample]);
      x = out.prevSample;
    }
  } finally {
    x.dispose();
  }
  return { scheduler, steps, sampleShape: xT.shape, values, noiseDraws: noise?.draws };
}

function check(label: string, got: ArrayLike<number>, want: ArrayLike<number>, tol: Tolerance | undefined, gotShape?: number[], wantShape?: number[]): void {
  if (!tol) throw new Error(`${label}: no tolerance in the manifest`);
  const r = compare(label, got, want, tol, gotShape, wantShape);
  if (!r.ok) throw new Error(r.message);
}

function variantSubCases(c: GoldenCase, m: SchedulersManifest, name: string, v: Variant): SubCase[] {
  let trajectory: Promise<Trajectory> | undefined;
  const run = () => (trajectory ??= runTrajectory(c, name, v));
  const cases: SubCase[] = [];
  if (v.init_noise_sigma !== undefined) {
    const sigma = v.init_noise_sigma;
    cases.push({ name: `${name}/init_noise_sigma`, run: async () => check(`${name}/init_noise_sigma`, [(await run()).scheduler.initNoiseSigma], [sigma], m.tol_sched) });
  }
  if (v.noise_steps !== undefined) {
    cases.push({
      name: `${name}/noise draws`,
      run: async () => {
        const draws = (await run()).noiseDraws;
        if (draws !== v.noise_steps) throw new Error(`${name}: the sampler drew noise ${draws ?? 0} times, the reference ${v.noise_steps}`);
      },
    });
  }
  for (const [key, e] of Object.entries(c.manifest.tensors)) {
    if (!key.startsWith(`${name}/`) || e.role !== 'expected') continue;
    const quantity = key.slice(name.length + 1);
    if ((MODEL_OUTPUT as readonly string[]).includes(quantity)) continue; // drives the trajectory
    const want = () => readTensor(c, key);
    cases.push({
      name: key,
      run: async () => {
        const t = await run();
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

export const runSchedulers: CaseRunner = (c) => {
  const m = c.manifest as unknown as SchedulersManifest;
  const cases: SubCase[] = [];
  for (const [name, v] of Object.entries(m.variants ?? {})) cases.push(...variantSubCases(c, m, name, v));
  for (const [key, entry] of Object.entries(m.tables ?? {})) cases.push(tableSubCase(m, key, entry));
  return cases;
};
