import { Select, Stack, Text } from '@mantine/core';
import { useStudioQuery } from '../../api/queries';
import { FULL_BLOCKS, useGenerateFormContext } from './generate-form';
import { MixerRow } from './MixerRow';

/** The blend: any number of the project's adapters and the library's LoRAs, each with its weight. */
export function AdapterMixer({ projectId }: { projectId: number }) {
  const form = useGenerateFormContext();
  const adapters = useStudioQuery('adapters.list', { projectId });
  const models = useStudioQuery('models.list', {});
  const inMix = new Set(form.values.mix.map((m) => m.source));
  const options = [
    { group: 'This project', items: (adapters.data ?? []).map((a) => ({ value: `a:${a.id}`, label: a.name })) },
    { group: 'Library LoRAs', items: (models.data ?? []).filter((m) => m.kind === 'lora').map((m) => ({ value: `m:${m.id}`, label: m.name })) },
  ]
    .map((g) => ({ ...g, items: g.items.filter((i) => !inMix.has(i.value)) }))
    .filter((g) => g.items.length > 0);
  const add = (source: string | null) => {
    const label = options.flatMap((g) => g.items).find((i) => i.value === source)?.label;
    if (!source || !label) return;
    form.insertListItem('mix', { source, name: label, weight: 1, blockWeights: FULL_BLOCKS, steps: [0, 1] });
  };
  return (
    <Stack gap="xs">
      <Text size="sm" fw={500}>
        Adapters
      </Text>
      {form.values.mix.map((entry, index) => (
        <MixerRow key={entry.source} index={index} />
      ))}
      <Select
        aria-label="Add an adapter to the blend"
        placeholder={options.length > 0 ? 'Add an adapter…' : form.values.mix.length > 0 ? 'Every adapter is in the blend' : 'No adapters yet: train or import one'}
        data={options}
        value={null}
        onChange={add}
        searchable
        disabled={options.length === 0}
      />
    </Stack>
  );
}
