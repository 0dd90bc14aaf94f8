import { shortLayerName } from '../../engine';
import { viridis } from './colours';
import { rect, svgDocument, text } from './svg';

export interface LayerHeatmaps {
  layers: readonly string[];
  /** [layer][step][branch] mean route probabilities. */
  meanByStep: readonly (readonly (readonly number[])[])[];
  title: string;
}

const CELL = { width: 200, height: 150, plotWidth: 170, plotHeight: 100 };
const MARGIN = { left: 20, top: 70 };
const COLUMNS = 6;

/**
 * One small heat map per layer, branches down and denoising steps across, on one colour scale
 * for all layers (0 to the largest mean), so layers compare at a glance.
 */
export function heatmapsSvg(plot: LayerHeatmaps): string {
  const max = Math.max(1e-9, ...plot.meanByStep.flat(2));
  const columns = Math.min(COLUMNS, plot.layers.length);
  const rows = Math.ceil(plot.layers.length / columns);
  const width = MARGIN.left * 2 + columns * CELL.width;
  const height = MARGIN.top + rows * CELL.height + 50;
  const body = [text(MARGIN.left, 30, plot.title, { size: 18, weight: 'bold' }), text(MARGIN.left, 52, 'rows: branches (0 at the top); columns: denoising steps (first at the left)', { size: 12, fill: '#555555' })];
  plot.layers.forEach((layer, l) => {
    const x0 = MARGIN.left + (l % columns) * CELL.width;
    const y0 = MARGIN.top + Math.floor(l / columns) * CELL.height;
    const steps = plot.meanByStep[l];
    const k = steps[0]?.length ?? 0;
    const w = CELL.plotWidth / Math.max(1, steps.length);
    const h = CELL.plotHeight / Math.max(1, k);
    body.push(text(x0, y0 + 12, shortLayerName(layer), { size: 11 }));
    steps.forEach((branches, s) => branches.forEach((p, j) => body.push(rect(x0 + s * w, y0 + 18 + j * h, w + 0.3, h + 0.3, viridis(p / max)))));
  });
  // The colour bar: what a colour means, once for all layers.
  const barY = height - 32;
  for (let i = 0; i < 100; i++) body.push(rect(MARGIN.left + i * 2, barY, 2.2, 12, viridis(i / 99)));
  body.push(text(MARGIN.left, barY + 26, '0', { size: 11 }), text(MARGIN.left + 200, barY + 26, max.toFixed(3), { size: 11, anchor: 'end' }), text(MARGIN.left + 215, barY + 10, 'mean route probability', { size: 11 }));
  return svgDocument(width, height, body);
}
