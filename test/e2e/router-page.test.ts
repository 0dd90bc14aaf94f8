import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import sharp from 'sharp';
import { WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initBackend } from '../../src-main/engine/backend';
import { loadStableDiffusion } from '../../src-main/engine/pipelines/stable-diffusion';
import { httpClient, type WebSocketFactory } from '../../src-renderer/src/api/studio-client';
import { writeTrainedRouterAdapter } from '../engine/analysis/router-adapters';
import { TINY_MODEL } from '../engine/training/run/synthetic-dataset';
import { goldenDir } from '../parity/golden';
import { hasChromium, launchChromium, startStudio, type RunningStudio } from './launch';
import { drawnPoint, fill, pick, saveDownload, until, viewShot } from './page-helpers';

const KOHYA_LORA = join(goldenDir(), 'lora_kohya', 'lora.safetensors');

/**
 * The Router page end to end in Debian's chromium against `npm start`: a small study run from
 * the page (2 themes x 1 prompt x 2 seeds, 3 steps at 64 px on the tiny model) through an
 * adapter whose routers were trained to tell the two themes apart; then its map, its layers,
 * its exports, and deleting it.
 */
describe.skipIf(!hasChromium)('the Router page in a real browser', () => {
  let dataDir: string;
  let files: string;
  let studio: RunningStudio;
  let browser: Browser;
  let page: Page;
  let projectId: number;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'styleinject-e2e-router-'));
    files = await mkdtemp(join(tmpdir(), 'styleinject-e2e-router-files-'));
    await initBackend({ force: 'wasm' });
    const sd = await loadStableDiffusion(TINY_MODEL);
    try {
      await writeTrainedRouterAdapter(sd, join(files, 'router.safetensors'), 20);
    } finally {
      sd.dispose();
    }
    studio = await startStudio(dataDir);
    // The project, model and adapters through the studio's own calls: the pages that add them have their own tests.
    const url = new URL(studio.url);
    const api = httpClient(url.origin, new URLSearchParams(url.hash.slice(1)).get('token') ?? '', WebSocket as unknown as WebSocketFactory);
    projectId = (await api.call('projects.create', { name: 'Router explorer' })).id;
    await api.call('models.addPath', { path: TINY_MODEL, name: 'tiny SD 1.5' });
    await api.call('adapters.import', { projectId, path: join(files, 'router.safetensors'), name: 'ink router' });
    await api.call('adapters.import', { projectId, path: KOHYA_LORA, name: 'kohya' });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 }, acceptDownloads: true });
    page.setDefaultTimeout(20_000);
    await page.goto(studio.url);
    await page.goto(`${url.origin}/#/p/${projectId}/router`);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(files, { recursive: true, force: true });
  });

  it('a study from the page: a LoRA is refused with the reason, progress names the image and step, then the study opens', async () => {
    await page.getByRole('heading', { name: 'New router study' }).waitFor();
    await page.getByRole('combobox', { name: 'Adapter', exact: true }).click();
    expect(await page.getByRole('option', { name: /kohya: a LoRA has no style router/ }).getAttribute('aria-disabled')).toBe('true');
    await page.getByRole('option', { name: /ink router/ }).click();
    await pick(page, 'Base model', /tiny SD 1\.5/);
    // The list stays open while themes are picked.
    await page.getByRole('combobox', { name: 'Themes' }).click();
    for (const theme of ['animals', 'objects']) await page.getByRole('option', { name: new RegExp(`^${theme}`) }).click();
    await page.keyboard.press('Escape');
    await fill(page, 'Prompts per theme', 1);
    await fill(page, 'Seeds per prompt', 2);
    await fill(page, 'Steps', 3);
    await fill(page, 'Width', 64);
    await fill(page, 'Height', 64);
    expect(await page.getByTestId('study-size').textContent()).toBe('2 prompts × 2 seeds = 4 images; 12 points on the map (one per image and step)');

    // Every text the progress shows, however fast it changes.
    await page.exposeFunction('seenProgress', (text: string) => seen.push(text));
    const seen: string[] = [];
    await page.evaluate(() => {
      new MutationObserver(() => {
        const text = document.querySelector('[data-testid="study-job"]')?.textContent;
        if (text) (window as unknown as { seenProgress: (t: string) => void }).seenProgress(text);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Start study' }).click();
    await page.waitForURL(/router\/\d+$/, { timeout: 120_000 });
    expect(seen.some((t) => /Router study — Denoising · image [1-4] of 4, step [1-3] of 3/.test(t)), seen.join('\n')).toBe(true);
    await until(() => page.getByTestId('route-map').getAttribute('data-points'), (n) => n === '12', 60_000);
    expect(await page.getByTestId('study-facts').textContent()).toMatch(/adapter ink router · K = 4 branches in \d+ routed layers · 4 images \(2 prompts × 2 seeds, 2 themes\) · 3 steps · 64×64 px/);
  });

  it('the map: hover a point for its prompt, step and image; switch the colouring; select a region; t-SNE as a job', async () => {
    const map = page.getByTestId('route-map');
    await page.getByTestId('map-facts').getByText(/nearest neighbours \(from other prompts\) share its theme/).waitFor();
    const point = await drawnPoint(map);
    await page.mouse.move(point.x, point.y);
    const tooltip = page.getByTestId('point-tooltip');
    await tooltip.waitFor();
    expect(await tooltip.getByTestId('tooltip-prompt').textContent()).toMatch(/fox|teapot|owl|bicycle|horse|boots|cat|vase|dog|lamp|.+/);
    expect(await tooltip.getByTestId('tooltip-step').textContent()).toMatch(/^Step [1-3] of 3 · image [1-4]$/);
    await until(() => tooltip.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth === 64), (ok) => ok);
    await viewShot(page, 'router');

    const legend = page.getByTestId('map-legend');
    expect(await legend.textContent()).toMatch(/animals\s*6.*objects\s*6/);
    const before = await map.locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL());
    await page.getByRole('radiogroup', { name: 'Colour by' }).getByText('Step', { exact: true }).click();
    await until(() => legend.textContent(), (t) => /step 1 \(start, noisy\).*step 3 \(end, clean\)/.test(t ?? ''));
    expect(await map.locator('canvas').first().evaluate((c: HTMLCanvasElement) => c.toDataURL())).not.toBe(before);
    await page.getByRole('radiogroup', { name: 'Colour by' }).getByText('Dominant branch').click();
    await until(() => legend.textContent(), (t) => /branch \d/.test(t ?? ''));

    // A rectangle over the whole plot lists every image.
    const box = (await map.boundingBox())!;
    await page.mouse.move(box.x + 2, box.y + 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2, { steps: 4 });
    await page.mouse.move(box.x + box.width - 2, box.y + box.height - 2, { steps: 4 });
    await page.mouse.up();
    const selection = page.getByTestId('map-selection');
    expect(await selection.getByRole('heading').textContent()).toBe('12 points from 4 images');
    expect(await selection.getByTestId('selected-image').count()).toBe(4);
    expect(await selection.getByTestId('selected-image').first().textContent()).toMatch(/seed [12] · every step/);

    await page.getByRole('radiogroup', { name: 'Embedding method' }).getByText('t-SNE').click();
    await fill(page, 'Iterations', 200);
    await page.getByRole('button', { name: 'Draw the map' }).click();
    await until(() => page.getByTestId('map-facts').textContent(), (t) => /^t-SNE of the routes/.test(t ?? ''), 60_000);
    expect(await page.getByTestId('map-title').textContent()).toMatch(/^12 points \(image × step\) · all \d+ routed layers × K = 4 · theme separation/);
  });

  it('the layers: a heat map and a usage bar for every routed layer; one opens large with its values', async () => {
    await page.getByRole('tab', { name: 'Layers over the steps' }).click();
    const cards = page.getByTestId('layer-card');
    const summary = (await page.getByTestId('layer-summary').textContent()) ?? '';
    const layers = Number(/^(\d+) routed layers/.exec(summary)?.[1]);
    expect(layers).toBeGreaterThan(1);
    expect(await cards.count()).toBe(layers);
    expect(await cards.first().getByTestId('usage-bar').locator('div').count()).toBe(4);
    await page.getByRole('textbox', { name: 'Find layers' }).fill('attn2');
    await until(() => cards.count(), (n) => n > 0 && n < layers);
    await cards.first().click();
    const detail = page.getByTestId('layer-detail');
    const heat = (await detail.getByTestId('layer-heatmap').boundingBox())!;
    await page.mouse.move(heat.x + heat.width * 0.9, heat.y + 2);
    expect(await detail.getByTestId('heat-readout').textContent()).toMatch(/^Branch 0 at step 3 of 3: mean route probability 0\.\d{3}$/);
    await page.getByRole('textbox', { name: 'Find layers' }).fill('');
    await viewShot(page, 'router-layers');
    await page.getByRole('tab', { name: 'Map of routes' }).click();
  });

  it('exports the plot as PNG and SVG (the same drawing) and the points as CSV', async () => {
    const exportAs = async (item: string) => {
      await page.getByRole('button', { name: 'Export' }).click();
      return saveDownload(page, () => page.getByRole('menuitem', { name: item }).click(), files);
    };
    const svg = await readFile(await exportAs('Plot as SVG'), 'utf8');
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg" width="1000" height="720"/);
    expect(svg).toMatch(/ink router: router routes by t-SNE, coloured by dominant branch/);
    expect(svg.match(/<circle cx="[\d.]+" cy="[\d.]+" r="4\.5"/g)).toHaveLength(12);

    const png = await exportAs('Plot as PNG');
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 2000, height: 1440 });
    // The PNG is the SVG drawn: rasterised the same way they agree pixel for pixel at the same size.
    const fromSvg = await sharp(Buffer.from(svg)).resize(200, 144).raw().toBuffer();
    const fromPng = await sharp(png).resize(200, 144).raw().toBuffer();
    expect(meanDifference(fromSvg, fromPng)).toBeLessThan(8);

    const csv = (await readFile(await exportAs('Points as CSV'), 'utf8')).trim().split('\n');
    expect(csv[0]).toBe('point,image,prompt,theme,seed,step,x,y,dominant');
    expect(csv).toHaveLength(13);
    expect(csv[1]).toMatch(/^1,1,[^,]+,animals,1,1,-?[\d.e-]+,-?[\d.e-]+,[0-3]$/);
    expect(csv[12]).toMatch(/^12,4,[^,]+,objects,2,3,/);
  });

  it('deletes the study after asking; the form for a new one comes back', async () => {
    await page.getByRole('button', { name: /^Delete study / }).click();
    await page.getByRole('dialog').getByText(/Its 4 images and their router traces are removed/).waitFor();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete study' }).click();
    await page.getByRole('heading', { name: 'New router study' }).waitFor();
    expect(await page.getByRole('combobox', { name: 'Study' }).count()).toBe(0);
  });
});

/** Mean absolute difference of two same-sized raw images, per channel value. */
function meanDifference(a: Buffer, b: Buffer): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs(a[i] - b[i]);
  return sum / a.length;
}
