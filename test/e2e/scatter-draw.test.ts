import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from './launch';
import { drawScatter, openPlotPage } from './scatter-draw-run';

const POINTS = 10_000;

/**
 * The map of routes with 10,000 points (500 images x 20 steps, 8 themes, K = 16) drawn by the
 * page's own code in Debian's chromium. How fast it draws is measured by `npm run bench -- --only router-drawing`.
 */
describe.skipIf(!hasChromium)('the map of routes with 10,000 points', () => {
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    browser = await launchChromium();
    page = await openPlotPage(browser);
  });
  afterAll(async () => {
    await browser?.close();
  });

  it('draws every point on the canvas, finds hovered points, and exports all of them as SVG', async () => {
    const figures = await drawScatter(page, POINTS);
    expect(figures.drawMs).toHaveLength(25);
    expect(figures.coloured).toBeGreaterThan(10_000); // the points are on the canvas, not only recorded
    expect(figures.hoverHits).toBeGreaterThan(0); // random hovers over clustered points: some land within 10 px
    expect(figures.hoverHits).toBeLessThan(1000); // and some land on empty canvas
    expect(figures.svgCircles).toBe(POINTS + 8); // every point, and the legend's 8 swatches
  });
});
