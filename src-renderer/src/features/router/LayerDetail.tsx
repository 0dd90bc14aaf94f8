import { Box, Card, CloseButton, Group, Stack, Text, Title } from '@mantine/core';
import { useElementSize } from '@mantine/hooks';
import { useState } from 'react';
import type { RouterStudyView } from '../../../../src-main/contract';
import { HeatmapCanvas, type HeatCell } from './HeatmapCanvas';
import { RoleBadges } from './RoleBadges';
import { UsageBar } from './UsageBar';

const AXIS_WIDTH = 64;

/** One layer large: its heat map with labelled axes and the value under the pointer, and each branch's share. */
export function LayerDetail({ study, layer, max, colours, onClose }: { study: RouterStudyView; layer: number; max: number; colours: string[]; onClose: () => void }) {
  const { ref, width } = useElementSize();
  const [cell, setCell] = useState<HeatCell | null>(null);
  const label = study.layerLabels[layer];
  const rowHeight = Math.max(10, Math.min(28, 360 / study.k));
  const usage = study.summary.usage[layer];
  return (
    <Card withBorder padding="md" data-testid="layer-detail">
      <Group justify="space-between" align="flex-start" mb="sm">
        <Stack gap={2}>
          <Title order={5}>{label}</Title>
          <Text size="xs" c="dimmed">
            {study.layers[layer]}
          </Text>
        </Stack>
        <Group gap="xs">
          <RoleBadges roles={study.roles[layer]} />
          <CloseButton aria-label="Close the layer" onClick={onClose} />
        </Group>
      </Group>
      <Group gap={6} align="flex-start" wrap="nowrap">
        <Stack gap={0} w={AXIS_WIDTH} miw={AXIS_WIDTH}>
          {usage.map((_, j) => (
            <Group key={j} h={rowHeight} gap={4} justify="flex-end" wrap="nowrap">
              <Text size="xs" c="dimmed" lh={1}>
                branch {j}
              </Text>
              <Box w={8} h={8} bg={colours[j]} style={{ borderRadius: '50%' }} />
            </Group>
          ))}
        </Stack>
        <Box ref={ref} style={{ flex: 1 }}>
          <HeatmapCanvas byStep={study.summary.meanByStep[layer]} max={max} width={width} height={rowHeight * study.k} label={`Heat map of ${label}: branches down, steps across`} onCell={setCell} />
          <Group justify="space-between" mt={2}>
            <Text size="xs" c="dimmed">
              step 1 (noisy)
            </Text>
            <Text size="xs" c="dimmed">
              denoising steps →
            </Text>
            <Text size="xs" c="dimmed">
              step {study.steps} (clean)
            </Text>
          </Group>
        </Box>
      </Group>
      <Text size="sm" mt="xs" mih={22} data-testid="heat-readout">
        {cell ? `Branch ${cell.branch} at step ${cell.step + 1} of ${study.steps}: mean route probability ${cell.value.toFixed(3)}` : 'Point at a cell to read its value.'}
      </Text>
      <Text size="xs" c="dimmed" mt="sm" mb={4}>
        Share of the routes over all images and steps (a fair share is 1/K = {(1 / study.k).toFixed(3)})
      </Text>
      <UsageBar usage={usage} colours={colours} height={14} />
    </Card>
  );
}
