import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { build, type Rolldown } from 'vite';

/** What drawing the map of routes measured in the browser (the bench prints it; the test checks the drawing). */
export interface ScatterFigures {
  /** Full redraws (every point, flushed to pixels), in milliseconds each. */
  drawMs: number[];
  /** One nearest-point lookup, as a hover makes it. */
  hoverMs: number;
  /** Lookups that found a point within 10 px (1,000 made). */
  hoverHits: number;
  modelMs: number;
  svgMs: number;
  svgCircles: number;
  /** Canvas pixels that are not the background. */
  coloured: number;
}

/** The Router page's plot code (scatter-draw-entry.ts) bundled as a script for a blank page. */
async function plotScript(): Promise<string> {
  const out = await build({ configFile: false, logLevel: 'silent', build: { write: false, minify: false, lib: { entry: join(import.meta.dirname, 'scatter-draw-entry.ts'), formats: ['iife'], name: 'ScatterDraw' } } });
  return ((Array.isArray(out) ? out[0] : out) as Rolldown.RolldownOutput).output[0].code;
}

/** A blank page holding a 1000x560 canvas and the page's plot code. */
export async function openPlotPage(browser: Browser): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 1440, height: 900 } });
  await page.setContent('<canvas id="plot" style="width: 1000px; height: 560px"></canvas>');
  await page.addScriptTag({ content: await plotScript() });
  // tsx (the bench's runner) names functions with an `__name` helper that page.evaluate's source carries along.
  await page.addScriptTag({ content: 'window.__name = (target) => target;' });
  return page;
}

/**
 * Draws `count` points (count / 20 images x 20 steps, 8 themes, K = 16) with the page's own
 * code, 5 times per colouring, then looks up 1,000 random hovers and exports the SVG.
 */
export function drawScatter(page: Page, count: number): Promise<ScatterFigures> {
  return page.evaluate((count) => {
    const S = (window as unknown as { ScatterDraw: typeof import('./scatter-draw-entry') }).ScatterDraw;
    // Seeded clusters: a theme per cluster, steps drifting along it, as a trained router's map looks.
    let seed = 7;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    const steps = 20;
    const images = Array.from({ length: count / steps }, (_, i) => ({ prompt: `prompt ${i % 32}`, theme: `theme ${i % 8}`, seed: i, media: '', generationId: i, position: i, file: '' }));
    const sources = images.flatMap((_, image) => Array.from({ length: steps }, (_, step) => ({ image, step })));
    const points = sources.map(({ image, step }): [number, number] => {
      const angle = ((image % 8) / 8) * 2 * Math.PI;
      return [Math.cos(angle) * 10 + step * 0.2 + random() * 3, Math.sin(angle) * 10 + random() * 3];
    });
    const view = { points, sources, dominant: sources.map(() => Math.floor(random() * 16)) };
    const study = { images, steps, k: 16 } as never;

    let started = performance.now();
    const model = S.scatterModel(study, view, 'theme');
    const modelMs = performance.now() - started;

    const canvas = document.getElementById('plot') as HTMLCanvasElement;
    canvas.width = 1000;
    canvas.height = 560;
    const ctx = canvas.getContext('2d')!;
    const size = { width: 1000, height: 560 };
    const drawMs: number[] = [];
    for (const colourBy of ['theme', 'prompt', 'step', 'dominant', 'theme'] as const) {
      const m = S.scatterModel(study, view, colourBy);
      const px = S.pixelPositions(m, S.plotBox(size.width, size.height));
      const groups = S.pointsByColour(m);
      for (let run = 0; run < 5; run++) {
        started = performance.now();
        S.drawScatter(ctx, m, px, groups, size);
        ctx.getImageData(0, 0, 1, 1); // reading a pixel makes the canvas raster what it recorded
        drawMs.push(performance.now() - started);
      }
    }
    const { data } = ctx.getImageData(0, 0, size.width, size.height);
    let coloured = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i] !== 0x1a || data[i + 1] !== 0x1b || data[i + 2] !== 0x1e) coloured++;

    const px = S.pixelPositions(model, S.plotBox(size.width, size.height));
    const tree = S.quadtree<number>()
      .x((i) => px[i * 2])
      .y((i) => px[i * 2 + 1])
      .addAll(Array.from({ length: count }, (_, i) => i));
    let hoverHits = 0;
    started = performance.now();
    for (let i = 0; i < 1000; i++) if (tree.find(random() * size.width, random() * size.height, 10) !== undefined) hoverHits++;
    const hoverMs = (performance.now() - started) / 1000;

    started = performance.now();
    const svg = S.scatterSvg(model, 'synthetic', `${count} points`);
    const svgMs = performance.now() - started;
    return { drawMs, hoverMs, hoverHits, modelMs, svgMs, svgCircles: svg.match(/<circle /g)?.length ?? 0, coloured };
  }, count);
}

/** The median and the 90th percentile of a list. */
export function medianAndP90(values: number[]): { median: number; p90: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { median: sorted[Math.floor(sorted.length / 2)], p90: sorted[Math.floor(sorted.length * 0.9)] };
}
