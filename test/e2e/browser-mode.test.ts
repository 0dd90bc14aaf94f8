import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, screenshot, startStudio, type RunningStudio } from './launch';

describe.skipIf(!hasChromium)('npm start in browser mode (Debian chromium)', () => {
  let dataDir: string;
  let studio: RunningStudio;
  let browser: Browser;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'styleinject-e2e-start-'));
    studio = await startStudio(dataDir);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await studio?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('prints a loopback address with a token, and the page opens the studio with it', async () => {
    expect(studio.output()).toMatch(/browser mode/);
    const page = await browser.newPage();
    await page.goto(studio.url);
    await expect.poll(() => page.locator('[data-testid="backend"]').textContent(), { timeout: 60_000 }).toMatch(/backend wasm/);
    // The token leaves the address bar once the page holds it.
    expect(page.url()).not.toContain('token=');
    await screenshot(page, 'shell');
    await page.close();
  });

  it('refuses the page its data without the token', async () => {
    const page = await browser.newPage();
    await page.goto(new URL(studio.url).origin);
    await expect.poll(() => page.getByRole('alert').textContent()).toMatch(/address the studio printed/);
    await page.close();
  });
});
