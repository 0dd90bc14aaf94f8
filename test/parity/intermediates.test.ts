import { mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SafetensorsReader } from '../../src-main/engine/io/safetensors';
import { runUnet } from './cases/unet';
import { runVae } from './cases/vae';
import type { SubCase } from './cases/types';
import { goldenDir, loadCase, readTensor, type CaseManifest, type TensorEntry } from './golden';
import { parityBackend } from './parity-backend';

/**
 * Named intermediate outputs (issue: locate a divergence at scale) are compared whenever a
 * manifest lists them. The golden set lists none, so this builds a set that does: the golden
 * set (linked) with `a/conv_in` added to the UNet case, computed here independently of the
 * engine (a direct NCHW convolution of a/sample with the diffusers conv_in weights), and the
 * other names added with zeros, which must fail on their values, not on their names or
 * diffusers' NCHW shapes.
 */

const TOL = { atol: 1e-4, rtol: 1e-3 };
let root: string;
let cleanup: () => Promise<void>;

/** conv_in(sample) as diffusers computes it: 3x3, padding 1, NCHW, weights (Cout, Cin, 3, 3). */
function convIn(x: Float32Array | Float64Array | Int32Array, [n, cin, h, w]: number[], weight: Float32Array, bias: Float32Array): Float32Array {
  const cout = bias.length;
  const out = new Float32Array(n * cout * h * w);
  for (let b = 0; b < n; b++)
    for (let o = 0; o < cout; o++)
      for (let y = 0; y < h; y++)
        for (let xx = 0; xx < w; xx++) {
          let sum = bias[o];
          for (let c = 0; c < cin; c++)
            for (let ky = 0; ky < 3; ky++)
              for (let kx = 0; kx < 3; kx++) {
                const [iy, ix] = [y + ky - 1, xx + kx - 1];
                if (iy < 0 || iy >= h || ix < 0 || ix >= w) continue;
                sum += x[((b * cin + c) * h + iy) * w + ix] * weight[((o * cin + c) * 3 + ky) * 3 + kx];
              }
          out[((b * cout + o) * h + y) * w + xx] = sum;
        }
  return out;
}

/** A copy of case `name` (its files linked) whose manifest also lists `extra`, each written from its values. */
async function caseWith(source: string, name: string, extra: Record<string, { shape: number[]; values: Float32Array }>): Promise<void> {
  const dir = join(root, name);
  await mkdir(dir);
  for (const f of await readdir(join(source, name))) if (f !== 'manifest.json') await symlink(join(source, name, f), join(dir, f));
  const manifest = JSON.parse(await readFile(join(source, name, 'manifest.json'), 'utf8')) as CaseManifest;
  for (const [key, { shape, values }] of Object.entries(extra)) {
    const file = `${key.replace('/', '_')}.extra.bin`;
    await writeFile(join(dir, file), new Uint8Array(values.buffer));
    manifest.tensors[key] = { file, dtype: 'float32', shape, role: 'expected', tol: TOL } satisfies TensorEntry;
  }
  await writeFile(join(dir, 'manifest.json'), JSON.stringify(manifest));
}

const zeros = (shape: number[]) => ({ shape, values: new Float32Array(shape.reduce((a, b) => a * b, 1)) });

beforeAll(async () => {
  const source = goldenDir();
  const top = await mkdtemp(join(tmpdir(), 'styleinject-intermediates-'));
  root = join(top, 'golden');
  cleanup = () => rm(top, { recursive: true, force: true });
  await mkdir(root);
  for (const entry of await readdir(source)) if (entry !== 'unet' && entry !== 'vae') await symlink(join(source, entry), join(root, entry));

  const unet = loadCase('unet', source);
  const sample = readTensor(unet, 'a/sample');
  const reader = await SafetensorsReader.open(join(source, 'models', 'diffusers', 'unet', 'diffusion_pytorch_model.safetensors'));
  const [weight, bias] = [await reader.readFloat32('conv_in.weight'), await reader.readFloat32('conv_in.bias')];
  await reader.close();
  const [n, , h, w] = sample.shape;
  await caseWith(source, 'unet', {
    'a/conv_in': { shape: [n, bias.length, h, w], values: convIn(sample.data, sample.shape, weight, bias) },
    // diffusers' shapes for the tiny UNet (widths 32, 64; one downsampler) at 32x32
    'a/down_0': zeros([n, 32, h / 2, w / 2]),
    'a/down_1': zeros([n, 64, h / 2, w / 2]),
    'a/mid': zeros([n, 64, h / 2, w / 2]),
    'a/up_0': zeros([n, 64, h, w]),
    'a/up_1': zeros([n, 32, h, w]),
  });
  await caseWith(source, 'vae', { 'decode/decoder_mid': zeros([1, 64, 16, 24]) });
}, 60_000);
afterAll(() => cleanup?.());

/** The sub-cases of one key of a case, by name prefix (every layout of the set). */
async function subCasesFor(cases: SubCase[], key: string): Promise<{ name: string; error?: string }[]> {
  const results = [];
  for (const sc of cases.filter((c) => c.name.startsWith(`${key} (`))) {
    if (sc.skip !== undefined) throw new Error(`${sc.name} was skipped: ${sc.skip}`);
    const error = await Promise.resolve(sc.run()).then(
      () => undefined,
      (e: Error) => e.message,
    );
    results.push({ name: sc.name, error });
  }
  return results;
}

describe(`named intermediate outputs in a manifest, on ${parityBackend.backend}`, () => {
  it('compares UNet conv_in with an independent convolution, on every float32 layout', async () => {
    const results = await subCasesFor(await runUnet(loadCase('unet', root)), 'a/conv_in');
    expect(results.map((r) => r.name)).toEqual(['a/conv_in (single file f32)', 'a/conv_in (diffusers)']);
    for (const r of results) expect(r.error).toBeUndefined();
  });

  it('computes down_<i>, mid, up_<i> and decoder_mid at diffusers\' NCHW shapes (zeros fail on values, by name)', async () => {
    const unet = await runUnet(loadCase('unet', root));
    for (const key of ['a/down_0', 'a/down_1', 'a/mid', 'a/up_0', 'a/up_1']) {
      for (const r of await subCasesFor(unet, key)) expect(r.error, r.name).toMatch(new RegExp(`^unet/${key}: \\d+/\\d+ values outside atol`));
    }
    const vae = await runVae(loadCase('vae', root));
    for (const r of await subCasesFor(vae, 'decode/decoder_mid')) expect(r.error, r.name).toMatch(/^vae\/decode\/decoder_mid: \d+\/\d+ values outside atol/);
  });
});
