import { Box, Group, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import type { RouterStudyView } from '../../../../src-main/contract';
import { categoryColours, viridis } from './colours';
import { CARD_WIDTH, LayerCard } from './LayerCard';
import { LayerDetail } from './LayerDetail';
import { LAYER_SORTS, orderLayers, roleCounts, type LayerSort } from './layer-order';

/**
 * Every routed layer at once as small multiples (heat map, usage bar, what they say) on one
 * colour scale, so 64 layers scan at a glance; sorted or filtered to find dominant or dead
 * branches; a click opens one layer large.
 */
export function LayerOverview({ study }: { study: RouterStudyView }) {
  const [sort, setSort] = useState<LayerSort>('network');
  const [find, setFind] = useState('');
  const [open, setOpen] = useState<number | null>(null);
  // A loop, not Math.max(...): 64 layers x 150 steps x K values overflow the argument list.
  const max = useMemo(() => study.summary.meanByStep.flat(2).reduce((m, v) => Math.max(m, v), 1e-9), [study]);
  const colours = useMemo(() => categoryColours(study.k), [study.k]);
  const shown = orderLayers(study, sort, find);
  const counts = roleCounts(study.roles);
  return (
    <Stack gap="md">
      <Text size="sm" data-testid="layer-summary">
        {study.layers.length} routed layers, K = {study.k}: {counts.led} led by one branch, {counts.even} split evenly, {counts.withDead} with dead branches. Each map shows a layer’s mean route probability per branch (rows) over the denoising steps (columns); the bar under it, each branch’s share overall.
      </Text>
      <Group justify="space-between" wrap="wrap">
        <Group gap="sm">
          <TextInput size="xs" leftSection={<IconSearch size={14} />} placeholder="down1, attn2, mid …" aria-label="Find layers" value={find} onChange={(e) => setFind(e.currentTarget.value)} w={200} />
          <Select size="xs" aria-label="Order layers by" data={LAYER_SORTS} value={sort} onChange={(v) => v && setSort(v as LayerSort)} allowDeselect={false} w={200} />
        </Group>
        <Group gap={6} wrap="nowrap">
          <Text size="xs" c="dimmed">
            0
          </Text>
          <Box w={140} h={10} style={{ borderRadius: 2, background: `linear-gradient(to right, ${[0, 0.25, 0.5, 0.75, 1].map(viridis).join(', ')})` }} />
          <Text size="xs" c="dimmed">
            {max.toFixed(2)} mean route probability
          </Text>
        </Group>
      </Group>
      {open !== null && <LayerDetail study={study} layer={open} max={max} colours={colours} onClose={() => setOpen(null)} />}
      <Box style={{ display: 'grid', gridTemplateColumns: `repeat(auto-fill, minmax(${CARD_WIDTH}px, 1fr))`, gap: 8 }}>
        {shown.map((l) => (
          <LayerCard key={l} study={study} layer={l} max={max} colours={colours} active={open === l} onOpen={() => setOpen(l)} />
        ))}
      </Box>
      {shown.length === 0 && <Text c="dimmed">No layer’s name holds “{find}”.</Text>}
    </Stack>
  );
}
