import { Box, Group, ScrollArea, Stack, Text } from '@mantine/core';
import type { Legend } from './scatter-model';

/** What the colours mean: a swatch per theme, prompt or branch (with its point count), or the steps' ramp. */
export function ScatterLegend({ legend }: { legend: Legend }) {
  if (legend.kind === 'ramp') {
    return (
      <Group gap="xs" wrap="nowrap" align="stretch" data-testid="map-legend">
        <Box w={14} h={160} style={{ borderRadius: 3, background: `linear-gradient(to bottom, ${legend.colours.join(', ')})` }} />
        <Stack justify="space-between" gap={0}>
          <Text size="xs">{legend.first} (start, noisy)</Text>
          <Text size="xs">{legend.last} (end, clean)</Text>
        </Stack>
      </Group>
    );
  }
  return (
    <ScrollArea.Autosize mah={240} type="auto" data-testid="map-legend">
      <Stack gap={4}>
        {legend.entries.map((entry) => (
          <Group key={entry.label} gap={8} wrap="nowrap">
            <Box w={10} h={10} miw={10} style={{ borderRadius: '50%', background: entry.colour }} />
            <Text size="xs" truncate title={entry.label} style={{ flex: 1 }}>
              {entry.label}
            </Text>
            <Text size="xs" c="dimmed">
              {entry.count}
            </Text>
          </Group>
        ))}
      </Stack>
    </ScrollArea.Autosize>
  );
}
