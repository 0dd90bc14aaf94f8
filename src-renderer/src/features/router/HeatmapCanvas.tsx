import { useEffect, useRef, type PointerEvent } from 'react';
import { sizedContext } from './canvas-size';
import { viridis } from './colours';

export interface HeatCell {
  step: number;
  branch: number;
  value: number;
}

/**
 * One layer's mean route probabilities as a heat map: branches down (0 at the top), denoising
 * steps across (the first at the left), on the colour scale 0 to `max` shared by every layer.
 */
export function HeatmapCanvas({ byStep, max, width, height, label, onCell }: { byStep: number[][]; max: number; width: number; height: number; label: string; onCell?: (cell: HeatCell | null) => void }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const steps = byStep.length;
  const k = byStep[0]?.length ?? 0;
  useEffect(() => {
    const ctx = canvas.current && width > 0 ? sizedContext(canvas.current, width, height) : null;
    if (!ctx) return;
    const w = width / Math.max(1, steps);
    const h = height / Math.max(1, k);
    byStep.forEach((branches, s) =>
      branches.forEach((p, j) => {
        ctx.fillStyle = viridis(p / max);
        // Cells overlap by a hair so no seams show between them.
        ctx.fillRect(s * w, j * h, w + 0.5, h + 0.5);
      }),
    );
  }, [byStep, max, width, height, steps, k]);
  const cellAt = (e: PointerEvent<HTMLCanvasElement>): HeatCell | null => {
    const r = e.currentTarget.getBoundingClientRect();
    const step = Math.floor(((e.clientX - r.left) / r.width) * steps);
    const branch = Math.floor(((e.clientY - r.top) / r.height) * k);
    return step >= 0 && step < steps && branch >= 0 && branch < k ? { step, branch, value: byStep[step][branch] } : null;
  };
  return (
    <canvas
      ref={canvas}
      role="img"
      aria-label={label}
      data-testid="layer-heatmap"
      style={{ width, height, display: 'block', borderRadius: 2 }}
      onPointerMove={onCell && ((e) => onCell(cellAt(e)))}
      onPointerLeave={onCell && (() => onCell(null))}
    />
  );
}
