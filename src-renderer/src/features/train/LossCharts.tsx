import { Card, Grid, Text } from '@mantine/core';
import { useMemo } from 'react';
import type { RunMetric } from '../../../../src-main/contract';
import { formatFigure } from '../../components/format';
import { LineChart, type ChartSeries } from '../../components/LineChart';

const PALETTE = ['#9775fa', '#20c997', '#ffa94d', '#4dabf7', '#f783ac', '#ffd43b'];

/** Loss per term (the objective's named parts when there are several) and the learning rate, by step. */
export function LossCharts({ metrics }: { metrics: RunMetric[] }) {
  const { x, losses, series, lr } = useMemo(() => {
    const terms = [...new Set(metrics.flatMap((m) => Object.keys(m.terms)))];
    const shownTerms = terms.length > 1 ? terms : [];
    return {
      x: metrics.map((m) => m.step),
      losses: [metrics.map((m) => m.loss), ...shownTerms.map((t) => metrics.map((m) => m.terms[t] ?? null))],
      series: [{ label: 'loss', color: PALETTE[0] }, ...shownTerms.map((t, i) => ({ label: t, color: PALETTE[(i + 1) % PALETTE.length] }))] as ChartSeries[],
      lr: [metrics.map((m) => m.lr)],
    };
  }, [metrics]);
  if (metrics.length === 0) {
    return (
      <Card withBorder padding="lg">
        <Text c="dimmed" ta="center">
          The loss curve appears with the first training step.
        </Text>
      </Card>
    );
  }
  return (
    <Grid gap="sm">
      <Grid.Col span={{ base: 12, md: 8 }}>
      <Card withBorder padding="xs">
        <Text size="sm" fw={500} mb={4}>
          Loss
        </Text>
        <LineChart x={x} ys={losses} series={series} label="Training loss by step" yFormat={formatFigure} />
      </Card>
      </Grid.Col>
      <Grid.Col span={{ base: 12, md: 4 }}>
      <Card withBorder padding="xs">
        <Text size="sm" fw={500} mb={4}>
          Learning rate
        </Text>
        <LineChart x={x} ys={lr} series={[{ label: 'lr', color: PALETTE[3] }]} label="Learning rate by step" yFormat={formatFigure} />
      </Card>
      </Grid.Col>
    </Grid>
  );
}
