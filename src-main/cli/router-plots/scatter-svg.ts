import { categoryColours } from './colours';
import { num, rect, svgDocument, text } from './svg';

export interface ScatterPlot {
  /** [x, y] per point. */
  points: readonly (readonly number[])[];
  /** The category each point is coloured by (its theme). */
  labels: readonly string[];
  title: string;
  subtitle?: string;
}

const WIDTH = 960;
const HEIGHT = 720;
const PLOT = { left: 30, top: 80, right: 700, bottom: 690 };

/**
 * The embedding as a scatter plot, one colour per category with a legend. The axes of t-SNE and
 * UMAP carry no meaning, so only a frame is drawn; the data fills it with a 4% margin.
 */
export function scatterSvg(plot: ScatterPlot): string {
  const categories = [...new Set(plot.labels)];
  const colours = new Map(categoryColours(categories.length).map((c, i) => [categories[i], c]));
  const xs = plot.points.map((p) => p[0]);
  const ys = plot.points.map((p) => p[1]);
  const scale = (values: number[], from: number, to: number) => {
    const lo = Math.min(...values);
    const span = Math.max(...values) - lo || 1;
    return (v: number) => from + (to - from) * (0.04 + (0.92 * (v - lo)) / span);
  };
  const sx = scale(xs, PLOT.left, PLOT.right);
  const sy = scale(ys, PLOT.bottom, PLOT.top); // SVG y grows downwards
  const radius = plot.points.length > 3000 ? 1.6 : plot.points.length > 500 ? 2.5 : 4;
  const body = [
    text(PLOT.left, 30, plot.title, { size: 18, weight: 'bold' }),
    ...(plot.subtitle ? [text(PLOT.left, 54, plot.subtitle, { size: 12, fill: '#555555' })] : []),
    rect(PLOT.left, PLOT.top, PLOT.right - PLOT.left, PLOT.bottom - PLOT.top, 'none', 'stroke="#cccccc"'),
    ...plot.points.map((p, i) => `<circle cx="${num(sx(p[0]))}" cy="${num(sy(p[1]))}" r="${radius}" fill="${colours.get(plot.labels[i])}" fill-opacity="0.75"/>`),
    ...categories.flatMap((category, i) => {
      const y = PLOT.top + 10 + i * 22;
      return [`<circle cx="${PLOT.right + 30}" cy="${y}" r="6" fill="${colours.get(category)}"/>`, text(PLOT.right + 44, y + 4, category, { size: 13 })];
    }),
  ];
  return svgDocument(WIDTH, HEIGHT, body);
}
