/**
 * Sizes a canvas for sharp drawing on this screen (device pixels behind CSS pixels) and returns
 * its context, scaled so that drawing code counts in CSS pixels. Resizing clears it; otherwise
 * the caller clears what it redraws.
 */
export function sizedContext(canvas: HTMLCanvasElement, width: number, height: number): CanvasRenderingContext2D | null {
  const ratio = window.devicePixelRatio || 1;
  const w = Math.round(width * ratio);
  const h = Math.round(height * ratio);
  if (canvas.width !== w || canvas.height !== h) {
    canvas.width = w;
    canvas.height = h;
  }
  const ctx = canvas.getContext('2d');
  ctx?.setTransform(ratio, 0, 0, ratio, 0, 0);
  return ctx;
}
