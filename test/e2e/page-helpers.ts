import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { screenshot } from './launch';

/** Waits until `read` gives a value `accept` takes (the page updates from events, not at once); returns it. */
export async function until<T>(read: () => Promise<T>, accept: (value: T) => boolean, timeout = 60_000): Promise<T> {
  let last: T | undefined;
  await expect
    .poll(
      async () => {
        last = await read();
        return accept(last);
      },
      { timeout, interval: 250 },
    )
    .toBe(true);
  return last as T;
}

/** Chooses an option of a Mantine Select by the field's label, with the keyboard-reachable listbox. */
export async function pick(page: Page, label: string, option: string | RegExp): Promise<void> {
  await page.getByRole('combobox', { name: label, exact: true }).click();
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
