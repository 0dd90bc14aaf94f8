import { Group, NumberInput, Select, SimpleGrid, Switch } from '@mantine/core';
import { useRunFormContext } from './run-form';

/** The adapter's shape: method, rank, alpha, and StyleInject's K, DMA and STA. */
export function AdapterFields() {
  const form = useRunFormContext();
  const styleInject = form.values.method === 'styleinject';
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <Select
        label="Method"
        description="StyleInject routes among K style directions; LoRA is the plain low-rank adapter"
        data={[
          { value: 'styleinject', label: 'StyleInject' },
          { value: 'lora', label: 'LoRA' },
        ]}
        allowDeselect={false}
        {...form.getInputProps('method')}
      />
      <NumberInput label="Rank" description="Width of the adapter: more learns finer detail, costs memory (paper: 32)" min={1} max={1024} {...form.getInputProps('rank')} />
      <NumberInput label="Alpha" description="Output scale alpha / rank; empty uses the rank (scale 1)" min={0.01} placeholder="= rank" {...form.getInputProps('alpha')} />
      {styleInject && <NumberInput label="Style directions (K)" description="Down matrices the router chooses among (paper: 16)" min={1} max={64} {...form.getInputProps('k')} />}
      {styleInject && (
        <Group gap="xl" mt="xs">
          <Switch label="DMA" description="The router mixes the K directions per image" {...form.getInputProps('dma', { type: 'checkbox' })} />
          <Switch label="STA" description="Rescale features around their mean (AdaIN)" {...form.getInputProps('sta', { type: 'checkbox' })} />
        </Group>
      )}
    </SimpleGrid>
  );
}
