import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { goldenDir } from '../parity/golden';
import { TINY_MODEL, writeStripesDataset } from '../engine/training/run/synthetic-dataset';
import { hasChromium, launchChromium, screenshot, startStudio, type RunningStudio } from './launch';
import { serveSlowly } from '../studio/models/slow-file-server';
import { dropFile, fill, imagesLoaded, monitorStep, openPage, pick, until, viewShot } from './page-helpers';

const KOHYA_LORA = join(goldenDir(), 'lora_kohya', 'lora.safetensors');
const SINGLE_FILE_MODEL = join(goldenDir(), 'models', 'sd15_tiny_single_file_fp16.safetensors');

/**
 * The artist's side end to end, in Debian's chromium against `npm start` in browser mode, on the
 * tiny golden model: one project from creation to a blended generation. The steps share one
 * page and build on each other, as an artist's session does.
 */
describe.skipIf(!hasChromium)('the studio pages in a real browser', () => {
  let dataDir: string;
  let sources: string;
  let studio: RunningStudio;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'styleinject-e2e-pages-'));
    sources = await mkdtemp(join(tmpdir(), 'styleinject-e2e-images-'));
    await writeStripesDataset(join(sources, 'folder', '2_stripes'), 3, 16);
    await writeFile(join(sources, 'folder', '2_stripes', 'broken.png'), Buffer.from('this is not a PNG'));
    await writeStripesDataset(join(sources, 'picked'), 1, 16);
    studio = await startStudio(dataDir);
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
    page.setDefaultTimeout(20_000);
    await page.goto(studio.url);
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(dataDir, { recursive: true, force: true });
    await rm(sources, { recursive: true, force: true });
  });

  it('projects: create, rename, back up the database, delete with confirmation; the last project reopens on start', async () => {
    await page.getByRole('heading', { name: 'Projects' }).waitFor();
    for (const name of ['Scratch', 'Ink study']) {
      await page.getByRole('link', { name: 'Projects' }).click();
      await fill(page, 'New project', name);
      await page.getByRole('button', { name: 'Create project' }).click();
      await page.waitForURL(/#\/p\/\d+\/dataset/);
    }
    await openPage(page, 'Projects');
    await page.getByRole('button', { name: 'Rename Scratch' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('Scratch pad');
    await page.getByRole('dialog').getByRole('button', { name: 'Rename' }).click();
    await page.getByTestId('project-card').filter({ hasText: 'Scratch pad' }).waitFor();
    await viewShot(page, 'projects');
    // A copy of the database while the studio runs.
    const backupPath = join(sources, 'backup.sqlite');
    await page.getByRole('button', { name: 'Back up database' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Save the copy as' }).fill(backupPath);
    await page.getByRole('dialog').getByRole('button', { name: 'Back up', exact: true }).click();
    await until(() => page.getByRole('alert').allTextContents(), (texts) => texts.some((t) => t.includes(`Database copied to ${backupPath}`)));
    expect((await stat(backupPath)).size).toBeGreaterThan(0);

    await page.getByRole('button', { name: 'Delete Scratch pad' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Delete project' }).click();
    await until(() => page.getByTestId('project-card').count(), (n) => n === 1);

    // Opening the studio again lands in the project used last.
    await page.getByRole('link', { name: 'Open', exact: true }).click();
    await page.waitForURL(/#\/p\/\d+\/dataset/);
    await page.goto(new URL(studio.url).origin + '/#/');
    await page.reload();
    await page.waitForURL(/#\/p\/\d+\/dataset/);
    await until(() => page.getByRole('combobox', { name: 'Open project' }).inputValue(), (name) => name === 'Ink study');
  });

  it('models: add by path (a wrong one explained), download by URL with Stop and resume, pair a tokenizer, add a community LoRA to the project', async () => {
    await openPage(page, 'Models');
    // A wrong path: the error says what is wrong and what to do, not a stack trace.
    await fill(page, 'File or folder', join(sources, 'no-such-model.safetensors'));
    await page.getByRole('button', { name: 'Add to library' }).click();
    const notice = await until(() => page.getByRole('alert').allTextContents(), (texts) => texts.some((t) => /Not found/.test(t)));
    expect(notice.join(' ')).toMatch(/Check the path/);
    expect(notice.join(' ')).not.toMatch(/\bat .*\.(ts|js):\d+/);

    await fill(page, 'File or folder', TINY_MODEL);
    await fill(page, 'Name (optional)', 'tiny SD 1.5');
    await page.getByRole('button', { name: 'Inspect' }).click();
    await until(() => page.getByTestId('inspect-result').textContent(), (t) => /diffusers folder/.test(t ?? '') && /Text context width\s*32/.test(t ?? ''));
    await page.getByRole('button', { name: 'Add to library' }).click();
    const item = page.getByTestId('model-item').filter({ hasText: 'tiny SD 1.5' });
    await item.getByRole('button').first().click();
    await until(() => item.textContent(), (t) => /SHA-256/.test(t ?? '') && /used where it lies/.test(t ?? ''));
    await item.getByRole('button').first().click();

    // A download: its progress, Stop, then Download again resumes and finishes it.
    const server = await serveSlowly(await readFile(SINGLE_FILE_MODEL), 2_000_000);
    try {
      const urlPanel = page.getByRole('tabpanel', { name: 'From a URL' });
      await page.getByRole('tab', { name: 'From a URL' }).click();
      await fill(page, 'Address', server.url);
      await fill(page, 'Name in the library (optional)', 'tiny single file');
      await urlPanel.getByRole('button', { name: 'Download' }).click();
      await until(() => urlPanel.getByTestId('job-progress').textContent(), (t) => /Downloading — [\d.]+ (KB|MB) of 4\.5 MB/.test(t ?? ''));
      await urlPanel.getByRole('button', { name: 'Stop' }).click();
      await until(() => urlPanel.textContent(), (t) => /Cancelled/.test(t ?? ''));
      await urlPanel.getByRole('button', { name: 'Download' }).click();
      await page.getByTestId('model-item').filter({ hasText: 'tiny single file' }).waitFor({ timeout: 60_000 });
    } finally {
      await server.close();
    }

    // A single file has no tokenizer: add one to the library and pair them.
    await page.getByRole('tab', { name: 'From this computer' }).click();
    await fill(page, 'File or folder', join(TINY_MODEL, 'tokenizer'));
    await fill(page, 'Name (optional)', 'CLIP tokenizer');
    await page.getByRole('button', { name: 'Add to library' }).click();
    const single = page.getByTestId('model-item').filter({ hasText: 'tiny single file' });
    await single.getByRole('button').first().click();
    await pick(page, 'Tokenizer', 'CLIP tokenizer', single);
    await until(() => single.getByRole('combobox', { name: 'Tokenizer' }).inputValue(), (v) => v === 'CLIP tokenizer');

    await fill(page, 'Adapter file', KOHYA_LORA);
    await fill(page, 'Adapter name (optional)', 'kohya');
    await page.getByRole('button', { name: 'Add to project' }).click();
    await until(() => page.getByTestId('project-adapters').textContent(), (t) => /kohya/.test(t ?? '') && /LoRA/.test(t ?? ''));
    await viewShot(page, 'models');
  });

  it('dataset: import a folder (the broken file listed with its reason), upload picked files, edit captions in bulk, filter, set a focus', async () => {
    await openPage(page, 'Dataset');
    await page.getByRole('button', { name: 'New dataset' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('stripes');
    await page.getByRole('dialog').getByRole('button', { name: 'Create dataset' }).click();
    await page.waitForURL(/dataset\/\d+/);

    await fill(page, 'Or a folder on this computer', join(sources, 'folder'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    const report = page.getByTestId('import-report');
    const reported = await until(() => report.textContent(), (t) => /Imported 3 images, skipped 1/.test(t ?? ''));
    expect(reported).toMatch(/broken\.png/);
    await until(() => page.getByTestId('dataset-item').count(), (n) => n === 3);

    // The file picker (browser mode uploads each file's bytes), an image with its caption file.
    await report.getByRole('button').click();
    await page.getByTestId('dataset-dropzone').locator('input[type=file]').setInputFiles([join(sources, 'picked', 'img0.png'), join(sources, 'picked', 'img0.txt')]);
    await until(() => page.getByTestId('import-report').textContent(), (t) => /Imported 1 image/.test(t ?? ''));
    await until(() => page.getByTestId('dataset-item').count(), (n) => n === 4);

    await page.getByRole('tab', { name: 'Captions' }).click();
    await fill(page, 'Trigger word', 'inkstyle');
    await page.getByRole('button', { name: 'Apply' }).click();
    const captions = page.getByRole('textbox', { name: /^Caption of image/ });
    await until(() => captions.evaluateAll((fields) => fields.map((f) => (f as HTMLTextAreaElement).value)), (values) => values.length === 4 && values.every((v) => v.startsWith('inkstyle')));
    await until(() => page.getByTestId('tag-list').textContent(), (t) => /inkstyle\s*4/.test(t ?? ''));

    // The picked image is the same file as an imported one: the duplicate filter finds it.
    await page.getByText(/^Duplicate \(1\)$/).click();
    await until(() => page.getByTestId('dataset-item').count(), (n) => n === 1);
    await page.getByText(/^Duplicate \(1\)$/).click();

    // Leave one out of training.
    await page.getByRole('button', { name: /^Exclude image \d+$/ }).last().click();
    await until(() => page.getByTestId('item-count').textContent(), (t) => /1 excluded/.test(t ?? ''));
    expect(await page.getByTestId('dataset-item').last().getAttribute('data-excluded')).toBe('true');

    await page.getByRole('button', { name: /Open image \d+ to set its crop focus/ }).first().click();
    const focusImage = page.getByTestId('focus-image');
    const box = await focusImage.boundingBox();
    await focusImage.click({ position: { x: (box?.width ?? 100) * 0.25, y: (box?.height ?? 100) * 0.5 } });
    await page.getByText(/Focus at 25% across, 50% down/).waitFor();
    await page.getByRole('button', { name: 'Done' }).click();
    await viewShot(page, 'dataset');
  });

  it('train: a short LoRA run shows its loss chart and a sample image; a checkpoint becomes an adapter', async () => {
    await openPage(page, 'Train');
    await fillTinyLoraRun(page, { name: 'short', steps: 4, checkpointEvery: 2, sampleEvery: 2 });
    await fill(page, 'Learning rate', 0.001);
    await fill(page, 'Sample prompts', 'inkstyle stripes');
    await screenshot(page, 'train-new-run');
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForURL(/train\/\d+/);
    await until(() => page.getByTestId('line-chart').first().getAttribute('data-points'), (n) => Number(n) >= 1);
    await until(() => page.getByTestId('run-status').first().textContent(), (s) => s === 'completed', 120_000);
    expect(await monitorStep(page)).toBe(4);
    await until(() => page.getByTestId('line-chart').first().getAttribute('data-points'), (n) => Number(n) === 4);
    await until(() => imagesLoaded(page.getByTestId('checkpoint-row').first()), (ok) => ok);
    expect(await page.getByTestId('checkpoint-row').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-step')))).toEqual(['4', '2']);

    await page.getByTestId('checkpoint-row').first().getByRole('button', { name: 'Use this checkpoint' }).click();
    await page.getByTestId('checkpoint-row').first().getByText('In this project’s adapters').waitFor();
    await viewShot(page, 'train');
  });

  it('train: reloading the page in the middle of a run brings the monitor back where the run is, live; stop and resume', async () => {
    await page.getByRole('link', { name: 'New run' }).click();
    await fillTinyLoraRun(page, { name: 'long', steps: 400, checkpointEvery: 100, sampleEvery: 0 });
    await page.getByRole('button', { name: 'Start training' }).click();
    await page.waitForURL(/train\/\d+/);
    const runUrl = page.url();
    const before = await until(() => monitorStep(page), (step) => step >= 3, 120_000);

    await page.reload();
    await page.getByTestId('run-monitor').waitFor();
    expect(page.url()).toBe(runUrl);
    expect(await page.getByTestId('run-status').first().textContent()).toBe('running');
    // What was recorded is back at once, and live steps keep arriving after the reload.
    const after = await until(() => monitorStep(page), (step) => step >= before);
    await until(() => monitorStep(page), (step) => step > after);
    await until(() => page.getByTestId('line-chart').first().getAttribute('data-points'), (n) => Number(n) > before);
    await until(() => page.getByTestId('stat-steps-s').textContent(), (t) => t !== '—');

    await page.getByRole('button', { name: 'Stop' }).first().click();
    await until(() => page.getByTestId('run-status').first().textContent(), (s) => s === 'cancelled');
    await page.getByRole('button', { name: 'Resume' }).click();
    await until(() => page.getByTestId('run-status').first().textContent(), (s) => s === 'running');
    await page.getByRole('button', { name: 'Stop' }).first().click();
    await until(() => page.getByTestId('run-status').first().textContent(), (s) => s === 'cancelled');
  });

  it('generate: two adapters blended, the A/B view, a cancelled generation, and a PNG read back', async () => {
    await openPage(page, 'Generate');
    await fill(page, 'Prompt', 'a striped cat, (ink:1.2)');
    await pick(page, 'Add an adapter to the blend', /short @ 4/);
    await pick(page, 'Add an adapter to the blend', 'kohya');
    await fill(page, 'Weight of kohya (number)', 0.7);
    await fill(page, 'Steps', 3);
    await fill(page, 'Width', 64);
    await fill(page, 'Height', 64);
    await fill(page, 'Seed', 7);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const card = page.getByTestId('generation-card').first();
    await until(() => imagesLoaded(card), (ok) => ok, 120_000);
    const text = (await card.textContent()) ?? '';
    expect(text).toMatch(/short @ 4 1/);
    expect(text).toMatch(/kohya 0\.7/);
    expect(text).toMatch(/seed 7/);
    expect(await card.getByTestId('generated-image').evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([64, 64]);
    await viewShot(page, 'generate');

    await page.getByRole('tab', { name: 'A / B' }).click();
    await pick(page, 'Adapter to compare', /kohya/);
    await page.getByRole('button', { name: 'Compare A / B' }).click();
    await until(() => page.getByTestId('ab-image').count(), (n) => n === 2, 120_000);
    await until(() => imagesLoaded(page.getByTestId('ab-with')), (ok) => ok);
    await until(() => imagesLoaded(page.getByTestId('ab-without')), (ok) => ok);
    await viewShot(page, 'generate-ab');

    // A long one, stopped while it denoises.
    await page.getByRole('tab', { name: 'Results' }).click();
    await fill(page, 'Steps', 150);
    await fill(page, 'Width', 128);
    await fill(page, 'Height', 128);
    await page.getByRole('button', { name: 'Generate', exact: true }).click();
    const running = page.getByTestId('generation-job').first();
    await until(() => running.textContent(), (t) => /Denoising/.test(t ?? ''));
    await running.getByTestId('live-preview').waitFor();
    await running.getByRole('button', { name: 'Stop' }).click();
    await until(() => running.textContent(), (t) => /Cancelled/.test(t ?? ''));

    // A PNG's parameters back into the form.
    const generated = await findFile(join(dataDir, 'projects'), /\.png$/, 'generations');
    await page.getByRole('tab', { name: 'Read a PNG' }).click();
    await fill(page, 'Prompt', '');
    await dropFile(page, page.getByTestId('png-dropzone'), generated, 'image/png');
    await until(() => page.getByTestId('png-parameters').textContent(), (t) => /a striped cat/.test(t ?? '') && /Seed\s*7/.test(t ?? ''));
    await viewShot(page, 'generate-png');
    await page.getByRole('button', { name: 'Use these settings' }).click();
    expect(await page.getByRole('textbox', { name: 'Prompt', exact: true }).inputValue()).toBe('a striped cat, (ink:1.2)');
    expect(await page.getByRole('textbox', { name: 'Steps', exact: true }).inputValue()).toBe('3');
  });

  it('keyboard: Tab walks the controls, and the focused one shows a ring', async () => {
    // Without transitions, a field's focused border can be read at once.
    await page.addStyleTag({ content: '*, *::before, *::after { transition: none !important; }' });
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    const seen: string[] = [];
    for (let i = 0; i < 8; i++) {
      await page.keyboard.press('Tab');
      const focused = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const style = getComputedStyle(el);
        const name = el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
        if (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) return { name, ring: true };
        // Text fields show focus by their border instead of an outline.
        const focusedBorder = style.borderColor;
        el.blur();
        const restingBorder = getComputedStyle(el).borderColor;
        el.focus();
        return { name, ring: focusedBorder !== restingBorder };
      });
      expect(focused.ring, `focus ring on ${focused.name}`).toBe(true);
      seen.push(focused.name);
    }
    expect(seen).toEqual(expect.arrayContaining(['Open project', 'Projects', 'Models']));
  });

  it('dataset: the grid draws only the rows in view, however many images there are', async () => {
    await writeStripesDataset(join(sources, 'many'), 60, 16);
    await openPage(page, 'Dataset');
    await page.getByRole('button', { name: 'New dataset' }).click();
    await page.getByRole('dialog').getByRole('textbox', { name: 'Name' }).fill('many');
    await page.getByRole('dialog').getByRole('button', { name: 'Create dataset' }).click();
    await page.getByRole('tab', { name: 'Import' }).click();
    await fill(page, 'Or a folder on this computer', join(sources, 'many'));
    await page.getByRole('button', { name: 'Import', exact: true }).click();
    await until(() => page.getByTestId('item-count').textContent(), (t) => /^60 images/.test(t ?? ''), 90_000);
    const drawnIds = () => page.getByRole('textbox', { name: /^Caption of image/ }).evaluateAll((fields) => fields.map((f) => Number(f.getAttribute('aria-label')?.split(' ').pop())));
    const top = await drawnIds();
    expect(top.length).toBeGreaterThan(0);
    expect(top.length).toBeLessThan(30);
    await page.getByTestId('item-grid').evaluate((grid) => grid.scrollTo(0, grid.scrollHeight));
    const bottom = await until(drawnIds, (ids) => Math.min(...ids) > Math.max(...top));
    expect(bottom.length).toBeLessThan(30);
  });
});

/** The new-run form for a LoRA on the tiny model: rank 2 at 16 px, seconds per run on a CPU. */
async function fillTinyLoraRun(page: Page, run: { name: string; steps: number; checkpointEvery: number; sampleEvery: number }): Promise<void> {
  await page.getByLabel('Method preset').getByText('LoRA', { exact: true }).click();
  await pick(page, 'Dataset', /stripes/);
  await pick(page, 'Base model', /tiny SD 1\.5/);
  await fill(page, 'Run name', run.name);
  await fill(page, 'Steps', run.steps);
  await fill(page, 'Resolution (px)', 16);
  await page.getByRole('button', { name: 'Adapter', exact: true }).click();
  await fill(page, 'Rank', 2);
  await page.getByRole('button', { name: 'Checkpoints and samples' }).click();
  await fill(page, 'Checkpoint every', run.checkpointEvery);
  await fill(page, 'Samples every', run.sampleEvery);
}

/** The first file under `dir` whose name matches, inside a folder named `folder`. */
async function findFile(dir: string, name: RegExp, folder: string): Promise<string> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const found = entries.find((e) => e.isFile() && name.test(e.name) && e.parentPath.split(/[\\/]/).includes(folder));
  if (!found) throw new Error(`no ${name} file under ${dir}/**/${folder}`);
  return join(found.parentPath, found.name);
}
