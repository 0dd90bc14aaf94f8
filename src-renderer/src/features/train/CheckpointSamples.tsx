import { Badge, Button, Card, Group, Image, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck } from '@tabler/icons-react';
import { Link } from 'react-router';
import type { RunDetail } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { useStudio } from '../../api/studio-context';

/**
 * The samples drawn at each checkpoint (the same prompts and seeds every time), newest first,
 * and "Use this checkpoint": the paper stops early, and so can you.
 */
export function CheckpointSamples({ detail }: { detail: RunDetail }) {
  const client = useStudio();
  const use = useStudioMutation('runs.useCheckpoint');
  const prompts = ((detail.run.config.samples as { prompts?: string[] } | undefined)?.prompts ?? []) as string[];
  const steps = [...new Set([...detail.checkpoints.map((c) => c.step), ...detail.samples.map((s) => s.step)])].sort((a, b) => b - a);
  if (steps.length === 0) {
    return (
      <Text c="dimmed" size="sm">
        Checkpoints and their sample images appear here as the run saves them.
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="checkpoints">
      <Title order={4}>Checkpoints</Title>
      {steps.map((step) => {
        const checkpoint = detail.checkpoints.find((c) => c.step === step);
        const samples = detail.samples.filter((s) => s.step === step).sort((a, b) => a.position - b.position);
        return (
          <Card key={step} withBorder padding="sm" data-testid="checkpoint-row" data-step={step}>
            <Group justify="space-between" mb={samples.length > 0 ? 'xs' : 0}>
              <Text fw={600}>Step {step}</Text>
              {checkpoint?.adapterId ? (
                <Group gap="xs">
                  <Badge color="teal" variant="light" leftSection={<IconCheck size={12} />}>
                    In this project’s adapters
                  </Badge>
                  <Button component={Link} to={`/p/${detail.run.projectId}/generate`} size="xs" variant="subtle">
                    Generate with it
                  </Button>
                </Group>
              ) : checkpoint ? (
                <Button size="xs" variant="light" loading={use.isPending && use.variables?.step === step} onClick={() => use.mutate({ runId: detail.run.id, step })}>
                  Use this checkpoint
                </Button>
              ) : (
                <Text size="xs" c="dimmed">
                  samples only (no checkpoint kept at this step)
                </Text>
              )}
            </Group>
            {samples.length > 0 && (
              <SimpleGrid cols={{ base: 2, sm: 3, md: 4 }} spacing="xs">
                {samples.map((s) => (
                  <Tooltip key={s.position} label={prompts[s.position] ?? `sample ${s.position + 1}`} withArrow>
                    <Image src={client.mediaUrl(s.media)} alt={`Sample at step ${step}: ${prompts[s.position] ?? s.position + 1}`} radius="sm" fit="contain" h={160} bg="dark.8" style={{ imageRendering: 'pixelated' }} data-testid="sample-image" />
                  </Tooltip>
                ))}
              </SimpleGrid>
            )}
          </Card>
        );
      })}
    </Stack>
  );
}
