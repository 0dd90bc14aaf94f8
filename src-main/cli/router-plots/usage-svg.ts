import { branchRoles, shortLayerName } from '../../engine';
import { categoryColours } from './colours';
import { rect, svgDocument, text } from './svg';

export interface BranchUsage {
  layers: readonly string[];
  /** [layer][branch]: mean route probability over images and steps (each row sums to 1). */
  usage: readonly (readonly number[])[];
  title: string;
}

const ROW = 22;
const LABEL_WIDTH = 190;
const BAR_WIDTH = 560;
const MARGIN = { left: 20, top: 90 };

/**
 * One stacked bar per layer: how the routes split among the K branches on average. A wide
 * segment is a dominant branch; branches below a tenth of 1/K are named as dead.
 */
export function usageSvg(plot: BranchUsage): string {
  const k = plot.usage[0]?.length ?? 0;
  const colours = categoryColours(k);
  const width = MARGIN.left + LABEL_WIDTH + BAR_WIDTH + 200;
  const height = MARGIN.top + plot.layers.length * ROW + 20;
  const body = [
    text(MARGIN.left, 30, plot.title, { size: 18, weight: 'bold' }),
    text(MARGIN.left, 52, `share of each branch per layer (K = ${k}); a fair share is 1/K = ${(1 / Math.max(1, k)).toFixed(3)}`, { size: 12, fill: '#555555' }),
    ...colours.flatMap((c, j) => [rect(MARGIN.left + LABEL_WIDTH + j * 34, 62, 12, 12, c), text(MARGIN.left + LABEL_WIDTH + j * 34 + 15, 72, String(j), { size: 10 })]),
  ];
  plot.layers.forEach((layer, l) => {
    const y = MARGIN.top + l * ROW;
    body.push(text(MARGIN.left, y + 14, shortLayerName(layer), { size: 11 }));
    let x = MARGIN.left + LABEL_WIDTH;
    plot.usage[l].forEach((share, j) => {
      body.push(rect(x, y + 3, share * BAR_WIDTH, ROW - 6, colours[j]));
      x += share * BAR_WIDTH;
    });
    const { top, topShare, even, dead } = branchRoles(plot.usage[l]);
    const note = `${even ? 'even' : `top ${top} (${topShare.toFixed(2)})`}${dead.length ? `; dead ${dead.join(', ')}` : ''}`;
    body.push(text(MARGIN.left + LABEL_WIDTH + BAR_WIDTH + 10, y + 14, note, { size: 11, fill: '#555555' }));
  });
  return svgDocument(width, height, body);
}
