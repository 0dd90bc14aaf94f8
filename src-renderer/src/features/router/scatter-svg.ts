import { PLOT_BACKGROUND, PLOT_FRAME, POINT_OPACITY, pixelPositions, type PlotBox } from './draw-scatter';
import type { Legend, ScatterModel } from './scatter-model';

const NS = 'http://www.w3.org/2000/svg';
const SIZE = { width: 1000, height: 720 };
const BOX: PlotBox = { left: 24, top: 84, width: 700, height: 612 };
const LEGEND_X = BOX.left + BOX.width + 28;
const ROW = 20;
const FONT = 'Inter, DejaVu Sans, Helvetica, Arial, sans-serif';
const TEXT = '#c1c2c5';
const DIMMED = '#909296';

export const SVG_SIZE = SIZE;

/**
 * The plot as a vector drawing: the same points, colours and legend as on screen (each point a
 * circle), with a title and a line saying what was embedded. Built with the DOM's own SVG
 * elements, so text is escaped by the serializer.
 */
export function scatterSvg(model: ScatterModel, title: string, subtitle: string): string {
  const svg = document.createElementNS(NS, 'svg');
  attrs(svg, { xmlns: NS, width: SIZE.width, height: SIZE.height, viewBox: `0 0 ${SIZE.width} ${SIZE.height}`, 'font-family': FONT });
  add(svg, 'rect', { width: SIZE.width, height: SIZE.height, fill: PLOT_BACKGROUND });
  label(svg, BOX.left, 36, title, { size: 18, weight: 'bold' });
  label(svg, BOX.left, 60, subtitle, { size: 12, fill: DIMMED });
  add(svg, 'rect', { x: BOX.left - 0.5, y: BOX.top - 0.5, width: BOX.width + 1, height: BOX.height + 1, fill: 'none', stroke: PLOT_FRAME });
  const px = pixelPositions(model, BOX);
  const points = add(svg, 'g', { 'fill-opacity': POINT_OPACITY });
  for (let i = 0; i < model.count; i++) add(points, 'circle', { cx: round(px[i * 2]), cy: round(px[i * 2 + 1]), r: model.radius, fill: model.colours[model.colourOf[i]] });
  legend(svg, model.legend);
  return new XMLSerializer().serializeToString(svg);
}

function legend(svg: SVGElement, legend: Legend): void {
  if (legend.kind === 'ramp') {
    const defs = add(svg, 'defs', {});
    const gradient = add(defs, 'linearGradient', { id: 'ramp', x1: 0, x2: 0, y1: 0, y2: 1 });
    legend.colours.forEach((colour, i) => add(gradient, 'stop', { offset: legend.colours.length === 1 ? 0 : i / (legend.colours.length - 1), 'stop-color': colour }));
    add(svg, 'rect', { x: LEGEND_X, y: BOX.top, width: 16, height: 200, fill: 'url(#ramp)' });
    label(svg, LEGEND_X + 24, BOX.top + 10, legend.first, {});
    label(svg, LEGEND_X + 24, BOX.top + 200, legend.last, {});
    return;
  }
  const fits = Math.floor(BOX.height / ROW);
  const shown = legend.entries.length > fits ? legend.entries.slice(0, fits - 1) : legend.entries;
  shown.forEach((entry, i) => {
    const y = BOX.top + 8 + i * ROW;
    add(svg, 'circle', { cx: LEGEND_X + 6, cy: y, r: 6, fill: entry.colour });
    label(svg, LEGEND_X + 18, y + 4, ellipsis(entry.label, 30), { size: 12 });
  });
  if (shown.length < legend.entries.length) label(svg, LEGEND_X, BOX.top + 8 + shown.length * ROW + 4, `+ ${legend.entries.length - shown.length} more`, { size: 12, fill: DIMMED });
}

const round = (v: number) => Math.round(v * 100) / 100;
const ellipsis = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

function attrs(element: Element, values: Record<string, string | number>): void {
  for (const [name, value] of Object.entries(values)) element.setAttribute(name, String(value));
}

function add(parent: Element, name: string, values: Record<string, string | number>): SVGElement {
  const element = document.createElementNS(NS, name);
  attrs(element, values);
  parent.appendChild(element);
  return element;
}

function label(parent: Element, x: number, y: number, content: string, { size = 12, weight, fill = TEXT }: { size?: number; weight?: 'bold'; fill?: string }): void {
  const element = add(parent, 'text', { x, y, 'font-size': size, fill, ...(weight && { 'font-weight': weight }) });
  element.textContent = content;
}
