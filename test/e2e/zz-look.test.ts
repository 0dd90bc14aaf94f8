import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { it } from 'vitest';
import { launchChromium, startStudio } from '/work/wt-pages/test/e2e/launch';

it('look', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'dbg-'));
  const studio = await startStudio(dataDir);
  const browser = await launchChromium();
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  page.on('console', (m) => console.log('console:', m.text()));
  page.on('pageerror', (e) => console.log('pageerror:', e.message));
  await page.goto(studio.url);
  await page.waitForTimeout(5000);
  await page.screenshot({ path: '/tmp/dbg/start.png' });
  console.log(await page.locator('body').ariaSnapshot());
  await browser.close();
  await studio.stop();
});
