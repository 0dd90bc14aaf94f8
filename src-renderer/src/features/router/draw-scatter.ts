import type { ScatterModel } from './scatter-model';

/** Where the points go inside a canvas or SVG of this size (CSS pixels). */
export interface PlotBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

export const plotBox = (width: number, height: number, inset = 6): PlotBox => ({ left: inset, top: inset, width: Math.max(1, width - 2 * inset), height: Math.max(1, height - 2 * inset) });

/** Each point's position in the box, x then y (y down, as canvas and SVG count). */
export function pixelPositions(model: ScatterModel, box: PlotBox): Float32Array {
  const px = new Float32Array(model.count * 2);
  for (let i = 0; i < model.count; i++) {
    px[i * 2] = box.left + model.xy[i * 2] * box.width;
    px[i * 2 + 1] = box.top + (1 - model.xy[i * 2 + 1]) * box.height;
  }
  return px;
}

/** Point indices per colour: one path and one fill per colour is what keeps 10,000 points cheap. */
export function pointsByColour(model: ScatterModel): Uint32Array[] {
  const counts = new Array<number>(model.colours.length).fill(0);
  for (const c of model.colourOf) counts[c]++;
  const groups = counts.map((n) => new Uint32Array(n));
  const filled = new Array<number>(model.colours.length).fill(0);
  model.colourOf.forEach((c, i) => (groups[c][filled[c]++] = i));
  return groups;
}

export const POINT_OPACITY = 0.8;
export const PLOT_BACKGROUND = '#1a1b1e';
export const PLOT_FRAME = '#373a40';

/** The frame and every point, onto a context already scaled to CSS pixels. */
export function drawScatter(ctx: CanvasRenderingContext2D, model: ScatterModel, px: Float32Array, groups: readonly Uint32Array[], size: { width: number; height: number }): void {
  ctx.fillStyle = PLOT_BACKGROUND;
  ctx.fillRect(0, 0, size.width, size.height);
  ctx.strokeStyle = PLOT_FRAME;
  ctx.lineWidth = 1;
  ctx.strokeRect(0.5, 0.5, size.width - 1, size.height - 1);
  ctx.globalAlpha = POINT_OPACITY;
  const r = model.radius;
  groups.forEach((group, c) => {
    ctx.fillStyle = model.colours[c];
    ctx.beginPath();
    for (const i of group) {
      const x = px[i * 2];
      const y = px[i * 2 + 1];
      ctx.moveTo(x + r, y);
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
    ctx.fill();
  });
  ctx.globalAlpha = 1;
}
