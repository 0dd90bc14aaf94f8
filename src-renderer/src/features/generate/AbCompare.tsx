import { Button, Card, Group, Image, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { GenerationView } from '../../../../src-main/contract';
import { useStudioMutation } from '../../api/queries';
import { useStudio } from '../../api/studio-context';
import { startInput, useGenerateFormContext } from './generate-form';
import { GenerationJob } from './GenerationJob';

interface Pair {
  seed: number;
  name: string;
  weight: number;
  withJob: string;
  withoutJob: string;
}

/** The same seed and settings twice, with and without one adapter of the blend, side by side: what that adapter does. */
export function AbCompare({ projectId }: { projectId: number }) {
  const client = useStudio();
  const form = useGenerateFormContext();
  const start = useStudioMutation('generations.start');
  const [choice, setChoice] = useState<string | null>(null);
  const [pair, setPair] = useState<Pair | null>(null);
  const [results, setResults] = useState<{ with?: GenerationView; without?: GenerationView }>({});
  const mix = form.values.mix;
  const entry = mix.find((m) => m.source === choice) ?? mix[0];
  const ready = entry !== undefined && form.values.modelId !== null;

  const compare = async () => {
    if (!entry) return;
    const seed = form.values.seedLocked ? form.values.seed : Math.floor(Math.random() * 2 ** 32);
    try {
      const withIt = await start.mutateAsync(startInput(projectId, form.values, { seed }));
      const without = await start.mutateAsync(startInput(projectId, form.values, { seed, mix: mix.filter((m) => m.source !== entry.source) }));
      setResults({});
      setPair({ seed, name: entry.name, weight: entry.weight, withJob: withIt.jobId, withoutJob: without.jobId });
    } catch {
      // Shown already: every failed call becomes a notification saying what to do.
    }
  };

  const side = (key: 'with' | 'without', jobId: string, title: string) => (
    <Card withBorder padding="sm" data-testid={`ab-${key}`}>
      <Text fw={500} mb="xs">
        {title}
      </Text>
      <GenerationJob jobId={jobId} label={title} onResult={(r) => setResults((prev) => ({ ...prev, [key]: r.generation }))} />
      {results[key] && (
        <Image src={client.mediaUrl(results[key].media[0])} alt={title} fit="contain" h={320} bg="dark.8" radius="sm" style={{ imageRendering: 'pixelated' }} data-testid="ab-image" />
      )}
    </Card>
  );

  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        Generates the form’s settings twice with one seed: once with the whole blend, once without the adapter you pick.
      </Text>
      <Group align="flex-end">
        <Select
          label="Adapter to compare"
          placeholder={mix.length === 0 ? 'Add adapters to the blend first' : undefined}
          data={mix.map((m) => ({ value: m.source, label: `${m.name} (${m.weight})` }))}
          value={entry?.source ?? null}
          onChange={setChoice}
          disabled={mix.length === 0}
          allowDeselect={false}
          w={300}
        />
        <Button onClick={() => void compare()} disabled={!ready} loading={start.isPending}>
          Compare A / B
        </Button>
      </Group>
      {pair && (
        <>
          <Text size="sm">
            Seed {pair.seed}: left with {pair.name} at {pair.weight}, right without it.
          </Text>
          <SimpleGrid cols={2} spacing="md">
            {side('with', pair.withJob, `A · with ${pair.name}`)}
            {side('without', pair.withoutJob, `B · without ${pair.name}`)}
          </SimpleGrid>
        </>
      )}
    </Stack>
  );
}
