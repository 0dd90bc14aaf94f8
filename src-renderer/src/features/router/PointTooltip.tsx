import { Group, Stack, Text } from '@mantine/core';
import type { RouterEmbeddingView, RouterStudyView } from '../../../../src-main/contract';
import { MediaImage } from '../../components/MediaImage';

/** What one point is: its image (a thumbnail), the prompt, the step, and the branch its routes lean to. */
export function PointTooltip({ study, view, point }: { study: RouterStudyView; view: RouterEmbeddingView; point: number }) {
  const { image: index, step } = view.sources[point];
  const image = study.images[index];
  return (
    <Group gap="xs" wrap="nowrap" align="flex-start">
      <MediaImage media={image.media} alt={`Image ${index + 1}: ${image.prompt}`} w={72} h={72} fit="cover" radius="sm" />
      <Stack gap={2} miw={0}>
        <Text size="sm" lineClamp={3} data-testid="tooltip-prompt">
          {image.prompt}
        </Text>
        <Text size="xs" c="dimmed" data-testid="tooltip-step">
          Step {step + 1} of {study.steps} · image {index + 1}
        </Text>
        <Text size="xs" c="dimmed">
          {image.theme} · seed {image.seed} · branch {view.dominant[point]} leads
        </Text>
      </Stack>
    </Group>
  );
}
