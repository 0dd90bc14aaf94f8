import { Box, Paper } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { quadtree } from 'd3-quadtree';
import { useEffect, useMemo, useRef, useState, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { sizedContext } from './canvas-size';
import { drawDragBox, drawRings, pointsInside, type DragBox } from './draw-overlay';
import { drawScatter, pixelPositions, plotBox, pointsByColour } from './draw-scatter';
import type { ScatterModel } from './scatter-model';

const HIT_RADIUS = 10;
const DRAG_THRESHOLD = 4;
const TOOLTIP = { width: 260, offset: 14 };

interface Hover {
  point: number;
  x: number;
  y: number;
}

/**
 * The embedding's points on a canvas, in three layers so that only what changes is redrawn: the
 * points (when the data, colouring or size change), the selection's rings, and the hover ring
 * or the rectangle being dragged. Hover finds the nearest point through a quadtree; dragging a
 * rectangle selects the points inside; a click selects the point's image. Arrow keys walk the
 * points, Enter selects, Escape clears.
 */
export function ScatterPlot({
  model,
  height,
  selected,
  label,
  tooltip,
  onSelect,
  onPick,
}: {
  model: ScatterModel;
  height: number;
  selected: readonly number[];
  label: string;
  tooltip: (point: number) => ReactNode;
  onSelect: (points: number[]) => void;
  /** A click (or Enter) on one point. */
  onPick: (point: number) => void;
}) {
  const { ref, width } = useElementSize();
  const base = useRef<HTMLCanvasElement>(null);
  const rings = useRef<HTMLCanvasElement>(null);
  const pointer = useRef<HTMLCanvasElement>(null);
  const [hover, setHover] = useState<Hover | null>(null);
  const [drag, setDrag] = useState<DragBox | null>(null);
  const [drawMs, setDrawMs] = useState<number | null>(null);
  const px = useMemo(() => pixelPositions(model, plotBox(width, height)), [model, width, height]);
  const groups = useMemo(() => pointsByColour(model), [model]);
  const tree = useMemo(
    () =>
      quadtree<number>()
        .x((i) => px[i * 2])
        .y((i) => px[i * 2 + 1])
        .addAll(Array.from({ length: px.length / 2 }, (_, i) => i)),
    [px],
  );

  useEffect(() => {
    const ctx = base.current && width > 0 ? sizedContext(base.current, width, height) : null;
    if (!ctx) return;
    const started = performance.now();
    drawScatter(ctx, model, px, groups, { width, height });
    setDrawMs(performance.now() - started);
  }, [model, px, groups, width, height]);

  useEffect(() => {
    const ctx = rings.current && width > 0 ? sizedContext(rings.current, width, height) : null;
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    drawRings(ctx, px, selected, model.radius + 1.5, '#ffffff', 1.25);
  }, [px, selected, model.radius, width, height]);

  useEffect(() => {
    const ctx = pointer.current && width > 0 ? sizedContext(pointer.current, width, height) : null;
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    if (hover) drawRings(ctx, px, [hover.point], model.radius + 4, '#ffffff', 2);
    if (drag) drawDragBox(ctx, drag);
  }, [px, hover, drag, model.radius, width, height]);

  const at = (e: PointerEvent<HTMLCanvasElement>) => {
    const r = e.currentTarget.getBoundingClientRect();
    return { x: e.clientX - r.left, y: e.clientY - r.top };
  };
  const onPointerDown = (e: PointerEvent<HTMLCanvasElement>) => {
    e.currentTarget.setPointerCapture(e.pointerId);
    const { x, y } = at(e);
    setDrag({ x0: x, y0: y, x1: x, y1: y });
  };
  const onPointerMove = (e: PointerEvent<HTMLCanvasElement>) => {
    const { x, y } = at(e);
    if (drag) {
      setDrag({ ...drag, x1: x, y1: y });
      if (Math.hypot(x - drag.x0, y - drag.y0) > DRAG_THRESHOLD) return setHover(null);
    }
    const point = tree.find(x, y, HIT_RADIUS);
    setHover(point === undefined ? null : { point, x, y });
  };
  const onPointerUp = () => {
    if (!drag) return;
    const dragged = Math.hypot(drag.x1 - drag.x0, drag.y1 - drag.y0) > DRAG_THRESHOLD;
    if (dragged) onSelect(pointsInside(px, drag));
    else if (hover) onPick(hover.point);
    else onSelect([]);
    setDrag(null);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLCanvasElement>) => {
    const step = e.key === 'ArrowRight' || e.key === 'ArrowDown' ? 1 : e.key === 'ArrowLeft' || e.key === 'ArrowUp' ? -1 : 0;
    if (step !== 0 && model.count > 0) {
      e.preventDefault();
      const point = hover ? (hover.point + step + model.count) % model.count : 0;
      setHover({ point, x: px[point * 2], y: px[point * 2 + 1] });
    } else if (e.key === 'Enter' && hover) onPick(hover.point);
    else if (e.key === 'Escape') onSelect([]);
  };

  const layer = { position: 'absolute', inset: 0, width: '100%', height: '100%' } as const;
  return (
    <Box ref={ref} pos="relative" h={height} data-testid="route-map" data-points={model.count} data-draw-ms={drawMs?.toFixed(1)}>
      <canvas ref={base} style={layer} />
      <canvas ref={rings} style={layer} />
      <canvas
        ref={pointer}
        style={{ ...layer, cursor: hover ? 'pointer' : 'crosshair', touchAction: 'none' }}
        tabIndex={0}
        role="img"
        aria-label={label}
        onPointerDown={onPointerDown}
        onPointerMove={onPointerMove}
        onPointerUp={onPointerUp}
        onPointerLeave={() => !drag && setHover(null)}
        onKeyDown={onKeyDown}
        onBlur={() => setHover(null)}
      />
      {hover && !drag && (
        <Paper
          withBorder
          shadow="md"
          p="xs"
          w={TOOLTIP.width}
          pos="absolute"
          style={{ pointerEvents: 'none', zIndex: 2, ...tooltipPlace(hover, width, height) }}
          role="tooltip"
          data-testid="point-tooltip"
        >
          {tooltip(hover.point)}
        </Paper>
      )}
    </Box>
  );
}

/** Beside the pointer, flipped to the other side near the plot's right or bottom edge. */
function tooltipPlace({ x, y }: Hover, width: number, height: number) {
  const left = x + TOOLTIP.offset + TOOLTIP.width > width ? x - TOOLTIP.offset - TOOLTIP.width : x + TOOLTIP.offset;
  return y > height / 2 ? { left, bottom: height - y + TOOLTIP.offset } : { left, top: y + TOOLTIP.offset };
}
