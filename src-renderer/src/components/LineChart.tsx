import { Box } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';

export interface ChartSeries {
  label: string;
  color: string;
}

// Steps are whole numbers: ticks only at these spacings.
const STEP_INCREMENTS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 2500, 5000, 10_000, 20_000, 50_000, 100_000];
const AXIS = { stroke: '#a6a7ab', grid: { stroke: '#2c2e33', width: 1 }, ticks: { stroke: '#373a40', width: 1 } };

/**
 * Lines over training steps, drawn by uPlot: `x` is the step, each of `ys` one series (null
 * where a series has no value). Made once per set of series; new points only update its data.
 */
export function LineChart({ x, ys, series, height = 220, label, yFormat }: { x: number[]; ys: (number | null)[][]; series: ChartSeries[]; height?: number; label: string; yFormat?: (v: number) => string }) {
  const { ref: sizeRef, width } = useElementSize();
  const target = useRef<HTMLDivElement>(null);
  const chart = useRef<uPlot | null>(null);
  const seriesKey = series.map((s) => s.label).join('|');

  useEffect(() => {
    if (!target.current || width === 0) return;
    const options: uPlot.Options = {
      width,
      height,
      // A legend only tells series apart; one series needs none.
      legend: { show: series.length > 1 },
      cursor: { drag: { x: true, y: false } },
      scales: { x: { time: false } },
      axes: [
        { ...AXIS, label: 'step', incrs: STEP_INCREMENTS },
        { ...AXIS, size: 64, ...(yFormat && { values: (_u, values) => values.map(yFormat) }) },
      ],
      series: [{ label: 'step' }, ...series.map((s) => ({ label: s.label, stroke: s.color, width: 1.5, spanGaps: true, points: { show: x.length < 40 } }))],
    };
    chart.current = new uPlot(options, [x, ...ys] as uPlot.AlignedData, target.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // Rebuilt only when the series or the size change; new points go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [seriesKey, width, height]);

  useEffect(() => {
    chart.current?.setData([x, ...ys] as uPlot.AlignedData);
  }, [x, ys]);

  return (
    <Box ref={sizeRef} w="100%" role="img" aria-label={label} data-testid="line-chart" data-points={x.length}>
      <div ref={target} />
    </Box>
  );
}
