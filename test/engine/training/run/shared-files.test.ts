import { writeFile } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../../../src-main/engine/backend';
import { SafetensorsReader } from '../../../../src-main/engine/io/safetensors';
import { parseTrainingConfig, train, type TrainingEvent } from '../../../../src-main/engine/training/run';
import { shareableConfig } from '../../../../src-main/engine/training/run/shareable-config';
import { tempFolder, TINY_MODEL, writeStripesDataset } from './synthetic-dataset';

let dir: string;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  await initBackend({ force: 'wasm' });
  ({ dir, cleanup } = await tempFolder('shared-files'));
  await writeStripesDataset(join(dir, 'ink'), 3, 16);
  // A 1x1 image that would be enlarged 16 times into the training set.
  await writeFile(join(dir, 'ink', 'speck.png'), await sharp(Buffer.from([10, 20, 30]), { raw: { width: 1, height: 1, channels: 3 } }).png().toBuffer());
  await writeFile(join(dir, 'ink', 'speck.txt'), 'orange, speck');
});
afterAll(() => cleanup());

describe('the files a run shares', () => {
  it('keep no local path in the adapter metadata, carry kohya ss_* fields, and the run warns about tiny images', async () => {
    const output = join(dir, 'run');
    const events: TrainingEvent[] = [];
    const config = parseTrainingConfig({
      model: { path: TINY_MODEL },
      dataset: join(dir, 'ink'),
      output,
      adapter: { method: 'lora', rank: 2, name: 'ink' },
      resolution: 16,
      batchSize: 2,
      maxSteps: 1,
      lr: 1e-3,
      seed: 7,
      schedule: 'cosine',
      augment: { flip: true },
    });
    const result = await train(config, { onEvent: (e) => events.push(e) });
    expect(result.status).toBe('finished');
    expect(events.filter((e) => e.type === 'warning')).toEqual([
      { type: 'warning', message: expect.stringMatching(/^1 of 4 training images are far below the training size of 16x16 \(enlarged more than 2x, .*\): speck\.png \(1x1\)\. Remove them/) },
    ]);

    const ours = await SafetensorsReader.open(result.adapterPath as string);
    const metadata = JSON.stringify(ours.metadata);
    await ours.close();
    expect(metadata).not.toContain(dir);
    expect(metadata).not.toContain(homedir());
    const trainingConfig = JSON.parse(JSON.parse(metadata).training_config) as Record<string, unknown>;
    expect(trainingConfig).toMatchObject({ model: { path: 'diffusers' }, dataset: { folder: 'ink' }, resolution: 16, maxSteps: 1 });
    expect(trainingConfig).not.toHaveProperty('output');

    const kohya = await SafetensorsReader.open(result.kohyaPath as string);
    const ss = kohya.metadata;
    await kohya.close();
    expect(JSON.stringify(ss)).not.toContain(dir);
    expect(ss).toMatchObject({
      ss_output_name: 'ink',
      ss_sd_model_name: 'diffusers',
      ss_resolution: '(16, 16)',
      ss_num_train_images: '4',
      ss_num_reg_images: '0',
      ss_batch_size_per_device: '2',
      ss_num_batches_per_epoch: '2',
      ss_num_epochs: '1',
      ss_max_train_steps: '1',
      ss_learning_rate: '0.001',
      ss_lr_scheduler: 'cosine',
      ss_seed: '7',
      ss_flip_aug: 'True',
      ss_network_dim: '2',
      ss_network_alpha: '2',
    });
    expect(JSON.parse(ss.ss_tag_frequency)).toEqual({ ink: { orange: 4, flat: 1, red: 2, stripes: 2, speck: 1 } });
    expect(JSON.parse(ss.ss_dataset_dirs)).toEqual({ ink: { n_repeats: 1, img_count: 4 } });
    const started = Number(ss.ss_training_started_at) * 1000;
    expect(Date.now() - started).toBeGreaterThanOrEqual(0);
    expect(Date.now() - started).toBeLessThan(10 * 60_000);
  });

  it('reduces paths outside the run to their names and keeps those inside relative, never a home folder', () => {
    const home = homedir();
    const config = parseTrainingConfig({
      model: { path: join(home, 'models', 'v1-5.safetensors'), tokenizer: join(home, 'models', 'clip-tokenizer') },
      task: 'dreambooth',
      dataset: { items: [{ image: join(home, 'Pictures', 'dog', '1.png'), caption: 'sks dog' }] },
      dreambooth: { instancePrompt: 'a photo of sks dog', classPrompt: 'a photo of a dog', classFolder: join(home, 'runs', 'dog', 'class-images'), priorImages: 4 },
      output: join(home, 'runs', 'dog'),
    });
    const shared = shareableConfig(config);
    expect(JSON.stringify(shared)).not.toContain(home);
    expect(shared).toMatchObject({
      model: { path: 'v1-5.safetensors', tokenizer: 'clip-tokenizer' },
      dataset: { items: [{ image: '1.png', caption: 'sks dog' }] },
      dreambooth: { classFolder: 'class-images', instancePrompt: 'a photo of sks dog' },
    });
  });
});
