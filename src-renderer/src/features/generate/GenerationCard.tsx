import { ActionIcon, Badge, Button, Card, Group, Image, Modal, SimpleGrid, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconRecycle, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import type { GenerationView } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { useStudio } from '../../api/studio-context';
import { SAMPLERS } from './generate-form';

export function settingsLine(g: GenerationView): string {
  const s = g.settings as { steps?: number; cfgScale?: number; width?: number; height?: number; sampler?: string };
  const sampler = SAMPLERS.find((x) => x.value === s.sampler)?.label ?? s.sampler;
  return `seed ${g.seed} · ${sampler} · ${s.steps} steps · CFG ${s.cfgScale} · ${s.width}×${s.height}`;
}

/** One result: its images, its prompt and settings, its blend; "Reuse these settings" puts them back in the form. */
export function GenerationCard({ generation, onReuse }: { generation: GenerationView; onReuse: () => void }) {
  const client = useStudio();
  const remove = useStudioMutation('generations.delete');
  const [zoomed, setZoomed] = useState<string | null>(null);
  return (
    <Card withBorder padding="xs" data-testid="generation-card">
      <Card.Section>
        <SimpleGrid cols={generation.media.length > 1 ? 2 : 1} spacing={2}>
          {generation.media.map((media, i) => (
            <UnstyledButton key={media} onClick={() => setZoomed(media)} aria-label={`Show image ${i + 1} large`}>
              <Image src={client.mediaUrl(media)} alt={generation.prompt || 'generated image'} fit="contain" h={200} bg="dark.8" style={{ imageRendering: 'pixelated' }} data-testid="generated-image" />
            </UnstyledButton>
          ))}
        </SimpleGrid>
      </Card.Section>
      <Text size="sm" mt="xs" lineClamp={2} title={generation.prompt}>
        {generation.prompt || <em>no prompt</em>}
      </Text>
      <Text size="xs" c="dimmed">
        {settingsLine(generation)}
      </Text>
      {generation.adapters.length > 0 && (
        <Group gap={4} mt={4}>
          {generation.adapters.map((a) => (
            <Badge key={`${a.adapterId}-${a.modelId}`} size="xs" variant="light" tt="none">
              {a.name} {a.weight}
            </Badge>
          ))}
        </Group>
      )}
      <Group justify="space-between" mt="xs" wrap="nowrap" gap={4}>
        <Button size="compact-xs" variant="light" leftSection={<IconRecycle size={14} />} onClick={onReuse}>
          Reuse these settings
        </Button>
        <Tooltip label="Delete this result and its image files">
          <ActionIcon variant="subtle" color="red" aria-label="Delete this result" loading={remove.isPending} onClick={() => remove.mutate({ generationId: generation.id })}>
            <IconTrash size={16} />
          </ActionIcon>
        </Tooltip>
      </Group>
      <Modal opened={zoomed !== null} onClose={() => setZoomed(null)} size="auto" title={settingsLine(generation)} centered>
        {zoomed && <img src={client.mediaUrl(zoomed)} alt={generation.prompt} style={{ display: 'block', minWidth: 384, maxWidth: '85vw', maxHeight: '80vh', imageRendering: 'pixelated' }} />}
      </Modal>
    </Card>
  );
}
