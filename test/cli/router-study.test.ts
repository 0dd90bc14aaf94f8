import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EmbedRoutesResult, RouterStudyResult } from '../../src-main/engine';
import { initBackend } from '../../src-main/engine/backend';
import { loadStableDiffusion } from '../../src-main/engine/pipelines/stable-diffusion';
import { writeTrainedRouterAdapter } from '../engine/analysis/router-adapters';
import { tempFolder, TINY_MODEL } from '../engine/training/run/synthetic-dataset';
import { goldenDir } from '../parity/golden';
import { styleinject } from './run-styleinject';

const wasm = { STYLEINJECT_BACKEND: 'wasm' };
let dir: string;
let cleanup: () => Promise<void>;
let adapter: string;

beforeAll(async () => {
  ({ dir, cleanup } = await tempFolder('cli-router-study'));
  await initBackend({ force: 'wasm' });
  const sd = await loadStableDiffusion(TINY_MODEL);
  adapter = join(dir, 'router.safetensors');
  try {
    await writeTrainedRouterAdapter(sd, adapter, 20);
  } finally {
    sd.dispose();
  }
});
afterAll(() => cleanup());

const json = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;

describe('styleinject router-study', () => {
  it('writes the images, the traces, the embedding as JSON and CSV, and the plots as SVG and the same plots as PNG', async () => {
    const out = join(dir, 'study');
    const args = ['router-study', '--model', TINY_MODEL, '--adapter', adapter, '--themes', 'animals,objects', '--per-theme', '2', '--seeds', '1', '--steps', '2'];
    const run = await styleinject([...args, '--width', '16', '--height', '16', '--out', out], wasm);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/sampling \[#+\] 8\/8/);
    expect(run.stderr).toMatch(/theme separation: \d\.\d\d of each point's 5 nearest other-prompt neighbours share its theme \(chance 0\.33\)/);

    const study = json<RouterStudyResult>(join(out, 'study.json'));
    expect(study.images.map((i) => [i.theme, i.seed])).toEqual([['animals', 1], ['animals', 1], ['objects', 1], ['objects', 1]]);
    expect(study.images.every((i) => existsSync(i.path) && i.path.startsWith(join(out, 'images')))).toBe(true);
    const embedding = json<EmbedRoutesResult>(join(out, 'embedding.json'));
    expect(embedding.method).toBe('tsne'); // the default for so few points
    expect(embedding.points).toHaveLength(8);
    const csv = readFileSync(join(out, 'embedding.csv'), 'utf8').trim().split('\n');
    expect(csv[0]).toBe('x,y,image,step,timestep,theme,prompt,seed,path');
    expect(csv).toHaveLength(9);
    expect(csv[2]).toContain(`,0,1,${study.timesteps[1]},animals,${study.images[0].prompt},1,`); // image 0, step 1

    for (const plot of ['scatter', 'heatmaps', 'branch-usage']) {
      const svg = readFileSync(join(out, `${plot}.svg`));
      const png = readFileSync(join(out, `${plot}.png`));
      expect(svg.toString()).toMatch(/^<svg /);
      expect(png.subarray(1, 4).toString()).toBe('PNG');
      const fromSvg = await sharp(svg).raw().toBuffer();
      expect((await sharp(png).raw().toBuffer()).equals(fromSvg)).toBe(true);
    }
    expect(readFileSync(join(out, 'scatter.svg'), 'utf8').match(/<circle /g)).toHaveLength(8 + 2); // the points and the legend's two themes
    expect(readFileSync(join(out, 'heatmaps.svg'), 'utf8')).toContain('down1.a0.t0.attn2.v'); // one small heat map per routed layer, titled by its short name

    // Re-embedding a written study: its files are in the way until --overwrite says to replace them.
    const again = ['router-study', '--from-study', join(out, 'study.json'), '--out', out, '--method', 'pca', '--layers', 'attn2'];
    const refused = await styleinject(again, wasm);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/embedding\.json exists: choose another --out folder, or pass --overwrite/);
    const replaced = await styleinject([...again, '--overwrite'], wasm);
    expect(replaced.code, replaced.stderr).toBe(0);
    const pca = json<EmbedRoutesResult>(join(out, 'embedding.json'));
    expect(pca.method).toBe('pca');
    expect(pca.layers?.every((l) => l.includes('attn2'))).toBe(true);
  });

  it('refuses an adapter without a style router, and a method it does not know', async () => {
    const lora = await styleinject(['router-study', '--model', TINY_MODEL, '--adapter', join(goldenDir(), 'lora_kohya', 'lora.safetensors'), '--out', join(dir, 'lora')], wasm);
    expect(lora.code).toBe(2);
    expect(lora.stderr).toMatch(/plain LoRA, which has no style router to study/);
    const method = await styleinject(['router-study', '--model', TINY_MODEL, '--adapter', adapter, '--method', 'mds', '--out', join(dir, 'm')], wasm);
    expect(method.code).toBe(2);
    expect(method.stderr).toMatch(/--method 'mds' is not one of tsne, pca, umap/);
  });
});
