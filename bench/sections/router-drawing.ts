import { hasChromium, launchChromium } from '../../test/e2e/launch';
import { drawScatter, medianAndP90, openPlotPage } from '../../test/e2e/scatter-draw-run';
import type { BenchRow, BenchSection } from '../section';

const SECTION = 'router-drawing';
const POINTS = 10_000;

/** The Router page's map of routes with 10,000 points, drawn by its own code in Debian's chromium (software raster). */
async function run(): Promise<BenchRow[]> {
  if (!hasChromium) {
    console.error(`[bench] ${SECTION}: skipped (Debian's chromium is not installed)`);
    return [];
  }
  const browser = await launchChromium();
  try {
    const figures = await drawScatter(await openPlotPage(browser), POINTS);
    const { median, p90 } = medianAndP90(figures.drawMs);
    console.log(
      `[${SECTION}] ${POINTS} points: full redraw median ${median.toFixed(1)} ms, 90th percentile ${p90.toFixed(1)} ms over ${figures.drawMs.length} draws (one 60 Hz frame is 16.7 ms); ` +
        `hover lookup ${(figures.hoverMs * 1000).toFixed(1)} µs; colouring model ${figures.modelMs.toFixed(1)} ms; SVG export ${figures.svgMs.toFixed(0)} ms`,
    );
    const row = (op: string, ms: number, runs: number): BenchRow => ({ section: SECTION, backend: 'chromium canvas', op, shape: `${POINTS} points`, gflop: 0, medianMs: ms, gflops: 0, runs });
    return [row('full redraw', median, figures.drawMs.length), row('hover lookup', figures.hoverMs, 1000), row('SVG export', figures.svgMs, 1)];
  } finally {
    await browser.close();
  }
}

export const section: BenchSection = {
  name: SECTION,
  description: "the Router page's map of routes with 10,000 points drawn in Debian's chromium: redraw, hover lookup, SVG export",
  run,
};
