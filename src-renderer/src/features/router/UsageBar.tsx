import { Box, Group, Tooltip } from '@mantine/core';

/** A layer's branch usage as one stacked bar: each branch's share of the routes, in the branch's colour. */
export function UsageBar({ usage, colours, height = 8 }: { usage: readonly number[]; colours: readonly string[]; height?: number }) {
  return (
    <Group gap={0} wrap="nowrap" h={height} style={{ borderRadius: 2, overflow: 'hidden' }} data-testid="usage-bar">
      {usage.map((share, j) => (
        <Tooltip key={j} label={`branch ${j}: ${(share * 100).toFixed(1)}% of the routes`} openDelay={150}>
          <Box h="100%" w={`${share * 100}%`} bg={colours[j]} />
        </Tooltip>
      ))}
    </Group>
  );
}
