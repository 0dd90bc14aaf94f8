import { Card, Group, SimpleGrid, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import type { RouterEmbeddingView, RouterStudyView } from '../../../../src-main/contract';
import { MediaImage } from '../../components/MediaImage';
import { stepRanges } from './step-ranges';

const SHOWN = 60;

/** The images behind the selected points, with the steps of each that fell inside, most points first. */
export function SelectionImages({ study, view, points, onClear }: { study: RouterStudyView; view: RouterEmbeddingView; points: readonly number[]; onClear: () => void }) {
  const stepsOf = new Map<number, number[]>();
  for (const p of points) {
    const { image, step } = view.sources[p];
    stepsOf.set(image, [...(stepsOf.get(image) ?? []), step + 1]);
  }
  const images = [...stepsOf.entries()].sort((a, b) => b[1].length - a[1].length || a[0] - b[0]);
  return (
    <Card withBorder padding="sm" data-testid="map-selection">
      <Group justify="space-between" mb="xs">
        <Title order={5}>
          {points.length} point{points.length === 1 ? '' : 's'} from {images.length} image{images.length === 1 ? '' : 's'}
        </Title>
        <UnstyledButton onClick={onClear}>
          <Text size="xs" c="dimmed" td="underline">
            Clear the selection
          </Text>
        </UnstyledButton>
      </Group>
      <SimpleGrid cols={{ base: 2, sm: 4, lg: 6 }} spacing="xs">
        {images.slice(0, SHOWN).map(([index, steps]) => {
          const image = study.images[index];
          return (
            <Stack key={index} gap={2} data-testid="selected-image">
              <MediaImage media={image.media} alt={`Image ${index + 1}: ${image.prompt}`} radius="sm" fit="cover" style={{ aspectRatio: '1' }} />
              <Text size="xs" lineClamp={2} title={image.prompt}>
                {image.prompt}
              </Text>
              <Text size="xs" c="dimmed">
                seed {image.seed} · {steps.length === study.steps ? 'every step' : `step${steps.length === 1 ? '' : 's'} ${stepRanges(steps)}`}
              </Text>
            </Stack>
          );
        })}
      </SimpleGrid>
      {images.length > SHOWN && (
        <Text size="xs" c="dimmed" mt="xs">
          and {images.length - SHOWN} more images: select a smaller region to see them.
        </Text>
      )}
    </Card>
  );
}
