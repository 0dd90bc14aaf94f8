import { describe, expect, it } from 'vitest';
import { parseTrainingConfig, TrainingConfigError } from '../../../../src-main/engine/training/run';

describe('parseTrainingConfig', () => {
  it('fills the defaults and resolves paths against the config folder', () => {
    const config = parseTrainingConfig({ model: { path: 'models/sd15' }, dataset: 'images', output: 'runs/a' }, '/home/me/project');
    expect(config.model.path).toBe('/home/me/project/models/sd15');
    expect(config.dataset).toEqual({ folder: '/home/me/project/images' });
    // No adapter given: the paper's StyleInject (K = 16, r = 32, DMA and STA on its attention targets).
    expect(config.adapter).toEqual({ method: 'styleinject', rank: 32, alpha: 32, k: 16, dma: true, sta: true, targets: ['attention-qv'], name: 'styleinject' });
    const lora = parseTrainingConfig({ model: { path: '/m' }, dataset: '/d', output: '/o', adapter: { method: 'lora', rank: 8 } }).adapter;
    expect(lora).toEqual({ method: 'lora', rank: 8, alpha: 8, k: 1, dma: false, sta: false, targets: ['attention-qv'], name: 'lora' });
    expect(config).toMatchObject({ task: 'finetune', resolution: 512, lr: 1e-4, schedule: 'constant', gradientCheckpointing: true, resume: true, checkpoints: { every: 100, keepLast: 3 } });
    expect(parseTrainingConfig({ model: { path: '/m' }, dataset: '/d', output: '/o', resolution: 256 }).gradientCheckpointing).toBe(false);
  });

  it('reads the distillation settings with their defaults and checks DreamBooth settings', () => {
    const distill = { teacher: '/models/anime.safetensors', weights: { out: 1, feat: 0.5 } };
    expect(parseTrainingConfig({ model: { path: '/m' }, dataset: '/d', output: '/o', task: 'distill', distill }).distill).toEqual({
      teacher: '/models/anime.safetensors',
      promptsOnly: false,
      weights: { task: 1, out: 1, feat: 0.5 },
      sampling: { steps: 20, cfg: 7.5, sampler: 'euler_a' },
    });
    const error = (() => {
      try {
        parseTrainingConfig({ model: { path: '/m' }, dataset: '/d', output: '/o', task: 'dreambooth', buckets: true, dreambooth: { priorImages: 4 } });
      } catch (e) {
        return e as TrainingConfigError;
      }
    })();
    expect(error).toBeInstanceOf(TrainingConfigError);
    expect(error?.problems).toEqual([
      'dreambooth.classFolder: is required',
      'dreambooth.instancePrompt: is required',
      'dreambooth.classPrompt: is required',
      expect.stringMatching(/^buckets: DreamBooth with prior preservation .* turn buckets off$/),
    ]);
  });

  it('lists every problem at once', () => {
    expect(() => parseTrainingConfig({ dataset: { items: [{ image: 'a.png', caption: 3 }] }, adapter: { method: 'lora', k: 2 }, samples: { every: 10 }, seed: 1.5 })).toThrow(
      /6 problems:[\s\S]*seed: must be an integer[\s\S]*model\.path: is required[\s\S]*dataset\.items\.0\.caption: must be a string, got 3[\s\S]*adapter\.method: a LoRA adapter has K = 1[\s\S]*samples\.prompts: is empty[\s\S]*output: is required/,
    );
    expect(() => parseTrainingConfig('run.json')).toThrow(/must be a JSON object/);
  });
});
