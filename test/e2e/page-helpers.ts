import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './launch';

/** Waits until `read` gives a value `accept` takes (the page updates from events, not at once); returns it. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = 60_000): Promise<T> {
  let last: T | undefined;
  const deadline = Date.now() + timeout;
  for (;;) {
    last = await read().catch(() => undefined);
    if (last !== undefined && accept(last)) return last;
    if (Date.now() > deadline) throw new Error(`still not there after ${timeout} ms; last seen: ${JSON.stringify(last)?.slice(0, 500)}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Chooses an option of a Mantine Select by the field's label (inside `scope` when several share it); its list opens on the page. */
export async function pick(page: Page, label: string, option: string | RegExp, scope: Page | Locator = page): Promise<void> {
  await scope.getByRole('combobox', { name: label, exact: true }).click();
  await page.getByRole('option', { name: option }).first().click();
}

/** Replaces a field's text (NumberInput, TextInput, Textarea) by its accessible name (a required field's asterisk is not part of it). */
export async function fill(page: Page, label: string, value: string | number): Promise<void> {
  const field = page.getByRole('textbox', { name: label, exact: true });
  await field.fill(String(value));
  await field.blur();
}

export async function openPage(page: Page, name: 'Projects' | 'Models' | 'Dataset' | 'Train' | 'Generate' | 'Router'): Promise<void> {
  await page.getByRole('navigation', { name: 'Pages' }).getByRole('link', { name, exact: true }).click();
  await page.getByRole('heading', { level: 2, name }).waitFor();
}

/** True once every <img> in `scope` has loaded real pixels (not a broken or empty image). */
export async function imagesLoaded(scope: Locator): Promise<boolean> {
  const images = await scope.locator('img').all();
  if (images.length === 0) return false;
  for (const image of images) {
    if (!(await image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0))) return false;
  }
  return true;
}

/** The step shown on the run monitor ("Step 12 of 200"). */
export async function monitorStep(page: Page): Promise<number> {
  const text = (await page.getByTestId('run-step').textContent()) ?? '';
  return Number(/Step (\d+)/.exec(text)?.[1] ?? -1);
}

/** A screenshot of what the artist sees (the viewport), without the notifications of earlier steps over it. */
export async function viewShot(page: Page, name: string): Promise<void> {
  for (const close of await page.locator('.mantine-Notifications-root [role=alert] button').all()) await close.click();
  await page.locator('.mantine-Notifications-root [role=alert]').first().waitFor({ state: 'detached' });
  await screenshot(page, name, { fullPage: false });
}

/** Drags a file from outside the browser onto `target`, as the desktop does (the browser's own drag events, a real File). */
export async function dropFile(page: Page, target: Locator, path: string, type: string): Promise<void> {
  const data = (await readFile(path)).toString('base64');
  const transfer = await page.evaluateHandle(
    ({ data, name, type }) => {
      const bytes = Uint8Array.from(atob(data), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], name, { type }));
      return dt;
    },
    { data, name: basename(path), type },
  );
  for (const event of ['dragenter', 'dragover', 'drop']) await target.dispatchEvent(event, { dataTransfer: transfer });
}

/** Where on the page a point of the canvas plot inside `plot` is drawn: a pixel that is neither the background nor the frame. */
export async function drawnPoint(plot: Locator): Promise<{ x: number; y: number }> {
  const found = await plot.locator('canvas').first().evaluate((canvas: HTMLCanvasElement) => {
    const { data, width, height } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
    const at = (x: number, y: number) => (y * width + x) * 4;
    const background = data.slice(at(4, 4), at(4, 4) + 3).join();
    for (let y = 4; y < height - 4; y++) {
      for (let x = 4; x < width - 4; x++) {
        if (data.slice(at(x, y), at(x, y) + 3).join() !== background) {
          const r = canvas.getBoundingClientRect();
          return { x: r.left + ((x + 2) * r.width) / width, y: r.top + ((y + 2) * r.height) / height };
        }
      }
    }
    return null;
  });
  if (!found) throw new Error('the plot has no point drawn');
  return found;
}

/** Runs `action`, which makes the page download a file, and saves that file into `dir`; returns its path. */
export async function saveDownload(page: Page, action: () => Promise<unknown>, dir: string): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), action()]);
  const path = join(dir, download.suggestedFilename());
  await download.saveAs(path);
  return path;
}
