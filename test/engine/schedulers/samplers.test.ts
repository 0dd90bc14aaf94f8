import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { SeededGenerator } from '../../../src-main/engine/random/seeded-generator';
import { schedulerFromDiffusers } from '../../../src-main/engine/schedulers/diffusers-classes';
import { createScheduler, SAMPLER_NAMES, type SamplerName } from '../../../src-main/engine/schedulers/factory';
import { alphasCumprod } from '../../../src-main/engine/schedulers/noise-schedule';
import { resolveConfig } from '../../../src-main/engine/schedulers/config';
import { sample } from './sampling-loop';

const SHAPE = [1, 4, 8, 8];
/** Samplers that need noise on their steps when built with these options. */
const STOCHASTIC: SamplerName[] = ['euler_a', 'ddpm'];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function build(name: SamplerName, eta = 0) {
  return createScheduler(name, {}, { eta });
}

describe('samplers', () => {
  it.each(SAMPLER_NAMES)('%s: tensor count does not grow over a 20-step loop', (name) => {
    const s = build(name, 1);
    const noise = new SeededGenerator(0).normalTensor(SHAPE);
    const generator = new SeededGenerator(1);
    sample(s, 20, noise, { generator }); // warm-up: backend kernels, stateful history
    const before = tf.memory().numTensors;
    const counts: number[] = [];
    sample(s, 20, noise, { generator }, undefined, () => counts.push(tf.memory().numTensors));
    // One live latent per step (plus the sampler's own bounded history), never more.
    expect(Math.max(...counts)).toBe(Math.min(...counts.slice(4)));
    expect(tf.memory().numTensors).toBe(before);
    noise.dispose();
  });

  it.each([...STOCHASTIC, 'ddim' as const])('%s: the same seed gives the same image, another seed another', (name) => {
    const noise = new SeededGenerator(3).normalTensor(SHAPE);
    const run = (seed: number) => sample(build(name, 1), 10, noise, { generator: new SeededGenerator(seed) });
    const a = run(11);
    expect(run(11)).toEqual(a);
    expect(run(12)).not.toEqual(a);
    noise.dispose();
  });

  it.each(STOCHASTIC)('%s: asks for noise when it has neither generator nor noise', (name) => {
    const s = build(name);
    s.setTimesteps(5);
    const x = tf.zeros(SHAPE);
    expect(() => s.step(x, s.timesteps[0], x)).toThrow(/generator/);
    x.dispose();
  });

  it.each(SAMPLER_NAMES)('%s: setTimesteps resets the history (a rerun equals a fresh sampler)', (name) => {
    const noise = new SeededGenerator(4).normalTensor(SHAPE);
    const used = build(name, 1);
    sample(used, 7, noise, { generator: new SeededGenerator(9) });
    // Also abandon a run halfway: its history must not leak into the next.
    used.setTimesteps(20);
    const x = tf.mul(noise, used.initNoiseSigma);
    for (const t of used.timesteps.slice(0, 3)) {
      const out = used.step(tf.zerosLike(x), t, x, { generator: new SeededGenerator(0) });
      tf.dispose([out.prevSample, out.predOriginalSample]);
    }
    x.dispose();
    const again = sample(used, 12, noise, { generator: new SeededGenerator(5) });
    const fresh = sample(build(name, 1), 12, noise, { generator: new SeededGenerator(5) });
    expect(again).toEqual(fresh);
    noise.dispose();
  });
});

describe('deterministic samplers with an exact noise oracle', () => {
  // x_t = sqrt(alphā_t) x0 + sqrt(1 - alphā_t) eps with a model that always answers eps:
  // each step is then exact, so the final sample is x0 (set_alpha_to_one makes DDIM/PNDM end at alphā = 1).
  const config = resolveConfig({ set_alpha_to_one: true });
  const ac = alphasCumprod(config);
  it.each(['ddim', 'pndm', 'euler', 'dpmpp_2m', 'dpmpp_2m_karras'] as const)('%s recovers x0', (name) => {
    const s = createScheduler(name, config);
    s.setTimesteps(15);
    const x0 = new SeededGenerator(20).normalTensor(SHAPE);
    const eps = new SeededGenerator(21).normalTensor(SHAPE);
    // Start on the trajectory: VE samplers (with sigmas) at x0 + sigma_0 eps, VP ones at their first timestep.
    const start = s.sigmas && name.startsWith('euler')
      ? tf.add(x0, tf.mul(eps, s.sigmas[0]))
      : vpStart(name === 'ddim' || name === 'pndm' ? ac[s.timesteps[0]] : 1 / (1 + s.sigmas![0] ** 2));
    function vpStart(alphaBar: number) {
      return tf.add(tf.mul(x0, Math.sqrt(alphaBar)), tf.mul(eps, Math.sqrt(1 - alphaBar)));
    }
    let x = start;
    for (const t of s.timesteps) {
      const out = s.step(eps, t, x);
      tf.dispose([x, out.predOriginalSample]);
      x = out.prevSample;
    }
    const got = x.dataSync();
    const want = x0.dataSync();
    const worst = Math.max(...Array.from(got, (v, i) => Math.abs(v - want[i])));
    expect(worst).toBeLessThan(2e-4);
    tf.dispose([x, x0, eps]);
  });
});

describe('diffusers class mapping', () => {
  it('maps classes and the Karras flag to our samplers', () => {
    const karras = schedulerFromDiffusers('DPMSolverMultistepScheduler', { use_karras_sigmas: true, timestep_spacing: 'linspace' });
    karras.setTimesteps(10);
    expect(karras.timesteps[0]).toBe(999);
    expect(karras.sigmas?.length).toBe(11);
  });

  it('refuses classes and options it does not implement, saying which', () => {
    expect(() => schedulerFromDiffusers('LMSDiscreteScheduler', {})).toThrow(/LMSDiscreteScheduler has no sampler/);
    expect(() => schedulerFromDiffusers('DPMSolverMultistepScheduler', { solver_order: 3 })).toThrow(/solver_order=3/);
    expect(() => schedulerFromDiffusers('PNDMScheduler', {})).toThrow(/skip_prk_steps/);
    expect(() => createScheduler('euler', { timestep_spacing: 'sideways' as never })).toThrow(/timestep_spacing/);
  });
});
