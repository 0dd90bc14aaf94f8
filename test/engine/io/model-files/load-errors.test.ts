import * as tf from '@tensorflow/tfjs';
import { mkdtempSync, readFileSync, rmSync, truncateSync, writeFileSync, mkdirSync, copyFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ModelFileKeysError, loadModelFiles, loadVae } from '../../../../src-main/engine/io/model-files';
import { loadPlannedWeights } from '../../../../src-main/engine/io/model-files/load-weights';
import { prepareComponent } from '../../../../src-main/engine/io/model-files/prepare-component';
import { ReaderPool } from '../../../../src-main/engine/io/model-files/reader-pool';
import { SafetensorsReader, writeSafetensors, type TensorToWrite } from '../../../../src-main/engine/io/safetensors';
import { goldenModels } from './golden-models';

const golden = goldenModels();
const VAE = golden.prefixes.vae;

describe('broken checkpoints give one clear error and leave nothing loaded', () => {
  let dir: string;
  let vaeTensors: Map<string, TensorToWrite>;

  beforeAll(async () => {
    await tf.setBackend('cpu');
    dir = mkdtempSync(join(tmpdir(), 'checkpoint-errors-'));
    const reader = await SafetensorsReader.open(golden.singleFile);
    try {
      vaeTensors = new Map();
      for (const key of reader.keys().filter((k) => k.startsWith(VAE))) {
        vaeTensors.set(key, { data: await reader.readFloat32(key), shape: reader.entry(key).shape });
      }
    } finally {
      await reader.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  /** Writes the golden VAE (single-file keys), changed by `edit`, and returns its path. */
  async function vaeFile(name: string, edit: (t: Map<string, TensorToWrite>) => void): Promise<string> {
    const tensors = new Map(vaeTensors);
    edit(tensors);
    const path = join(dir, `${name}.safetensors`);
    await writeSafetensors(path, tensors);
    return path;
  }

  async function expectFailure(load: () => Promise<unknown>, message: RegExp): Promise<Error> {
    const before = tf.memory().numTensors;
    const error = await load().then(
      () => null,
      (e: unknown) => e as Error,
    );
    expect(error, 'expected the load to fail').not.toBeNull();
    expect((error as Error).message).toMatch(message);
    expect(tf.memory().numTensors).toBe(before);
    return error as Error;
  }

  it('loads the unmodified standalone VAE, with and without its prefix', async () => {
    const withPrefix = await vaeFile('vae-prefixed', () => {});
    const bare = await vaeFile('vae-bare', (t) => {
      for (const [k, v] of [...t]) {
        t.delete(k);
        t.set(k.slice(VAE.length), v);
      }
    });
    for (const path of [withPrefix, bare]) {
      const { model } = await loadVae(path);
      expect([...model.namedParameters()].every(([, p]) => p.loaded)).toBe(true);
      model.dispose();
    }
  });

  it('a missing key', async () => {
    const path = await vaeFile('missing', (t) => t.delete(`${VAE}decoder.conv_out.bias`));
    const error = await expectFailure(() => loadVae(path), /1 missing, 0 unexpected, 0 mis-shaped[\s\S]*missing \(1\): decoder\.conv_out\.bias/);
    expect(error).toBeInstanceOf(ModelFileKeysError);
  });

  it('an extra key', async () => {
    const path = await vaeFile('extra', (t) => t.set(`${VAE}decoder.mid.attn_2.q.weight`, { data: new Float32Array(4), shape: [2, 2] }));
    await expectFailure(() => loadVae(path), /0 missing, 1 unexpected[\s\S]*first_stage_model\.decoder\.mid\.attn_2\.q\.weight/);
  });

  it('a wrong shape', async () => {
    const path = await vaeFile('misshaped', (t) => t.set(`${VAE}quant_conv.bias`, { data: new Float32Array(7), shape: [7] }));
    await expectFailure(() => loadVae(path), /1 mis-shaped[\s\S]*quant_conv\.bias: checkpoint \[7\], model quant_conv\.bias \[8\]/);
  });

  it('many problems are counted, with the first few named', async () => {
    const path = await vaeFile('many', (t) => {
      for (const k of [...t.keys()].filter((k) => k.includes('decoder.up.'))) t.delete(k);
    });
    await expectFailure(() => loadVae(path), /\d+ missing[\s\S]*missing \(\d+\): (decoder\.up_blocks[^,]*, ){4}decoder\.up_blocks\S* \.\.\. and \d+ more/);
  });

  it('a truncated file', async () => {
    const path = await vaeFile('truncated', () => {});
    truncateSync(path, readFileSync(path).length - 100);
    await expectFailure(() => loadVae(path), /truncated\.safetensors/);
  });

  it('a file cut short while tensors stream in frees the tensors already loaded', async () => {
    const path = await vaeFile('cut-while-loading', () => {});
    const readers = new ReaderPool();
    const before = tf.memory().numTensors;
    try {
      const prepared = await prepareComponent('vae', path, {}, readers);
      // The headers were valid when checked; the data then disappears under the open reader.
      truncateSync(path, readFileSync(path).length / 2);
      await expect(loadPlannedWeights(prepared.plan)).rejects.toThrow(/file ended after/);
      expect([...prepared.model.namedParameters()].some(([, p]) => p.loaded)).toBe(false);
    } finally {
      await readers.closeAll();
    }
    expect(tf.memory().numTensors).toBe(before);
  });

  it('a .ckpt pickle file', async () => {
    const path = join(dir, 'model.ckpt');
    writeFileSync(path, 'PK\x03\x04 not really a zip');
    await expectFailure(() => loadModelFiles(path), /pickle checkpoints .* not supported.*convert it to \.safetensors/);
  });

  it('a diffusers folder with only pickle weights', async () => {
    const folder = join(dir, 'pickled-vae');
    mkdirSync(folder);
    copyFileSync(join(golden.diffusersDir, 'vae', 'config.json'), join(folder, 'config.json'));
    writeFileSync(join(folder, 'diffusion_pytorch_model.bin'), 'pickle');
    await expectFailure(() => loadVae(folder), /diffusion_pytorch_model\.bin: pickle checkpoints/);
  });

  it('a checkpoint without the asked-for component', async () => {
    const path = await vaeFile('vae-only', () => {});
    await expectFailure(() => loadModelFiles(path, { components: ['unet'] }), /has no UNet \(no keys under 'model\.diffusion_model\.'\)/);
  });

  it('a later component failing its check frees the earlier ones', async () => {
    const broken = await vaeFile('broken-for-pipeline', (t) => t.delete(`${VAE}encoder.conv_in.weight`));
    await expectFailure(
      () => loadModelFiles(golden.singleFile, { config: { ...golden.configs }, vaePath: broken }),
      /VAE weights do not fit[\s\S]*encoder\.conv_in\.weight/,
    );
  });

  it('NaN or infinite weights, naming the file and tensor', async () => {
    const key = `${VAE}decoder.conv_in.weight`;
    const path = await vaeFile('non-finite', (t) => {
      const data = Float32Array.from((t.get(key) as { data: Float32Array }).data);
      data[5] = Number.NaN;
      data[9] = Number.POSITIVE_INFINITY;
      t.set(key, { data, shape: (t.get(key) as TensorToWrite).shape });
    });
    await expectFailure(
      () => loadVae(path),
      new RegExp(`non-finite\\.safetensors: tensor '${key.replace(/\./g, '\\.')}': holds 2 NaN or infinite values of \\d+ \\(the first, NaN, at index 5\\)`),
    );
  });

  it('a missing path', async () => {
    await expectFailure(() => loadModelFiles(join(dir, 'nope.safetensors')), /nope\.safetensors does not exist: give a \.safetensors checkpoint or a diffusers folder/);
  });
});
