/** A rectangle being dragged, in CSS pixels (corners in the order the pointer made them). */
export interface DragBox {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

export const normalised = (d: DragBox) => ({ left: Math.min(d.x0, d.x1), top: Math.min(d.y0, d.y1), right: Math.max(d.x0, d.x1), bottom: Math.max(d.y0, d.y1) });

/** Points inside the rectangle, by index. */
export function pointsInside(px: Float32Array, drag: DragBox): number[] {
  const { left, top, right, bottom } = normalised(drag);
  const inside: number[] = [];
  for (let i = 0; i < px.length / 2; i++) {
    const x = px[i * 2];
    const y = px[i * 2 + 1];
    if (x >= left && x <= right && y >= top && y <= bottom) inside.push(i);
  }
  return inside;
}

/** Rings around the chosen points: drawn on their own layer, so the plot under them is not redrawn. */
export function drawRings(ctx: CanvasRenderingContext2D, px: Float32Array, points: readonly number[], radius: number, colour: string, width: number): void {
  ctx.strokeStyle = colour;
  ctx.lineWidth = width;
  ctx.beginPath();
  for (const i of points) {
    ctx.moveTo(px[i * 2] + radius, px[i * 2 + 1]);
    ctx.arc(px[i * 2], px[i * 2 + 1], radius, 0, 2 * Math.PI);
  }
  ctx.stroke();
}

export function drawDragBox(ctx: CanvasRenderingContext2D, drag: DragBox): void {
  const { left, top, right, bottom } = normalised(drag);
  ctx.fillStyle = 'rgba(151, 117, 250, 0.12)';
  ctx.fillRect(left, top, right - left, bottom - top);
  ctx.strokeStyle = '#9775fa';
  ctx.lineWidth = 1;
  ctx.setLineDash([4, 3]);
  ctx.strokeRect(left + 0.5, top + 0.5, right - left, bottom - top);
  ctx.setLineDash([]);
}
